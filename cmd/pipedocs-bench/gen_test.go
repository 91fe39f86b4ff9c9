package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenDeterministic(t *testing.T) {
	for _, tc := range []struct {
		kind string
		gen  func(dir string, n int, seed uint64) error
	}{
		{"docs", genDocs},
		{"programs", genPrograms},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			tmp := t.TempDir()
			gen := func(name string, n int, seed uint64) map[string][]byte {
				dir := filepath.Join(tmp, name)
				if err := tc.gen(dir, n, seed); err != nil {
					t.Fatal(err)
				}
				return readTree(t, dir)
			}
			a, b := gen("a", 12, 7), gen("b", 12, 7)
			if !maps.EqualFunc(a, b, bytes.Equal) {
				t.Errorf("two runs with seed 7 wrote different trees")
			}
			// Writing again into the same folder replaces it exactly.
			if again := gen("a", 12, 7); !maps.EqualFunc(a, again, bytes.Equal) {
				t.Errorf("regenerating into the same folder changed the tree")
			}
			if other := gen("c", 12, 8); maps.EqualFunc(a, other, bytes.Equal) {
				t.Errorf("seeds 7 and 8 wrote the same tree")
			}
			// Item i does not depend on n: a small corpus is part of a larger one.
			small := gen("small", 5, 7)
			for name, data := range small {
				if !bytes.Equal(a[name], data) {
					t.Errorf("%s differs between -n 5 and -n 12", name)
				}
			}
		})
	}
}

// frontMatter is what the corpus promises in every article's front matter.
type frontMatter struct {
	Title       string
	Date        time.Time
	Categories  []string
	Tags        []string
	Description string
}

// A fence is one fenced block as a Markdown reader sees it.
type fence struct {
	info  string
	lines int
}

// splitArticle returns the front matter and the fenced blocks of a
// generated article, failing on an unclosed fence.
func splitArticle(t *testing.T, name string, src []byte) (string, string, []fence) {
	t.Helper()
	s := string(src)
	if !strings.HasPrefix(s, "+++\n") {
		t.Fatalf("%s: no TOML front matter", name)
	}
	fm, body, ok := strings.Cut(s[4:], "\n+++\n")
	if !ok {
		t.Fatalf("%s: front matter not closed", name)
	}
	var fences []fence
	var open *fence
	for _, line := range strings.Split(body, "\n") {
		switch {
		case open == nil && strings.HasPrefix(line, "```"):
			open = &fence{info: line[3:]}
		case open != nil && line == "```":
			fences = append(fences, *open)
			open = nil
		case open != nil:
			open.lines++
		}
	}
	if open != nil {
		t.Fatalf("%s: fence %q not closed", name, open.info)
	}
	return fm, body, fences
}

func TestDocsCorpusShape(t *testing.T) {
	dir := t.TempDir()
	if err := genDocs(dir, 40, 1); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	for _, want := range []string{"hugo.toml", "pipedocs.toml", "layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/index.html"} {
		if files[want] == nil {
			t.Errorf("no %s in the corpus", want)
		}
	}
	var cfg struct{ Run string }
	if _, err := toml.Decode(string(files["pipedocs.toml"]), &cfg); err != nil || cfg.Run != "opt-in" {
		t.Errorf("pipedocs.toml: run = %q, %v; want opt-in", cfg.Run, err)
	}

	articles, outputs, blocks := 0, 0, 0
	for name, src := range files {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		articles++
		fmText, body, fences := splitArticle(t, name, src)
		var fm frontMatter
		md, err := toml.Decode(fmText, &fm)
		if err != nil {
			t.Errorf("%s: front matter: %v", name, err)
			continue
		}
		if u := md.Undecoded(); len(u) > 0 {
			t.Errorf("%s: unexpected front matter keys %v", name, u)
		}
		if fm.Title == "" || fm.Date.IsZero() || fm.Description == "" || len(fm.Categories) == 0 || len(fm.Tags) == 0 {
			t.Errorf("%s: incomplete front matter %+v", name, fm)
		}
		if sec := filepath.Base(filepath.Dir(name)); !slices.Contains(sections, sec) {
			t.Errorf("%s: section %q is not one of the corpus's", name, sec)
		}

		var code []fence
		for i, f := range fences {
			if f.info == "output" {
				outputs++
				if i == 0 || fences[i-1].info == "output" {
					t.Errorf("%s: output block not after a snippet", name)
				}
				continue
			}
			code = append(code, f)
			lang, attrs, _ := strings.Cut(f.info, " ")
			if !slices.Contains([]string{"go", "python", "sh"}, lang) || !strings.HasPrefix(attrs, "title=") || strings.ContainsAny(attrs[len("title="):], "/ ") {
				t.Errorf("%s: info string %q: want `go|python|sh title=NAME`", name, f.info)
			}
			if f.lines < 15 || f.lines > 40 {
				t.Errorf("%s: %s block of %d lines, want 15–40", name, lang, f.lines)
			}
		}
		if len(code) < 4 || len(code) > 6 {
			t.Errorf("%s: %d code blocks, want 4–6", name, len(code))
		}
		blocks += len(code)
		if h := strings.Count(body, "\n## "); h < 6 || h > 8 {
			t.Errorf("%s: %d sections, want 6–8", name, h)
		}
		if !strings.Contains(body, "\n| --- |") {
			t.Errorf("%s: no table", name)
		}
		if !strings.Contains(body, "](https://") {
			t.Errorf("%s: no link", name)
		}
		if w := proseWords(body); w < 1000 || w > 1500 {
			t.Errorf("%s: %d words of prose, want about 1,200", name, w)
		}
	}
	if articles != 40 {
		t.Errorf("%d articles, want 40", articles)
	}
	// About half the snippets have an output block.
	if frac := float64(outputs) / float64(blocks); frac < 0.35 || frac > 0.65 {
		t.Errorf("%d of %d snippets have an output block, want about half", outputs, blocks)
	}
}

