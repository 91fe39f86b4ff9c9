package expect

import "testing"

func TestStabilize(t *testing.T) {
	tests := []struct {
		name          string
		first, second string
		want          string
		unordered     bool
		differ        bool
	}{
		{"same", "a\nb\n", "a\nb\n", "a\nb\n", false, false},
		{"same after normalising", "a  \r\nb\n\n", "a\nb", "a\nb\n", false, false},
		{"same, pattern-like line kept literal", "...\n", "...\n", "\\.\\.\\. (re)\n", false, false},
		{"order only", "parent\nchild\n", "child\nparent\n", "parent\nchild\n", true, true},
		{"duration", "took 1.25s\n", "took 1.5s\n", "took [..]s\n", false, true},
		{"pointer", "p = 0xc000012345\n", "p = 0xc000067890\n", "p = 0x[..]\n", false, true},
		{"address starting alike", "addr 0xab12\n", "addr 0xa934\n", "addr 0x[..]\n", false, true},
		{"address ending alike", "addr 0x12ab\n", "addr 0x93ab\n", "addr 0x[..]\n", false, true},
		{"hex word ending alike", "deadbeef\n", "cafebeef\n", "[..]beef\n", false, true},
		{"pid in the middle", "started 4242 ok\n", "started 77 ok\n", "started [..] ok\n", false, true},
		{"timestamp", "2026-12-01 21:30:28.123 start\n", "2026-12-01 21:30:29.456 start\n", "2026-12-01 [..] start\n", false, true},
		{"word prefix kept", "abc\n", "abcdef\n", "abc[..]\n", false, true},
		{"word end kept", "worker-3 done\n", "worker-5 done\n", "worker-[..] done\n", false, true},
		{"nothing in common", "apple\n", "pear\n", "[..]\n", false, true},
		{"common lines kept", "head\nt=1\ntail\n", "head\nt=2\ntail\n", "head\nt=[..]\ntail\n", false, true},
		{"extra line", "a\nb\n", "a\nx\nb\n", "a\n...\nb\n", false, true},
		{"fewer lines", "a\nx\ny\nb\n", "a\nb\n", "a\n...\nb\n", false, true},
		{"paired then extra", "a\nt=1\nb\n", "a\nt=2\nmore\nb\n", "a\nt=[..]\n...\nb\n", false, true},
		{"every line differs", "1\n2\n", "3\n4\n", "[..]\n[..]\n", false, true},
		{"would read as (re)", "x 1 (re)\n", "x 2 (re)\n", "x .* \\(re\\) (re)\n", false, true},
		{"multibyte split", "é\n", "è\n", "[..]\n", false, true},
		{"invalid UTF-8", "a\xff\n", "a\xfe\n", "[..]\n", false, true},
		{"empty and not", "", "x\n", "...\n", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unordered, differ := Stabilize([]byte(tt.first), []byte(tt.second))
			if string(got) != tt.want || unordered != tt.unordered || differ != tt.differ {
				t.Errorf("Stabilize(%q, %q) = %q, %v, %v; want %q, %v, %v",
					tt.first, tt.second, got, unordered, differ, tt.want, tt.unordered, tt.differ)
			}
			// Whatever it writes matches both runs.
			o := Options{Unordered: unordered}
			for _, run := range []string{tt.first, tt.second} {
				if !Match(got, []byte(run), o) {
					t.Errorf("Stabilize(%q, %q) = %q does not match %q", tt.first, tt.second, got, run)
				}
			}
		})
	}
}

// A third run of an unstable program still matches what two runs gave,
// where the instability is of the kinds Stabilize knows.
func TestStabilizeThirdRun(t *testing.T) {
	got, _, _ := Stabilize([]byte("took 1.25s\np=0xc000a1\n"), []byte("took 1.5s\np=0xc000b2\n"))
	if third := "took 12.001s\np=0xc0ffee\n"; !Match(got, []byte(third), Options{}) {
		t.Errorf("%q does not match a third run %q", got, third)
	}
}
