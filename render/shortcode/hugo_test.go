package shortcode

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/internal/hugotest"
	"github.com/pipedocs/pipedocs/render/markdown"
)

var update = flag.Bool("update", false, "rewrite testdata/hugo/shapes (Hugo's with hugo on PATH, and pipedocs')")

// How a case compares with Hugo 0.111.
const (
	same    = iota // the shapes are equal
	differs        // on purpose (why): both hold key, and pipedocs' shape is kept too
	none           // Hugo 0.111 cannot render it here (why): pipedocs' shape is kept
)

// builtinCases are one page each, per built-in shortcode and per part of
// the shortcode syntax and API.
var builtinCases = []struct {
	name, md string
	vs       int
	why, key string
}{
	{name: "figure", md: `{{< figure src="/img/a.png" alt="An A" title="Title *t*" caption="Cap **b**" link="https://x.org" attr="By me" attrlink="https://me.org" class="c" width="10" height="20" >}}`},
	{name: "figure-caption", md: `{{< figure src="b.png" caption="Only *cap*" >}}`},
	{name: "figure-target", md: `{{< figure src="c.png" link="https://x.org" target="_blank" rel="noopener" >}}`},
	{name: "highlight-table", md: "{{< highlight go \"linenos=table,hl_lines=2\" >}}\npackage main\nfunc main() {}\n{{< /highlight >}}"},
	{name: "highlight-inline", md: "{{< highlight python \"linenos=inline,linenostart=3\" >}}\nx = 1\ny = 2\n{{< /highlight >}}"},
	{name: "highlight-ranges", md: "{{< highlight go \"hl_lines=1 3-4,linenos=inline\" >}}\na\nb\nc\nd\n{{< /highlight >}}"},
	{name: "highlight-inline-code", md: "Text {{< highlight go \"hl_inline=true\" >}}fmt.Println(\"x\"){{< /highlight >}} more."},
	{name: "highlight-plain", md: "{{< highlight sh >}}echo hi{{< /highlight >}}", vs: differs, key: "echo",
		why: "a fence without line attributes has no language class and no per-line spans (render/markdown's code blocks)"},
	{name: "param", md: `P {{< param foo >}} {{< param "nested.deep" >}} {{< param title >}} {{< param sp >}}`},
	{name: "ref", md: `[a]({{< ref "other" >}}) [b]({{< ref "other.md#part" >}}) [c]({{< ref "/" >}}) [d]({{< ref "sec" >}}) [e]({{< ref "#frag" >}})`},
	{name: "relref", md: `[a]({{< relref "other" >}}) [b]({{< relref "other.md#part" >}}) [c]({{< relref "/" >}}) [d]({{< relref path="sec" >}}) [e]({{< relref "sec/in" >}})`},
	{name: "youtube", md: `{{< youtube w7Ft2ymGmfc >}}`, vs: differs, key: "w7Ft2ymGmfc",
		why: "a link to the video, not an iframe: no third-party content without the reader's click"},
	{name: "youtube-named", md: `{{< youtube id="w7Ft2ymGmfc" title="A title" autoplay="true" >}}`, vs: differs, key: "A title",
		why: "a link to the video with its title, not an iframe"},
	{name: "vimeo", md: `{{< vimeo 146022717 >}}`, vs: differs, key: "146022717",
		why: "a link to the video, not an iframe"},
	{name: "gist", md: `{{< gist spf13 7896402 >}}`, vs: differs, key: "gist.github.com/spf13/7896402",
		why: "a link to the gist, not GitHub's script"},
	{name: "gist-file", md: `{{< gist spf13 7896402 "img.html" >}}`, vs: differs, key: "img",
		why: "a link to the gist's file, not GitHub's script"},
	{name: "tweet", md: `{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}`, vs: none,
		why: "Hugo 0.111 fetches the post from publish.twitter.com when it builds"},
	{name: "twitter", md: `{{< twitter user="SanDiegoZoo" id="1453110110599868418" >}}`, vs: none,
		why: "Hugo 0.111 fetches the post from publish.twitter.com when it builds"},
	{name: "twitter-simple", md: `{{< twitter_simple user="SanDiegoZoo" id="1453110110599868418" >}}`, vs: none,
		why: "Hugo 0.111 fetches the post from publish.twitter.com when it builds"},
	{name: "x", md: `{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`, vs: none, why: "x is Hugo 0.141's"},
	{name: "instagram", md: `{{< instagram BWNjjyYFxVx >}}`, vs: none,
		why: "Hugo 0.111 needs an Instagram access token and the network"},
	{name: "instagram-simple", md: `{{< instagram_simple BWNjjyYFxVx >}}`, vs: none,
		why: "Hugo 0.111 needs an Instagram access token and the network"},
	{name: "vimeo-simple", md: `{{< vimeo_simple 48912912 >}}`, vs: none,
		why: "Hugo 0.111 fetches the video's data from vimeo.com when it builds"},
	{name: "details", md: "{{< details summary=\"More *here*\" open=true >}}\nHidden *text*.\n{{< /details >}}", vs: none,
		why: "details is Hugo 0.140's"},
	{name: "qr", md: `{{< qr text="https://gohugo.io" />}}`, vs: none, why: "qr is Hugo 0.141's, which draws an image"},
	// The syntax and the API, with the site's shortcodes.
	{name: "site-raw", md: "{{< note title=\"T\" >}}raw *inner*{{< /note >}}"},
	{name: "site-markdown-nested", md: "{{< b >}}raw {{% b %}}*inner md*{{% /b %}} after{{< /b >}}"},
	{name: "site-params", md: "{{< args 1 \"two words\" >}} and {{< args a=x b=`y` >}}"},
	{name: "site-parent", md: "{{< note title=\"Outer\" >}}{{< args 1 2 >}}{{< /note >}}"},
	{name: "site-markdownify", md: `{{< md text="*emph* and **bold** [l](https://go.dev)" >}}`},
	{name: "site-readfile", md: `{{< readfile file="include/part.md" markdown="true" >}}`},
	{name: "site-render-string", md: "{{< mydetails summary=\"Sum *it*\" open=\"true\" >}}\n- a\n- b *c*\n{{< /mydetails >}}"},
	{name: "site-code-toggle", md: "{{< code-toggle file=\"My Config\" >}}\n[params]\nkey = \"v\"\nn = 1\n{{< /code-toggle >}}", vs: differs, key: "params",
		why: "transform.Remarshal writes TOML strings in double quotes (BurntSushi/toml) where Hugo writes single ones (go-toml); highlight without options has no language class and no per-line spans"},
	{name: "escaped", md: "Use {{</* note */>}} and {{%/* b */%}}."},
	{name: "heading-ids", md: "## A {{< param foo >}} b\n\n## Esc {{</* b */>}} here\n\n## Pct {{% param foo %}} z\n\n## Pct o z\n"},
	{name: "in-blocks", md: "## Intro {{< param foo >}} {#intro}\n\nTerm {{< param foo >}}\n: Def {{< param sp >}}\n\n| a | b |\n|---|---|\n| {{< param foo >}} | [r]({{< relref \"other\" >}}) |\n\n- item {{< param foo >}}\n\n> quote {{< param foo >}}\n"},
	{name: "inline-off", md: "A {{< z.inline >}}{{ .Page.Title }}{{< /z.inline >}} B"},
}

