package mt

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// TestFile is one file served by ServeFiles: Path (e.g. "/a.jpg"), a body of
// Size deterministic bytes unless Body is given, sent after Delay, at most
// Rate bytes per second when Rate > 0 (so progress lines have something to
// show), with ContentType (default application/octet-stream).
type TestFile struct {
	Path        string
	Size        int
	Delay       time.Duration
	Rate        int
	Body        []byte
	ContentType string
}

// TestServer is a loopback HTTP server started by ServeFiles. Notebooks and
// tests have no internet; this stands in for the seeds' web sites.
type TestServer struct {
	srv      *http.Server
	ln       net.Listener
	files    map[string]TestFile
	closing  chan struct{}
	served   chan struct{}
	handlers sync.WaitGroup

	mu       sync.Mutex
	hits     map[string]int
	inFlight int
	maxIn    int
}

// ServeFiles starts a server on 127.0.0.1 (a free port) serving files; other
// paths are 404. Delays let completion order differ from request order. Call
// Close when done.
func ServeFiles(files ...TestFile) (*TestServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("mt: ServeFiles: %w", err)
	}
	s := &TestServer{
		ln: ln, files: map[string]TestFile{}, hits: map[string]int{},
		closing: make(chan struct{}), served: make(chan struct{}),
	}
	for _, f := range files {
		if f.Body == nil {
			f.Body = sampleBytes(f.Path, f.Size)
		}
		s.files[f.Path] = f
	}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.served)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// URL returns the address of path on the server ("http://127.0.0.1:PORT/a").
func (s *TestServer) URL(path string) string {
	if len(path) == 0 || path[0] != '/' {
		path = "/" + path
	}
	return "http://" + s.ln.Addr().String() + path
}

// Jobs returns a download Job for every file path given, into dir/<base
// name of path> when dir is not empty.
func (s *TestServer) Jobs(dir string, paths ...string) []Job {
	jobs := make([]Job, len(paths))
	for i, p := range paths {
		jobs[i] = Job{URL: s.URL(p)}
		if dir != "" {
			base := p
			for j := len(p) - 1; j >= 0; j-- {
				if p[j] == '/' {
					base = p[j+1:]
					break
				}
			}
			jobs[i].File = dir + "/" + base
		}
	}
	return jobs
}

// Hits returns how many requests path has received.
func (s *TestServer) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// MaxInFlight returns the largest number of requests the server has handled
// at the same time: 1 when downloads ran one after the other.
func (s *TestServer) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxIn
}

// Close stops the server, ending requests in flight, and waits for its
// goroutines.
func (s *TestServer) Close() error {
	select {
	case <-s.closing:
		return nil
	default:
	}
	close(s.closing)
	err := s.srv.Close()
	<-s.served
	s.handlers.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func (s *TestServer) serve(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Done()
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if !s.sleep(r, f.Delay) {
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Body)))
	if f.Rate <= 0 {
		_, _ = w.Write(f.Body)
		return
	}
	chunk := max(f.Rate/20, 1) // 20 writes per second
	fl, _ := w.(http.Flusher)
	for b := f.Body; len(b) > 0; {
		n := min(chunk, len(b))
		if _, err := w.Write(b[:n]); err != nil {
			return
		}
		if fl != nil {
			fl.Flush()
		}
		b = b[n:]
		if len(b) > 0 && !s.sleep(r, time.Second/20) {
			return
		}
	}
}

// sleep waits d unless the request or the server ends first.
func (s *TestServer) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

// sampleBytes returns n deterministic bytes derived from seed (a simple
// xorshift stream), so that files can be compared after copying.
func sampleBytes(seed string, n int) []byte {
	x := uint64(88172645463325252)
	for _, c := range []byte(seed) {
		x = x*31 + uint64(c)
	}
	b := make([]byte, n)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return b
}
