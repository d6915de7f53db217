package mt

import (
	"io"
	"net/http"
	"sync"
	"testing"
)

func BenchmarkThreadStartJoin(b *testing.B) {
	for b.Loop() {
		t := NewThread(func() {})
		_ = t.Start()
		t.Join()
	}
}

func BenchmarkGoroutineStartWait(b *testing.B) { // baseline
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Add(1)
		go wg.Done()
		wg.Wait()
	}
}

func BenchmarkLockUncontended(b *testing.B) {
	l := NewLock()
	for b.Loop() {
		l.Acquire()
		_ = l.Release()
	}
}

func BenchmarkMutexUncontended(b *testing.B) { // baseline
	var m sync.Mutex
	for b.Loop() {
		m.Lock()
		//lint:ignore SA2001 the baseline is the cost of an empty critical section
		m.Unlock()
	}
}

func BenchmarkLockContended(b *testing.B) {
	l := NewLock()
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Acquire()
			_ = l.Release()
		}
	})
}

func BenchmarkMutexContended(b *testing.B) { // baseline
	var m sync.Mutex
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Lock()
			//lint:ignore SA2001 the baseline is the cost of an empty critical section
			m.Unlock()
		}
	})
}

func BenchmarkQueuePutGet(b *testing.B) {
	q := NewQueue(0)
	for b.Loop() {
		q.Put(1)
		q.Get()
	}
}

func BenchmarkQueueHandoff(b *testing.B) {
	q := NewQueue(64)
	done := make(chan struct{})
	go func() {
		for range b.N {
			q.Get()
		}
		close(done)
	}()
	for range b.N {
		q.Put(1)
	}
	<-done
}

func BenchmarkThreadPoolRoundTrip(b *testing.B) {
	p := NewThreadPool(2)
	defer func() { p.Close(); _ = p.Join() }()
	fn := func(x int) int { return x }
	for b.Loop() {
		_, _ = p.Apply(fn, 1)
	}
}

func BenchmarkProcessStartToExit(b *testing.B) {
	old := Stdout
	Stdout = io.Discard
	defer func() { Stdout = old }()
	for b.Loop() {
		p := NewProcess(procNums, 1)
		if err := p.Start(); err != nil {
			b.Fatal(err)
		}
		p.Join()
	}
}

func BenchmarkProcessPoolRoundTrip(b *testing.B) {
	p, err := NewPool(2)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { p.Close(); _ = p.Join() }()
	for b.Loop() {
		if _, err := p.Apply(double, 21); err != nil {
			b.Fatal(err)
		}
	}
}

// downloadFiles is 16 files of 1 MiB served from loopback.
func downloadFiles(b *testing.B) (*TestServer, []Job) {
	var files []TestFile
	var paths []string
	for i := range 16 {
		p := "/f" + string(rune('a'+i))
		files = append(files, TestFile{Path: p, Size: 1 << 20})
		paths = append(paths, p)
	}
	s, err := ServeFiles(files...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(); httpClient.CloseIdleConnections() })
	b.SetBytes(16 << 20)
	return s, s.Jobs("", paths...)
}

func BenchmarkDownloadAll(b *testing.B) {
	_, jobs := downloadFiles(b)
	for b.Loop() {
		for _, r := range DownloadAll(jobs, 4, ProgressTo(io.Discard)) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkPlainHTTPGoroutines is DownloadAll's baseline: the same downloads
// with net/http and four goroutines.
func BenchmarkPlainHTTPGoroutines(b *testing.B) {
	_, jobs := downloadFiles(b)
	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer client.CloseIdleConnections()
	for b.Loop() {
		ch := make(chan string)
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range ch {
					resp, err := client.Get(u)
					if err != nil {
						b.Error(err)
						continue
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
		for _, j := range jobs {
			ch <- j.URL
		}
		close(ch)
		wg.Wait()
	}
}
