package devserver

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// A message is one server-sent event.
type message struct {
	event, data string
}

// write sends m in the text/event-stream format: a data line for each
// line of the data.
func (m message) write(w http.ResponseWriter) error {
	var b strings.Builder
	fmt.Fprintf(&b, "event: %s\n", m.event)
	for line := range strings.SplitSeq(m.data, "\n") {
		fmt.Fprintf(&b, "data: %s\n", line)
	}
	b.WriteString("\n")
	_, err := w.Write([]byte(b.String()))
	return err
}

// A hub fans messages out to the open event streams. Only the latest
// message matters to a page (the newest build, or why the newest rebuild
// failed), so each stream holds at most one pending message, and a slow
// page never holds up the server.
type hub struct {
	mu      sync.Mutex
	streams map[chan message]bool
	done    chan struct{} // closed by close
	closed  bool
}

func (h *hub) init() {
	h.streams = map[chan message]bool{}
	h.done = make(chan struct{})
}

func (h *hub) subscribe() chan message {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan message, 1)
	h.streams[ch] = true
	return ch
}

func (h *hub) unsubscribe(ch chan message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams, ch)
}

// send replaces whatever message a stream has not taken yet with m.
func (h *hub) send(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.streams {
		select {
		case <-ch:
		default:
		}
		ch <- m
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// keepAlive is how often an idle stream gets a comment line, so that a
// stream whose page went away is noticed and freed.
const keepAlive = 15 * time.Second

// stream answers an EventSource: the current state at once, then every
// change, until the page goes away or the server shuts down.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := s.events.subscribe()
	defer s.events.unsubscribe(ch)

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no")
	// retry: how soon a page reconnects after the server restarts.
	fmt.Fprint(w, "retry: 1000\n\n")
	s.mu.RLock()
	first := []message{{event: "reload", data: fmt.Sprint(s.build)}}
	if s.fault != "" {
		first = append(first, message{event: "fault", data: s.fault})
	}
	s.mu.RUnlock()
	for _, m := range first {
		if m.write(w) != nil {
			return
		}
	}
	flusher.Flush()

	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case m := <-ch:
			err = m.write(w)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err != nil {
			return
		}
		flusher.Flush()
	}
}
