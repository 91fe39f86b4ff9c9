package markdown

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// A golden case is a txtar archive:
//
//	-- article.md --      the whole file, front matter included
//	-- options --         optional: "unsafe"
//	-- outcome/N --       optional, N the 1-based snippet number: "key value"
//	                      lines (status, exit, signal, problem, toolchain);
//	                      with no outcome section at all, nothing ran
//	-- outcome/N/output --, -- outcome/N/diff --   optional; \e is ESC, \a BEL, \xff the byte
//	-- want.html --       Article.Body
//	-- want.outline --    Article.Summary and Article.TOC
//	-- want.diags --      snippet.Find's diagnostics, when there are any,
//	                      as path:line:col: message (the severity left out:
//	                      these cases are about rendering, not reporting)
type goldenCase struct {
	name     string
	src      []byte
	body     []byte
	start    int
	opts     Options
	snippets []snippet.Snippet
	outcomes []snippet.Outcome
	archive  *txtar.Archive
	diags    string // snippet.Find's, one a line
}

func loadGolden(t *testing.T, file string) *goldenCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &goldenCase{name: filepath.Base(file), archive: ar}
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	c.src = files["article.md"]
	if c.src == nil {
		t.Fatalf("%s: no article.md", file)
	}
	c.start = bodyStart(c.src)
	c.body = c.src[c.start:]
	if strings.TrimSpace(string(files["options"])) == "unsafe" {
		c.opts.Unsafe = true
	}

	doc := mustParse(t, New(c.opts), c.body)
	snippets, diags := snippet.Find(c.name, c.src, c.start, doc)
	for _, d := range diags {
		c.diags += fmt.Sprintf("%s:%d:%d: %s\n", d.Path, d.Line, d.Col, d.Msg)
	}
	if _, ok := c.want("want.diags"); !ok && len(diags) > 0 && !*update {
		t.Fatalf("snippet.Find: %v", diags)
	}
	c.snippets = snippets
	ran := false
	outcomes := make([]snippet.Outcome, len(c.snippets))
	for i := range outcomes {
		n := strconv.Itoa(i + 1)
		spec, ok := files["outcome/"+n]
		if !ok {
			continue
		}
		ran = true
		outcomes[i] = parseOutcome(t, spec)
		if out, ok := files["outcome/"+n+"/output"]; ok {
			outcomes[i].Output = unescape(out)
		}
		if d, ok := files["outcome/"+n+"/diff"]; ok {
			outcomes[i].Diff = string(unescape(d))
		}
	}
	if ran {
		c.outcomes = outcomes
	}
	return c
}

// bodyStart returns the offset just past TOML front matter, or 0.
func bodyStart(src []byte) int {
	if !bytes.HasPrefix(src, []byte("+++\n")) {
		return 0
	}
	i := bytes.Index(src[4:], []byte("\n+++\n"))
	if i < 0 {
		return 0
	}
	return 4 + i + len("\n+++\n")
}

var statuses = map[string]snippet.Status{
	"skipped": snippet.Skipped, "verified": snippet.Verified, "unverified": snippet.Unverified,
	"failed": snippet.Failed, "drifted": snippet.Drifted,
}

func parseOutcome(t *testing.T, spec []byte) snippet.Outcome {
	t.Helper()
	var o snippet.Outcome
	sc := bufio.NewScanner(bytes.NewReader(spec))
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "status":
			s, ok := statuses[value]
			if !ok {
				t.Fatalf("unknown status %q", value)
			}
			o.Status = s
		case "exit":
			n, err := strconv.Atoi(value)
			if err != nil {
				t.Fatal(err)
			}
			o.Exit = n
		case "signal":
			o.Signal = value
		case "problem":
			o.Problem = value
		case "toolchain":
			o.Toolchain = value
		default:
			t.Fatalf("unknown outcome key %q", key)
		}
	}
	return o
}

// unescape turns \e into ESC, \a into BEL and \xff into an invalid UTF-8
// byte, so that the golden files stay printable.
var unescaper = strings.NewReplacer(`\e`, "\x1b", `\a`, "\a", `\xff`, "\xff")

func unescape(b []byte) []byte { return []byte(unescaper.Replace(string(b))) }

func (c *goldenCase) render(r *Renderer) (html, outline string, err error) {
	doc, errs := r.Parse(c.body)
	if len(errs) > 0 {
		return "", "", errs[0]
	}
	a, err := r.Render(c.body, c.start, doc, c.snippets, c.outcomes)
	if err != nil {
		return "", "", err
	}
	var o strings.Builder
	fmt.Fprintf(&o, "summary: %s\n", a.Summary)
	for _, h := range a.TOC {
		fmt.Fprintf(&o, "toc: h%d #%s %s\n", h.Level, h.ID, h.Text)
	}
	return string(a.Body), o.String(), nil
}

func (c *goldenCase) want(name string) (string, bool) {
	for _, f := range c.archive.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func (c *goldenCase) setWant(name, data string) {
	for i, f := range c.archive.Files {
		if f.Name == name {
			c.archive.Files[i].Data = []byte(data)
			return
		}
	}
	c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: []byte(data)})
}

func goldenFiles(t *testing.T) []string {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			c := loadGolden(t, file)
			html, outline, err := c.render(New(c.opts))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				c.setWant("want.html", html)
				c.setWant("want.outline", outline)
				if c.diags != "" {
					c.setWant("want.diags", c.diags)
				}
				if err := os.WriteFile(file, txtar.Format(c.archive), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			checks := []struct{ name, got string }{{"want.html", html}, {"want.outline", outline}}
			if _, ok := c.want("want.diags"); ok {
				checks = append(checks, struct{ name, got string }{"want.diags", c.diags})
			}
			for _, s := range checks {
				want, ok := c.want(s.name)
				if !ok {
					t.Fatalf("no %s section; run go test -update", s.name)
				}
				if s.got != want {
					t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", s.name, s.got, want)
				}
			}
		})
	}
}

// TestConcurrentRender renders every golden case from many goroutines
// through one shared Renderer per option set, as a parallel build does, and
// expects each result to be the bytes of a lone sequential render: the
// render context and the highlight cache must not leak between renders.
// Run it with -race.
func TestConcurrentRender(t *testing.T) {
	var cases []*goldenCase
	for _, file := range goldenFiles(t) {
		cases = append(cases, loadGolden(t, file))
	}
	renderers := map[Options]*Renderer{}
	want := make([]string, len(cases))
	for i, c := range cases {
		if renderers[c.opts] == nil {
			renderers[c.opts] = New(c.opts)
		}
		var err error
		if want[i], _, err = c.render(New(c.opts)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 4 * len(cases) {
				i := (g + k) % len(cases)
				got, _, err := cases[i].render(renderers[cases[i].opts])
				if err != nil {
					t.Error(err)
					return
				}
				if got != want[i] {
					t.Errorf("%s: concurrent render differs from a sequential one", cases[i].name)
					return
				}
			}
		})
	}
	wg.Wait()
}
