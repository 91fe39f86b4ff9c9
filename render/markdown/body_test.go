package markdown

import (
	"strings"
	"testing"
)

// TestInvalidUTF8 holds the decision of body.go: bytes that are not UTF-8
// are an error at the first of them, from Parse and ParseBlocks alike, and
// Render refuses such a body rather than pass the bytes to the HTML.
func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		body string
		at   int // offset of the error, -1 for none
	}{
		{"ascii", "plain\n", -1},
		{"utf-8", "héllo, 世界 ✓ and a real \uFFFD\n", -1},
		{"latin-1 e acute", "Caf\xe9 au lait\n", 3},
		{"lone continuation byte", "a\x80b\n", 1},
		{"truncated sequence at the end", "ok\xe4\xb8", 2},
		{"overlong encoding", "x\xc0\xafy\n", 1},
		{"surrogate", "x\xed\xa0\x80\n", 1},
		{"in a code block", "```sh\necho \xff\n```\n", 11},
		{"in a heading", "## Ti\xfftle\n", 5},
		{"first of two", "\xfe and \xff\n", 0},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			_, full := r.Parse(body)
			doc, blocks := r.ParseBlocks(body)
			for _, errs := range [][]BodyError{full, blocks} {
				switch {
				case tt.at < 0 && len(errs) > 0:
					t.Fatalf("errors on a UTF-8 body: %v", errs)
				case tt.at >= 0 && (len(errs) != 1 || errs[0].Offset != tt.at || !strings.Contains(errs[0].Msg, "invalid UTF-8")):
					t.Fatalf("errors %v, want one invalid UTF-8 at offset %d", errs, tt.at)
				}
			}
			a, err := r.Render(body, 0, doc, nil, nil)
			if tt.at >= 0 {
				if err == nil || !strings.Contains(err.Error(), "invalid UTF-8") {
					t.Errorf("Render: err = %v, body %q; want an invalid UTF-8 error", err, a.Body)
				}
			} else if err != nil {
				t.Errorf("Render: %v", err)
			}
		})
	}
}
