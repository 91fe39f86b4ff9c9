package page

import (
	"errors"
	"strings"
)

// ApplyCascade fills in the keys fm does not set from c, the Values of an
// ancestor's Cascade entry whose target matches the page, decoding them as
// the page's own front matter is decoded. As in Hugo, the page's own
// value wins; and since a key taken from a cascade then counts as set,
// the cascades of a page's ancestors must be applied nearest first (its
// section's, then the section above, ...). Keys in a params table and
// unknown keys fill fm.Params key by key.
//
// The values were already checked where the cascade is written (Parse
// reports them there, at their line), so an error here means c was not
// decoded by Parse; it lists every problem, and the values that decode
// are applied all the same.
func (fm *FrontMatter) ApplyCascade(c map[string]any) error {
	values, _ := normalize(c).(map[string]any) // nil for a nil c
	d := fields{cascade: true}
	d.apply(fm, cascadeEntries(values, entry{key: "cascade"}, fm.own))
	if len(d.plain) > 0 {
		return errors.New(strings.Join(d.plain, "; "))
	}
	return nil
}
