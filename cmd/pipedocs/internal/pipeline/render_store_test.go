package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What one command Puts, the next command Gets, once the first Closed;
// a Close that cannot publish counts every article as not kept.
func TestRenderStore(t *testing.T) {
	tests := []struct {
		name     string
		sabotage func(t *testing.T, renderDir string) // before Close
		kept     bool
		warning  string
	}{
		{name: "published", kept: true},
		{name: "folder gone", sabotage: func(t *testing.T, dir string) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}, warning: "warning: 2 rendered pages could not be cached: render cache: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := RunOptions{CacheDir: t.TempDir()}
			st, err := OpenRenderStore(o)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"a", "b"} {
				if err := st.Put(renderStoreKey(k), []byte("article "+k)); err != nil {
					t.Fatal(err)
				}
			}
			if tt.sabotage != nil {
				tt.sabotage(t, filepath.Join(o.CacheDir, "render"))
			}
			st.Close()
			st.Close() // a second Close changes nothing
			w := CacheWarnings(nil, st)
			if tt.warning == "" && len(w) != 0 || tt.warning != "" && (len(w) != 1 || !strings.HasPrefix(w[0], tt.warning)) {
				t.Fatalf("CacheWarnings = %q, want %q", w, tt.warning)
			}
			next, err := OpenRenderStore(o)
			if err != nil {
				t.Fatal(err)
			}
			defer next.Close()
			got, ok := next.Get(renderStoreKey("a"))
			if ok != tt.kept || ok && string(got) != "article a" {
				t.Fatalf("next command's Get = %q, %v; want kept %v", got, ok, tt.kept)
			}
		})
	}
}

func TestRenderStoreNoCache(t *testing.T) {
	st, err := OpenRenderStore(RunOptions{NoCache: true})
	if err != nil || st != nil {
		t.Fatalf("OpenRenderStore(--no-cache) = %v, %v; want nil, nil", st, err)
	}
	st.Close() // a nil store closes too
	if n, err := st.Errors(); n != 0 || err != nil {
		t.Fatalf("Errors = %d, %v", n, err)
	}
}

func renderStoreKey(s string) [32]byte {
	var k [32]byte
	copy(k[:], s)
	return k
}
