package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// programsConfig puts the programs corpus in the default "auto" mode, where
// every Go snippet runs. The timeout is generous because a cold build of
// many snippets at once on two cores is slow, and a timeout would measure
// nothing.
const programsConfig = `# Every snippet runs: this corpus measures building and running programs.
title = "pipedocs benchmark programs"
baseURL = "https://example.org/programs/"
run = "auto"
timeout = "60s"
`

// genPrograms writes n small Go programs, each different and each with
// the exact output it prints: as a pipedocs site (content/programs/pNNN.md,
// one snippet and its output block each) and as plain files (loop/NNN.go)
// for the `go run` loop the cold-run benchmark compares against.
func genPrograms(dir string, n int, seed uint64) error {
	t, err := newTree(dir)
	if err != nil {
		return err
	}
	if err := t.write("pipedocs.toml", []byte(programsConfig)); err != nil {
		return err
	}
	return writePrograms(t, n, seed, "")
}

// writePrograms writes the n programs of genPrograms into t. A salt other
// than "" goes into every program as a package-level string, so that its
// compiled package, and so its binary, is new to Go's build cache (a
// comment would not do: it changes no compiled byte) while it prints the
// same; see saltPrograms.
func writePrograms(t *tree, n int, seed uint64, salt string) error {
	for i := range n {
		pg := program(seed, i)
		if salt != "" {
			pg.src += fmt.Sprintf("\nvar benchSalt = %q\n", fmt.Sprintf("%s-%d", salt, i))
		}
		if err := t.write(fmt.Sprintf("loop/%03d.go", i), []byte(pg.src)); err != nil {
			return err
		}
		if err := t.write(fmt.Sprintf("content/programs/p%03d.md", i), pg.article(i)); err != nil {
			return err
		}
	}
	return nil
}

// saltPrograms rewrites the programs corpus in dir (written by
// genPrograms with seed) with a salt no build has seen: the cold runs'
// before function, so that each timed run compiles and links every
// program anew, on both sides.
func saltPrograms(dir string, n int, seed uint64) error {
	salt := strconv.FormatInt(time.Now().UnixNano(), 36)
	return writePrograms(&tree{root: dir}, n, seed, salt)
}

// A prog is one generated program and what it prints (stdout and stderr
// merged in the order written, as pipedocs expects).
type prog struct {
	what, src, output string
}

