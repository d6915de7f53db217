package mt

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/internal/stall"
)

// DefaultDownloadTimeout is how long a download may receive nothing before
// it fails, unless SetDownloadTimeout changes it.
const DefaultDownloadTimeout = 30 * time.Second

var downloadTimeout atomic.Int64

func init() { downloadTimeout.Store(int64(DefaultDownloadTimeout)) }

// SetDownloadTimeout sets how long Download, DownloadTo and each job of
// DownloadAll may receive nothing (connecting, waiting for the response,
// between chunks of the body) before they fail with a TimeoutError, as
// Python's urlopen(url, timeout=d) does; d <= 0 means no timeout. It
// returns the previous setting. A download that keeps receiving is not cut
// short: bound the whole of it with a ctx deadline (DownloadCtx).
func SetDownloadTimeout(d time.Duration) (previous time.Duration) {
	return time.Duration(downloadTimeout.Swap(int64(d)))
}

// watchedBody is a response body under a stall watch: a read that fails
// because the watch fired returns the TimeoutError; Close ends the watch.
type watchedBody struct {
	io.ReadCloser
	r     io.Reader
	w     *stall.Watch
	cause error
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && b.w.Err(b.cause) != nil {
		err = b.cause
	}
	return n, err
}

func (b *watchedBody) Close() error {
	err := b.ReadCloser.Close()
	b.w.Stop()
	return err
}

// newDownloadWatch starts the stall watch of one request.
func newDownloadWatch(ctx context.Context) (*stall.Watch, error) {
	d := time.Duration(downloadTimeout.Load())
	cause := newError("TimeoutError", "no data for %v (mt.SetDownloadTimeout changes this limit)", d)
	return stall.New(ctx, d, cause), cause
}
