package modfetch

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Config is where modules come from and where they are kept. ConfigFromEnv
// fills it from the environment as the go command reads it.
type Config struct {
	// Proxies is GOPROXY parsed: each entry with whether any error (not
	// only 404/410) falls through to the next ("|" after it).
	Proxies []Proxy
	// NoProxy (GONOPROXY, default GOPRIVATE): module path patterns fetched
	// "direct" whatever GOPROXY says.
	NoProxy string
	// SumDB is GOSUMDB: "off", a known database name, "KEY" or "KEY URL".
	SumDB string
	// NoSumDB (GONOSUMDB, default GOPRIVATE): module path patterns not
	// checked against the checksum database. NoSumCheck (GONOSUMCHECK=1,
	// as older go commands spelled it) turns the check off for all.
	NoSumDB    string
	NoSumCheck bool
	// CacheDir is the module cache this package writes: GOMODCACHE's
	// layout (cache/download/..., path@version/...).
	CacheDir string
	// ReadCaches are other module caches (Go's own) searched before
	// downloading; a module found there is used in place.
	ReadCaches []string
	// Offline: GOFLAGS=-mod=vendor or GOPROXY=off; only cached modules.
	Offline bool
	// GoCmd is the go command for "direct" fetches ("" when none).
	GoCmd string
	// HTTP fetches proxy and checksum database URLs.
	HTTP *http.Client
	// Env is the environment given to the go command.
	Env []string
}

// Proxy is one entry of GOPROXY.
type Proxy struct {
	URL           string // an http(s) or file URL, "direct" or "off"
	FallbackOnAny bool   // followed by "|": any error tries the next
}

// ConfigFromEnv reads GOPROXY, GONOPROXY, GOSUMDB, GONOSUMDB, GOPRIVATE,
// GONOSUMCHECK, GOFLAGS and GOMODCACHE from getenv (os.Getenv when nil),
// with the go command's defaults. The cache it writes is GOMODCACHE when
// that is set, else os.UserCacheDir()/gokernel/mod; Go's default module
// cache (GOPATH/pkg/mod) is read when it exists.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	c := Config{HTTP: &http.Client{Timeout: 2 * time.Minute}, Env: os.Environ()}
	gp := getenv("GOPROXY")
	if gp == "" {
		gp = "https://proxy.golang.org,direct"
	}
	c.Proxies = parseProxies(gp)
	private := getenv("GOPRIVATE")
	c.NoProxy = orDefault(getenv("GONOPROXY"), private)
	c.NoSumDB = orDefault(getenv("GONOSUMDB"), private)
	c.SumDB = orDefault(getenv("GOSUMDB"), "sum.golang.org")
	c.NoSumCheck = getenv("GONOSUMCHECK") == "1"
	for _, f := range strings.Fields(getenv("GOFLAGS")) {
		if f == "-mod=vendor" || f == "--mod=vendor" {
			c.Offline = true
		}
	}
	if len(c.Proxies) == 1 && c.Proxies[0].URL == "off" {
		c.Offline = true
	}
	if p, err := exec.LookPath("go"); err == nil {
		c.GoCmd = p
	}
	if mc := getenv("GOMODCACHE"); mc != "" {
		c.CacheDir = mc
	} else {
		ucd, err := os.UserCacheDir()
		if err != nil {
			return c, fmt.Errorf("modfetch: no cache directory: %w", err)
		}
		c.CacheDir = filepath.Join(ucd, "gokernel", "mod")
		gopath := getenv("GOPATH")
		if gopath == "" {
			if home, err := os.UserHomeDir(); err == nil {
				gopath = filepath.Join(home, "go")
			}
		}
		if gopath != "" {
			gomc := filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
			if fi, err := os.Stat(gomc); err == nil && fi.IsDir() {
				c.ReadCaches = append(c.ReadCaches, gomc)
			}
		}
	}
	return c, nil
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// parseProxies splits a GOPROXY list; entries after "off" or "direct"
// are kept (the go command stops there only if those fail).
func parseProxies(s string) []Proxy {
	var out []Proxy
	for s != "" {
		i := strings.IndexAny(s, ",|")
		entry, sep := s, byte(0)
		if i >= 0 {
			entry, sep, s = s[:i], s[i], s[i+1:]
		} else {
			s = ""
		}
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		if entry != "direct" && entry != "off" && !strings.Contains(entry, "://") {
			entry = "https://" + entry
		}
		out = append(out, Proxy{URL: strings.TrimRight(entry, "/"), FallbackOnAny: sep == '|'})
	}
	return out
}

// ErrNotFound is returned (wrapped) when no proxy knows a module or version.
var ErrNotFound = errors.New("not found")
