package snippet

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// Languages whose blocks belong to the snippet before them rather than
// being snippets themselves (SPEC §3.1).
const (
	LangStdin  = "stdin"
	LangOutput = "output"
)

// An InfoError is a problem in an info string. Offset is the byte offset
// within the info string, so that the caller, which knows where the info
// string sits in the file, can report path:line:col.
type InfoError struct {
	Offset int
	Msg    string
}

func (e *InfoError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// ParseInfo parses a fenced code block's info string: a language word, then
// attributes, space separated, either bare or inside one pair of braces, so
// that `go title=a.go exit=1` and `go {title="a.go" exit=1}` are the same.
// Inside braces Hugo's syntax is accepted too (SPEC §2.2): commas between
// attributes, `.class` and `#id`, and list values such as
// `hl_lines=[8,"15-17"]`.
//
// The attributes a block accepts depend on its language: a snippet takes
// those of SPEC §3 and Hugo's highlighting options (Attrs.Lines), an
// output block only `unordered`, a stdin block none. Any other attribute
// of a snippet is kept in Attrs.Extra, not an error here: whether the
// fence runs is the caller's knowledge, and only on one that runs is it an
// error (Attrs.Unknown), so that a typo never silently turns a check off.
// An unknown attribute of an output or stdin block is an error. An info
// string with no language word (empty, or starting with a brace) yields
// lang == "" and no error: such a block is not a snippet.
//
// On error, lang and the attributes parsed before the problem are returned
// with an *InfoError.
func ParseInfo(info string) (lang string, a Attrs, err error) {
	p := &infoParser{s: info}
	lang = p.word()
	if lang == "" {
		return "", Attrs{}, nil
	}
	pairs, err := p.attributes()
	if err != nil {
		return lang, a, err
	}
	seen := make(map[string]bool, len(pairs))
	for _, kv := range pairs {
		if seen[kv.key] && kv.key != "." && kv.key != "#" {
			return lang, a, kv.errorf("duplicate attribute %q", kv.key)
		}
		seen[kv.key] = true
		switch lang {
		case LangStdin:
			return lang, a, kv.errorf("a stdin block takes no attributes")
		case LangOutput:
			err = a.setOutput(kv)
		default:
			err = a.setSnippet(kv)
		}
		if err != nil {
			return lang, a, err
		}
	}
	a.Lines.resolve()
	if a.NoRun && a.Run {
		return lang, a, &InfoError{Offset: len(p.s), Msg: "norun and run contradict each other"}
	}
	if lang != LangStdin && lang != LangOutput {
		if err := a.checkSession(pairs, len(p.s)); err != nil {
			return lang, a, err
		}
	}
	return lang, a, nil
}

// checkSession checks the attributes that only make sense together (a
// ready text needs a background program) or apart (a file block does
// not run), and the title, whose form depends on file.
func (a *Attrs) checkSession(pairs []pair, end int) error {
	at := func(key string) (pair, bool) {
		for _, kv := range pairs {
			if kv.key == key {
				return kv, true
			}
		}
		return pair{off: end}, false
	}
	if kv, ok := at("title"); ok {
		msg := badTitle(kv.value)
		if a.File {
			msg = badPath(kv.value)
		}
		if msg != "" {
			a.Title = ""
			return kv.valueErrorf("title %q: %s", kv.value, msg)
		}
	}
	if kv, ok := at("ready"); ok && !a.Background {
		return kv.errorf("ready= needs background: the page waits for a program it left running")
	}
	if !a.File {
		return nil
	}
	if _, ok := at("title"); !ok {
		return &InfoError{Offset: end, Msg: "a file block needs title=NAME: the file it is written to"}
	}
	for _, key := range []string{"norun", "run", "exit", "timeout", "args", "env", "background", "interrupt"} {
		if kv, ok := at(key); ok {
			return kv.errorf("a file block is written, never run: %q does not apply", key)
		}
	}
	return nil
}

// A pair is one attribute as written: key, and value when HasValue.
type pair struct {
	key      string
	value    string
	hasValue bool
	off      int // offset of the key
	valOff   int // offset of the value (its opening quote when quoted)
}

func (kv pair) errorf(format string, args ...any) *InfoError {
	return &InfoError{Offset: kv.off, Msg: fmt.Sprintf(format, args...)}
}

func (kv pair) valueErrorf(format string, args ...any) *InfoError {
	return &InfoError{Offset: kv.valOff, Msg: fmt.Sprintf(format, args...)}
}

func (kv pair) flag() error {
	if kv.hasValue {
		return kv.valueErrorf("attribute %q takes no value", kv.key)
	}
	return nil
}

func (kv pair) needValue() error {
	if !kv.hasValue {
		return kv.errorf("attribute %q needs a value: %s=…", kv.key, kv.key)
	}
	return nil
}

func (a *Attrs) setSnippet(kv pair) error {
	switch kv.key {
	case "norun", "run":
		if err := kv.flag(); err != nil {
			return err
		}
		if kv.key == "norun" {
			a.NoRun = true
		} else {
			a.Run = true
		}
		return nil
	case "file", "background":
		if kv.key == "file" && kv.hasValue {
			// Not ours: `file` is a flag. With a value it is data, as
			// other fences' unknown attributes are (see Attrs.Unknown).
			return a.setHugo(kv)
		}
		if err := kv.flag(); err != nil {
			return err
		}
		a.File = a.File || kv.key == "file"
		a.Background = a.Background || kv.key == "background"
		return nil
	case "title", "exit", "timeout", "args", "env", "ready", "interrupt":
		if err := kv.needValue(); err != nil {
			return err
		}
	default:
		return a.setHugo(kv)
	}
	v := kv.value
	switch kv.key {
	case "title":
		a.Title = v // checked with the other attributes: it may be a path
	case "ready":
		if v == "" {
			return kv.valueErrorf("ready=\"\": want the text the program prints when it is ready")
		}
		a.Ready = v
	case "interrupt":
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return kv.valueErrorf("interrupt=%q: want a positive Go duration such as 1s", v)
		}
		a.Interrupt = d
	case "exit":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 255 || v[0] == '+' {
			return kv.valueErrorf("exit=%q: want an exit status, an integer from 0 to 255", v)
		}
		a.Exit = n
	case "timeout":
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return kv.valueErrorf("timeout=%q: want a positive Go duration such as 30s", v)
		}
		a.Timeout = d
	case "args":
		words, err := splitWords(v)
		if err != nil {
			return kv.valueErrorf("args: %v", err)
		}
		a.Args = words
	case "env":
		words, err := splitWords(v)
		if err != nil {
			return kv.valueErrorf("env: %v", err)
		}
		for _, w := range words {
			name, _, ok := strings.Cut(w, "=")
			if !ok || !isEnvName(name) {
				return kv.valueErrorf("env: %q is not NAME=VALUE", w)
			}
		}
		a.Env = words
	}
	return nil
}

