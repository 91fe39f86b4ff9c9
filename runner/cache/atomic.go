package cache

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// ErrChanged reports that a file no longer holds the bytes a
// compare-and-swap expected: someone else wrote it meanwhile.
var ErrChanged = errors.New("changed on disk while pipedocs ran")

// TempPrefix returns the prefix of the temporary files WriteFile makes
// for name in name's own folder: hidden, and naming the process that
// made them, so a later start can tell a dead writer's leftovers.
func TempPrefix(name string) string {
	return "." + filepath.Base(name) + ".tmp-" + strconv.Itoa(os.Getpid()) + "-"
}

// WriteFile replaces name with data so that a reader, or a crash, sees
// either the old file or the new one, never half of one. The temporary
// file lives beside name, so the rename never crosses a file system, and
// is synced before the rename.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return replace(name, data, perm, nil)
}

// ReplaceFile is WriteFile as a compare-and-swap: just before the rename
// it reads name again, and if it no longer holds old it leaves the file
// as it is and returns an error wrapping ErrChanged. The file keeps its
// mode.
func ReplaceFile(name string, old, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	return replace(name, data, info.Mode().Perm(), old)
}

func replace(name string, data []byte, perm fs.FileMode, old []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), TempPrefix(name)+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if old != nil {
		now, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, old) {
			return fmt.Errorf("%s: %w", name, ErrChanged)
		}
	}
	return os.Rename(tmp.Name(), name)
}
