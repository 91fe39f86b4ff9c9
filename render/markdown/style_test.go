package markdown

import (
	"strings"
	"testing"
)

// TestStyleCSS checks the stylesheet's shape: both schemes, the classes
// this package writes, no rule for chroma's unused .bg class.
func TestStyleCSS(t *testing.T) {
	css := string(styleCSS(t))
	for _, want := range []string{
		".chroma .k {", "@media (prefers-color-scheme: dark) {", "  .chroma .k {",
		".ansi-red {", ".ansi-bg-bright-white {", ".ansi-fg-196 { color: #ff0000 }",
		".ansi-bg-232 { background-color: #080808 }", ".ansi-bg-255 { background-color: #eeeeee }",
		".ansi-inverse {", ".ansi-bold {",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("StyleCSS has no %q", want)
		}
	}
	if strings.Contains(css, "\n.bg ") || strings.Contains(css, " .bg ") {
		t.Error("StyleCSS styles .bg")
	}
	if string(styleCSS(t)) != css {
		t.Error("StyleCSS is not deterministic")
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("StyleCSS has unbalanced braces")
	}
}

func styleCSS(t *testing.T) []byte {
	t.Helper()
	css, err := StyleCSS()
	if err != nil {
		t.Fatal(err)
	}
	return css
}
