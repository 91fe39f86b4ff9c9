package config

import (
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the suffixes parseSize knows, longest first so that "KiB"
// is not read as "B".
var sizeUnits = []struct {
	suffix string
	bytes  int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"b", 1},
}

// parseSize reads a byte count such as "1MiB", "512 KiB", "2MB" or "4096".
// Binary (KiB) and decimal (KB) units are both accepted, in any case,
// since both are common and mean different things.
func parseSize(s string) (int64, bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	unit := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, unit = strings.TrimSpace(rest), u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64/unit {
		return 0, false
	}
	return n * unit, true
}
