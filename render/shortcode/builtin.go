package shortcode

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// A builtin is one of Hugo's built-in shortcodes.
type builtin struct {
	markdownInner bool                 // the inner content is Markdown even with {{< >}}
	check         func(c *Call) string // a problem found at parse time, or ""
	render        func(*Library, *Call, string, *Env) (string, error)
}

var builtins map[string]builtin

func init() {
	builtins = map[string]builtin{
		"ref":              {check: need("target", "0", "path"), render: ref(true)},
		"relref":           {check: need("target", "0", "path"), render: ref(false)},
		"param":            {check: need("name", "0"), render: param},
		"figure":           {check: need("src", "src"), render: figure},
		"highlight":        {render: highlight},
		"details":          {markdownInner: true, render: details},
		"qr":               {render: qr},
		"youtube":          {check: need("id", "0", "id"), render: embed("youtube", "https://www.youtube.com/watch?v=%s", "YouTube video")},
		"vimeo":            {check: need("id", "0", "id"), render: embed("vimeo", "https://vimeo.com/%s", "Vimeo video")},
		"instagram":        {check: need("id", "0", "id"), render: embed("instagram", "https://www.instagram.com/p/%s/", "Instagram post")},
		"instagram_simple": {check: need("id", "0", "id"), render: embed("instagram", "https://www.instagram.com/p/%s/", "Instagram post")},
		"vimeo_simple":     {check: need("id", "0", "id"), render: embed("vimeo", "https://vimeo.com/%s", "Vimeo video")},
		"twitter_simple":   {check: need("user and id", "user"), render: post},
		"gist":             {check: need("user and id", "0", "user"), render: gist},
		"x":                {check: need("user and id", "user"), render: post},
		"tweet":            {check: need("user and id", "user"), render: post},
		"twitter":          {check: need("user and id", "user"), render: post},
	}
}

// arg returns the first of keys given: a digit is a position, else a name.
func arg(c *Call, keys ...string) string {
	for _, k := range keys {
		if len(k) == 1 && '0' <= k[0] && k[0] <= '9' {
			if v := c.Get(int(k[0] - '0')); v != "" {
				return v
			}
			continue
		}
		if v, ok := c.Lookup(k); ok && v != "" {
			return v
		}
	}
	return ""
}

func need(what string, keys ...string) func(*Call) string {
	return func(c *Call) string {
		if arg(c, keys...) == "" {
			return "missing its " + what
		}
		return ""
	}
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func ref(abs bool) func(*Library, *Call, string, *Env) (string, error) {
	return func(lib *Library, c *Call, _ string, env *Env) (string, error) {
		target := arg(c, "0", "path")
		if env == nil || env.Ref == nil {
			return "", fmt.Errorf("shortcode %q: no page index to resolve %q", c.Name, target)
		}
		u, err := env.Ref(target)
		if err != nil {
			return "", err
		}
		if abs && lib != nil && strings.HasPrefix(u, "/") {
			u = strings.TrimSuffix(lib.Site.BaseURL, "/") + u
		}
		return u, nil
	}
}

// param is the page's parameter, else the site's; dots for nesting.
func param(lib *Library, c *Call, _ string, env *Env) (string, error) {
	name := arg(c, "0", "name")
	if env != nil {
		if v := field(env.Page.Params, name); v != nil {
			return esc(fmt.Sprint(v)), nil
		}
		if strings.EqualFold(name, "title") && env.Page.Title != "" { // in Hugo's .Params too
			return esc(env.Page.Title), nil
		}
	}
	if lib != nil {
		if v := field(lib.Site.Params, name); v != nil {
			return esc(fmt.Sprint(v)), nil
		}
	}
	return "", fmt.Errorf("shortcode \"param\": param %q not found", name)
}

// figure is Hugo's figure: an image, its link, title and caption.
func figure(lib *Library, c *Call, _ string, _ *Env) (string, error) {
	get := func(k string) string { v, _ := c.Lookup(k); return v }
	var b strings.Builder
	b.WriteString("<figure")
	if v := get("class"); v != "" {
		fmt.Fprintf(&b, ` class="%s"`, esc(v))
	}
	b.WriteString(">")
	if v := get("link"); v != "" {
		fmt.Fprintf(&b, `<a href="%s"`, esc(v))
		for _, k := range []string{"target", "rel"} {
			if v := get(k); v != "" {
				fmt.Fprintf(&b, ` %s="%s"`, k, esc(v))
			}
		}
		b.WriteString(">")
	}
	fmt.Fprintf(&b, `<img src="%s"`, esc(get("src")))
	caption, err := lib.inline(get("caption"))
	if err != nil {
		return "", err
	}
	if alt := get("alt"); alt != "" {
		fmt.Fprintf(&b, ` alt="%s"`, esc(alt))
	} else if caption != "" {
		fmt.Fprintf(&b, ` alt="%s"`, esc(tags.ReplaceAllString(caption, "")))
	}
	for _, k := range []string{"width", "height"} {
		if v := get(k); v != "" {
			fmt.Fprintf(&b, ` %s="%s"`, k, esc(v))
		}
	}
	b.WriteString("/>")
	if get("link") != "" {
		b.WriteString("</a>")
	}
	if err := figcaption(&b, lib, get, caption); err != nil {
		return "", err
	}
	b.WriteString("</figure>")
	return b.String(), nil
}

func figcaption(b *strings.Builder, lib *Library, get func(string) string, caption string) error {
	title, attr := get("title"), get("attr")
	if title == "" && caption == "" && attr == "" {
		return nil
	}
	b.WriteString("<figcaption>")
	if title != "" {
		fmt.Fprintf(b, "<h4>%s</h4>", esc(title))
	}
	if caption != "" || attr != "" {
		b.WriteString("<p>" + caption)
		attrHTML, err := lib.inline(attr)
		if err != nil {
			return err
		}
		if link := get("attrlink"); link != "" {
			fmt.Fprintf(b, `<a href="%s">%s</a>`, esc(link), attrHTML)
		} else {
			b.WriteString(attrHTML)
		}
		b.WriteString("</p>")
	}
	b.WriteString("</figcaption>")
	return nil
}

// highlight renders its inner content as a code block of the language
// given first, with the options given second as fence attributes.
func highlight(lib *Library, c *Call, inner string, _ *Env) (string, error) {
	lang, opts := arg(c, "0", "lang"), arg(c, "1", "options")
	code := strings.TrimPrefix(strings.TrimSuffix(inner, "\n"), "\n")
	info := lang
	opts, inline := fenceOptions(opts)
	if opts != "" {
		info += " {" + opts + "}"
	}
	if lib != nil && lib.Code != nil {
		return lib.Code(info, []byte(code+"\n"), inline)
	}
	fence := "````"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return lib.markdown(fence + info + "\n" + code + "\n" + fence + "\n")
}

// fenceOptions turns highlight's options, `linenos=table,hl_lines=8 15-17`,
// into a fence's: `linenos=table,hl_lines=["8","15-17"]`, and reports
// whether hl_inline=true asks for inline code.
func fenceOptions(opts string) (string, bool) {
	var parts []string
	inline := false
	for _, p := range strings.Split(opts, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "hl_inline") {
			inline = v == "" || strings.EqualFold(strings.Trim(v, `"`), "true")
			continue
		}
		parts = append(parts, p)
		if k != "hl_lines" || strings.HasPrefix(v, "[") {
			continue
		}
		v = strings.Trim(v, `"`)
		var quoted []string
		for _, r := range strings.Fields(v) {
			quoted = append(quoted, strconv.Quote(r))
		}
		parts[len(parts)-1] = "hl_lines=[" + strings.Join(quoted, ",") + "]"
	}
	return strings.Join(parts, ","), inline
}

