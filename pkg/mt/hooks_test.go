package mt

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// hostFuncs stand for functions defined in notebook cells: never registered,
// found by name through ResolveTarget, as the kernel's interpreter would.
var hostFuncs = map[string]any{
	"cell.triple": func(x int) int { return 3 * x },
	"cell.area":   func(r struct{ W, H int }) int { return r.W * r.H },
}

func hostResolver(name string) (any, bool) {
	fn, ok := hostFuncs[name]
	return fn, ok
}

// TestHostHooks plays the kernel: ChildCommand starts the child with a
// marker, and the child resolves unregistered targets by name.
func TestHostHooks(t *testing.T) {
	ChildCommand = func() (*exec.Cmd, error) {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "MT_TEST_HOST=1")
		return cmd, nil
	}
	ResolveTarget = hostResolver
	defer func() { ChildCommand, ResolveTarget = nil, nil }()

	p, err := NewPool(1)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { p.Close(); _ = p.Join() }()
	tests := []struct {
		name    string
		fn      any
		arg     any
		want    any
		wantErr string
	}{
		{"int", Func("cell.triple", hostFuncs["cell.triple"]), 5, 15, ""},
		{"anonymous struct", Func("cell.area", hostFuncs["cell.area"]), struct{ W, H int }{3, 4}, 12, ""},
		// The parent sends a hosted name unchecked; the child cannot find it.
		{"unknown name", Func("cell.nope", func(int) {}), 1, nil, "AttributeError: can't get attribute 'cell.nope' in the child process"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := p.Apply(tc.fn, tc.arg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("Apply = %v, %v; want error %q", v, err, tc.wantErr)
				}
				return
			}
			if err != nil || v != tc.want {
				t.Errorf("Apply = %v, %v; want %v", v, err, tc.want)
			}
		})
	}
	if IsChild() || !IsMainProcess() {
		t.Error("parent believes it is a child")
	}
}
