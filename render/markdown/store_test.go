package markdown

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
)

// storeArticle has a snippet with every part: title, stdin and output.
const storeArticle = "+++\ntitle = \"t\"\n+++\n# Title\n\nFirst paragraph.\n\n## Run it\n\n" +
	"```go title=cat.go args=\"-n 1\"\npackage main\n```\n\n```stdin\nin\n```\n\n```output unordered\nhello\n```\n"

// storeCase is storeArticle found and given an outcome.
func storeCase(t *testing.T, src []byte) (body []byte, start int, snippets []snippet.Snippet, outcomes []snippet.Outcome) {
	t.Helper()
	start = bodyStart(src)
	body = src[start:]
	snippets, diags := snippet.Find("t.md", src, start, mustParse(t, New(Options{}), body))
	if len(diags) > 0 || len(snippets) != 1 {
		t.Fatalf("Find: %d snippets, %v", len(snippets), diags)
	}
	outcomes = []snippet.Outcome{{Status: snippet.Drifted, Output: []byte("hullo\n"), Exit: 3, Signal: "killed",
		Problem: "p", Diff: "-hello\n+hullo\n", Toolchain: "go1.26.8"}}
	return body, start, snippets, outcomes
}

// Every field of every snippet and outcome is part of the key: the test
// walks them by reflection, so a field added later is covered (or, if it
// must not be, has to be exempted here on purpose).
func TestArticleKeyCoversEveryField(t *testing.T) {
	body, start, snippets, outcomes := storeCase(t, []byte(storeArticle))
	r := New(Options{})
	base := r.articleKey(testKey(), body, start, snippets, outcomes)

	// Line is where a block sits in the whole file, not in the body.
	exempt := map[string]bool{"Code.Line": true, "Stdin.Line": true, "Output.Line": true}
	check := func(path string) {
		k := r.articleKey(testKey(), body, start, snippets, outcomes)
		if exempt[path] && k != base {
			t.Errorf("changing %s changed the key", path)
		}
		if !exempt[path] && k == base {
			t.Errorf("changing %s left the key as it was", path)
		}
	}
	n := 0
	mutate(reflect.ValueOf(&snippets[0]).Elem(), "", func(path string) { n++; check(path) })
	mutate(reflect.ValueOf(&outcomes[0]).Elem(), "Outcome.", func(path string) { n++; check(path) })
	if n < 30 {
		t.Fatalf("only %d fields mutated; the walk is broken", n)
	}
	if r.articleKey(testKey(), body, start, snippets, outcomes) != base {
		t.Fatal("mutations were not undone")
	}

	for _, tt := range []struct {
		name string
		key  [32]byte
	}{
		{"body", r.articleKey(testKey(), append(bytes.Clone(body), '\n'), start, snippets, outcomes)},
		{"Options.Unsafe", New(Options{Unsafe: true}).articleKey(testKey(), body, start, snippets, outcomes)},
		{"no outcomes", r.articleKey(testKey(), body, start, snippets, nil)},
		{"no snippets", r.articleKey(testKey(), body, start, nil, nil)},
	} {
		if tt.key == base {
			t.Errorf("changing %s left the key as it was", tt.name)
		}
	}
}

// mutate changes each leaf field under v in turn, calls changed with its
// path, and puts the old value back.
func mutate(v reflect.Value, path string, changed func(path string)) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			mutate(v.Field(i), path+v.Type().Field(i).Name+".", changed)
		}
		return
	case reflect.Pointer:
		old := reflect.ValueOf(v.Interface())
		v.SetZero()
		changed(strings.TrimSuffix(path, ".") + "=nil")
		v.Set(old)
		if !v.IsNil() {
			mutate(v.Elem(), path, changed)
		}
		return
	}
	old := reflect.New(v.Type()).Elem()
	old.Set(v)
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Slice:
		switch v.Type().Elem().Kind() {
		case reflect.Uint8:
			v.SetBytes(append(bytes.Clone(v.Bytes()), 'x'))
		case reflect.String:
			v.Set(reflect.Append(v, reflect.ValueOf("x")))
		case reflect.Struct: // one more element, then each field of the last changed
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
			changed(strings.TrimSuffix(path, "."))
			v.Set(old)
			if v.Len() > 0 {
				mutate(v.Index(v.Len()-1), path+"[last].", changed)
			}
			return
		default:
			panic("mutate: no rule for " + v.Type().String())
		}
	default:
		panic("mutate: no rule for " + v.Type().String())
	}
	changed(strings.TrimSuffix(path, "."))
	v.Set(old)
}

// Front matter is not part of the body: editing it shifts every offset
// but must not cost a render.
func TestArticleKeyIgnoresFrontMatter(t *testing.T) {
	r := New(Options{})
	body, start, snippets, outcomes := storeCase(t, []byte(storeArticle))
	longer := strings.Replace(storeArticle, "title = \"t\"\n", "title = \"t\"\ndate = 2024-01-02\n", 1)
	body2, start2, snippets2, _ := storeCase(t, []byte(longer))
	if start2 == start {
		t.Fatal("the front matter did not grow")
	}
	if r.articleKey(testKey(), body, start, snippets, outcomes) != r.articleKey(testKey(), body2, start2, snippets2, outcomes) {
		t.Error("a front matter edit changed the key")
	}
}

// memStore is a Store in memory that counts its traffic.
type memStore struct {
	mu         sync.Mutex
	m          map[[32]byte][]byte
	gets, puts int
}

