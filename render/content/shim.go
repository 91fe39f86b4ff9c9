package content

import "github.com/pipedocs/pipedocs/render/page"

// TEMPORARY, until render/page's FrontMatter has URL and Headless (the
// frontmatter branch): read them from Params, where unknown keys are kept.

func pageURL(p *page.Page) string {
	s, _ := p.Meta.Params["url"].(string)
	return s
}

// buildOptions returns Hugo's build options of p: render and list.
func buildOptions(p *page.Page) (render, list string) {
	render, list = "always", "always"
	if h, _ := p.Meta.Params["headless"].(bool); h {
		return "never", "never"
	}
	return render, list
}
