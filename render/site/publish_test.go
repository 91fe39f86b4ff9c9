package site

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// deadPID is above Linux's largest pid_max, so no process has it.
const deadPID = "99999999"

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func render(files map[string]string) func(string) error {
	return func(tmp string) error {
		for name, data := range files {
			p := filepath.Join(tmp, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

// entries lists parent, so tests can see that no temporary tree is left.
func entries(t *testing.T, parent string) []string {
	t.Helper()
	des, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range des {
		names = append(names, d.Name())
	}
	return names
}

func wantTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := readTree(t, dir)
	// A published tree lists its files in its Manifest.
	if m, ok := got[Manifest]; ok {
		names := slices.Sorted(maps.Keys(want))
		if w := manifestHeader + "\n" + strings.Join(names, "\n") + "\n"; string(m) != w {
			t.Errorf("%s/%s = %q, want %q", dir, Manifest, m, w)
		}
		delete(got, Manifest)
	}
	if len(got) != len(want) {
		t.Errorf("%s holds %d files, want %d: %v", dir, len(got), len(want), got)
	}
	for name, data := range want {
		if string(got[name]) != data {
			t.Errorf("%s/%s = %q, want %q", dir, name, got[name], data)
		}
	}
}

func TestPublish(t *testing.T) {
	oldSite := map[string]string{"index.html": "old", "gone/index.html": "old page"}
	newSite := map[string]string{"index.html": "new", "a/b/index.html": "new page"}

	// The two ways of swapping, and the first publish into a new directory.
	for _, tt := range []struct {
		name     string
		exchange bool
		existing bool
	}{
		{"exchange", true, true},
		{"rename fallback", false, true},
		{"no dest yet", true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.exchange {
				defer func(f func(a, b string) error) { exchangeDirs = f }(exchangeDirs)
				exchangeDirs = func(a, b string) error { return errNoExchange }
			}
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if tt.existing {
				writeFiles(t, dest, oldSite)
			}
			if err := Publish(context.Background(), dest, render(newSite)); err != nil {
				t.Fatal(err)
			}
			wantTree(t, dest, newSite)
			if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("left beside dest: %v", got)
			}
			info, err := os.Stat(dest)
			if err != nil || info.Mode().Perm() != 0o755 {
				t.Errorf("dest mode = %v, %v; want 0755", info.Mode(), err)
			}
		})
	}

	t.Run("render fails", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		writeFiles(t, dest, oldSite)
		boom := errors.New("boom")
		err := Publish(context.Background(), dest, func(tmp string) error {
			if err := render(newSite)(tmp); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		wantTree(t, dest, oldSite)
		if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
			t.Errorf("left beside dest: %v", got)
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		writeFiles(t, dest, oldSite)
		ctx, cancel := context.WithCancel(context.Background())
		err := Publish(ctx, dest, func(tmp string) error { cancel(); return render(newSite)(tmp) })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		wantTree(t, dest, oldSite)
	})

	t.Run("stale trees of killed runs", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		writeFiles(t, dest, oldSite)
		writeFiles(t, parent, map[string]string{
			".public.tmp-" + deadPID + "-123/index.html": "half",
			".public.old-" + deadPID + "-456/index.html": "older",
			".other.tmp-" + deadPID + "-1/x":             "not ours",
			".public.tmp-notapid-1/x":                    "not ours either",
		})
		// A live run's tree (this process stands in for it) is left alone.
		live := ".public.tmp-" + strconv.Itoa(os.Getpid()) + "-789"
		writeFiles(t, parent, map[string]string{live + "/index.html": "in progress"})

		if err := Publish(context.Background(), dest, render(newSite)); err != nil {
			t.Fatal(err)
		}
		wantTree(t, dest, newSite)
		want := []string{".other.tmp-" + deadPID + "-1", live, ".public.tmp-notapid-1", "public"}
		if got := entries(t, parent); !slices.Equal(got, want) {
			t.Errorf("beside dest:\n got %v\nwant %v", got, want)
		}
	})

	t.Run("killed between fallback renames", func(t *testing.T) {
		// dest is gone and the old tree is parked: the next run puts it
		// back before rendering, so a failing render leaves the old site.
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		writeFiles(t, filepath.Join(parent, ".public.old-"+deadPID+"-1"), oldSite)
		err := Publish(context.Background(), dest, func(string) error { return errors.New("boom") })
		if err == nil {
			t.Fatal("want the render error")
		}
		wantTree(t, dest, oldSite)
	})

	t.Run("dest is a file", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		writeFiles(t, filepath.Dir(dest), map[string]string{"public": "file"})
		if err := Publish(context.Background(), dest, render(newSite)); err == nil {
			t.Fatal("published over a file")
		}
	})
}

func TestParseTemp(t *testing.T) {
	tests := []struct {
		entry, kind string
		pid         int
		ok          bool
	}{
		{".public.tmp-42-abc", "tmp", 42, true},
		{".public.old-42-abc", "old", 42, true},
		{".public.new-42-abc", "", 0, false},
		{".public.tmp-42", "", 0, false},
		{".public.tmp-x-1", "", 0, false},
		{".public.tmp--1-1", "", 0, false},
		{".publicx.tmp-42-a", "", 0, false},
		{"public", "", 0, false},
	}
	for _, tt := range tests {
		kind, pid, ok := parseTemp(tt.entry, "public")
		if kind != tt.kind || pid != tt.pid || ok != tt.ok {
			t.Errorf("parseTemp(%q) = %q, %d, %v; want %q, %d, %v", tt.entry, kind, pid, ok, tt.kind, tt.pid, tt.ok)
		}
	}
}
