package transcript

import (
	"bytes"
	"testing"

	"github.com/pipedocs/pipedocs/render/expect"
)

// FuzzRewrite: Parse and Rewrite never panic; a rewrite with what the
// block claims changes nothing; and a rewrite with any steps, done
// twice, is the rewrite done once.
func FuzzRewrite(f *testing.F) {
	f.Add([]byte("$ echo hi\nhi\n$ ls x\nno\n? 2\n"), []byte("a\nb"), uint8(1))
	f.Add([]byte("$ a\n> b\n...\n[..]\n"), []byte("> x\n? 0\n"), uint8(0))
	f.Add([]byte("  $ a\r\n  x (re)\r\n"), []byte("$ y\n"), uint8(3))
	f.Fuzz(func(t *testing.T, src, out []byte, exit uint8) {
		tr := Parse(src, 0, len(src), 1, 2)
		own := make([]Step, len(tr.Commands))
		for i, c := range tr.Commands {
			own[i] = Step{Output: c.Output, Exit: c.Exit}
		}
		if got := Rewrite(src, tr, own, expect.Options{}); !bytes.Equal(got, src) {
			t.Fatalf("own expectations changed %q to %q", src, got)
		}
		steps := make([]Step, len(tr.Commands))
		for i := range steps {
			steps[i] = Step{Output: out, Exit: int(exit) + i%2}
		}
		_ = Show(src, tr, steps) // no panic
		once := Rewrite(src, tr, steps, expect.Options{})
		tr2 := Parse(once, 0, len(once), 1, 2)
		if len(tr2.Commands) != len(tr.Commands) {
			t.Fatalf("rewrite of %q made %d commands of %d: %q", src, len(tr2.Commands), len(tr.Commands), once)
		}
		if twice := Rewrite(once, tr2, steps, expect.Options{}); !bytes.Equal(twice, once) {
			t.Fatalf("second rewrite of %q:\n once %q\ntwice %q", src, once, twice)
		}
	})
}
