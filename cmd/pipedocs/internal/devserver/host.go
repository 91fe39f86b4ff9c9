package devserver

import (
	"net"
	"net/http"
	"strconv"
	"strings"
)

// OnlyHost answers, through h, only the requests whose Host header names
// the address the server listens on (SPEC §6); every other request gets
// 421 Misdirected Request. This stops DNS rebinding: a page on
// evil.example whose name is made to resolve to 127.0.0.1 can reach the
// preview, but its requests say "Host: evil.example:1313", and the
// preview is not that host.
//
// A name is accepted when it is the listening IP itself or, for a
// loopback listener, "localhost" or a loopback IP; a server listening on
// every interface accepts "localhost" and any IP literal (the machine's
// own addresses, which a rebinding attack cannot use: it needs a name).
// The port must be the listener's.
func OnlyHost(addr net.Addr, h http.Handler) http.Handler {
	tcp, _ := addr.(*net.TCPAddr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tcp == nil || !hostAllowed(r.Host, tcp) {
			http.Error(w, "misdirected request: this server answers only for its own address", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func hostAllowed(hostport string, l *net.TCPAddr) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80" // no port: the default one
	}
	if port != strconv.Itoa(l.Port) {
		return false
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	ip := net.ParseIP(host)
	localhost := strings.EqualFold(host, "localhost")
	switch {
	case l.IP.IsUnspecified():
		return localhost || ip != nil
	case l.IP.IsLoopback():
		return localhost || ip != nil && ip.IsLoopback()
	}
	return ip != nil && ip.Equal(l.IP)
}
