package shortcode

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/markdown"
)

// page renders body as the site does: parse, mask, Markdown, expand.
type page struct {
	lib *Library
	md  *markdown.Renderer
	env *Env
}

// newPage returns a page whose site has the shortcodes in files
// (layouts/shortcodes/NAME: template) and these params.
func newPage(t *testing.T, files map[string]string, params map[string]any) *page {
	t.Helper()
	md := markdown.New(markdown.Options{Unsafe: true})
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["layouts/shortcodes/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	render := func(src string) (string, error) {
		doc, _ := md.Parse([]byte(src))
		a, err := md.Render([]byte(src), 0, doc, nil, nil)
		return string(a.Body), err
	}
	lib, err := Load(fsys, SiteInfo{Title: "Site", BaseURL: "https://example.org/", Params: params}, render)
	if err != nil {
		t.Fatal(err)
	}
	lib.Anchorize = markdown.Anchorize
	env := &Env{
		Page: PageInfo{Title: "The page", Params: map[string]any{"foo": "o"}, RelPermalink: "/p/"},
		Ref:  func(target string) (string, error) { return "/" + strings.TrimSuffix(target, ".md") + "/", nil },
	}
	return &page{lib: lib, md: md, env: env}
}

// render returns body's HTML, TOC and summary with the calls expanded.
func (p *page) render(t *testing.T, body string) (*Result, markdown.Article) {
	t.Helper()
	d, errs := Parse([]byte(body))
	for _, e := range p.lib.Check(d) {
		if !e.Warning {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		t.Fatalf("%q: %v", body, errs)
	}
	masked := d.Mask([]byte(body), p.lib, true)
	doc, _ := p.md.Parse(masked)
	a, err := p.md.Render(masked, 0, doc, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Expand(string(a.Body), []byte(body), p.lib, p.env)
	if err != nil {
		t.Fatalf("%q: %v", body, err)
	}
	return res, a
}

func TestExpand(t *testing.T) {
	p := newPage(t, map[string]string{
		"b.html":    "<b>{{ .Inner }}</b>",
		"i.html":    "<i>{{ .Inner }}</i>",
		"note.html": "<aside>{{ .Inner }}</aside>",
	}, nil)
	tests := []struct{ name, in, want string }{
		{"markdown inside raw", "{{< b >}}raw {{% i %}}*md*{{% /i %}} after{{< /b >}}\n",
			"<b>raw <i><em>md</em></i> after</b>"},
		{"raw inside raw", "{{< b >}}x {{< i >}}y{{< /i >}}{{< /b >}}\n", "<b>x <i>y</i></b>"},
		{"markdown inside markdown", "{{% b %}}a {{% i %}}*y*{{% /i %}}{{% /b %}}\n", "<p><b>a <i><em>y</em></i></b></p>"},
		{"escape inside raw", "{{< b >}}{{</* i */>}}{{< /b >}}\n", "<b>{{< i >}}</b>"},
		// A tag alone on its line is a block boundary: a closing tag
		// right under a list or a quote (to Markdown a lazy continuation
		// line of its last paragraph) still ends the call there, and an
		// opening tag under a paragraph starts a block.
		{"list before the closing tag", "{{% note %}}\n- one\n- two\n{{% /note %}}\nafter\n",
			"<aside><ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</aside>\n<p>after</p>"},
		{"quote before the closing tag", "{{% note %}}\n> q\n{{% /note %}}\n",
			"<aside><blockquote>\n<p>q</p>\n</blockquote>\n</aside>"},
		{"paragraph before the opening tag", "para\n{{% note %}}\n*x*\n{{% /note %}}\n- three\n",
			"<p>para</p>\n<aside><p><em>x</em></p>\n</aside>\n<ul>\n<li>three</li>\n</ul>"},
		{"details with a list", "{{< details >}}\n1. one\n{{< /details >}}\n",
			"<details><summary>Details</summary>\n<ol>\n<li>one</li>\n</ol>\n</details>"},
		// Too short for a comment: the closing tag is a lazy line, and
		// the blocks it ends are closed with the call.
		{"short tags", "{{% b %}}\n- one\n{{%/b%}}\n\nafter\n",
			"<b><ul>\n<li>one\n</li>\n</ul></b>\n<p>after</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := p.render(t, tt.in)
			if got := strings.TrimSpace(res.HTML); got != tt.want {
				t.Errorf("%q\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestHeadingIDs holds the ids Hugo 0.111 gave these headings (hugo_test.go
// compares more with the hugo on PATH): a {{< >}} call stands as Hugo's
// placeholder, numbered among the page's top-level calls, those in code
// included; a {{% %}} call as its output; an escape as its text.
func TestHeadingIDs(t *testing.T) {
	p := newPage(t, map[string]string{"b.html": "<b>{{ .Inner }}</b>", "i.html": "<i>{{ .Inner }}</i>"}, nil)
	body := "{{< b >}}x {{< i >}}y{{< /i >}}{{< /b >}}\n\n`{{< i >}}c{{< /i >}}`\n\n```\n{{< i >}}fence{{< /i >}}\n```\n\n" +
		"Esc {{</* i */>}}.\n\n{{% i %}}m{{% /i %}}\n\n" +
		"## A {{< param foo >}} {{< param foo >}}\n\n## Esc {{</* i */>}} here\n\n## Pct {{% param foo %}} z\n\n" +
		"## Dup {{% param foo %}} z\n\n## Dup o z\n\n### Intro {{< b >}}bold{{< /b >}} end\n"
	want := []struct{ id, text string }{
		{"a-hahahugoshortcodes4hbhb-hahahugoshortcodes5hbhb", "A o o"},
		{"esc--i--here", "Esc {{< i >}} here"},
		{"pct-o-z", "Pct o z"},
		{"dup-o-z", "Dup o z"},
		{"dup-o-z-1", "Dup o z"},
		{"intro-hahahugoshortcodes8hbhb-end", "Intro bold end"},
	}
	res, a := p.render(t, body)
	if len(a.TOC) != len(want) {
		t.Fatalf("TOC %+v", a.TOC)
	}
	for i, h := range a.TOC {
		id, text := res.ID(h.ID), res.Text(h.Text)
		if id != want[i].id || text != want[i].text {
			t.Errorf("heading %d: id %q text %q, want %q %q", i, id, text, want[i].id, want[i].text)
		}
		if !strings.Contains(res.HTML, `id="`+id+`"`) || !strings.Contains(res.HTML, `href="#`+id+`"`) {
			t.Errorf("heading %d: no id %q with its link in\n%s", i, id, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "zq") || strings.Contains(res.HTML, "ZQ") {
		t.Errorf("a placeholder is left in\n%s", res.HTML)
	}
}

// TestSiteReplacesBuiltin: a site's shortcode of a built-in's name is
// the one that runs, as in Hugo, parameters and inner content as given.
func TestSiteReplacesBuiltin(t *testing.T) {
	p := newPage(t, map[string]string{
		"youtube.html": `<b class="own">{{ .Get 0 }}</b>`,
		"details.html": `<div class="own">{{ .Inner }}</div>`,
	}, nil)
	res, _ := p.render(t, "{{< youtube abc >}}\n\n{{< details >}}*raw*{{< /details >}}\n")
	want := "<b class=\"own\">abc</b>\n<div class=\"own\">*raw*</div>"
	if got := strings.TrimSpace(res.HTML); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
