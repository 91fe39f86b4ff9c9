package gomerge

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	const main = "\nfunc main() { fmt.Println(x) }\n"
	tests := []struct {
		name, src string
		why       string // "" = merged; else a part of the reason
	}{
		{"plain", "package main\nimport \"fmt\"\nvar x = 1" + main, ""},
		{"constants and literals", "package main\nimport (\"fmt\"; \"time\"; \"errors\")\ntype T struct{ A int }\nconst c = 3\nvar x, y = []T{{A: c}}, map[string]int{\"a\": 1 + 2}\nvar d = 5 * time.Second\nvar e = errors.New(\"e\")\nvar f = func() int { return g() }\nvar b = []byte(\"s\")\nvar t = T(T{})\nvar m = make(map[int]int, 4)\nfunc g() int { panicky := 1; return panicky }" + main, ""},
		{"flag inside main", "package main\nimport (\"flag\"; \"fmt\")\nfunc main() { n := flag.Int(\"n\", 1, \"n\"); flag.Parse(); fmt.Println(*n) }\n", ""},
		{"methods named main are not func main", "package main\nimport \"fmt\"\ntype T int\nfunc (T) main() {}\nvar x = 1" + main, "uses the name main"},
		{"not parsing", "package main\nfunc main() {", "does not parse"},
		{"not main", "package foo\nfunc main() {}\n", "not package main"},
		{"init", "package main\nimport \"fmt\"\nvar x = 1\nfunc init() {}" + main, "init function"},
		{"call at package level", "package main\nimport (\"fmt\"; \"strings\")\nvar x = strings.ToUpper(\"a\")" + main, "call"},
		{"called func literal", "package main\nimport \"fmt\"\nvar x = func() int { return 1 }()" + main, "call"},
		{"flag at package level", "package main\nimport (\"flag\"; \"fmt\")\nvar x = flag.Int(\"n\", 1, \"n\")" + main, "call"},
		{"registry at package level", "package main\nimport (\"net/http\"; \"fmt\")\nvar x = http.DefaultServeMux" + main, "registry"},
		{"os.Args at package level", "package main\nimport (\"os\"; \"fmt\")\nvar x = os.Args" + main, "os.Args"},
		{"index at package level", "package main\nimport \"fmt\"\nvar s = []int{}\nvar x = s[1]" + main, "may run code or panic"},
		{"division by a variable", "package main\nimport \"fmt\"\nvar z = 0\nvar x = 1 / z" + main, "divides"},
		{"receive", "package main\nimport \"fmt\"\nvar c chan int\nvar x = <-c" + main, "channel"},
		{"shadowed builtin", "package main\nimport \"fmt\"\nfunc len(s string) int { return 0 }\nvar x = len(\"a\")" + main, "call"},
		{"cgo", "package main\nimport \"C\"\nimport \"fmt\"\nvar x = 1" + main, "cgo"},
		{"module import", "package main\nimport (\"fmt\"; \"golang.org/x/sys/unix\")\nvar x = unix.O_CLOEXEC" + main, "not in the standard library"},
		{"blank import", "package main\nimport (\"fmt\"; _ \"net/http\")\nvar x = 1" + main, "blank import"},
		{"registering import", "package main\nimport (\"fmt\"; \"image/png\")\nvar x = png.BestSpeed" + main, "image format"},
		{"reflect", "package main\nimport (\"fmt\"; \"reflect\")\nvar x = reflect.Int" + main, "reflect"},
		{"build tag", "//go:build linux\n\npackage main\nimport \"fmt\"\nvar x = 1" + main, "directive"},
		{"linkname", "package main\nimport \"fmt\"\n//go:linkname x runtime.x\nvar x = 1" + main, "directive"},
		{"declares Main", "package main\nimport \"fmt\"\nvar x = 1\nfunc Main() {}" + main, "declares Main"},
		{"calls main", "package main\nimport \"fmt\"\nvar x = 1\nfunc again() { main() }" + main, "uses the name main"},
		{"no main", "package main\nfunc helper() {}\n", "no func main"},
		{"main with results", "package main\nfunc main() int { return 0 }\n", "not func main()"},
		{"%T", "package main\nimport \"fmt\"\nvar x = 1\nfunc main() { fmt.Printf(\"%T\\n\", x) }\n", "%T"},
		{"%#v", "package main\nimport \"fmt\"\nvar x = 1\nfunc main() { fmt.Printf(\"%-#8v\\n\", x) }\n", "%T"},
		{"%v is fine", "package main\nimport \"fmt\"\nvar x = 1\nfunc main() { fmt.Printf(\"%v %+v %5.2f 100%%\\n\", x, x, 1.0) }\n", ""},
		{"panic", "package main\nimport \"fmt\"\nvar x = 1\nfunc main() { fmt.Println(x); panic(\"boom\") }\n", "calls panic"},
		{"log.Panicf", "package main\nimport \"log\"\nfunc main() { log.Panicf(\"boom\") }\n", "Panicf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			why := Check([]byte(tt.src))
			switch {
			case tt.why == "" && why != "":
				t.Errorf("Check = %q, want it merged", why)
			case tt.why != "" && !strings.Contains(why, tt.why):
				t.Errorf("Check = %q, want a reason with %q", why, tt.why)
			}
		})
	}
}

func TestRewrite(t *testing.T) {
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"main\") }\n"
	got, err := Rewrite("simple_pipe.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "//line simple_pipe.go:1:1\npackage snip\n\nimport \"fmt\"\n\nfunc Main() { fmt.Println(\"main\") }\n"
	if string(got) != want {
		t.Errorf("Rewrite =\n%s\nwant\n%s", got, want)
	}
	if _, err := Rewrite("a\nb.go", []byte(src)); err == nil {
		t.Error("Rewrite of a name with a newline: no error")
	}
}

func TestTag(t *testing.T) {
	if got := len(Tag(7)); got != tagLen {
		t.Errorf("len(Tag(7)) = %d, want %d", got, tagLen)
	}
	if got := string(Tag(12)); !strings.HasSuffix(got, " 00000012\n") {
		t.Errorf("Tag(12) = %q", got)
	}
}

func TestPanicTrace(t *testing.T) {
	const path = "pipedocs.invalid/snippet/m3"
	trace := "panic: boom\n\ngoroutine 1 [running]:\n" + path + ".Main()\n\tsimple_pipe.go:12 +0x25\nmain.main()\n"
	if !PanicTrace([]byte(trace), path) {
		t.Error("a trace through the merged package: not recognised")
	}
	if PanicTrace([]byte("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"), path) {
		t.Error("a trace of another binary: recognised")
	}
	if PanicTrace([]byte(path+".Main\n"), path) {
		t.Error("output without a trace: recognised")
	}
}
