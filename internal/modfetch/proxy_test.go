package modfetch

import (
	"net/http"
	"testing"

	"golang.org/x/mod/module"
)

// testConfig is a Config using the given GOPROXY list, a fresh cache and
// no checksum database (tests that check sums set SumDB).
func testConfig(t *testing.T, goproxy string) Config {
	return Config{Proxies: parseProxies(goproxy), SumDB: "off", CacheDir: t.TempDir(), HTTP: http.DefaultClient}
}

func modVersion(path, version string) module.Version {
	return module.Version{Path: path, Version: version}
}