func (a *Attrs) setOutput(kv pair) error {
	if kv.key != "unordered" {
		return kv.errorf("unknown output block attribute %q", kv.key)
	}
	if err := kv.flag(); err != nil {
		return err
	}
	a.Unordered = true
	return nil
}

// badTitle says why title cannot be a snippet's file name, or "" when it
// can. The title becomes a file in the run's work directory, so it must
// not be able to name anything outside it.
func badTitle(title string) string {
	switch {
	case title == "":
		return "empty"
	case title == "." || title == "..":
		return "not a file name"
	case strings.ContainsAny(title, `/\`):
		return "want a plain file name, without a directory"
	case strings.ContainsRune(title, 0):
		return "contains a NUL byte"
	case len(title) > 255: // Linux's and macOS's NAME_MAX
		return fmt.Sprintf("%d bytes long, but a file name has at most 255", len(title))
	case strings.HasPrefix(title, "-"): // the runner's command gets it as an argument
		return `starts with "-", so a command would take it for an option`
	}
	return ""
}

// badPath says why title cannot be a file block's path, or "" when it
// can: a relative path that stays inside the page's folder, with "/"
// between its names.
func badPath(title string) string {
	if msg := badTitle(path.Base(title)); msg != "" && title != "" {
		return msg
	}
	switch {
	case title == "":
		return "empty"
	case strings.HasPrefix(title, "/"):
		return "want a path relative to the page's folder"
	case strings.ContainsRune(title, '\\'):
		return "want / between names"
	case path.Clean(title) != title || strings.HasPrefix(title, "../"):
		return "want a clean path inside the page's folder, without . or .."
	}
	return ""
}

func isEnvName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// An infoParser reads an info string from left to right.
type infoParser struct {
	s string
	i int
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (p *infoParser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// word reads the language word: everything up to a space or a brace.
func (p *infoParser) word() string {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) && p.s[p.i] != '{' {
		p.i++
	}
	return p.s[start:p.i]
}

// attributes reads the rest of the info string: bare attributes, or
// attributes inside one pair of braces and nothing after them.
func (p *infoParser) attributes() ([]pair, error) {
	p.skipSpace()
	braced := p.i < len(p.s) && p.s[p.i] == '{'
	open := p.i
	if braced {
		p.i++
	}
	var pairs []pair
	for {
		p.skipSpace()
		if p.i == len(p.s) {
			if braced {
				return pairs, &InfoError{Offset: open, Msg: "unclosed '{'"}
			}
			return pairs, nil
		}
		if braced && p.s[p.i] == '}' {
			p.i++
			p.skipSpace()
			if p.i < len(p.s) {
				return pairs, &InfoError{Offset: p.i, Msg: "unexpected text after '}'"}
			}
			return pairs, nil
		}
		kv, err := p.pair(braced)
		if err != nil {
			return pairs, err
		}
		pairs = append(pairs, kv)
		if braced { // Hugo's form: a comma may stand between attributes
			p.skipSpace()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
			}
		}
	}
}

// ends reports whether the byte at i ends a key or a bare value.
func (p *infoParser) ends(i int, braced bool) bool {
	c := p.s[i]
	return isSpace(c) || braced && (c == '}' || c == ',')
}

// pair reads one attribute: key or key=value, value bare, double-quoted
// or a [list]; or Hugo's `.class` (key ".") or `#id` (key "#").
func (p *infoParser) pair(braced bool) (pair, error) {
	kv := pair{off: p.i}
	if c := p.s[p.i]; c == '.' || c == '#' {
		kv.key, kv.hasValue = string(c), true
		p.i++
		kv.valOff = p.i
		for p.i < len(p.s) && !p.ends(p.i, braced) {
			p.i++
		}
		kv.value = p.s[kv.valOff:p.i]
		if kv.value == "" {
			return kv, &InfoError{Offset: kv.off, Msg: fmt.Sprintf("%q without a name", c)}
		}
		return kv, nil
	}
	for p.i < len(p.s) && (isKeyByte(p.s[p.i]) || p.i > kv.off && '0' <= p.s[p.i] && p.s[p.i] <= '9') {
		p.i++
	}
	kv.key = p.s[kv.off:p.i]
	if kv.key == "" {
		return kv, &InfoError{Offset: p.i, Msg: fmt.Sprintf("unexpected %q, want an attribute name", p.s[p.i])}
	}
	if p.i == len(p.s) || p.ends(p.i, braced) {
		return kv, nil
	}
	if p.s[p.i] != '=' {
		return kv, &InfoError{Offset: p.i, Msg: fmt.Sprintf("unexpected %q after attribute name %q", p.s[p.i], kv.key)}
	}
	p.i++
	kv.hasValue = true
	kv.valOff = p.i
	var err error
	switch {
	case p.i < len(p.s) && p.s[p.i] == '"':
		kv.value, err = p.quoted()
	case p.i < len(p.s) && p.s[p.i] == '[':
		kv.value, err = p.list()
	default:
		for p.i < len(p.s) && !p.ends(p.i, braced) {
			if p.s[p.i] == '"' {
				return kv, &InfoError{Offset: p.i, Msg: "unexpected '\"' inside an unquoted value"}
			}
			p.i++
		}
		kv.value = p.s[kv.valOff:p.i]
		return kv, nil
	}
	if err != nil {
		return kv, err
	}
	if p.i < len(p.s) && !p.ends(p.i, braced) {
		return kv, &InfoError{Offset: p.i, Msg: fmt.Sprintf("unexpected text after closing %q", p.s[p.i-1])}
	}
	return kv, nil
}

// list reads a [list] value, quotes inside it included, as written.
func (p *infoParser) list() (string, error) {
	open := p.i
	for quoted := false; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '"':
			quoted = !quoted
		case c == ']' && !quoted:
			p.i++
			return p.s[open:p.i], nil
		}
	}
	return p.s[open:], &InfoError{Offset: open, Msg: "unclosed '['"}
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-'
}

// quoted reads a double-quoted value. Only \" and \\ are escapes; any other
// backslash stands for itself, as inside a shell's double quotes, so that
// args="printf 'a\tb'" reaches the shell splitter unchanged.
func (p *infoParser) quoted() (string, error) {
	open := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.s) && (p.s[p.i+1] == '"' || p.s[p.i+1] == '\\'):
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return b.String(), &InfoError{Offset: open, Msg: "unterminated quoted value"}
}
