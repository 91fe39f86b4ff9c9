package page

import "time"

// A Filter says which pages a build leaves out, as Hugo's --buildDrafts,
// --buildFuture and --buildExpired do: each field true keeps those pages.
type Filter struct {
	Drafts  bool      // keep drafts
	Future  bool      // keep pages whose publish date is after Now
	Expired bool      // keep pages whose expiry date is before Now
	Now     time.Time // the time of the build; the zero Time means time.Now()
}

// Visible reports whether a page with front matter fm is built under f,
// by Hugo's rules: a draft is left out unless f.Drafts; a page whose
// publish date (publishDate, else date, as in Hugo) is after the build's
// time unless f.Future; one whose expiryDate is before it unless
// f.Expired.
func Visible(fm *FrontMatter, f Filter) bool {
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	publish := fm.PublishDate
	if publish.IsZero() {
		publish = fm.Date
	}
	switch {
	case fm.Draft && !f.Drafts:
		return false
	case !f.Future && !publish.IsZero() && publish.After(now):
		return false
	case !f.Expired && !fm.ExpiryDate.IsZero() && fm.ExpiryDate.Before(now):
		return false
	}
	return true
}
