package engine

import (
	"context"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/gokernel/gokernel/internal/modfetch"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
)

// BenchmarkModuleImport times a cell importing a third-party module
// (BENCH_MODULE, default github.com/pkg/errors) through the module proxy
// this machine uses (GOPROXY), checked against the checksum database, into
// a new session: cold (an empty module cache, fetched) and cached (the
// same cache: the proxy is asked only for the latest version). Skipped when
// the proxy cannot be reached.
//
//	go test -run - -bench ModuleImport -benchtime 5x ./kernel/engine
func BenchmarkModuleImport(b *testing.B) {
	path := os.Getenv("BENCH_MODULE")
	if path == "" {
		path = "github.com/pkg/errors"
	}
	probe, err := modfetch.ConfigFromEnv(nil)
	if err != nil {
		b.Fatal(err)
	}
	if p := probe.Proxies[0].URL; p != "off" && p != "direct" {
		c := &http.Client{Timeout: 20 * time.Second}
		resp, err := c.Get(p + "/" + path + "/@v/list")
		if err != nil {
			b.Skipf("the module proxy is unreachable (%v)", err)
		}
		resp.Body.Close()
	}
	run := func(b *testing.B, cache string) {
		cfg, err := modfetch.ConfigFromEnv(func(k string) string {
			if k == "GOMODCACHE" {
				return cache
			}
			return os.Getenv(k)
		})
		if err != nil {
			b.Fatal(err)
		}
		null, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		defer null.Close()
		s, err := New(Options{Stdout: null, Stderr: null, Symbols: pkgsyms.Tables(),
			Sources: modfetch.NewResolver(modfetch.NewFetcher(cfg))})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.StartTimer()
		out := s.Exec(context.Background(), "cell[1]", `import "`+path+`"`)
		b.StopTimer()
		if out.Err != nil {
			b.Fatal(errorText(out.Err))
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.StopTimer()
		for i := 0; i < b.N; i++ {
			run(b, b.TempDir())
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.StopTimer()
		cache := b.TempDir()
		run(b, cache)
		for i := 0; i < b.N; i++ {
			run(b, cache)
		}
	})
}
