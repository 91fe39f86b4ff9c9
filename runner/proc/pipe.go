package proc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// ending says why reading the child's output stopped.
type ending int

const (
	endEOF      ending = iota // every writer closed the pipe
	endDeadline               // the timeout passed or ctx was cancelled
	endLimit                  // the child wrote more than the limit
	endError                  // reading failed
)

// outputPipe is the one pipe behind the child's stdout and stderr.
type outputPipe struct {
	r *os.File // ours: non-blocking, so reads obey deadlines
	w *os.File // the child's, until closeChild
}

func newOutputPipe() (*outputPipe, error) {
	r, w, err := pipe()
	if err != nil {
		return nil, fmt.Errorf("proc: output pipe: %w", err)
	}
	// O_NONBLOCK belongs to the open file description, and pipe2 makes
	// one per end: the child's write end stays blocking.
	if err := unix.SetNonblock(r, true); err != nil {
		unix.Close(r)
		unix.Close(w)
		return nil, fmt.Errorf("proc: output pipe: %w", err)
	}
	return &outputPipe{
		r: os.NewFile(uintptr(r), "|output"),
		w: os.NewFile(uintptr(w), "output|"),
	}, nil
}

// pipe makes a pipe whose two ends are close-on-exec from birth, so no
// other child started concurrently can inherit them.
func pipe() (r, w int, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return -1, -1, err
	}
	return p[0], p[1], nil
}

func (p *outputPipe) closeChild() {
	p.w.Close()
}

func (p *outputPipe) close() {
	p.w.Close()
	p.r.Close()
}

// read reads until EOF, the deadline, the cancellation of ctx or the
// limit (0: none). Past the limit it returns exactly limit bytes; the
// buffer never holds more than limit+1. After each read that got bytes,
// it calls publish with the output so far (at most limit bytes), which
// must not be written to.
func (p *outputPipe) read(ctx context.Context, deadline time.Time, limit int64, publish func([]byte)) ([]byte, ending, error) {
	if !deadline.IsZero() {
		p.r.SetReadDeadline(deadline)
	}
	// A deadline in the past wakes a blocked Read at once, which makes
	// cancellation cost no goroutine of its own.
	stop := context.AfterFunc(ctx, func() { p.r.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()

	ceiling := int64(-1) // the buffer's cap must not pass it; -1: no limit
	if limit > 0 {
		ceiling = limit + 1 // one byte more tells "too much" from "exactly enough"
	}
	buf := make([]byte, 0, grow(0, ceiling))
	for {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), grow(cap(buf), ceiling))
			copy(bigger, buf)
			buf = bigger
		}
		n, err := p.r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if n > 0 {
			shown := buf
			if limit > 0 && int64(len(shown)) > limit {
				shown = shown[:limit]
			}
			publish(shown)
		}
		switch {
		case limit > 0 && int64(len(buf)) > limit:
			return buf[:limit], endLimit, nil
		case err == nil:
		case err == io.EOF:
			return buf, endEOF, nil
		case errors.Is(err, os.ErrDeadlineExceeded):
			return buf, endDeadline, nil
		default:
			return buf, endError, fmt.Errorf("proc: read output: %w", err)
		}
	}
}

// grow returns the capacity that follows c: double, so that the bytes
// copied stay proportional to the output, at least 4 KiB, so that a child
// that prints little costs little, and never past ceiling (if >= 0). When
// doubling once more would pass the ceiling, it goes to the ceiling at
// once: in all, less than twice the ceiling is ever allocated.
func grow(c int, ceiling int64) int {
	n := max(2*c, 4<<10)
	if ceiling >= 0 && int64(2*n) > ceiling {
		n = int(ceiling)
	}
	return n
}

// input is the child's stdin: /dev/null, or a pipe fed by a goroutine.
type input struct {
	child *os.File // the child's end, until closeChild
	w     *os.File // ours; nil for /dev/null
	data  []byte
	done  chan struct{}
}

func newInput(data []byte) (*input, error) {
	if data == nil {
		null, err := os.Open(os.DevNull)
		if err != nil {
			return nil, fmt.Errorf("proc: stdin: %w", err)
		}
		return &input{child: null}, nil
	}
	r, w, err := pipe()
	if err == nil {
		// Non-blocking, so that stop can interrupt a write the child
		// never reads.
		err = unix.SetNonblock(w, true)
		if err != nil {
			unix.Close(r)
			unix.Close(w)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("proc: stdin pipe: %w", err)
	}
	return &input{
		child: os.NewFile(uintptr(r), "|stdin"),
		w:     os.NewFile(uintptr(w), "stdin|"),
		data:  data,
	}, nil
}

func (in *input) closeChild() {
	in.child.Close()
}

// feed writes the data and closes the pipe, in the background: the child
// may read it slowly, or never. A child that exits without reading makes
// the write fail with EPIPE (Go ignores SIGPIPE for descriptors other than
// our stdout and stderr); that is the child's business, not an error.
func (in *input) feed() {
	if in.w == nil {
		return
	}
	in.done = make(chan struct{})
	go func() {
		defer close(in.done)
		in.w.Write(in.data)
		in.w.Close()
	}()
}

// stop ends feeding, whether or not the child read everything, and waits
// until the feeding goroutine is gone.
func (in *input) stop() {
	if in.done == nil {
		return
	}
	in.w.SetWriteDeadline(time.Unix(1, 0))
	<-in.done
}

func (in *input) close() {
	in.child.Close()
	if in.done == nil && in.w != nil {
		in.w.Close() // never fed: the child did not start
	}
}
