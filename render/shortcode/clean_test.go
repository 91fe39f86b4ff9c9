package shortcode

import "testing"

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"no calls", "no calls"},
		{"Intro " + placeholder(0, 'Q', 12) + " end", "Intro  end"},
		{placeholder(10, 'X', 9) + placeholder(11, 'R', 8), ""},
		{"ZQ is a word", "ZQ is a word"},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