// article is the Markdown page that shows and checks the program.
func (pg prog) article(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\ncategories = [\"programs\"]\n+++\n\n",
		strconv.Quote(fmt.Sprintf("Program %d: %s", i, pg.what)), epoch.Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
	fmt.Fprintf(&b, "This program %s.\n\n```go title=p%03d.go\n%s```\n\n```output\n%s```\n", pg.what, i, pg.src, pg.output)
	return []byte(b.String())
}

// program makes program i. The kinds take turns, and each takes its
// parameters from i and the seed, so no two programs are the same and
// every output differs. The expected output is computed here, in Go, by
// the same algorithm the program runs: if the two ever disagree, the
// benchmark's `pipedocs check` fails loudly rather than measuring a lie.
func program(seed uint64, i int) prog {
	r := rand.New(rand.NewPCG(seed, 1<<32+uint64(i)))
	switch i % 5 {
	case 0:
		return collatz(27 + 3*i + r.IntN(3))
	case 1:
		return primes(1000 + 37*i + r.IntN(37))
	case 2:
		return fibonacci(90 + i + r.IntN(7))
	case 3:
		words := make([]string, 24+r.IntN(12))
		for k := range words {
			words[k] = tagWords[r.IntN(8)]
		}
		return wordCount(strings.Join(words, " "))
	default:
		return pipeSum(5+i%17, 2+r.IntN(4))
	}
}

// fill replaces {{KEY}} placeholders in a program template.
func fill(tmpl string, kv ...string) string {
	for k := 0; k < len(kv); k += 2 {
		tmpl = strings.ReplaceAll(tmpl, "{{"+kv[k]+"}}", kv[k+1])
	}
	return tmpl
}

func collatz(n int) prog {
	steps, peak := 0, n
	for x := n; x != 1; steps++ {
		if x%2 == 0 {
			x /= 2
		} else {
			x = 3*x + 1
		}
		peak = max(peak, x)
	}
	return prog{
		what: fmt.Sprintf("follows the Collatz sequence from %d", n),
		src: fill(`package main

import "fmt"

func main() {
	n := {{N}}
	steps, peak := 0, n
	for x := n; x != 1; steps++ {
		if x%2 == 0 {
			x /= 2
		} else {
			x = 3*x + 1
		}
		peak = max(peak, x)
	}
	fmt.Printf("collatz(%d): %d steps, peak %d\n", n, steps, peak)
}
`, "N", strconv.Itoa(n)),
		output: fmt.Sprintf("collatz(%d): %d steps, peak %d\n", n, steps, peak),
	}
}

func primes(n int) prog {
	sieve := make([]bool, n)
	var found []int
	for p := 2; p < n; p++ {
		if !sieve[p] {
			found = append(found, p)
			for m := p * p; m < n; m += p {
				sieve[m] = true
			}
		}
	}
	return prog{
		what: fmt.Sprintf("sieves the primes below %d", n),
		src: fill(`package main

import "fmt"

func main() {
	const n = {{N}}
	composite := make([]bool, n)
	var primes []int
	for p := 2; p < n; p++ {
		if !composite[p] {
			primes = append(primes, p)
			for m := p * p; m < n; m += p {
				composite[m] = true
			}
		}
	}
	fmt.Printf("%d primes below %d\n", len(primes), n)
	fmt.Println("largest:", primes[len(primes)-3:])
}
`, "N", strconv.Itoa(n)),
		output: fmt.Sprintf("%d primes below %d\nlargest: %v\n", len(found), n, found[len(found)-3:]),
	}
}

func fibonacci(m int) prog {
	var out strings.Builder
	a, b := 0, 1
	for k := 0; k < 12; k++ {
		fmt.Fprintf(&out, "fib(%d) mod %d = %d\n", k, m, a)
		a, b = b, (a+b)%m
	}
	return prog{
		what: fmt.Sprintf("prints Fibonacci numbers modulo %d", m),
		src: fill(`package main

import "fmt"

func main() {
	const m = {{M}}
	a, b := 0, 1
	for k := 0; k < 12; k++ {
		fmt.Printf("fib(%d) mod %d = %d\n", k, m, a)
		a, b = b, (a+b)%m
	}
}
`, "M", strconv.Itoa(m)),
		output: out.String(),
	}
}

func wordCount(text string) prog {
	counts := map[string]int{}
	for _, w := range strings.Fields(text) {
		counts[w]++
	}
	keys := make([]string, 0, len(counts))
	for w := range counts {
		keys = append(keys, w)
	}
	slices.SortFunc(keys, func(x, y string) int {
		if c := counts[y] - counts[x]; c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	var out strings.Builder
	for _, w := range keys[:3] {
		fmt.Fprintf(&out, "%-8s %d\n", w, counts[w])
	}
	return prog{
		what: "counts the words of a sentence and prints the three most frequent",
		src: fill(`package main

import (
	"fmt"
	"slices"
	"strings"
)

func main() {
	text := {{TEXT}}
	counts := map[string]int{}
	for _, w := range strings.Fields(text) {
		counts[w]++
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(x, y string) int {
		if c := counts[y] - counts[x]; c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	for _, w := range words[:3] {
		fmt.Printf("%-8s %d\n", w, counts[w])
	}
}
`, "TEXT", strconv.Quote(text)),
		output: out.String(),
	}
}

// pipeSum writes lines through an os.Pipe from a goroutine and reads them
// back, and reports progress on stderr: the merged order of stdout and
// stderr is part of the expected output.
func pipeSum(lines, step int) prog {
	sum := 0
	for k := 1; k <= lines; k++ {
		sum += k * step
	}
	return prog{
		what: fmt.Sprintf("sends %d numbers through a pipe and adds them up", lines),
		src: fill(`package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
)

func main() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		for k := 1; k <= {{LINES}}; k++ {
			fmt.Fprintln(w, k*{{STEP}})
		}
		w.Close()
	}()
	fmt.Fprintln(os.Stderr, "reading")
	sum, n := 0, 0
	s := bufio.NewScanner(r)
	for s.Scan() {
		v, _ := strconv.Atoi(s.Text())
		sum += v
		n++
	}
	fmt.Printf("read %d lines, sum %d\n", n, sum)
}
`, "LINES", strconv.Itoa(lines), "STEP", strconv.Itoa(step)),
		output: fmt.Sprintf("reading\nread %d lines, sum %d\n", lines, sum),
	}
}
