package coro

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A server that stops sending makes Fetch fail with TimeoutError after the
// fetch timeout, before its headers and in the middle of its body.
func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/body" {
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	defer http.DefaultClient.CloseIdleConnections()
	old := SetFetchTimeout(50 * time.Millisecond)
	defer SetFetchTimeout(old)
	if old != DefaultFetchTimeout {
		t.Errorf("default timeout %v, want %v", old, DefaultFetchTimeout)
	}
	for _, path := range []string{"/headers", "/body"} {
		if _, err := Fetch(srv.URL + path); !errors.Is(err, TimeoutError) {
			t.Errorf("Fetch %s: %v, want TimeoutError", path, err)
		}
	}
}