// details is Hugo's details (0.140): a <details> with a Markdown summary.
func details(lib *Library, c *Call, inner string, _ *Env) (string, error) {
	summary := arg(c, "summary")
	if summary == "" {
		summary = "Details"
	}
	sum, err := lib.inline(summary)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("<details")
	for _, k := range []string{"class", "name", "title"} {
		if v := arg(c, k); v != "" {
			fmt.Fprintf(&b, ` %s="%s"`, k, esc(v))
		}
	}
	if v := arg(c, "open"); v == "true" || v == "open" {
		b.WriteString(" open")
	}
	fmt.Fprintf(&b, "><summary>%s</summary>\n%s</details>", sum, inner)
	return b.String(), nil
}

// qr is a link to its text: pipedocs has no QR encoder (Hugo draws an
// image).
func qr(_ *Library, c *Call, inner string, _ *Env) (string, error) {
	text := arg(c, "text")
	if text == "" {
		text = strings.TrimSpace(inner)
	}
	if text == "" {
		return "", fmt.Errorf(`shortcode "qr": missing its text`)
	}
	return fmt.Sprintf(`<p class="qr"><a href="%s">%s</a></p>`, esc(text), esc(text)), nil
}

// embed is a plain link to a video or post, with a title: no iframe and
// no third-party script.
func embed(kind, format, title string) func(*Library, *Call, string, *Env) (string, error) {
	return func(_ *Library, c *Call, _ string, _ *Env) (string, error) {
		id := arg(c, "0", "id")
		if t := arg(c, "title"); t != "" {
			title = t
		}
		u := fmt.Sprintf(format, url.PathEscape(id))
		return link(kind, u, title), nil
	}
}

func link(kind, u, title string) string {
	return fmt.Sprintf(`<p class="embed embed-%s"><a href="%s">%s</a></p>`, kind, esc(u), esc(title))
}

func gist(_ *Library, c *Call, _ string, _ *Env) (string, error) {
	user, id, file := arg(c, "0", "user"), arg(c, "1", "id"), arg(c, "2", "file")
	if id == "" {
		return "", fmt.Errorf(`shortcode "gist": missing its id`)
	}
	u := "https://gist.github.com/" + url.PathEscape(user) + "/" + url.PathEscape(id)
	title := "Gist " + user + "/" + id
	if file != "" {
		u += "#file-" + strings.ReplaceAll(file, ".", "-")
		title += " (" + file + ")"
	}
	return link("gist", u, title), nil
}

func post(_ *Library, c *Call, _ string, _ *Env) (string, error) {
	user, id := arg(c, "user"), arg(c, "id")
	if id == "" {
		return "", fmt.Errorf("shortcode %q: missing its id", c.Name)
	}
	u := "https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id)
	return link("x", u, "Post by @"+user), nil
}
