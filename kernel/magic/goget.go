package magic

import (
	"context"
	"fmt"
	"github.com/gokernel/gokernel/kernel/engine"
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

// goCmd runs `%go get MODULE[@VERSION]…`, the one go subcommand a
// notebook needs without a toolchain.
func (r *Runner) goCmd(ctx context.Context, args string) (*engine.Outcome, bool) {
	f := strings.Fields(args)
	if len(f) < 2 || f[0] != "get" {
		return failed(fmt.Errorf("usage: %%go get MODULE[@VERSION] … (only `get` is supported)")), false
	}
	if r.Modules == nil {
		return failed(fmt.Errorf("%%go get: third-party modules are not available in this process")), false
	}
	changed := false
	for _, a := range f[1:] {
		if strings.HasPrefix(a, "-") {
			return failed(fmt.Errorf("%%go get: flags are not supported (%s)", a)), changed
		}
		path, query, _ := strings.Cut(a, "@")
		if query == "" {
			query = "latest"
		}
		v, err := r.Modules.Pin(ctx, path, query)
		if err != nil {
			return failed(fmt.Errorf("%%go get %s: %v", a, err)), changed
		}
		if r.state.Pins == nil {
			r.state.Pins = map[string]string{}
		}
		r.state.Pins[path] = v
		changed = true
		r.writeStdout(fmt.Sprintf("go: pinned %s@%s\n", path, v))
	}
	return nil, changed
}
