package modfetch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// downloadDir is CACHE/cache/download/ESCAPED_PATH/@v.
func downloadDir(root, path string) (string, error) {
	esc, err := module.EscapePath(path)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "cache", "download", filepath.FromSlash(esc), "@v"), nil
}

// extractedDir is CACHE/ESCAPED_PATH@ESCAPED_VERSION.
func extractedDir(root string, m module.Version) (string, error) {
	esc, err := module.EscapePath(m.Path)
	if err != nil {
		return "", err
	}
	ev, err := module.EscapeVersion(m.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(root, filepath.FromSlash(esc)+"@"+ev), nil
}

func versionFile(root string, m module.Version, ext string) (string, error) {
	d, err := downloadDir(root, m.Path)
	if err != nil {
		return "", err
	}
	ev, err := module.EscapeVersion(m.Version)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, ev+ext), nil
}

// goMod returns the go.mod of module version m, from a cache or a proxy,
// checked against the checksum database when it was downloaded.
func (f *Fetcher) goMod(ctx context.Context, m module.Version) ([]byte, error) {
	for _, root := range f.roots() {
		p, err := versionFile(root, m, ".mod")
		if err != nil {
			return nil, err
		}
		if b, err := os.ReadFile(p); err == nil {
			return b, nil
		}
	}
	if f.cfg.Offline {
		return nil, fmt.Errorf("%s@%s/go.mod is not in the module cache and fetching is off (%s)", m.Path, m.Version, f.offlineWhy())
	}
	ev, _ := module.EscapeVersion(m.Version)
	var dl *goDownload
	b, err := f.cfg.fromProxies(ctx, m.Path, "@v/"+ev+".mod", func() ([]byte, error) {
		d, err := f.cfg.goModDownload(ctx, m.Path, m.Version)
		if err != nil {
			return nil, err
		}
		dl = d
		return os.ReadFile(d.GoMod)
	})
	if err != nil {
		return nil, err
	}
	if dl == nil {
		h, err := goModHash(b)
		if err != nil {
			return nil, err
		}
		if err := f.sums.check(ctx, m, true, h); err != nil {
			return nil, err
		}
	}
	p, _ := versionFile(f.cfg.CacheDir, m, ".mod")
	writeFileAtomic(p, b)
	return b, nil
}

// Dir returns the directory holding the extracted module version m:
// found in a module cache (its zip hash checked against the checksum
// database), or downloaded, checked and extracted into Config.CacheDir.
func (f *Fetcher) Dir(ctx context.Context, m module.Version) (string, error) {
	for _, root := range f.roots() {
		dir, err := extractedDir(root, m)
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		zh, _ := versionFile(root, m, ".ziphash")
		h, err := os.ReadFile(zh)
		if err != nil {
			continue // extracted by someone else, not finished or not ours to trust
		}
		if err := f.sums.check(ctx, m, false, strings.TrimSpace(string(h))); err != nil {
			return "", err
		}
		return dir, nil
	}
	if f.cfg.Offline {
		return "", fmt.Errorf("%s@%s is not in the module cache and fetching is off (%s)", m.Path, m.Version, f.offlineWhy())
	}
	ev, _ := module.EscapeVersion(m.Version)
	var direct string
	zipData, err := f.cfg.fromProxies(ctx, m.Path, "@v/"+ev+".zip", func() ([]byte, error) {
		d, err := f.cfg.goModDownload(ctx, m.Path, m.Version)
		if err != nil {
			return nil, err
		}
		direct = d.Dir
		return nil, nil
	})
	if err != nil {
		return "", err
	}
	if direct != "" {
		return direct, nil // the go command fetched, verified and extracted it
	}
	zipFile, _ := versionFile(f.cfg.CacheDir, m, ".zip")
	if err := writeFileAtomic(zipFile, zipData); err != nil {
		return "", err
	}
	h, err := dirhash.HashZip(zipFile, dirhash.Hash1)
	if err != nil {
		return "", fmt.Errorf("%s@%s: reading the zip: %w", m.Path, m.Version, err)
	}
	if err := f.sums.check(ctx, m, false, h); err != nil {
		os.Remove(zipFile)
		return "", err
	}
	dir, _ := extractedDir(f.cfg.CacheDir, m)
	tmp := dir + ".tmp-" + fmt.Sprint(os.Getpid())
	os.RemoveAll(tmp)
	if err := modzip.Unzip(tmp, m, zipFile); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("%s@%s: extracting: %w", m.Path, m.Version, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(dir); serr != nil { // not another kernel's extraction winning
			return "", err
		}
	}
	zh, _ := versionFile(f.cfg.CacheDir, m, ".ziphash")
	if err := writeFileAtomic(zh, []byte(h+"\n")); err != nil {
		return "", err
	}
	return dir, nil
}

func (f *Fetcher) offlineWhy() string {
	if len(f.cfg.Proxies) == 1 && f.cfg.Proxies[0].URL == "off" {
		return "GOPROXY=off"
	}
	return "GOFLAGS=-mod=vendor"
}

// roots are the module caches searched, the one written first.
func (f *Fetcher) roots() []string {
	return append([]string{f.cfg.CacheDir}, f.cfg.ReadCaches...)
}
