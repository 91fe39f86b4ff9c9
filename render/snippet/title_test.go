package snippet

import (
	"errors"
	"strings"
	"testing"
)

// A title names a file on disk and is passed to commands as an argument,
// so it must fit in a file name and must not read as an option.
func TestTitleAsFileName(t *testing.T) {
	long := strings.Repeat("x", 297) + ".sh"
	tests := []struct {
		info string
		want string // the end of the error message; "" for none
	}{
		{"sh title=" + long, ": 300 bytes long, but a file name has at most 255"},
		{"sh title=" + long[45:], ""}, // 255 bytes
		{"sh title=-x.sh", `: starts with "-", so a command would take it for an option`},
		{"sh title=--help", `: starts with "-", so a command would take it for an option`},
		{"sh title=a-b.sh", ""},
	}
	for _, tt := range tests {
		_, _, err := ParseInfo(tt.info)
		var ierr *InfoError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%.30s…: unexpected error %v", tt.info, err)
		case tt.want != "" && (!errors.As(err, &ierr) || !strings.HasSuffix(ierr.Msg, tt.want) || ierr.Offset != len("sh title=")):
			t.Errorf("%.30s…: error %v, want one at offset 9 ending in %q", tt.info, err, tt.want)
		}
	}
}