func (s *memStore) Get(k [32]byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gets++
	b, ok := s.m[k]
	return b, ok
}

func (s *memStore) Put(k [32]byte, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	if s.m == nil {
		s.m = map[[32]byte][]byte{}
	}
	s.m[k] = bytes.Clone(b)
	return nil
}

func (*memStore) NewKey(tag string) KeyHash { return testKeyOf(tag) }

// testHash is a KeyHash for the tests: each field written as Go syntax
// with its kind, which no two different descriptions share. (The real
// framing is runner/cache's, which this package may not import.)
type testHash struct{ b bytes.Buffer }

func testKeyOf(tag string) *testHash { h := &testHash{}; h.Str(tag); return h }

// testKey is the key hash RenderStored uses, with the tag it gives.
func testKey() *testHash { return testKeyOf(rendererVersion()) }

func (h *testHash) Num(n uint64)    { fmt.Fprintf(&h.b, "n%d;", n) }
func (h *testHash) Bool(v bool)     { fmt.Fprintf(&h.b, "b%t;", v) }
func (h *testHash) Bytes(v []byte)  { fmt.Fprintf(&h.b, "x%q;", v) }
func (h *testHash) Str(v string)    { fmt.Fprintf(&h.b, "s%q;", v) }
func (h *testHash) List(l []string) { fmt.Fprintf(&h.b, "l%q;", l) }
func (h *testHash) Sum() [32]byte   { return sha256.Sum256(h.b.Bytes()) }

// failingStore never has anything and cannot keep anything.
type failingStore struct{}

func (failingStore) NewKey(tag string) KeyHash { return testKeyOf(tag) }

func (failingStore) Get([32]byte) ([]byte, bool) { return nil, false }
func (failingStore) Put([32]byte, []byte) error  { return errors.New("disk full") }

func TestRenderStored(t *testing.T) {
	body, start, snippets, outcomes := storeCase(t, []byte(storeArticle))
	r := New(Options{})
	fresh, err := r.Render(body, start, mustParse(t, r, body), snippets, outcomes)
	if err != nil {
		t.Fatal(err)
	}
	key := r.articleKey(testKey(), body, start, snippets, outcomes)
	same := func(t *testing.T, a Article) {
		t.Helper()
		if !reflect.DeepEqual(a, fresh) {
			t.Errorf("got %+v\nwant %+v", a, fresh)
		}
	}

	t.Run("miss then hit", func(t *testing.T) {
		st := &memStore{}
		a, err := r.RenderStored(st, body, start, snippets, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		same(t, a)
		if st.puts != 1 {
			t.Fatalf("a miss made %d puts, want 1", st.puts)
		}
		// A hit does not render: make sure by storing something only the
		// store could have produced.
		fake := Article{Body: "<p>stored</p>", Summary: "s", TOC: []Heading{{Level: 2, ID: "x", Text: "X"}}}
		st.m[key] = encodeArticle(fake)
		a, err = r.RenderStored(st, body, start, snippets, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, fake) || st.puts != 1 {
			t.Errorf("hit: got %+v after %d puts, want the stored article and no put", a, st.puts)
		}
	})

	t.Run("corrupt entry is a miss", func(t *testing.T) {
		st := &memStore{m: map[[32]byte][]byte{key: []byte("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff")}}
		a, err := r.RenderStored(st, body, start, snippets, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		same(t, a)
		if got, _ := decodeArticle(st.m[key]); !reflect.DeepEqual(got, fresh) {
			t.Error("the corrupt entry was not replaced")
		}
	})

	t.Run("failing store", func(t *testing.T) {
		a, err := r.RenderStored(failingStore{}, body, start, snippets, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		same(t, a)
	})

	t.Run("no store", func(t *testing.T) {
		a, err := r.RenderStored(nil, body, start, snippets, outcomes)
		if err != nil {
			t.Fatal(err)
		}
		same(t, a)
	})

	t.Run("render error is not stored", func(t *testing.T) {
		st := &memStore{}
		if _, err := r.RenderStored(st, body, start+1, snippets, outcomes); err == nil {
			t.Fatal("wrong bodyStart: no error")
		}
		if st.puts != 0 {
			t.Errorf("a failed render was stored")
		}
	})
}

func TestArticleEncoding(t *testing.T) {
	for _, a := range []Article{
		{},
		{Body: "<p>x</p>\n", Summary: "x"},
		{Body: "<h2 id=\"a\">A</h2>", TOC: []Heading{{Level: 2, ID: "a", Text: "A"}, {Level: 3, ID: "", Text: "ünï\x00"}}},
		{Body: "<p>x</p>", Parts: []Part{{Text: "x "}, {ID: "a", Heading: "A", Text: "t", Code: "c()"}}},
	} {
		enc := encodeArticle(a)
		got, err := decodeArticle(enc)
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("round trip of %+v: %+v, %v", a, got, err)
		}
		// Every truncation and any extra byte is malformed, never a
		// different article or a panic.
		for n := range len(enc) {
			if got, err := decodeArticle(enc[:n]); err == nil {
				t.Errorf("%q truncated to %d bytes decoded as %+v", enc, n, got)
			}
		}
		if _, err := decodeArticle(append(enc, 0)); err == nil {
			t.Errorf("%q with a trailing byte decoded", enc)
		}
	}
	// A huge TOC count must not allocate before it is found out.
	if _, err := decodeArticle([]byte("\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\x7f")); err == nil {
		t.Error("a TOC count beyond the data decoded")
	}
}
