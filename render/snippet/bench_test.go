package snippet

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFind measures a long article: Find locates every block's
// closing fence, which must stay cheap as articles grow.
func BenchmarkFind(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&sb, "## Part %d\n\nSome text.\n\n```go\nfmt.Println(%d)\n```\n\n```output\n%d\n```\n\n", i, i, i)
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if snips, _ := find(b, src); len(snips) != 2000 {
			b.Fatal(len(snips))
		}
	}
}
