package coro

import (
	"fmt"
	"sync/atomic"
	"time"
)

// DefaultFetchTimeout is how long Fetch may receive nothing before it
// fails, unless SetFetchTimeout changes it.
const DefaultFetchTimeout = 30 * time.Second

var fetchTimeout atomic.Int64

func init() { fetchTimeout.Store(int64(DefaultFetchTimeout)) }

// SetFetchTimeout sets how long Fetch may receive nothing (connecting,
// waiting for the response, between chunks of the body) before it fails
// with TimeoutError; d <= 0 means no timeout. It returns the previous
// setting. A fetch that keeps receiving is not cut short: bound the whole
// of it with a ctx deadline (FetchCtx) or WaitFor.
func SetFetchTimeout(d time.Duration) (previous time.Duration) {
	return time.Duration(fetchTimeout.Swap(int64(d)))
}

func fetchTimeoutError(d time.Duration) *Exception {
	return &Exception{Type: "TimeoutError", Msg: fmt.Sprintf("no data for %v (coro.SetFetchTimeout changes this limit)", d)}
}
