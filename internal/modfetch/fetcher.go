package modfetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
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
		if v := f.cachedLatest(path); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("%s@latest: %s is not in the module cache and fetching is off (%s): %w", path, path, f.offlineWhy(), ErrNotFound)
	}
	v, err := f.queryLatest(ctx, path)
	if err != nil && !errors.Is(err, ErrNotFound) && ctx.Err() == nil {
		// The proxy cannot be reached (or fails): the highest cached
		// version will do, as a notebook opened offline expects.
		if cv := f.cachedLatest(path); cv != "" {
			return cv, nil
		}
	}
	return v, err
}

// cachedLatest returns the highest version of module path whose zip
// hash is in one of the module caches ("" if none).
func (f *Fetcher) cachedLatest(path string) string {
	best := ""
	for _, root := range f.roots() {
		d, err := downloadDir(root, path)
		if err != nil {
			return ""
		}
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			ev, ok := strings.CutSuffix(e.Name(), ".ziphash")
			if !ok {
				continue
			}
			v, err := module.UnescapeVersion(ev)
			if err == nil && semver.IsValid(v) && (best == "" || semver.Compare(v, best) > 0) {
				best = v
			}
		}
	}
	return best
}

// queryLatest asks the proxies for the latest version of module path.
func (f *Fetcher) queryLatest(ctx context.Context, path string) (string, error) {
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
