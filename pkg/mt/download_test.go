package mt

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/coro"
)

func testServer(t *testing.T, files ...TestFile) *TestServer {
	t.Helper()
	s, err := ServeFiles(files...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		httpClient.CloseIdleConnections()
	})
	return s
}

func TestDownload(t *testing.T) {
	s := testServer(t, TestFile{Path: "/a.bin", Size: 111327}, TestFile{Path: "/hello", Body: []byte("Hello!"), ContentType: "text/plain"})
	tests := []struct {
		name    string
		path    string
		want    []byte
		wantErr string
	}{
		{"sized", "/a.bin", sampleBytes("/a.bin", 111327), ""},
		{"body", "/hello", []byte("Hello!"), ""},
		{"missing", "/nope", nil, "404 Not Found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Download(s.URL(tc.path))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !bytes.Equal(b, tc.want) {
				t.Errorf("got %d bytes, %v", len(b), err)
			}
		})
	}
	if s.Hits("/a.bin") != 1 {
		t.Errorf("Hits = %d", s.Hits("/a.bin"))
	}
}

func TestDownloadTo(t *testing.T) {
	s := testServer(t, TestFile{Path: "/x.jpg", Size: 5000})
	file := filepath.Join(t.TempDir(), "x.jpg")
	n, err := DownloadTo(s.URL("x.jpg"), file)
	if err != nil || n != 5000 {
		t.Fatalf("DownloadTo = %d, %v", n, err)
	}
	got, _ := os.ReadFile(file)
	if !bytes.Equal(got, sampleBytes("/x.jpg", 5000)) {
		t.Error("file content differs")
	}
	if _, err := DownloadTo(s.URL("missing"), filepath.Join(t.TempDir(), "m")); err == nil {
		t.Error("DownloadTo of a missing path succeeded")
	}
}

func TestDownloadAllCompletionOrder(t *testing.T) {
	stdout, _ := captureOutput(t)
	s := testServer(t,
		TestFile{Path: "/slow", Size: 215035, Delay: 60 * time.Millisecond},
		TestFile{Path: "/fast", Size: 111327},
		TestFile{Path: "/mid", Size: 172054, Delay: 30 * time.Millisecond},
	)
	dir := t.TempDir()
	jobs := s.Jobs(dir, "/slow", "/fast", "/mid")
	jobs = append(jobs, Job{URL: s.URL("/gone")})
	var seen []int
	rs := DownloadAll(jobs, 4, OnDone(func(r Result) { seen = append(seen, r.Index) }))
	if len(rs) != 4 {
		t.Fatalf("%d results", len(rs))
	}
	order := make([]int, len(rs))
	for i, r := range rs {
		order[i] = r.Index
	}
	for i := range order {
		if order[i] != seen[i] {
			t.Errorf("results %v not in completion order %v", order, seen)
		}
	}
	if rs[len(rs)-1].Index != 0 {
		t.Errorf("slowest job finished at %v, want last", order)
	}
	sizes := map[string]int64{"/slow": 215035, "/fast": 111327, "/mid": 172054}
	for _, r := range rs {
		if r.Index == 3 {
			if r.Err == nil {
				t.Error("missing file: no error")
			}
			continue
		}
		p := jobs[r.Index].URL[strings.LastIndex(jobs[r.Index].URL, "/"):]
		if r.Err != nil || r.Bytes != sizes[p] {
			t.Errorf("%s: %d bytes, %v", p, r.Bytes, r.Err)
		}
		if fi, err := os.Stat(r.File); err != nil || fi.Size() != sizes[p] {
			t.Errorf("%s on disk: %v %v", r.File, fi, err)
		}
	}
	last := stdout.String()[strings.LastIndex(stdout.String(), "\r")+1:]
	if !regexp.MustCompile(`^downloaded 4/4 files, 486\.7 KiB, [\d.]+ [KMG]?i?B/s\n$`).MatchString(last) {
		t.Errorf("final progress line %q", last)
	}
}

func TestDownloadAllCancel(t *testing.T) {
	s := testServer(t, TestFile{Path: "/never", Size: 10, Delay: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan []Result)
	go func() { done <- DownloadAllCtx(ctx, s.Jobs("", "/never", "/never"), 1, ProgressTo(nil)) }()
	for s.Hits("/never") == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	for _, r := range <-done {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("result err = %v", r.Err)
		}
	}
}

// TestDownloadInCoroTasks runs three downloads in coro tasks: before
// coro.PatchAll they hold the hub and run one at a time; after it they
// overlap (gevent's monkey patching).
func TestDownloadInCoroTasks(t *testing.T) {
	tests := []struct {
		name  string
		patch bool
		want  int
	}{
		{"unpatched", false, 1},
		{"patched", true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := testServer(t, TestFile{Path: "/slow", Size: 100, Delay: 200 * time.Millisecond})
			if tc.patch {
				coro.PatchAll()
				defer coro.Unpatch()
			}
			var tasks []*coro.Task
			for range 3 {
				tasks = append(tasks, coro.Spawn(Download, s.URL("/slow")))
			}
			coro.JoinAll(tasks...)
			for _, task := range tasks {
				if b, ok := task.Value().([]byte); !ok || len(b) != 100 || task.Err() != nil {
					t.Errorf("task: %v, %v", task.Value(), task.Err())
				}
			}
			if got := s.MaxInFlight(); got != tc.want {
				t.Errorf("MaxInFlight = %d, want %d", got, tc.want)
			}
		})
	}
}
