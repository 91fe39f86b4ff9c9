package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// quiet is short so the tests are fast, long enough that one burst of
// writes below is one batch even on a loaded machine.
const quiet = 150 * time.Millisecond

// session runs a Watcher over paths and hands its batches to the test.
type session struct {
	t       *testing.T
	batches chan []string
}

func start(t *testing.T, paths ...string) *session {
	t.Helper()
	w, err := New(quiet, paths...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &session{t: t, batches: make(chan []string, 16)}
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, func(p []string) { s.batches <- p }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after its context ended")
		}
	})
	return s
}

// next waits for the next batch.
func (s *session) next() []string {
	s.t.Helper()
	select {
	case b := <-s.batches:
		return b
	case <-time.After(5 * time.Second):
		s.t.Fatal("no change reported")
		return nil
	}
}

// none checks that no batch comes.
func (s *session) none() {
	s.t.Helper()
	select {
	case b := <-s.batches:
		s.t.Fatalf("unexpected change reported: %q", b)
	case <-time.After(4 * quiet):
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestChanges(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	themes := filepath.Join(root, "themes")
	config := filepath.Join(root, "pipedocs.toml")
	article := filepath.Join(content, "a", "one.md")
	write(t, article, "one")
	write(t, filepath.Join(root, "public", "index.html"), "old")

	tests := []struct {
		name   string
		change func(t *testing.T)
		want   []string // nil: no batch at all
	}{{
		name: "an editor's burst is one batch",
		change: func(t *testing.T) {
			write(t, filepath.Join(content, "a", ".one.md.swp"), "swap")
			write(t, filepath.Join(content, "a", "4913"), "")
			os.Remove(filepath.Join(content, "a", "4913"))
			write(t, article+"~", "backup")
			for i := range 5 {
				write(t, article, "one, saved "+string(rune('0'+i)))
				time.Sleep(quiet / 5)
			}
		},
		want: []string{article},
	}, {
		name: "a file in a new directory",
		change: func(t *testing.T) {
			write(t, filepath.Join(content, "b", "c", "two.md"), "two")
		},
		// The new directory for sure; what is inside it too when the
		// watch on it is in place before the file is written.
		want: []string{filepath.Join(content, "b"), filepath.Join(content, "b", "c"), filepath.Join(content, "b", "c", "two.md")},
	}, {
		name: "a file written into a directory created during the session",
		change: func(t *testing.T) {
			write(t, filepath.Join(content, "b", "c", "three.md"), "three")
		},
		want: []string{filepath.Join(content, "b", "c", "three.md")},
	}, {
		name: "a watched directory that did not exist",
		change: func(t *testing.T) {
			write(t, filepath.Join(themes, "mine", "layouts", "x.html"), "x")
		},
		// As above: the watched path, and whatever below it the watcher
		// was already watching when it was written.
		want: []string{themes, filepath.Join(themes, "mine"), filepath.Join(themes, "mine", "layouts"), filepath.Join(themes, "mine", "layouts", "x.html")},
	}, {
		name: "a watched file that did not exist",
		change: func(t *testing.T) {
			write(t, config, `title = "x"`)
		},
		want: []string{config},
	}, {
		name: "a rename, as editors save",
		change: func(t *testing.T) {
			tmp := filepath.Join(content, "a", "one.md.new")
			write(t, tmp, "renamed")
			if err := os.Rename(tmp, article); err != nil {
				t.Fatal(err)
			}
		},
		want: []string{article, article + ".new"},
	}, {
		name: "a removal",
		change: func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(content, "b")); err != nil {
				t.Fatal(err)
			}
		},
		want: []string{filepath.Join(content, "b"), filepath.Join(content, "b", "c"), filepath.Join(content, "b", "c", "three.md"), filepath.Join(content, "b", "c", "two.md")},
	}, {
		name: "paths not watched, and attribute changes",
		change: func(t *testing.T) {
			write(t, filepath.Join(root, "public", "index.html"), "new")
			write(t, filepath.Join(root, "notes.txt"), "")
			if err := os.Chmod(article, 0o600); err != nil {
				t.Fatal(err)
			}
		},
	}}

	s := start(t, content, themes, config)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.t = t
			tt.change(t)
			if tt.want == nil {
				s.none()
				return
			}
			got := s.next()
			if !subset(got, tt.want) || !slices.Contains(got, tt.want[0]) {
				t.Errorf("batch = %q, want %q", got, tt.want)
			}
			s.none() // the burst was reported once
		})
	}
}

// subset reports whether every path of got is in want: a batch may miss
// events that the kernel folded together, never add unrelated ones.
func subset(got, want []string) bool {
	for _, g := range got {
		if !slices.Contains(want, g) {
			return false
		}
	}
	return len(got) > 0
}

func TestRunStopsWithContext(t *testing.T) {
	w, err := New(quiet, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, func([]string) { t.Error("change reported") }) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
}
