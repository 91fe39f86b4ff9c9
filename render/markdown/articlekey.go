package markdown

import (
	"crypto/sha256"
	"encoding/hex"
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
const articleTag = "pipedocs-article-v5"

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
// h, from Store.NewKey, frames the fields; a nil block is told apart
// from every real one by a presence flag. The key's first field, the tag
// NewKey is given, is rendererVersion.
func (r *Renderer) articleKey(h KeyHash, body []byte, bodyStart int, snippets []snippet.Snippet, outcomes []snippet.Outcome) [32]byte {
	k := keyWriter{h}
	k.bool(r.opt.Unsafe)
	h.Bytes(body)
	k.num(len(snippets))
	for i := range snippets {
		s := &snippets[i]
		k.num(s.Index)
		h.Str(s.Lang)
		h.Str(s.Attrs.Title)
		k.bool(s.Attrs.NoRun)
		k.bool(s.Attrs.Run)
		k.num(s.Attrs.Exit)
		k.num(int(s.Attrs.Timeout))
		h.List(s.Attrs.Args)
		h.List(s.Attrs.Env)
		k.bool(s.Attrs.File)
		k.bool(s.Attrs.Background)
		h.Str(s.Attrs.Ready)
		k.num(int(s.Attrs.Interrupt))
		k.bool(s.Attrs.Unordered)
		k.lines(&s.Attrs.Lines)
		h.List(s.Attrs.Classes)
		h.Str(s.Attrs.ID)
		k.num(len(s.Attrs.Extra))
		for _, e := range s.Attrs.Extra {
			h.Str(e.Key)
			h.Str(e.Value)
			k.bool(e.HasValue)
			k.num(e.Offset - bodyStart)
		}
		k.block(&s.Code, bodyStart)
		k.block(s.Stdin, bodyStart)
		k.block(s.Output, bodyStart)
		k.bool(s.Unordered)
	}
	k.num(len(outcomes))
	for i := range outcomes {
		o := &outcomes[i]
		k.num(int(o.Status))
		h.Bytes(o.Output)
		k.num(o.Exit)
		h.Str(o.Signal)
		h.Str(o.Problem)
		h.Str(o.Diff)
		h.Str(o.Toolchain)
		k.bool(o.Code != nil)
		if o.Code != nil {
			h.Bytes(o.Code)
		}
	}
	return h.Sum()
}

// A KeyHash builds a store key from the description of a render, one
// field at a time, each variable-length field framed by its length, so
// that two different descriptions never hash alike. This package only
// says which fields a key holds (articleKey); the framing is the
// Store's (Store.NewKey): cmd/pipedocs supplies runner/cache's Hash, the
// one key encoder of pipedocs, which render may not import.
type KeyHash interface {
	Num(n uint64)
	Bool(b bool)
	Bytes(b []byte)
	Str(s string)
	List(l []string)
	Sum() [32]byte
}

// keyWriter writes the fields of a key that are not strings.
type keyWriter struct{ h KeyHash }

func (k keyWriter) num(n int) { k.h.Num(uint64(n)) }

func (k keyWriter) bool(b bool) { k.h.Bool(b) }

// lines writes a fence's line options.
func (k keyWriter) lines(l *snippet.Lines) {
	k.h.Str(l.Numbers)
	k.num(l.Start)
	k.num(len(l.Highlight))
	for _, r := range l.Highlight {
		k.num(r.From)
		k.num(r.To)
	}
	k.bool(l.Anchors)
	k.h.Str(l.Prefix)
	k.bool(l.Inline)
}

// block writes b with its offsets made relative to the body; a nil block
// (no stdin, no output) is distinct from every real one.
func (k keyWriter) block(b *snippet.Block, bodyStart int) {
	if b == nil {
		k.bool(false)
		return
	}
	k.bool(true)
	k.num(b.Start - bodyStart)
	k.num(b.End - bodyStart)
	k.num(b.ContentStart - bodyStart)
	k.num(b.ContentEnd - bodyStart)
	k.h.Str(b.Fence)
	k.num(b.Indent)
	k.bool(b.Closed)
	k.h.Bytes(b.Content)
}
