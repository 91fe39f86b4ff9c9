package snippet

import (
	"strconv"
	"strings"
)

// Lines are Hugo's line options of a fence (SPEC §2.2), rendered as Hugo
// renders them. The zero value shows no line numbers and highlights none.
type Lines struct {
	Numbers   string      // "", NumbersInline or NumbersTable (linenos)
	Start     int         // number of the first line (linenostart); 0 means 1
	Highlight []LineRange // lines to highlight (hl_lines), 1-based within the block
	Anchors   bool        // each line number links to itself (anchorlinenos)
	Prefix    string      // prefix of those anchors' ids (lineanchors)
	// Inline is lineNumbersInTable=false: linenos=true means inline.
	Inline bool
}

// The forms of Lines.Numbers.
const (
	NumbersInline = "inline"
	NumbersTable  = "table"
)

// IsZero reports whether l asks for nothing: the fence renders as any
// other.
func (l *Lines) IsZero() bool {
	return l.Numbers == "" && l.Start == 0 && len(l.Highlight) == 0 && !l.Anchors && l.Prefix == ""
}

// A LineRange is lines From to To of a block, both included.
type LineRange struct{ From, To int }

// An Extra is an attribute pipedocs does not know, as written. A fence
// that does not run shows it as a data attribute (data-KEY="VALUE").
type Extra struct {
	Key, Value string
	HasValue   bool
	// Offset is where the key starts: in the info string as ParseInfo
	// returns it, in the whole file as Find returns it.
	Offset int
}

// dataOnly are attributes that real Hugo sites put on fences for their
// render hooks (`{file="hugo.toml"}`, `filename=`): data on every fence,
// run or not, as long as they have a value. Bare `file` is SPEC §3's
// flag (Attrs.File).
var dataOnly = map[string]bool{"file": true, "filename": true}

// Unknown returns the attributes of a that are unknown to a fence that
// runs: each is an error there (`unknown snippet attribute "x"`).
func (a *Attrs) Unknown() []Extra {
	var u []Extra
	for _, e := range a.Extra {
		if !(dataOnly[e.Key] && e.HasValue) {
			u = append(u, e)
		}
	}
	return u
}

// setHugo sets one of Hugo's attributes (SPEC §2.2): a class, the id,
// a line option; Hugo's highlighting options with no effect here (style,
// noClasses, guessSyntax, tabWidth, hl_inline, codeFences, noHl,
// wrapperClass) are accepted and ignored;
// anything else is kept as an Extra.
func (a *Attrs) setHugo(kv pair) error {
	switch kv.key {
	case ".":
		a.Classes = append(a.Classes, kv.value)
		return nil
	case "#":
		a.ID = kv.value
		return nil
	}
	switch strings.ToLower(kv.key) {
	case "linenos":
		return a.setLineNumbers(kv)
	case "linenostart":
		n, err := strconv.Atoi(kv.value)
		if err != nil || n < 0 {
			return kv.valueErrorf("linenostart=%q: want a line number", kv.value)
		}
		a.Lines.Start = n
	case "hl_lines":
		r, ok := parseLineRanges(kv.value)
		if !ok {
			return kv.valueErrorf(`hl_lines=%s: want line numbers and ranges, as [8,"15-17"] or "8 15-17"`, kv.value)
		}
		a.Lines.Highlight = r
	case "anchorlinenos":
		b, err := hugoBool(kv)
		a.Lines.Anchors = b
		return err
	case "lineanchors":
		a.Lines.Prefix = kv.value
	case "linenumbersintable":
		b, err := hugoBool(kv)
		a.Lines.Inline = !b
		return err
	case "style", "noclasses", "guesssyntax", "tabwidth", "hl_inline", "codefences", "nohl", "wrapperclass":
	default:
		a.Extra = append(a.Extra, Extra{Key: kv.key, Value: kv.value, HasValue: kv.hasValue, Offset: kv.off})
	}
	return nil
}

func (a *Attrs) setLineNumbers(kv pair) error {
	switch strings.ToLower(kv.value) {
	case "", "true":
		a.Lines.Numbers = "true" // table or inline: see resolve
	case "false":
		a.Lines.Numbers = ""
	case NumbersTable, NumbersInline:
		a.Lines.Numbers = strings.ToLower(kv.value)
	default:
		return kv.valueErrorf("linenos=%q: want true, false, table or inline", kv.value)
	}
	return nil
}

// resolve settles linenos=true, which is a table unless
// lineNumbersInTable=false, whichever came first.
func (l *Lines) resolve() {
	if l.Numbers == "true" {
		l.Numbers = NumbersTable
		if l.Inline {
			l.Numbers = NumbersInline
		}
	}
}

// hugoBool reads a Hugo boolean: bare (true), true or false.
func hugoBool(kv pair) (bool, error) {
	switch strings.ToLower(kv.value) {
	case "", "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, kv.valueErrorf("%s=%q: want true or false", kv.key, kv.value)
}

// parseLineRanges reads hl_lines: a list `[8,"15-17"]` or a string
// "8 15-17" of line numbers and ranges.
func parseLineRanges(v string) ([]LineRange, bool) {
	v = strings.TrimPrefix(strings.TrimSuffix(v, "]"), "[")
	var ranges []LineRange
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		f = strings.Trim(f, `"`)
		from, to, isRange := strings.Cut(f, "-")
		a, err := strconv.Atoi(from)
		if err != nil || a < 0 {
			return nil, false
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(to); err != nil || b < a {
				return nil, false
			}
		}
		ranges = append(ranges, LineRange{a, b})
	}
	return ranges, true
}
