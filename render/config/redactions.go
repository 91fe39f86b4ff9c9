package config

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"slices"
)

// redactionName is what may stand between the brackets of a placeholder.
var redactionName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// redactions decodes [redactions]: NAME = "RE2". Names are matched as
// written, unlike other keys: "[VERSION]" in expected output is the
// placeholder, so "version" is not the same name, and is refused.
func (d *decoder) redactions(key []string, v any) map[string]string {
	t, ok := d.tableValue(key, v)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(t))
	d.table(key, t, func(k []string, _ string, v any) {
		name := k[len(k)-1]
		switch {
		case !redactionName.MatchString(name):
			d.keyErrorf(k, "want a name of capital letters, digits and \"_\" that starts with a letter, such as VERSION")
			return
		case slices.Contains(BuiltinRedactions, name):
			d.keyErrorf(k, "[%s] is built in; choose another name", name)
			return
		}
		re, ok := d.string(k, v)
		if !ok {
			return
		}
		if re == "" {
			d.errorf(k, "must not be empty")
			return
		}
		if _, err := regexp.Compile(re); err != nil {
			d.errorf(k, "invalid RE2: %s", reError(err))
			return
		}
		out[name] = re
	})
	return out
}

// reError is the message of a regexp error without its "error parsing
// regexp: " prefix, which the caller's message says already.
func reError(err error) string {
	var e *syntax.Error
	if errors.As(err, &e) {
		return e.Code.String() + ": `" + e.Expr + "`"
	}
	return err.Error()
}
