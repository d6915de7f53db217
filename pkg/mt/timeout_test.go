package mt

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// A server that stops sending makes a download fail with a TimeoutError
// after the download timeout: before its headers and in the middle of its
// body. A file that was there stays as it was.
func TestDownloadTimeout(t *testing.T) {
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
	defer httpClient.CloseIdleConnections()
	old := SetDownloadTimeout(50 * time.Millisecond)
	defer SetDownloadTimeout(old)
	if old != DefaultDownloadTimeout {
		t.Errorf("default timeout %v, want %v", old, DefaultDownloadTimeout)
	}
	file := t.TempDir() + "/kept.txt"
	if err := os.WriteFile(file, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/headers", "/body"} {
		_, err := Download(srv.URL + path)
		var e *Error
		if !errors.As(err, &e) || e.Type != "TimeoutError" || !strings.Contains(err.Error(), "SetDownloadTimeout") {
			t.Errorf("Download %s: %v, want a TimeoutError", path, err)
		}
		if _, err := DownloadTo(srv.URL+path, file); !errors.As(err, &e) || e.Type != "TimeoutError" {
			t.Errorf("DownloadTo %s: %v, want a TimeoutError", path, err)
		}
		if got, _ := os.ReadFile(file); string(got) != "old" {
			t.Errorf("after a timed-out DownloadTo the file holds %q", got)
		}
	}
}
