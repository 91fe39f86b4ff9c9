package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/pipedocs/pipedocs/render/snippet"
)

// articleTag versions the article store's keys and entries. Bump it with
// any change that could make this package write different bytes for the
// same input (the HTML of code, panels or headings, the table of contents,
// the summary, goldmark's or chroma's options) and with any change to the
// entry encoding in store.go, so that an older article can never be taken
// for a current one. (rendererVersion catches such changes too, as long as
// the executable can be read; the tag is the promise that does not depend
// on it.)
const articleTag = "pipedocs-article-v4"

// rendererVersion identifies the code that renders. It is articleTag and
// the SHA-256 of the running executable: any change to pipedocs or to one
// of its dependencies, committed or not, makes a new binary and so new
// keys, which a version number bumped by hand cannot promise (a developer
// changing the highlighter and rebuilding the demo site must not be
// shown the old pages). Hashing the binary takes about 10 ms, once per
// process that uses a Store. If the executable cannot be read, the
// versions the binary records stand in for it.
var rendererVersion = sync.OnceValue(func() string {
	if sum, err := executableHash(); err == nil {
		return articleTag + "\x00" + sum
	}
	return articleTag + "\x00" + buildVersion()
})

func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// rendererModules are the modules whose code decides an article's bytes
// besides this one.
var rendererModules = []string{
	"github.com/yuin/goldmark",
	"github.com/alecthomas/chroma/v2",
	"github.com/dlclark/regexp2/v2", // chroma's lexers are regular expressions
}

// buildVersion describes the binary by what it records of itself: the Go
// release (golex.go tokenizes with go/scanner, and html escaping is the
// standard library's), pipedocs's version and VCS state, and the version
// of every module in rendererModules. It misses uncommitted changes that
// leave the VCS state as it was; that is why it is only a fallback.
func buildVersion() string {
	v := runtime.Version()
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v += "\x00" + info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			v += "\x00" + s.Key + "=" + s.Value
		}
	}
	for _, dep := range info.Deps {
		for _, m := range rendererModules {
			if dep.Path != m {
				continue
			}
			if dep.Replace != nil {
				dep = dep.Replace
			}
			v += "\x00" + m + "@" + dep.Version + " " + dep.Sum
		}
	}
	return v
}

// articleKey returns the store key of rendering body with these snippets
// and outcomes.
//
// Invariant: two renders whose keys are equal produce the same Article, so
// a stored one may stand for a fresh one. The key therefore describes
// everything Render reads: the renderer's code (rendererVersion), its
// Options, the body's bytes, every field of every snippet and every
// outcome. Snippets are located by offsets into the whole file; the key
// takes them relative to the body, so that an edit to the front matter
// alone, which shifts every offset but changes no HTML, keeps the key.
// For the same reason Block.Line, a line of the whole file that Render
// uses only in error messages, is left out. Block.Content is a function
// of the body and the offsets, but is cheap to hash and keeps the key
// honest should that ever stop being true.
//
// Every field is written with its length or a presence flag first, so no
// two different descriptions hash the same bytes.
func (r *Renderer) articleKey(body []byte, bodyStart int, snippets []snippet.Snippet, outcomes []snippet.Outcome) [sha256.Size]byte {
	h := keyHash{sha256.New()}
	h.str(rendererVersion())
	h.bool(r.opt.Unsafe)
	h.bytes(body)
	h.num(len(snippets))
	for i := range snippets {
		s := &snippets[i]
		h.num(s.Index)
		h.str(s.Lang)
		h.str(s.Attrs.Title)
		h.bool(s.Attrs.NoRun)
		h.bool(s.Attrs.Run)
		h.num(s.Attrs.Exit)
		h.num(int(s.Attrs.Timeout))
		h.list(s.Attrs.Args)
		h.list(s.Attrs.Env)
		h.bool(s.Attrs.Unordered)
		h.lines(&s.Attrs.Lines)
		h.list(s.Attrs.Classes)
		h.str(s.Attrs.ID)
		h.num(len(s.Attrs.Extra))
		for _, e := range s.Attrs.Extra {
			h.str(e.Key)
			h.str(e.Value)
			h.bool(e.HasValue)
			h.num(e.Offset - bodyStart)
		}
		h.block(&s.Code, bodyStart)
		h.block(s.Stdin, bodyStart)
		h.block(s.Output, bodyStart)
		h.bool(s.Unordered)
	}
	h.num(len(outcomes))
	for i := range outcomes {
		o := &outcomes[i]
		h.num(int(o.Status))
		h.bytes(o.Output)
		h.num(o.Exit)
		h.str(o.Signal)
		h.str(o.Problem)
		h.str(o.Diff)
		h.str(o.Toolchain)
		if o.Code != nil {
			h.bytes(o.Code)
		}
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// keyHash writes the fields of a key description unambiguously.
type keyHash struct{ hash.Hash }

func (h keyHash) num(n int) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}

func (h keyHash) bool(b bool) {
	if b {
		h.num(1)
	} else {
		h.num(0)
	}
}

func (h keyHash) bytes(b []byte) {
	h.num(len(b))
	h.Write(b)
}

func (h keyHash) str(s string) {
	h.num(len(s))
	h.Write([]byte(s))
}

func (h keyHash) list(l []string) {
	h.num(len(l))
	for _, s := range l {
		h.str(s)
	}
}

// lines writes a fence's line options.
func (h keyHash) lines(l *snippet.Lines) {
	h.str(l.Numbers)
	h.num(l.Start)
	h.num(len(l.Highlight))
	for _, r := range l.Highlight {
		h.num(r.From)
		h.num(r.To)
	}
	h.bool(l.Anchors)
	h.str(l.Prefix)
	h.bool(l.Inline)
}

// block writes b with its offsets made relative to the body; a nil block
// (no stdin, no output) is distinct from every real one.
func (h keyHash) block(b *snippet.Block, bodyStart int) {
	if b == nil {
		h.bool(false)
		return
	}
	h.bool(true)
	h.num(b.Start - bodyStart)
	h.num(b.End - bodyStart)
	h.num(b.ContentStart - bodyStart)
	h.num(b.ContentEnd - bodyStart)
	h.str(b.Fence)
	h.num(b.Indent)
	h.bool(b.Closed)
	h.bytes(b.Content)
}
