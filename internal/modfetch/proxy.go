package modfetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
)

// errDirect is what a "direct" entry gives when there is no go command.
var errDirect = errors.New(`GOPROXY "direct" fetches from version control, which needs the go command ` +
	`(not found on PATH): install Go, or use a module proxy (GOPROXY=https://proxy.golang.org)`)

// httpStatusError is a proxy's answer other than 200.
type httpStatusError struct {
	url  string
	code int
	body string
}

func (e *httpStatusError) Error() string {
	msg := fmt.Sprintf("%s: %d %s", redact(e.url), e.code, http.StatusText(e.code))
	if e.body != "" {
		msg += ": " + e.body
	}
	return msg
}

func (e *httpStatusError) Is(target error) bool {
	return target == ErrNotFound && (e.code == http.StatusNotFound || e.code == http.StatusGone)
}

func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return s
}

// get fetches one URL of a proxy (http, https or file) into memory.
func (c *Config) get(ctx context.Context, u string) ([]byte, error) {
	if rest, ok := strings.CutPrefix(u, "file://"); ok {
		b, err := os.ReadFile(filepath.FromSlash(rest))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", u, ErrNotFound)
		}
		return b, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, &httpStatusError{url: u, code: resp.StatusCode, body: strings.TrimSpace(string(b))}
	}
	return io.ReadAll(resp.Body)
}

// proxiesFor returns the proxy list that applies to a module path.
func (c *Config) proxiesFor(path string) []Proxy {
	if c.NoProxy != "" && module.MatchPrefixPatterns(c.NoProxy, path) {
		return []Proxy{{URL: "direct"}}
	}
	return c.Proxies
}

// fromProxies asks each proxy in turn for the file rel ("@v/list",
// "@latest", "@v/VERSION.mod", ...) of module path, falling through as
// GOPROXY says. A "direct" entry is answered by the direct function.
func (c *Config) fromProxies(ctx context.Context, path, rel string, direct func() ([]byte, error)) ([]byte, error) {
	esc, err := module.EscapePath(path)
	if err != nil {
		return nil, err
	}
	var last error = fmt.Errorf("%s: GOPROXY is empty: %w", path, ErrNotFound)
	for _, p := range c.proxiesFor(path) {
		var b []byte
		switch p.URL {
		case "off":
			return nil, fmt.Errorf("module lookup disabled by GOPROXY=off (%s)", path)
		case "direct":
			if direct == nil || c.GoCmd == "" {
				return nil, errDirect
			}
			b, err = direct()
		default:
			b, err = c.get(ctx, p.URL+"/"+esc+"/"+rel)
		}
		if err == nil {
			return b, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		last = err
		if !p.FallbackOnAny && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return nil, last
}

// Info is a version's .info file.
type Info struct {
	Version string
	Time    string `json:",omitempty"`
}

// goDownload is `go mod download -json path@query` (for "direct" entries):
// the go command fetches from version control and checks the checksum
// database itself.
type goDownload struct {
	Path, Version, Info, GoMod, Zip, Dir, Sum, GoModSum, Error string
}

func (c *Config) goModDownload(ctx context.Context, path, query string) (*goDownload, error) {
	if c.GoCmd == "" {
		return nil, errDirect
	}
	tmp, err := os.MkdirTemp("", "gokernel-direct-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := execCommand(ctx, c.GoCmd, "mod", "download", "-json", path+"@"+query)
	cmd.Dir = tmp
	cmd.Env = append(append([]string(nil), c.Env...), "GOPROXY=direct", "GOFLAGS=-mod=mod -modcacherw")
	out, err := cmd.Output()
	var d goDownload
	if jerr := json.Unmarshal(out, &d); jerr == nil && d.Error != "" {
		return nil, fmt.Errorf("go mod download %s@%s: %s", path, query, d.Error)
	}
	if err != nil {
		var ee interface{ ExitCode() int }
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("go mod download %s@%s: %v: %s", path, query, err, stderrOf(err))
		}
		return nil, err
	}
	if err := json.Unmarshal(out, &d); err != nil {
		return nil, fmt.Errorf("go mod download %s@%s: %w", path, query, err)
	}
	return &d, nil
}
