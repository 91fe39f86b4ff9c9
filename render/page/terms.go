package page

import (
	"fmt"
	"strconv"
	"strings"
)

// TermValues reads the value of a taxonomy key of front matter
// (categories, tags, or any taxonomy of the site's config: "series") as
// Hugo 0.111 does: one value is a list of one; strings, integers, floats
// and booleans are terms, numbers written as Hugo writes them ("3",
// "1.5", "true"); an empty or blank string is no term. A table, a date or
// a list in the list is no term: it comes back as a problem, a message
// without the key ("want a list of terms, got a table"; "item 2: ...").
func TermValues(v any) (terms []string, problems []string) {
	list, isList := v.([]any)
	if !isList {
		list = []any{v}
	}
	terms = make([]string, 0, len(list))
	for i, x := range list {
		s, ok := termString(x)
		switch {
		case !ok && !isList:
			problems = append(problems, fmt.Sprintf("want a term or a list of terms, got %s", describe(x)))
		case !ok:
			problems = append(problems, fmt.Sprintf("item %d: want a string, number or boolean, got %s", i+1, describe(x)))
		case strings.TrimSpace(s) != "":
			terms = append(terms, s)
		}
	}
	return terms, problems
}

// termString writes a scalar as Hugo's cast.ToString does.
func termString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}
