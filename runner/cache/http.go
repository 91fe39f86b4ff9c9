package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HTTPOptions configure an HTTP store.
type HTTPOptions struct {
	// Timeout bounds each request; 0 means DefaultHTTPTimeout. The store
	// is an accelerator: waiting longer for it than for a rerun is a loss.
	Timeout time.Duration
	// Header is added to every request: credentials such as
	// "Authorization: Bearer …", which never reach an error message.
	Header http.Header
	// Netrc is the netrc file consulted for the server's login when
	// neither Header nor the URL carries one ("": none).
	Netrc string
	// Skipped, when set, is called once, with the first problem the
	// store met (the server down, slow, refusing, or answering with
	// data that fails its hash). The problem makes a miss, never a
	// failure; after a server-side one the store stops asking.
	Skipped func(error)
	// Client replaces the store's own HTTP client (tests).
	Client *http.Client
}

// DefaultHTTPTimeout is the per-request timeout of an HTTP store.
const DefaultHTTPTimeout = 5 * time.Second

// maxBlob bounds what a read accepts: a result is at most its output
// limit, escaped, so anything near this is garbage.
const maxBlob = 256 << 20

// An HTTP store keeps entries on a server speaking Bazel's HTTP
// remote-cache protocol (GET and PUT of base/ac/<sha256> and
// base/cas/<sha256>): bazel-remote, nginx with WebDAV, or a bucket. How
// an entry maps onto ac/ and cas/ is in actionresult.go. It is safe for
// concurrent use.
type HTTP struct {
	base     string // scheme://host/path, no userinfo, no trailing slash
	redacted string // for messages
	header   http.Header
	user     *url.Userinfo // basic auth from the URL or netrc; nil: none
	client   *http.Client

	skipped func(error)
	once    sync.Once
	down    atomic.Bool
}

// OpenHTTP returns the store at rawURL, an http or https URL. It makes
// no request: a server that is down shows on first use, as a miss.
func OpenHTTP(rawURL string, opts HTTPOptions) (*HTTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("remote cache: bad URL %q", Redact(rawURL))
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("remote cache %s: want an http:// or https:// URL", Redact(rawURL))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("remote cache %s: a query or fragment has no place in a cache URL", Redact(rawURL))
	}
	h := &HTTP{header: opts.Header.Clone(), skipped: opts.Skipped, client: opts.Client}
	h.user = u.User
	u.User = nil
	h.base = strings.TrimRight(u.String(), "/")
	h.redacted = h.base
	if h.user == nil && opts.Netrc != "" && len(h.header.Values("Authorization")) == 0 {
		if login, pass, ok := netrcLogin(opts.Netrc, u.Hostname()); ok {
			h.user = url.UserPassword(login, pass)
		}
	}
	if h.client == nil {
		timeout := opts.Timeout
		if timeout <= 0 {
			timeout = DefaultHTTPTimeout
		}
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 32 // one per parallel run, or each PUT opens a connection
		h.client = &http.Client{Timeout: timeout, Transport: t}
	}
	return h, nil
}

// String is the store's URL without credentials.
func (h *HTTP) String() string { return h.redacted }

// Redact returns rawURL without its user information, for messages: a
// token is often passed as the user name. A string that does not parse
// is shown only by its scheme.
func Redact(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		u.User = nil
		return u.String()
	}
	if scheme, _, ok := strings.Cut(rawURL, "://"); ok && !strings.ContainsAny(scheme, "@:/") {
		return scheme + "://…"
	}
	return "…"
}

// A problem is something wrong with the store rather than with one
// entry: once one is seen the store is skipped for the rest of the run.
type problem struct{ err error }

func (p problem) Error() string { return p.err.Error() }

// skip records err; server problems turn the store off.
func (h *HTTP) skip(err error) {
	var p problem
	if errors.As(err, &p) {
		h.down.Store(true)
	}
	if h.skipped != nil {
		h.once.Do(func() { h.skipped(fmt.Errorf("remote cache %s: %w", h.redacted, err)) })
	}
}

var errDown = errors.New("remote cache skipped after an earlier problem")

// Get returns the entry stored under key, verified against its digest.
func (h *HTTP) Get(key Key) ([]byte, bool) {
	if h.down.Load() {
		return nil, false
	}
	ar, found, err := h.get("ac/"+key.String(), 1<<20)
	if err != nil || !found {
		if err != nil {
			h.skip(err)
		}
		return nil, false
	}
	d, err := decodeActionResult(ar)
	if err != nil {
		h.skip(fmt.Errorf("ac/%s: %w", key, err))
		return nil, false
	}
	data, found, err := h.get("cas/"+d.hash, maxBlob)
	if err != nil || !found { // a blob evicted before its action: a plain miss
		if err != nil {
			h.skip(err)
		}
		return nil, false
	}
	sum := sha256.Sum256(data)
	if int64(len(data)) != d.size || hex.EncodeToString(sum[:]) != d.hash {
		h.skip(fmt.Errorf("cas/%s: content does not match its sha256; the entry is ignored", d.hash))
		return nil, false
	}
	return data, true
}

// Put stores data under key: the blob first, then the action result
// naming it, so a reader never finds an action whose blob is not there.
func (h *HTTP) Put(key Key, data []byte) error {
	if h.down.Load() {
		return errDown
	}
	sum := sha256.Sum256(data)
	d := digest{hash: hex.EncodeToString(sum[:]), size: int64(len(data))}
	err := h.put("cas/"+d.hash, data)
	if err == nil {
		err = h.put("ac/"+key.String(), encodeActionResult(d))
	}
	if err != nil {
		h.skip(err)
	}
	return err
}

func (h *HTTP) request(method, name string, body []byte) (*http.Response, error) {
	req, err := http.NewRequest(method, h.base+"/"+name, bytes.NewReader(body))
	if err != nil {
		return nil, problem{err}
	}
	for k, vs := range h.header {
		req.Header[k] = vs
	}
	if h.user != nil {
		pass, _ := h.user.Password()
		req.SetBasicAuth(h.user.Username(), pass)
	}
	if method == http.MethodPut {
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		// The url.Error names the request's URL, which holds no
		// credentials: they travel in headers only.
		return nil, problem{err}
	}
	return resp, nil
}

// get reads base/name; a 404 is found == false, not an error.
func (h *HTTP) get(name string, limit int64) (data []byte, found bool, err error) {
	resp, err := h.request(http.MethodGet, name, nil)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
		return nil, false, nil
	case resp.StatusCode != http.StatusOK:
		return nil, false, problem{fmt.Errorf("GET %s: %s", name, resp.Status)}
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, false, problem{fmt.Errorf("GET %s: %w", name, err)}
	}
	if int64(len(data)) > limit {
		return nil, false, fmt.Errorf("GET %s: more than %d bytes", name, limit)
	}
	return data, true, nil
}

func (h *HTTP) put(name string, data []byte) error {
	resp, err := h.request(http.MethodPut, name, data)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode/100 != 2 {
		return problem{fmt.Errorf("PUT %s: %s", name, resp.Status)}
	}
	return nil
}
