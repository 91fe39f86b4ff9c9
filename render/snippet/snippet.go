package snippet

import "time"

// Attrs are the attributes of a snippet's info string (SPEC §3).
type Attrs struct {
	Title   string        // file name shown and used on disk; "" means main.<ext>
	NoRun   bool          // shown and highlighted, never run
	Run     bool          // run even when the site is in opt-in mode
	Exit    int           // the exit status the program must end with
	Timeout time.Duration // 0 means the site's default
	Args    []string      // split like a POSIX shell splits words
	Env     []string      // "K=V" pairs

	// Unordered is an output block's only attribute: its lines may come
	// in any order. Snippets never set it.
	Unordered bool

	// Hugo's attributes, on any fence (SPEC §2.2): line options, classes
	// and id ({.class #id}), and the attributes pipedocs does not know,
	// in order (see Unknown).
	Lines   Lines
	Classes []string
	ID      string
	Extra   []Extra
}

// A Block is one fenced code block of an article, located by byte offsets
// into the whole file (front matter included), so that update can replace
// exactly its bytes and reports can name its line.
type Block struct {
	Start        int    // first byte of the opening fence line (its indentation and container markers included)
	End          int    // just past the closing fence line's line ending, or ContentEnd when unclosed
	ContentStart int    // first byte of the line after the opening fence, where content lines start
	ContentEnd   int    // just past the last content line's line ending; ContentStart when there is none
	Line         int    // 1-based line of the opening fence
	Fence        string // the opening fence itself, e.g. "```" or "~~~~"
	Indent       int    // column of the opening fence in its line (tabs to multiples of 4), list and quote markers included
	Closed       bool   // false when the block runs to the end of its container or of the file
	Content      []byte // the content with the fence's indentation removed, as goldmark reads it; every line ends in "\n"
}

// A Snippet is a fenced code block whose info string starts with a
// language word, with the stdin and output blocks that follow it.
type Snippet struct {
	Index  int    // 0-based position among the article's snippets
	Lang   string // the language word, e.g. "go"
	Attrs  Attrs
	Code   Block
	Stdin  *Block // nil when none follows
	Output *Block // nil when none follows
	// Unordered is the output block's `unordered` attribute.
	Unordered bool
}

// Status is how a snippet's run compares with what its article claims.
type Status int

const (
	Skipped    Status = iota // not run: norun, no runner, or opt-in mode without `run`
	Verified                 // ran as declared and matched its output block
	Unverified               // ran as declared; no output block to compare with
	Failed                   // did not build, wrong exit, signal, timeout, over limit
	Drifted                  // ran as declared, output differs from the output block
)

var statusNames = [...]string{"skipped", "verified", "unverified", "failed", "drifted"}

func (s Status) String() string { return statusNames[s] }

// An Outcome is what a page shows about one snippet after it ran: the
// render stage's view of a run, free of any runner type.
type Outcome struct {
	Status    Status
	Output    []byte // stdout and stderr as the program wrote them
	Exit      int    // exit status; -1 when killed by a signal
	Signal    string // e.g. "killed", "segmentation fault"; "" when it exited
	Problem   string // for Failed: what happened, e.g. "timed out after 10s"
	Diff      string // for Drifted: unified diff, expected vs actual
	Toolchain string // e.g. "go1.26.8", "Python 3.11.7"
	// Code, when not nil, is the block's text as the page shows it in
	// place of its content: a console transcript's commands with what
	// they printed. Output is then nil unless the run failed.
	Code []byte
}
