package magic

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Modules is what %go get needs: internal/modfetch's Resolver.
type Modules interface {
	// Pin resolves query (latest or a version) for module path through the
	// module proxy and makes it the version the session's imports use.
	Pin(ctx context.Context, path, query string) (string, error)
	// SetPins restores pins without the network (a later worker).
	SetPins(map[string]string)
}

// GoGet runs the arguments of `%go get MODULE[@VERSION]…`, the one go
// subcommand a notebook needs without a toolchain: each module is pinned
// through mods in turn and `go: pinned PATH@VERSION` written to w. It
// returns the pins made (also those before a failure) and the first error.
func GoGet(ctx context.Context, mods Modules, args string, w io.Writer) (map[string]string, error) {
	f := strings.Fields(args)
	if len(f) < 2 || f[0] != "get" {
		return nil, fmt.Errorf("usage: %%go get MODULE[@VERSION] … (only `get` is supported)")
	}
	if mods == nil {
		return nil, fmt.Errorf("%%go get: third-party modules are not available in this process")
	}
	pins := map[string]string{}
	for _, a := range f[1:] {
		if strings.HasPrefix(a, "-") {
			return pins, fmt.Errorf("%%go get: flags are not supported (%s)", a)
		}
		path, query, _ := strings.Cut(a, "@")
		if query == "" {
			query = "latest"
		}
		v, err := mods.Pin(ctx, path, query)
		if err != nil {
			return pins, fmt.Errorf("%%go get %s: %v", a, err)
		}
		pins[path] = v
		fmt.Fprintf(w, "go: pinned %s@%s\n", path, v)
	}
	return pins, nil
}
