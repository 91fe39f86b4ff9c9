package jsonkey

import (
	"errors"
	"reflect"
	"testing"
)

func TestDecode(t *testing.T) {
	src := `{
  "title": "T",
  "n": 3, "f": 0.5, "big": 1e3,
  "list": [1, "a", {"k": null}],
  "menus": {"main": [{"name": "A"}, {"name": "B", "weight": 2}]},
  "title": "again"
}`
	doc, err := Decode([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range doc.Members {
		keys = append(keys, m.Key)
		if got := src[m.Span.Key : m.Span.Key+len(m.Key)+2]; got != `"`+m.Key+`"` {
			t.Errorf("key %s at %d reads %q", m.Key, m.Span.Key, got)
		}
	}
	if want := []string{"title", "n", "f", "big", "list", "menus", "title"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
	m := doc.Map()
	want := map[string]any{
		"title": "again", "n": int64(3), "f": 0.5, "big": 1000.0,
		"list":  []any{int64(1), "a", map[string]any{"k": nil}},
		"menus": map[string]any{"main": []any{map[string]any{"name": "A"}, map[string]any{"name": "B", "weight": int64(2)}}},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Map() = %#v\nwant %#v", m, want)
	}
	for _, tt := range []struct {
		path []string
		val  string
	}{
		{[]string{"n"}, "3"},
		{[]string{"list"}, "["},
		{[]string{"menus", "main", "name"}, `"A"`},
		{[]string{"menus", "main", "weight"}, "2"},
	} {
		s, ok := doc.Locate(tt.path)
		if !ok || src[s.Value:s.Value+len(tt.val)] != tt.val {
			t.Errorf("Locate(%q) = %v, %v; want the value %s", tt.path, s, ok, tt.val)
		}
	}
	if _, ok := doc.Locate([]string{"nope"}); ok {
		t.Error("Locate found a key that is not there")
	}
}

func TestSyntaxErrors(t *testing.T) {
	for _, tt := range []struct {
		src string
		at  int
	}{
		{`{"a": 1,}`, 8},
		{`{"a" 1}`, 5},
		{`{"a": tru}`, 6},
		{`{"a": [1, 2}`, 11},
		{`{"a": 1`, 7},
		{`[1]`, 0},
		{`{} x`, 3},
		{`{1: 2}`, 1},
	} {
		_, err := Decode([]byte(tt.src))
		var serr *SyntaxError
		if !errors.As(err, &serr) {
			t.Errorf("Decode(%s) = %v, want a SyntaxError", tt.src, err)
			continue
		}
		if serr.Offset != tt.at {
			t.Errorf("Decode(%s): error %q at %d, want at %d", tt.src, serr.Msg, serr.Offset, tt.at)
		}
	}
}
