package mt

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// TestDownloadToFailureKeepsOldFile: a body cut short leaves the target as it
// was (no truncated file, no temporary left behind); a success replaces it.
func TestDownloadToFailureKeepsOldFile(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			w.Write([]byte("new content"))
			return
		}
		w.Header().Set("Content-Length", "10000")
		w.Write([]byte("partial"))
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	defer srv.Close()
	defer httpClient.CloseIdleConnections()
	dir := t.TempDir()
	file := filepath.Join(dir, "data.bin")
	if err := os.WriteFile(file, []byte("old content"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := DownloadTo(srv.URL+"/cut", file); err == nil {
		t.Fatal("a body cut short succeeded")
	}
	if got, _ := os.ReadFile(file); string(got) != "old content" {
		t.Errorf("after a failed download the file holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the target", len(entries))
	}
	if n, err := DownloadTo(srv.URL+"/ok", file); err != nil || n != 11 {
		t.Fatalf("DownloadTo = %d, %v", n, err)
	}
	if got, _ := os.ReadFile(file); string(got) != "new content" {
		t.Errorf("file holds %q after a good download", got)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}
}
