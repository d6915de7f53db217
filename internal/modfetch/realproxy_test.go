package modfetch

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealProxy fetches a small module through the GOPROXY this machine
// uses and verifies it against the real checksum database, into an empty
// cache. It is skipped, saying why, when the proxy cannot be reached.
func TestRealProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no network")
	}
	cache := t.TempDir()
	cfg, err := ConfigFromEnv(func(k string) string {
		switch k {
		case "GOMODCACHE":
			return cache
		case "GOFLAGS", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMCHECK":
			return ""
		case "GOSUMDB":
			return "sum.golang.org"
		}
		return os.Getenv(k)
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Proxies[0].URL == "off" || cfg.Proxies[0].URL == "direct" {
		t.Skipf("GOPROXY=%s: no module proxy to test against", os.Getenv("GOPROXY"))
	}
	probe := cfg.Proxies[0].URL + "/github.com/dustin/go-humanize/@v/list"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, probe, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Skipf("the module proxy is unreachable from here (%v): skipping the real-proxy test", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Skipf("the module proxy answers %s for %s: skipping the real-proxy test", resp.Status, redact(probe))
	}

	r := NewResolver(NewFetcher(cfg))
	if err := r.Prepare(context.Background(), []string{"github.com/dustin/go-humanize"}, nil); err != nil {
		t.Fatal(err)
	}
	loaded := r.Loaded()
	if len(loaded) != 1 || loaded[0].Path != "github.com/dustin/go-humanize" {
		t.Fatalf("loaded %v", loaded)
	}
	t.Logf("fetched and verified %s@%s", loaded[0].Path, loaded[0].Version)
	sums, err := os.ReadFile(filepath.Join(cache, "cache", "download", "gokernel.sum"))
	if err != nil || !strings.Contains(string(sums), "github.com/dustin/go-humanize "+loaded[0].Version+" h1:") {
		t.Fatalf("verified lines not kept: %q, %v", sums, err)
	}
	if _, err := os.Stat(filepath.Join(cache, "cache", "download", "sumdb", "sum.golang.org", "latest")); err != nil {
		t.Errorf("the checksum database's signed tree head was not kept: %v", err)
	}
	// A zip the database disagrees with is refused: corrupt the verified
	// line and fetch into a second cache that trusts it.
	cfg2 := cfg
	cfg2.CacheDir = t.TempDir()
	bad := strings.ReplaceAll(string(sums), "h1:", "h1:X")
	if err := writeFileAtomic(filepath.Join(cfg2.CacheDir, "cache", "download", "gokernel.sum"), []byte(bad)); err != nil {
		t.Fatal(err)
	}
	r2 := NewResolver(NewFetcher(cfg2))
	r2.SetPins(map[string]string{loaded[0].Path: loaded[0].Version})
	if err := r2.Prepare(context.Background(), []string{"github.com/dustin/go-humanize"}, nil); err == nil || !strings.Contains(err.Error(), "checksum mismatch") {
		t.Fatalf("a corrupted hash: %v, want a checksum mismatch", err)
	}
}
