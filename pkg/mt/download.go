package mt

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/pkg/coro"
)

// httpClient is mt's own client (its own transport, so tests can close its
// idle connections). Requests carry the caller's ctx and the download
// timeout (SetDownloadTimeout).
var httpClient = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}

// Download GETs url and returns the body (Python's urlopen(url).read()). A
// status other than 2xx is an error "mt: GET url: 404 Not Found". It blocks
// until the body is read, or fails with a TimeoutError after
// DefaultDownloadTimeout without data (SetDownloadTimeout); DownloadCtx can
// be cancelled.
//
// Download, DownloadTo and DownloadAll are gevent-aware: called from a
// pkg/coro task after coro.PatchAll(), they release the hub while they wait
// (coro.MaybeIO), so other tasks run and downloads overlap; before PatchAll
// they hold the hub and tasks download one after the other, as unpatched
// gevent does.
func Download(url string) ([]byte, error) { return DownloadCtx(context.Background(), url) }

// DownloadCtx is Download ending with an error wrapping ctx.Err() when ctx is
// done first.
func DownloadCtx(ctx context.Context, url string) (b []byte, err error) {
	err = coro.MaybeIO(func() error {
		body, err := get(ctx, url)
		if err != nil {
			return err
		}
		defer body.Close()
		if b, err = io.ReadAll(body); err != nil {
			return fmt.Errorf("mt: GET %s: %w", url, err)
		}
		return nil
	})
	return b, err
}

// DownloadTo GETs url into file and returns the number of bytes written. The
// body goes to a temporary file in file's folder that is renamed to file on
// success (replacing it), so on failure file is left as it was.
func DownloadTo(url, file string) (int64, error) {
	return DownloadToCtx(context.Background(), url, file)
}

// DownloadToCtx is DownloadTo that can be cancelled with ctx.
func DownloadToCtx(ctx context.Context, url, file string) (n int64, err error) {
	err = coro.MaybeIO(func() error {
		n, err = download(ctx, Job{URL: url, File: file}, nil)
		return err
	})
	return n, err
}

// get starts a GET under the download timeout (timeout.go): the body it
// returns must be closed.
func get(ctx context.Context, url string) (io.ReadCloser, error) {
	w, cause := newDownloadWatch(ctx)
	req, err := http.NewRequestWithContext(w.Context(), http.MethodGet, url, nil)
	if err != nil {
		w.Stop()
		return nil, fmt.Errorf("mt: GET %s: %w", url, err)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		if w.Err(cause) != nil {
			err = cause
		}
		w.Stop()
		return nil, fmt.Errorf("mt: GET %s: %w", url, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		w.Stop()
		return nil, fmt.Errorf("mt: GET %s: %s", url, resp.Status)
	}
	w.Touch()
	return &watchedBody{ReadCloser: resp.Body, r: w.Reader(resp.Body), w: w, cause: cause}, nil
}

// download copies job.URL to job.File (or discards the body when File is
// empty), adding every chunk to *counter when it is not nil.
func download(ctx context.Context, job Job, counter *atomic.Int64) (int64, error) {
	body, err := get(ctx, job.URL)
	if err != nil {
		return 0, err
	}
	defer body.Close()
	var dst io.Writer = io.Discard
	var f *os.File
	if job.File != "" {
		// A temp file beside the target, renamed over it on success: a
		// failed download never leaves a partial file nor clobbers an
		// existing one.
		if f, err = os.CreateTemp(filepath.Dir(job.File), "."+filepath.Base(job.File)+".part*"); err != nil {
			return 0, fmt.Errorf("mt: download %s: %w", job.URL, err)
		}
		dst = f
	}
	n, err := io.Copy(dst, countingReader{body, counter})
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(f.Name(), job.File)
		}
		if err != nil {
			os.Remove(f.Name())
		}
	}
	if err != nil {
		return n, fmt.Errorf("mt: GET %s: %w", job.URL, err)
	}
	return n, nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	return n, err
}

