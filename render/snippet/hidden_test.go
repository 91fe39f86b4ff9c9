package snippet

import (
	"strings"
	"testing"
)

func TestShown(t *testing.T) {
	tests := []struct {
		name, content, want string
		hid                 bool
	}{
		{"none", "package main\nfunc main() {}\n", "package main\nfunc main() {}\n", false},
		{"go", "// pipedocs:hide\npackage main\n\nimport \"fmt\"\n// pipedocs:show\nfunc main() { fmt.Println() }\n", "func main() { fmt.Println() }\n", true},
		{"python, indented", "def f():\n    # pipedocs:hide\n    import os\n    #pipedocs:show\n    return 1\n", "def f():\n    return 1\n", true},
		{"sh, to the end", "echo shown\n# pipedocs:hide\nrm -f tmp\n", "echo shown\n", true},
		{"two regions", "#pipedocs:hide\na\n# pipedocs:show\nb\n# pipedocs:hide\nc\n# pipedocs:show\nd\n", "b\nd\n", true},
		{"all hidden", "# pipedocs:hide\na\n", "", true},
		{"not alone on its line", "x = 1 # pipedocs:hide\ny\n", "x = 1 # pipedocs:hide\ny\n", false},
		{"a show without a hide is shown", "a\n// pipedocs:show\nb\n", "a\n// pipedocs:show\nb\n", false},
		{"in a string", "s = \"pipedocs:hide\"\n", "s = \"pipedocs:hide\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hid := Shown([]byte(tt.content))
			if string(got) != tt.want || hid != tt.hid {
				t.Errorf("Shown(%q) = %q, %v; want %q, %v", tt.content, got, hid, tt.want, tt.hid)
			}
			again, _ := Shown(got)
			if string(again) != string(got) {
				t.Errorf("Shown of the shown text changed it: %q", again)
			}
		})
	}
}

func TestRunnable(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"none", "package main\n", "package main\n"},
		{"go", "// pipedocs:hide\npackage main\n// pipedocs:show\nfunc main() {}\n", "\npackage main\n\nfunc main() {}\n"},
		{"crlf kept", "# pipedocs:hide\r\nimport os\r\n# pipedocs:show\r\nprint(1)\r\n", "\r\nimport os\r\n\r\nprint(1)\r\n"},
		{"to the end, no newline", "echo a\n# pipedocs:hide", "echo a\n"},
		{"a show without a hide runs as written", "a\n// pipedocs:show\nb\n", "a\n// pipedocs:show\nb\n"},
		{"not alone on its line", "x = 1 # pipedocs:hide\ny\n", "x = 1 # pipedocs:hide\ny\n"},
		{"a hide inside a region is hidden, not a marker", "# pipedocs:hide\n# pipedocs:hide\n# pipedocs:show\nz\n", "\n# pipedocs:hide\n\nz\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Runnable([]byte(tt.content)))
			if got != tt.want {
				t.Errorf("Runnable(%q) = %q; want %q", tt.content, got, tt.want)
			}
			if strings.Count(got, "\n") != strings.Count(tt.content, "\n") {
				t.Errorf("Runnable(%q) changed the number of lines: %q", tt.content, got)
			}
			// What the page shows of the block runs unchanged.
			shown, _ := Shown([]byte(tt.content))
			if !linesIn(string(shown), got) {
				t.Errorf("Runnable(%q) = %q lost shown lines %q", tt.content, got, shown)
			}
		})
	}
}

// linesIn reports whether every line of sub is a line of s, in order.
func linesIn(sub, s string) bool {
	lines := strings.SplitAfter(s, "\n")
	i := 0
	for _, l := range strings.SplitAfter(sub, "\n") {
		if l == "" {
			continue
		}
		for i < len(lines) && lines[i] != l {
			i++
		}
		if i == len(lines) {
			return false
		}
		i++
	}
	return true
}
