package coro

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gokernel/gokernel/internal/stall"
)

// Fetch is the cooperative HTTP GET (aiohttp's session.get + read): inside
// a task it releases the hub while the request is in flight (IO), so other
// tasks run; outside a task it is a plain GET. A status other than 2xx is
// an error ("fetch: <url>: 404 Not Found"); the body is returned with it.
// A server that sends nothing for DefaultFetchTimeout makes it fail with
// TimeoutError (SetFetchTimeout).
func Fetch(url string) ([]byte, error) { return FetchCtx(context.Background(), url) }

// FetchCtx is Fetch with a context that cancels the request; its wait
// ends (ErrInterrupted) when ctx is done or the kernel interrupts, as
// IOCtx's does.
func FetchCtx(ctx context.Context, url string) ([]byte, error) {
	got := make(chan []byte, 1) // the body, once the request has ended
	err := IOCtx(ctx, func() error {
		body, err := get(ctx, url)
		got <- body
		return err
	})
	select {
	case body := <-got:
		return body, err
	default: // the wait ended first; the request goes on until ctx stops it
		return nil, err
	}
}

// get GETs url under the fetch timeout (fetchtimeout.go).
func get(ctx context.Context, url string) ([]byte, error) {
	d := time.Duration(fetchTimeout.Load())
	cause := fetchTimeoutError(d)
	w := stall.New(ctx, d, cause)
	defer w.Stop()
	req, err := http.NewRequestWithContext(w.Context(), http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if w.Err(cause) != nil {
			return nil, fmt.Errorf("fetch: %s: %w", url, cause)
		}
		return nil, err
	}
	defer resp.Body.Close()
	w.Touch()
	body, err := io.ReadAll(w.Reader(resp.Body))
	if err != nil {
		if w.Err(cause) != nil {
			err = fmt.Errorf("fetch: %s: %w", url, cause)
		}
		return body, err
	}
	if resp.StatusCode/100 != 2 {
		return body, fmt.Errorf("fetch: %s: %s", url, resp.Status)
	}
	return body, nil
}

// GenExpr is a generator expression, (fn(x) for x in src): a generator
// (named "<genexpr>") yielding fn of each value of src, lazily.
func GenExpr(fn any, src any) *Generator {
	return NamedGenerator("<genexpr>", func(y *Yielder) any {
		f, err := newCallable(fn)
		if err != nil {
			panic(err)
		}
		it, err := Iter(src)
		if err != nil {
			panic(err)
		}
		for {
			v, err := it.Next()
			if err != nil {
				if isStop(err) {
					return nil
				}
				panic(err)
			}
			r, err := f.call(v)
			if err != nil {
				panic(err)
			}
			y.Yield(r)
		}
	})
}
