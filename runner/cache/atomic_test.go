package cache

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	if err := WriteFile(name, []byte("one"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("two"), 0o640); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "two" {
		t.Fatalf("ReadFile = %q, %v; want two", got, err)
	}
	info, _ := os.Stat(name)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", info.Mode().Perm())
	}
	assertOnly(t, dir, "a.md")
}

func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	if err := os.WriteFile(name, []byte("read"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(name, []byte("read"), []byte("new")); err != nil {
		t.Fatalf("ReplaceFile of an unchanged file: %v", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "new" {
		t.Fatalf("file = %q, want new", got)
	}
	if info, _ := os.Stat(name); info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the file's own 0600", info.Mode().Perm())
	}

	// The author saved meanwhile: their bytes win.
	if err := os.WriteFile(name, []byte("edited"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := ReplaceFile(name, []byte("new"), []byte("newer"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("ReplaceFile of a changed file = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "edited" {
		t.Fatalf("file = %q, want the author's edit kept", got)
	}
	assertOnly(t, dir, "a.md")
}

// assertOnly fails unless dir holds exactly the named files: no
// temporary file is left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("%s holds %q, want %q", dir, got, names)
	}
	for i := range got {
		if got[i] != names[i] {
			t.Fatalf("%s holds %q, want %q", dir, got, names)
		}
	}
}
