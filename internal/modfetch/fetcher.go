package modfetch

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Fetcher downloads, checks and caches modules. Safe for concurrent use.
type Fetcher struct {
	cfg  Config
	sums *checker
}

// NewFetcher returns a Fetcher for cfg.
func NewFetcher(cfg Config) *Fetcher {
	f := &Fetcher{cfg: cfg}
	f.sums = &checker{cfg: &f.cfg}
	return f
}

// Config returns the Fetcher's configuration.
func (f *Fetcher) Config() Config { return f.cfg }

// Query resolves a version query for module path: "latest" (the highest
// release of @v/list, else of its pre-releases, else @latest's
// pseudo-version), "upgrade" (as latest) or a canonical semantic version
// (checked to exist). The cache answers a pinned version offline.
func (f *Fetcher) Query(ctx context.Context, path, query string) (string, error) {
	if err := module.CheckPath(path); err != nil {
		return "", err
	}
	if query != "latest" && query != "upgrade" && query != "" {
		if !semver.IsValid(query) || semver.Canonical(query) != query && !strings.Contains(query, "+incompatible") {
			return "", fmt.Errorf("%s@%s: only latest or a full semantic version (v1.2.3) is supported", path, query)
		}
		if _, err := f.goMod(ctx, module.Version{Path: path, Version: query}); err != nil {
			return "", err
		}
		return query, nil
	}
	if f.cfg.Offline {
		return "", fmt.Errorf("%s@latest: cannot ask for the latest version with fetching off (%s); pin a cached version with %%go get", path, f.offlineWhy())
	}
	var latest string
	list, err := f.cfg.fromProxies(ctx, path, "@v/list", func() ([]byte, error) {
		d, err := f.cfg.goModDownload(ctx, path, "latest")
		if err != nil {
			return nil, err
		}
		latest = d.Version
		return []byte(d.Version + "\n"), nil
	})
	if err != nil {
		return "", err
	}
	if latest != "" {
		return latest, nil
	}
	var rel, pre string
	for _, v := range strings.Fields(string(list)) {
		if !semver.IsValid(v) || module.CheckPathMajor(v, pathMajor(path)) != nil {
			continue
		}
		if semver.Prerelease(v) == "" {
			if rel == "" || semver.Compare(v, rel) > 0 {
				rel = v
			}
		} else if pre == "" || semver.Compare(v, pre) > 0 {
			pre = v
		}
	}
	if rel != "" {
		return rel, nil
	}
	if pre != "" {
		return pre, nil
	}
	b, err := f.cfg.fromProxies(ctx, path, "@latest", nil)
	if err != nil {
		return "", err
	}
	var info Info
	if err := json.Unmarshal(b, &info); err != nil || !semver.IsValid(info.Version) {
		return "", fmt.Errorf("%s@latest: the proxy's answer is not a version: %q", path, b)
	}
	return info.Version, nil
}

func pathMajor(path string) string {
	_, major, _ := module.SplitPathVersion(path)
	return major
}
