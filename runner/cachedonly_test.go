package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// With CachedOnly a cached spec is served and an uncached one fails
// with ErrNotCached without running: its side effect never happens.
func TestCachedOnly(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, "cache")
	mark := filepath.Join(dir, "ran")
	spec := func(word string) Spec {
		return Spec{Lang: "sh", Timeout: time.Minute, OutputLimit: 1 << 20, Source: []byte("echo " + word + " >> " + mark + "\necho " + word + "\n")}
	}
	warm, err := New(Config{CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := warm.Run(context.Background(), spec("cached")); err != nil {
		t.Fatal(err)
	}
	r, err := New(Config{CacheDir: cacheDir, CachedOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	res, errs := r.RunAll(context.Background(), []Spec{spec("cached"), spec("new")}, 2, nil)
	if errs[0] != nil || !res[0].Cached || string(res[0].Output) != "cached\n" {
		t.Errorf("cached spec: %+v, %v", res[0], errs[0])
	}
	if !errors.Is(errs[1], ErrNotCached) {
		t.Errorf("uncached spec: error %v, want ErrNotCached", errs[1])
	}
	ran, _ := os.ReadFile(mark)
	if got := strings.Fields(string(ran)); len(got) != 1 || got[0] != "cached" {
		t.Errorf("runs recorded %q, want only the warm-up's", got)
	}
}
