package site

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// outTree makes each folder once, with concurrent writers, and a file
// written again is replaced whole: a shorter second write leaves none of
// the first behind.
func TestOutTree(t *testing.T) {
	root := t.TempDir()
	tr := newOutTree(root)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				name := fmt.Sprintf("sec/p%d/deep/index.html", (w*50+i)%60)
				if err := tr.writeFile(name, []byte(name)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for i := range 60 {
		name := fmt.Sprintf("sec/p%d/deep/index.html", i)
		if b, err := os.ReadFile(filepath.Join(root, name)); err != nil || string(b) != name {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}

	tests := []struct{ name, first, second string }{
		{"top.css", "a long first version", "short"},
		{"css/chroma.css", "x", "a longer second version"},
	}
	for _, tt := range tests {
		for _, s := range []string{tt.first, tt.second} {
			if err := tr.writeFile(tt.name, []byte(s)); err != nil {
				t.Fatal(err)
			}
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(tt.name)))
		if err != nil || string(b) != tt.second {
			t.Errorf("%s = %q, %v; want %q", tt.name, b, err, tt.second)
		}
		info, _ := os.Stat(filepath.Join(root, filepath.FromSlash(tt.name)))
		if perm := info.Mode().Perm(); perm&0o600 != 0o600 {
			t.Errorf("%s: mode %v", tt.name, perm)
		}
	}

	// A file where a folder must go is reported, not written through.
	if err := tr.writeFile("top.css/x.html", nil); err == nil {
		t.Error("writing below a file succeeded")
	}
}

// A folder is made once: once made, mkdirAll does not ask the file system
// again (a folder removed behind its back stays unknown to it, which is
// how the test can tell).
func TestOutTreeMakesFolderOnce(t *testing.T) {
	root := t.TempDir()
	tr := newOutTree(root)
	if err := tr.writeFile("a/b/one.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(root, "a", "b")); err != nil {
		t.Fatal(err)
	}
	if err := tr.writeFile("a/b/two.html", nil); err == nil {
		t.Error("a/b was made again: mkdirAll asked the file system about a folder it had made")
	}
}
