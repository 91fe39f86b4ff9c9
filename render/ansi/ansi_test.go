package ansi

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWriteANSI(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "hello\n", "hello\n"},
		{"escaped", `<script>alert("x") & 'y'</script>`, "&lt;script&gt;alert(&#34;x&#34;) &amp; &#39;y&#39;&lt;/script&gt;"},
		{"red then reset", "\x1b[31mred\x1b[0m plain", `<span class="ansi-red">red</span> plain`},
		{"reset by empty params", "\x1b[31mred\x1b[m plain", `<span class="ansi-red">red</span> plain`},
		{"bold and colour in one", "\x1b[1;32mok", `<span class="ansi-green ansi-bold">ok</span>`},
		{"bright fg and bg", "\x1b[91;104mx", `<span class="ansi-bright-red ansi-bg-bright-blue">x</span>`},
		{"bg", "\x1b[43mx\x1b[49my", `<span class="ansi-bg-yellow">x</span>y`},
		{"attributes", "\x1b[2;3;4;9mx\x1b[22;23;24;29my", `<span class="ansi-faint ansi-italic ansi-underline ansi-strike">x</span>y`},
		{"22 ends bold", "\x1b[1mb\x1b[22mn", `<span class="ansi-bold">b</span>n`},
		{"39 keeps bold", "\x1b[1;31mx\x1b[39my", `<span class="ansi-red ansi-bold">x</span><span class="ansi-bold">y</span>`},
		{"256 named range", "\x1b[38;5;1mx\x1b[38;5;9my", `<span class="ansi-red">x</span><span class="ansi-bright-red">y</span>`},
		{"256 cube", "\x1b[38;5;196mx\x1b[48;5;232my", `<span class="ansi-fg-196">x</span><span class="ansi-fg-196 ansi-bg-232">y</span>`},
		{"256 colon form", "\x1b[38:5:208mx", `<span class="ansi-fg-208">x</span>`},
		{"256 out of range ignored", "\x1b[38;5;300mx", "x"},
		{"truecolor to cube", "\x1b[38;2;255;0;0mx", `<span class="ansi-fg-196">x</span>`},
		{"truecolor to grey", "\x1b[48;2;128;128;128mx", `<span class="ansi-bg-244">x</span>`},
		{"truecolor colon with space id", "\x1b[38:2::0:0:255mx", `<span class="ansi-fg-21">x</span>`},
		{"truecolor colon without space id", "\x1b[38:2:0:255:0mx", `<span class="ansi-fg-46">x</span>`},
		{"truecolor then more params", "\x1b[38;2;0;0;0;1mx", `<span class="ansi-fg-16 ansi-bold">x</span>`},
		{"truncated extended colour", "\x1b[38;5mx", "x"},
		{"unknown extended kind consumes nothing", "\x1b[38;7;1mx", `<span class="ansi-inverse ansi-bold">x</span>`},
		{"inverse", "\x1b[7mx\x1b[27my", `<span class="ansi-inverse">x</span>y`},
		{"inverse swaps colours", "\x1b[31;7mx", `<span class="ansi-inverse ansi-bg-red">x</span>`},
		{"no empty spans", "\x1b[31m\x1b[0m\x1b[1m\x1b[0mx", "x"},
		{"same look, one span", "\x1b[31ma\x1b[31mb", `<span class="ansi-red">ab</span>`},
		{"span across lines", "\x1b[32ma\nb\x1b[0m\n", "<span class=\"ansi-green\">a\nb</span>\n"},
		{"span closed at end", "\x1b[31munterminated", `<span class="ansi-red">unterminated</span>`},
		{"cursor moves dropped", "\x1b[2J\x1b[1;1H\x1b[Kx\x1b[3A", "x"},
		{"private CSI ending in m dropped", "\x1b[?25m\x1b[>4;2mx", "x"},
		{"CSI with intermediate dropped", "\x1b[1 mx", "x"},
		{"OSC with BEL", "\x1b]0;window title\ax", "x"},
		{"OSC 8 hyperlink keeps its text", "\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"unterminated OSC shows the rest", "\x1b]0;title", "0;title"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\x", "x"},
		{"charset selection", "\x1b(Bx\x1b)0y", "xy"},
		{"two-byte escapes", "\x1b7x\x1b8\x1bcy", "xy"},
		{"malformed CSI keeps the text", "\x1b[31\x07x", "x"},
		{"lone ESC at end", "x\x1b", "x"},
		{"ESC before a control", "\x1b\nx", "\nx"},
		{"CR LF", "a\r\nb\r\n", "a\nb\n"},
		{"lone CR", "10%\r20%", "10%\n20%"},
		{"tab kept, other controls dropped", "a\tb\x00\x07\x08\x7fc", "a\tbc"},
		{"C1 controls dropped", "a\u009b31mb\u0085c", "a31mbc"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"valid UTF-8 kept", "héllo, 世界 ✓", "héllo, 世界 ✓"},
		{"huge parameter saturates", "\x1b[99999999999999999999mx", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			WriteHTML(&b, []byte(tt.in))
			if got := b.String(); got != tt.want {
				t.Errorf("WriteHTML(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzWriteHTML checks the safety properties on any input: no raw control
// bytes, no markup of the program's own, valid UTF-8, balanced spans.
func FuzzWriteHTML(f *testing.F) {
	for _, s := range []string{"\x1b[31mx", "<b>", "\x1b]8;;u\x1b\\l", "\xff\r\n", "\x1b[38;2;1;2;3;48;5;7m"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var b bytes.Buffer
		WriteHTML(&b, in)
		out := b.String()
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
				t.Fatalf("control %U in %q", r, out)
			}
		}
		// Strip the spans we write; what remains must hold no markup.
		rest := out
		for _, tag := range []string{"</span>"} {
			rest = strings.ReplaceAll(rest, tag, "")
		}
		for {
			i := strings.Index(rest, `<span class="`)
			if i < 0 {
				break
			}
			j := strings.Index(rest[i:], `">`)
			for _, c := range strings.Fields(rest[i+len(`<span class="`) : i+j]) {
				if !strings.HasPrefix(c, "ansi-") {
					t.Fatalf("class %q in %q", c, out)
				}
			}
			rest = rest[:i] + rest[i+j+2:]
		}
		if strings.ContainsAny(rest, `<>"'`) {
			t.Fatalf("unescaped markup in %q", out)
		}
		if strings.Count(out, "<span ") != strings.Count(out, "</span>") {
			t.Fatalf("unbalanced spans in %q", out)
		}
	})
}

func TestNearest256(t *testing.T) {
	tests := []struct {
		r, g, b, want int
	}{
		{0, 0, 0, 16},
		{255, 255, 255, 231},
		{255, 0, 0, 196},
		{0, 95, 135, 24},
		{128, 128, 128, 244}, // grey 128 is nearer 8+10*12 than any cube entry
		{8, 8, 8, 232},
		{238, 238, 238, 255},
		{100, 149, 237, 69}, // cornflower blue
	}
	for _, tt := range tests {
		if got := nearest256(tt.r, tt.g, tt.b); got != tt.want {
			t.Errorf("nearest256(%d, %d, %d) = %d, want %d", tt.r, tt.g, tt.b, got, tt.want)
		}
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	WriteText(&b, []byte("a\x1b[31m<b>\r\n"))
	if got, want := b.String(), "a[31m&lt;b&gt;\n"; got != want {
		t.Errorf("WriteText = %q, want %q", got, want)
	}
}