// hugoPages are the pages the cases' refs point at.
var hugoPages = map[string]string{
	"_index.md":     "+++\ntitle = \"home\"\n+++\n",
	"other.md":      "+++\ntitle = \"other\"\n+++\n## Part\n",
	"sec/_index.md": "+++\ntitle = \"sec\"\n+++\n",
	"sec/in.md":     "+++\ntitle = \"in\"\n+++\n",
}

// hugoRefs is what Hugo resolves the cases' refs to (render/site's
// TestRefResolve holds the resolution itself).
var hugoRefs = map[string]string{"other": "/other/", "other.md": "/other/", "/": "/", "sec": "/sec/", "sec/in": "/sec/in/"}

const frontMatter = "+++\ntitle = %q\nfoo = \"o\"\n[nested]\ndeep = \"d\"\n+++\n"

// TestBuiltinsMatchHugo renders builtinCases with pipedocs and compares
// the shapes (hugotest.Shape) with Hugo 0.111's, kept in
// testdata/hugo/shapes: refreshed with -update from the hugo on PATH,
// and, where it is installed, checked to be what it renders still. What
// pipedocs renders on purpose otherwise is kept as NAME.pipedocs.shape,
// and both renderings must hold the case's key.
func TestBuiltinsMatchHugo(t *testing.T) {
	dir := filepath.Join("testdata", "hugo")
	shapes := filepath.Join(dir, "shapes")
	hugoHTML := map[string]string{}
	if hugo, why := hugotest.Hugo(); hugo != "" {
		pages := map[string]string{}
		for k, v := range hugoPages {
			pages[k] = v
		}
		for _, c := range builtinCases {
			if c.vs != none {
				pages[c.name+".md"] = fmt.Sprintf(frontMatter, c.name) + c.md + "\n"
			}
		}
		html := hugotest.Run(t, hugo, filepath.Join(dir, "site"), pages)
		for _, c := range builtinCases {
			if c.vs != none {
				hugoHTML[c.name] = html[c.name+".md"]
				hugotest.Golden(t, filepath.Join(shapes, c.name+".shape"), shape(t, html[c.name+".md"]), *update)
			}
		}
	} else {
		if *update {
			t.Fatal("-update needs Hugo 0.111 on PATH: " + why)
		}
		t.Log(why + ": comparing with the shapes Hugo 0.111 rendered, kept in " + shapes)
	}
	p := newSitePage(t, filepath.Join(dir, "site"))
	for _, c := range builtinCases {
		t.Run(c.name, func(t *testing.T) {
			p.env.Page.Title = c.name
			res, _ := p.render(t, c.md+"\n")
			got := shape(t, res.HTML)
			switch c.vs {
			case same:
				hugotest.Golden(t, filepath.Join(shapes, c.name+".shape"), got, false)
				return
			case differs:
				if !strings.Contains(res.HTML, c.key) {
					t.Errorf("pipedocs' HTML does not hold %q:\n%s", c.key, res.HTML)
				}
				if h, ok := hugoHTML[c.name]; ok && !strings.Contains(h, c.key) {
					t.Errorf("Hugo's HTML does not hold %q:\n%s", c.key, h)
				}
			}
			t.Logf("not as Hugo 0.111: %s", c.why)
			hugotest.Golden(t, filepath.Join(shapes, c.name+".pipedocs.shape"), got, *update)
		})
	}
}

