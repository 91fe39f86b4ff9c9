package shortcode

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// codeToggle is the code toggle of Hugo's documentation (0.111), less
// its copy button: the most called shortcode of the Hugo sites tried.
const codeToggle = `{{- $langs := (slice "yaml" "toml" "json") -}}
{{- $file := .Get "file" -}}
{{- $code := $.Inner | transform.Unmarshal -}}
<div class="code" {{ with $file }}id="{{ . | urlize }}"{{ end }}>
{{- range $langs }}
<div data-pane="{{ . }}" class="tab-pane {{ cond (eq . "yaml") "active" "" }}">{{ highlight ($code | transform.Remarshal . | safeHTML) . "" }}</div>
{{- end }}
</div>`

// TestHugoFuncs runs site shortcodes written for Hugo with the functions
// of hugofuncs.go.
func TestHugoFuncs(t *testing.T) {
	p := newPage(t, map[string]string{
		"code-toggle.html": codeToggle,
		"readfile.html":    `{{ $f := .Get "file" }}{{ if eq (.Get "markdown") "true" }}{{ $f | readFile | markdownify }}{{ else }}{{ $f | os.ReadFile | safeHTML }}{{ end }}`,
		"render.html":      `<div>{{ .Inner | .Page.RenderString (dict "display" "block") }}</div><b>{{ .Get 0 | .Page.RenderString }}</b>`,
		"str.html":         `{{ if strings.HasSuffix (.Get 0) ".go" }}go{{ end }} {{ if in (slice "a" "b") "b" }}in{{ end }} {{ urlize "My Title!" }}`,
	}, nil)
	p.lib.fsys = fstest.MapFS{"part.md": {Data: []byte("Part *md*.\n")}}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"code toggle from toml", "{{< code-toggle file=\"hugo\" >}}\nbaseURL = \"https://example.org/\"\ntitle = \"My site\"\n{{< /code-toggle >}}\n",
			[]string{`<div class="code" id="hugo">`, `data-pane="yaml" class="tab-pane active"`, `baseURL: https://example.org/`,
				`baseURL = &#34;https://example.org/&#34;`, `&#34;title&#34;: &#34;My site&#34;`}},
		{"code toggle from yaml", "{{< code-toggle >}}\na:\n  b: 1\n{{< /code-toggle >}}\n", []string{"[a]", "b = 1", `&#34;b&#34;: 1`}},
		{"readfile", "{{< readfile file=\"part.md\" markdown=\"true\" >}}\n\n{{< readfile file=\"/../part.md\" >}}\n", []string{"Part <em>md</em>.", "Part *md*."}},
		{"render string", "{{< render \"*x*\" >}}\n- a\n{{< /render >}}\n", []string{"<div><ul>\n<li>a</li>\n</ul>\n</div>", "<b><em>x</em></b>"}},
		{"strings, in, urlize", "{{< str \"a.go\" >}}\n", []string{"go in my-title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := p.render(t, tt.in)
			h := stripSpans(res.HTML)
			for _, w := range tt.want {
				if !strings.Contains(h, w) {
					t.Errorf("no %q in\n%s", w, h)
				}
			}
		})
	}
}

// stripSpans leaves the text of highlighted code.
func stripSpans(h string) string {
	return spanTag.ReplaceAllString(h, "")
}

// TestLoadErrors: a template that does not parse is reported at its
// line, and its calls are errors, unless a built-in of its name stands
// in (a warning).
func TestLoadErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/shortcodes/bad.html":     {Data: []byte("ok\n{{ nosuchfunc 1 }}\n")},
		"layouts/shortcodes/details.html": {Data: []byte("{{ T \"details\" }}")},
	}
	lib, err := Load(fsys, SiteInfo{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.LoadErrors) != 2 {
		t.Fatalf("load errors %v", lib.LoadErrors)
	}
	for _, e := range lib.LoadErrors {
		switch e.Path {
		case "layouts/shortcodes/bad.html":
			if e.Line != 2 || e.Warning || !strings.Contains(e.Msg, `function "nosuchfunc" not defined`) {
				t.Errorf("%+v", e)
			}
		case "layouts/shortcodes/details.html":
			if e.Line != 1 || !e.Warning || !strings.Contains(e.Msg, "the built-in details is used") {
				t.Errorf("%+v", e)
			}
		}
	}
	d, _ := Parse([]byte("{{< bad >}} {{< details >}}x{{< /details >}}"))
	errs := lib.Check(d)
	if len(errs) != 1 || errs[0].Offset != 0 || !strings.Contains(errs[0].Msg, "does not parse") {
		t.Errorf("check: %v", errs)
	}
}

var spanTag = regexp.MustCompile(`</?span[^>]*>`)
