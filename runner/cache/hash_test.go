package cache

import "testing"

// Within one shape of description (the same fields in the same order),
// different values give different keys, however the bytes line up.
func TestHashUnambiguous(t *testing.T) {
	shapes := map[string][]func(h *Hash){
		"two strings": {
			func(h *Hash) { h.Str("ab"); h.Str("c") },
			func(h *Hash) { h.Str("a"); h.Str("bc") },
			func(h *Hash) { h.Str(""); h.Str("abc") },
		},
		"list": {
			func(h *Hash) { h.List([]string{"ab", "c"}) },
			func(h *Hash) { h.List([]string{"abc"}) },
			func(h *Hash) { h.List([]string{"abc", ""}) },
			func(h *Hash) { h.List(nil) },
		},
		"optional then string": {
			func(h *Hash) { h.Opt(nil); h.Str("x") },
			func(h *Hash) { h.Opt([]byte{}); h.Str("x") },
			func(h *Hash) { h.Opt([]byte("x")); h.Str("") },
		},
		"bytes then number": {
			func(h *Hash) { h.Bytes([]byte("a")); h.Num(1) },
			func(h *Hash) { h.Bytes([]byte("a\x00")); h.Num(1) },
			func(h *Hash) { h.Bytes(nil); h.Num(1) },
			func(h *Hash) { h.Bytes([]byte("a")); h.Num(0) },
		},
		"flags": {
			func(h *Hash) { h.Bool(true); h.Bool(false) },
			func(h *Hash) { h.Bool(false); h.Bool(true) },
		},
	}
	for name, writes := range shapes {
		seen := map[Key]int{}
		for i, write := range writes {
			h := NewHash("test")
			write(h)
			k := h.Sum()
			if j, dup := seen[k]; dup {
				t.Errorf("%s: descriptions %d and %d hash the same", name, j, i)
			}
			seen[k] = i
		}
	}
	if NewHash("a").Sum() == NewHash("b").Sum() {
		t.Error("the tag is not in the key")
	}
	h := NewHash("test")
	h.Str("x")
	if h.Sum() != h.Sum() {
		t.Error("Sum changes the hash")
	}
}