// proseWords counts the words outside fenced blocks.
func proseWords(body string) int {
	n, in := 0, false
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "```") {
			in = !in // no line inside a generated block starts with ```
			continue
		}
		if !in {
			n += len(strings.Fields(line))
		}
	}
	return n
}

func TestProgramsCorpus(t *testing.T) {
	dir := t.TempDir()
	const n = 10 // every kind of program, twice
	if err := genPrograms(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	outputs := map[string]bool{}
	for i := range n {
		pg := program(1, i)
		name := "content/programs/p" + pad3(i) + ".md"
		_, body, fences := splitArticle(t, name, files[name])
		if len(fences) != 2 || fences[0].info != "go title=p"+pad3(i)+".go" || fences[1].info != "output" {
			t.Fatalf("%s: fences %+v, want one go snippet and its output", name, fences)
		}
		if !strings.Contains(body, "```go title=p"+pad3(i)+".go\n"+pg.src+"```\n\n```output\n"+pg.output+"```\n") {
			t.Errorf("%s: snippet or output differs from the program", name)
		}
		if got := string(files["loop/"+pad3(i)+".go"]); got != pg.src {
			t.Errorf("loop/%s.go differs from the article's snippet", pad3(i))
		}
		if outputs[pg.output] {
			t.Errorf("program %d prints the same as an earlier one", i)
		}
		outputs[pg.output] = true
	}

	// The expected outputs are computed by the generator, not by running
	// the programs: run one of each kind to hold the two together.
	if testing.Short() {
		t.Skip("-short: not running the programs")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for i := range 5 {
		cmd := exec.Command("go", "run", filepath.Join(dir, "loop", pad3(i)+".go"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go run loop/%s.go: %v\n%s", pad3(i), err, out)
		}
		if want := program(1, i).output; string(out) != want {
			t.Errorf("loop/%s.go printed\n%s\nwant\n%s", pad3(i), out, want)
		}
	}
}

func pad3(i int) string { return fmt.Sprintf("%03d", i) }

func TestNewTreeRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := genDocs(dir, 1, 1); err == nil {
		t.Fatal("genDocs wrote into a folder it did not make")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt: %q, %v; want it untouched", b, err)
	}
}

// A salt makes every program new to Go's build cache, and changes
// nothing it prints or any article's output block.
func TestSaltPrograms(t *testing.T) {
	dir := t.TempDir()
	const n = 5
	if err := genPrograms(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	plain := readTree(t, dir)
	if err := saltPrograms(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	first := readTree(t, dir)
	time.Sleep(time.Microsecond)
	if err := saltPrograms(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, dir)
	for i := range n {
		src := "loop/" + pad3(i) + ".go"
		if string(plain[src]) == string(first[src]) || string(first[src]) == string(second[src]) {
			t.Errorf("%s: the same source after a new salt", src)
		}
		if !strings.Contains(string(first[src]), "var benchSalt = ") {
			t.Errorf("%s: no salt variable:\n%s", src, first[src])
		}
		name := "content/programs/p" + pad3(i) + ".md"
		if !strings.Contains(string(second[name]), string(second[src])+"```\n\n```output\n"+program(1, i).output+"```\n") {
			t.Errorf("%s: snippet or output differs from the salted program", name)
		}
	}
}