// Job is one download: URL into File (File "" keeps nothing, only counts).
type Job struct {
	URL  string
	File string
}

// Result is the outcome of one Job.
type Result struct {
	Job
	Index   int           // position of the job in the jobs slice
	Bytes   int64         // bytes received
	Elapsed time.Duration // from request to end of body
	Err     error
}

// DownloadOption configures DownloadAll.
type DownloadOption func(*downloadConfig)

type downloadConfig struct {
	progress io.Writer
	onDone   func(Result)
}

// ProgressTo sends DownloadAll's progress line to w, redrawn with "\r"
// (nil: no progress bar). The default, Stdout, is a live bar in a notebook.
func ProgressTo(w io.Writer) DownloadOption {
	return func(c *downloadConfig) { c.progress = w }
}

// OnDone calls fn with each result as soon as its job ends (from the
// downloading goroutine; calls are not concurrent).
func OnDone(fn func(r Result)) DownloadOption {
	return func(c *downloadConfig) { c.onDone = fn }
}

// downloadRedraw is how often DownloadAll's bar is redrawn while no job
// ends (the bar itself draws at most ten times a second).
const downloadRedraw = 100 * time.Millisecond

// DownloadAll downloads every job with at most concurrency requests in flight
// (≤ 0: all at once) and returns one Result per job in completion order.
// While it runs, a progress bar (see ProgressTo, SetProgress, NoProgress)
// shows files done, bytes and rate: a live bar in a notebook, a line on
// Stdout redrawn with "\r" elsewhere. Failed jobs are Results with Err set; the
// others still run. It blocks until all jobs end; DownloadAllCtx can be
// cancelled (unfinished jobs then end with an error wrapping ctx.Err()).
func DownloadAll(jobs []Job, concurrency int, opts ...DownloadOption) []Result {
	return DownloadAllCtx(context.Background(), jobs, concurrency, opts...)
}

// DownloadAllCtx is DownloadAll with a context.
func DownloadAllCtx(ctx context.Context, jobs []Job, concurrency int, opts ...DownloadOption) []Result {
	cfg := downloadConfig{progress: Stdout}
	for _, o := range opts {
		o(&cfg)
	}
	if concurrency <= 0 || concurrency > len(jobs) {
		concurrency = max(len(jobs), 1)
	}
	var (
		received atomic.Int64
		finished atomic.Int64
		start    = time.Now()
		mu       sync.Mutex
		out      = make([]Result, 0, len(jobs))
		wg       sync.WaitGroup
		slots    = make(chan struct{}, concurrency)
	)
	line := newBar(ctx, cfg.progress, len(jobs), "", 0, func(n int) string {
		b := float64(received.Load())
		rate := b / max(time.Since(start).Seconds(), 1e-9)
		return fmt.Sprintf("downloaded %d/%d files, %s, %s/s", n, len(jobs), humanBytes(b), humanBytes(rate))
	})
	stopTicker := make(chan struct{})
	tickerDone := make(chan struct{})
	go func() {
		defer close(tickerDone)
		t := time.NewTicker(downloadRedraw)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				line.set(int(finished.Load())) // redraws the bytes received
			case <-stopTicker:
				return
			}
		}
	}()
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := Result{Job: job, Index: i}
			select {
			case slots <- struct{}{}:
				t0 := time.Now()
				r.Bytes, r.Err = download(ctx, job, &received)
				r.Elapsed = time.Since(t0)
				<-slots
			case <-ctx.Done():
				r.Err = fmt.Errorf("mt: GET %s: %w", job.URL, ctx.Err())
			}
			mu.Lock()
			defer mu.Unlock()
			line.set(int(finished.Add(1)))
			out = append(out, r)
			if cfg.onDone != nil {
				cfg.onDone(r)
			}
		}()
	}
	_ = coro.MaybeIO(func() error { wg.Wait(); return nil })
	close(stopTicker)
	<-tickerDone
	line.done()
	return out
}
