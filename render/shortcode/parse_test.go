package shortcode

import (
	"bytes"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		calls []string // names in order
		inner []bool
		errs  int
	}{
		{"a {{< x 1 \"two\" `3` >}} b", []string{"x"}, []bool{false}, 0},
		{"{{% d k=v %}}in {{< e />}}{{% /d %}}", []string{"d", "e"}, []bool{true, false}, 0},
		{"`{{< x >}}` and\n```\n{{< y >}}\n```\n", nil, nil, 0},
		{"{{< /x >}}", nil, nil, 1},
		{"{{< x a=1 2 >}}", nil, nil, 1},
		{"{{< x \"open >}}", nil, nil, 1},
		{"{{< a >}}{{< b >}}i{{< /b >}}{{< /a >}}", []string{"a", "b"}, []bool{true, true}, 0},
	}
	for _, tt := range tests {
		d, errs := Parse([]byte(tt.in))
		if len(errs) != tt.errs {
			t.Errorf("%q: errors %v, want %d", tt.in, errs, tt.errs)
		}
		if len(d.Calls) != len(tt.calls) {
			t.Errorf("%q: %d calls, want %d", tt.in, len(d.Calls), len(tt.calls))
			continue
		}
		for i, c := range d.Calls {
			if c.Name != tt.calls[i] || c.HasInner() != tt.inner[i] {
				t.Errorf("%q: call %d = %s inner %v", tt.in, i, c.Name, c.HasInner())
			}
		}
	}
}

// TestTooManyCalls: past maxCalls a placeholder no longer fits the
// shortest tag, so Parse refuses the page rather than leave a tag raw.
func TestTooManyCalls(t *testing.T) {
	body := bytes.Repeat([]byte("{{<x>}}"), maxCalls+1)
	_, errs := Parse(body)
	if len(errs) != 1 || errs[0].Offset != maxCalls*7 {
		t.Fatalf("errors %v", errs)
	}
	_, errs = Parse(body[7:])
	if len(errs) != 0 {
		t.Fatalf("%d calls: errors %v", maxCalls, errs)
	}
}

func TestEscapeAndMask(t *testing.T) {
	body := []byte("See {{</* x */>}} and {{< param foo >}}.\n")
	d, errs := Parse(body)
	if len(errs) != 0 || len(d.Escapes) != 1 || d.Escapes[0].Text != "{{< x >}}" {
		t.Fatalf("escapes %+v, errs %v", d.Escapes, errs)
	}
	m := d.Mask(body, nil, true)
	if len(m) != len(body) || bytes.Contains(m, []byte("{{")) {
		t.Fatalf("mask %q", m)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"{{< a b=c >}}x{{< /a >}}", "`{{%x%}}`", "{{</* a */>}}", "{{< a \"q\\\"\" `r` />}}", "```\n{{< a >}}\n",
		"## H {{< param x >}}\n\n{{% details %}}\n```sh\necho\n```\n{{% /details %}}", "{{< b >}}{{% i %}}*x*{{% /i %}}{{< /b >}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		body := []byte(s)
		d, errs := Parse(body)
		for _, e := range errs {
			if e.Offset < 0 || e.Offset > len(body) {
				t.Fatalf("error offset %d outside %d bytes", e.Offset, len(body))
			}
		}
		for _, c := range d.Calls {
			if c.Start < 0 || c.End > len(body) || c.Start >= c.End || c.HasInner() && (c.CloseStart < c.End || c.CloseEnd > len(body)) {
				t.Fatalf("call %+v outside %d bytes", c, len(body))
			}
			for _, p := range c.Params {
				if p.Pos < c.Start || p.Pos >= c.End {
					t.Fatalf("param %+v outside its tag %d..%d", p, c.Start, c.End)
				}
			}
			if p := c.Parent; p != nil && (c.Start < p.End || c.end() > p.CloseStart) {
				t.Fatalf("call %s@%d outside its parent %s@%d", c.Name, c.Start, p.Name, p.Start)
			}
		}
		for _, e := range d.Escapes {
			if e.Start < 0 || e.End > len(body) || e.Start >= e.End {
				t.Fatalf("escape %+v outside %d bytes", e, len(body))
			}
		}
		m := d.Mask(body, nil, true)
		if len(m) != len(body) {
			t.Fatalf("mask changed the length")
		}
		if !bytes.Contains(body, []byte("{{")) && !bytes.Equal(m, body) {
			t.Fatalf("text without {{ changed: %q", m)
		}
		// Only tags, raw calls and escapes are masked.
		for i := range body {
			if m[i] != body[i] && !masked(d, i) {
				t.Fatalf("byte %d (%q) changed outside every call", i, body[i])
			}
		}
		_, _ = d.Expand(string(m), body, nil, &Env{}) // must not panic
	})
}

// masked reports whether byte i of a body is in a tag, a raw call or an
// escape of d.
func masked(d *Doc, i int) bool {
	for _, c := range d.Calls {
		if c.Start <= i && i < c.End || c.HasInner() && (c.CloseStart <= i && i < c.CloseEnd || !(&Library{}).markdownInner(c) && c.Start <= i && i < c.CloseEnd) {
			return true
		}
	}
	for _, e := range d.Escapes {
		if e.Start <= i && i < e.End {
			return true
		}
	}
	return false
}