// newSitePage is a page of the fixture site in dir: its shortcodes and
// params, and refs resolved as Hugo resolves them there.
func newSitePage(t *testing.T, dir string) *page {
	t.Helper()
	md := markdown.New(markdown.Options{})
	render := func(src string) (string, error) {
		doc, _ := md.Parse([]byte(src))
		a, err := md.Render([]byte(src), 0, doc, nil, nil)
		return string(a.Body), err
	}
	lib, err := Load(os.DirFS(dir), SiteInfo{Title: "Site", BaseURL: "https://example.org/", Params: map[string]any{"sp": "site param"}}, render)
	if err != nil {
		t.Fatal(err)
	}
	lib.Anchorize, lib.Code = markdown.Anchorize, markdown.Code
	env := &Env{
		Page: PageInfo{Params: map[string]any{"foo": "o", "nested": map[string]any{"deep": "d"}}},
		Ref: func(target string) (string, error) {
			path, frag, _ := strings.Cut(target, "#")
			if frag != "" {
				frag = "#" + frag
			}
			if path == "" {
				return frag, nil
			}
			u, ok := hugoRefs[path]
			if !ok {
				return "", fmt.Errorf("ref %q: not in the fixture", target)
			}
			return u + frag, nil
		},
	}
	return &page{lib: lib, md: md, env: env}
}

// shapeOptions keep what a reader sees; a fence's token classes depend
// on the chroma version.
var shapeOptions = hugotest.ShapeOptions{
	Skip:        func(name string, attr func(string) string) bool { return name == "a" && attr("class") == "anchor" },
	SpanClasses: []string{"line", "hl", "cl", "ln", "lnt", "args"},
	Attrs:       []string{"href", "src", "alt", "width", "height", "target", "rel", "open"},
}

func shape(t *testing.T, fragment string) string {
	t.Helper()
	s, err := hugotest.Shape(fragment, shapeOptions)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
