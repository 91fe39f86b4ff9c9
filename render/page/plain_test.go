package page

import (
	"strings"
	"testing"
)

func TestParsePlain(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		body      int // BodyStart
		title     string
		err       string // the first diagnostic, "" for none
	}{
		{name: "none", src: "# Title\n\ntext\n", body: 0},
		{name: "bom", src: "\xEF\xBB\xBF# Title\n", body: 3},
		{name: "toml", src: "+++\ntitle = \"T\"\n+++\nbody\n", body: 20, title: "T"},
		{name: "yaml without title", src: "---\ndescription: d\n---\nbody\n", body: 23},
		{name: "thematic break", src: "---\n\n# Title\n", body: 0},
		{name: "bad", src: "+++\ntitle = 3\n+++\n", body: 18, err: "README.md:2:9: title: want a string, got an integer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, errs := ParsePlain("docs/README.md", []byte(tc.src))
			if p.BodyStart != tc.body || p.Meta.Title != tc.title || p.Kind != Article || p.Slug != "README" || p.Section != "" {
				t.Errorf("BodyStart %d, Title %q, Kind %v, Slug %q, Section %q; want %d, %q, article, README, \"\"",
					p.BodyStart, p.Meta.Title, p.Kind, p.Slug, p.Section, tc.body, tc.title)
			}
			switch {
			case tc.err == "" && len(errs) > 0:
				t.Errorf("unexpected diagnostics: %v", errs)
			case tc.err != "" && (len(errs) == 0 || !strings.HasSuffix(errs[0].Error(), tc.err)):
				t.Errorf("diagnostics %v, want %q", errs, tc.err)
			}
		})
	}
}
