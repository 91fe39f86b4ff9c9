package devserver

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOnlyHost(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	loopback := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	all := &net.TCPAddr{IP: net.IPv4zero, Port: 1313}
	lan := &net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 8080}
	tests := []struct {
		addr *net.TCPAddr
		host string
		want int
	}{
		{loopback, "127.0.0.1:1313", http.StatusNoContent},
		{loopback, "localhost:1313", http.StatusNoContent},
		{loopback, "LocalHost:1313", http.StatusNoContent},
		{loopback, "[::1]:1313", http.StatusNoContent},
		{loopback, "127.0.0.2:1313", http.StatusNoContent},
		// DNS rebinding: a name of the attacker's that resolves to 127.0.0.1.
		{loopback, "evil.example:1313", http.StatusMisdirectedRequest},
		{loopback, "localhost.evil.example:1313", http.StatusMisdirectedRequest},
		{loopback, "127.0.0.1.nip.io:1313", http.StatusMisdirectedRequest},
		{loopback, "127.0.0.1:1314", http.StatusMisdirectedRequest},
		{loopback, "127.0.0.1", http.StatusMisdirectedRequest},
		{loopback, "", http.StatusMisdirectedRequest},
		{loopback, "192.168.1.5:1313", http.StatusMisdirectedRequest},
		{all, "192.168.1.5:1313", http.StatusNoContent},
		{all, "localhost:1313", http.StatusNoContent},
		{all, "evil.example:1313", http.StatusMisdirectedRequest},
		{lan, "192.168.1.5:8080", http.StatusNoContent},
		{lan, "localhost:8080", http.StatusMisdirectedRequest},
		{lan, "evil.example:8080", http.StatusMisdirectedRequest},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}, "localhost", http.StatusNoContent},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = tt.host
		rec := httptest.NewRecorder()
		OnlyHost(tt.addr, ok).ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("listening on %v, Host %q: status %d, want %d", tt.addr, tt.host, rec.Code, tt.want)
		}
	}
}
