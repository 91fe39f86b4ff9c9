package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws a live "12/48 snippets, 3 running" line on a terminal,
// once a run has lasted long enough to be worth it. Elsewhere it is silent.
type progress struct {
	w     io.Writer // nil: silent
	start time.Time
	mu    sync.Mutex
	drawn bool
}

// progressDelay is how long a run goes before the line appears: short
// runs should not flicker.
const progressDelay = 500 * time.Millisecond

func newProgress(w io.Writer, silent bool) *progress {
	p := &progress{start: time.Now()}
	if !silent && isTerminal(w) {
		p.w = w
	}
	return p
}

func (p *progress) update(done, running, total int) {
	if p.w == nil || time.Since(p.start) < progressDelay {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\x1b[K%d/%d snippets, %d running", done, total, running)
	p.drawn = true
}

// done clears the line so the report starts on a clean one.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
