package magic

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/internal/modfetch"
	"github.com/gokernel/gokernel/internal/modfetch/modtest"
)

func TestGoGetPinsThroughTheProxy(t *testing.T) {
	p := modtest.New(t)
	for _, v := range []string{"v1.0.0", "v1.1.0"} {
		p.Add("example.com/a", v, map[string]string{"go.mod": "module example.com/a\n", "a.go": "package a\n"})
	}
	p.Add("example.com/b", "v0.2.0", map[string]string{"go.mod": "module example.com/b\n", "b.go": "package b\n"})
	cfg := modfetch.Config{Proxies: []modfetch.Proxy{{URL: p.URL}}, SumDB: "off", CacheDir: t.TempDir(), HTTP: http.DefaultClient}
	r := modfetch.NewResolver(modfetch.NewFetcher(cfg))
	var out strings.Builder
	pins, err := GoGet(context.Background(), r, "get example.com/a@v1.0.0 example.com/b", &out)
	if err != nil {
		t.Fatal(err)
	}
	if pins["example.com/a"] != "v1.0.0" || pins["example.com/b"] != "v0.2.0" || len(pins) != 2 {
		t.Errorf("pins %v", pins)
	}
	if out.String() != "go: pinned example.com/a@v1.0.0\ngo: pinned example.com/b@v0.2.0\n" {
		t.Errorf("output %q", out.String())
	}
	if got := r.Pins(); got["example.com/a"] != "v1.0.0" {
		t.Errorf("resolver pins %v", got)
	}
	for args, want := range map[string]string{
		"mod tidy":                      "only `get`",
		"get":                           "usage",
		"get -u example.com/a":          "flags are not supported",
		"get example.com/a@v9.0.0":      "example.com/a@v9.0.0",
		"get example.com/a@master":      "only latest or a full semantic version",
		"get example.com/b example.com": "%go get example.com",
	} {
		if _, err := GoGet(context.Background(), r, args, &out); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%%go %s: %v, want %q", args, err, want)
		}
	}
	if _, err := GoGet(context.Background(), nil, "get example.com/a", &out); err == nil {
		t.Error("no Modules: no error")
	}
}
