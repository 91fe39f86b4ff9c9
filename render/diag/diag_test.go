package diag

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDiagnosticError(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"whole file", Diagnostic{Path: "a.md", Msg: "empty"}, "a.md: empty"},
		{"line", Diagnostic{Path: "a.md", Line: 3, Msg: "bad"}, "a.md:3: bad"},
		{"line and col", Diagnostic{Path: "a.md", Line: 3, Col: 7, Msg: "bad"}, "a.md:3:7: bad"},
		{"col without line is dropped", Diagnostic{Path: "a.md", Col: 7, Msg: "bad"}, "a.md: bad"},
		{"warning", Diagnostic{Path: "a.md", Line: 2, Msg: "odd", Severity: Warning}, "a.md:2: warning: odd"},
		{
			"notes",
			Diagnostic{Path: "a.md", Line: 2, Col: 1, Msg: "URL /x/ claimed twice", Notes: []Note{
				{Path: "b.md", Line: 5, Msg: "also claimed here"},
				{Path: "c.md", Msg: "and here"},
			}},
			"a.md:2:1: URL /x/ claimed twice\n\tb.md:5: also claimed here\n\tc.md: and here",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListSortAndFilter(t *testing.T) {
	l := List{
		{Path: "b.md", Line: 1, Msg: "b1"},
		{Path: "a.md", Line: 9, Msg: "a9", Severity: Warning},
		{Path: "a.md", Line: 2, Col: 5, Msg: "a2c5"},
		{Path: "a.md", Line: 2, Col: 1, Msg: "a2c1", Severity: Warning},
		{Path: "a.md", Line: 2, Col: 1, Msg: "a2c1 second"},
	}
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Msg)
	}
	want := []string{"a2c1", "a2c1 second", "a2c5", "a9", "b1"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q (stable within one position)", got, want)
	}
	if n := len(l.Errors()); n != 3 {
		t.Errorf("len(Errors()) = %d, want 3", n)
	}
	if n := len(l.Warnings()); n != 2 {
		t.Errorf("len(Warnings()) = %d, want 2", n)
	}
	if List(nil).Errors() != nil || l.Errors().Warnings() != nil {
		t.Errorf("filtering to nothing must give nil")
	}
}

func TestLineIndex(t *testing.T) {
	src := []byte("ab\r\ncd\n\nef")
	x := NewLineIndex(src)
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 1, 4}, {4, 2, 1}, {6, 2, 3}, {7, 3, 1}, {8, 4, 1}, {9, 4, 2},
		{-1, 1, 0}, // before the file: still line 1
	}
	for _, tt := range tests {
		line, col := x.Position(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
	if d := x.Warn("a.md", 4, "x %d", 1); d.Severity != Warning || d.Line != 2 || d.Msg != "x 1" {
		t.Errorf("Warn = %+v", d)
	}
}

// TestLineIndexLazy checks that a LineIndex indexes its source only when
// a position is asked for: the parse stage makes one per page and keeps
// it with the page, and most pages never have a diagnostic. Concurrent
// first uses (-race) give the same positions.
func TestLineIndexLazy(t *testing.T) {
	src := []byte(strings.Repeat("line\n", 10000))
	if n := testing.AllocsPerRun(10, func() { NewLineIndex(src) }); n > 1 {
		t.Errorf("NewLineIndex: %v allocations, want 1 (no index yet)", n)
	}
	x := NewLineIndex(src)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			off := 5*1000*i + 2
			if line, col := x.Position(off); line != 1000*i+1 || col != 3 {
				t.Errorf("Position(%d) = %d:%d, want %d:3", off, line, col, 1000*i+1)
			}
		}()
	}
	wg.Wait()
}
