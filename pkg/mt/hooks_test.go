package mt

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// hostFuncs stand for functions defined in notebook cells: never registered,
// found by name through the Host's ResolveTarget, as the kernel's
// interpreter would.
var hostFuncs = map[string]any{
	"cell.triple": func(x int) int { return 3 * x },
	"cell.area":   func(r struct{ W, H int }) int { return r.W * r.H },
}

// testHost plays the kernel: its children are this test binary with a
// marker in the environment (TestMain installs the host there too), and it
// resolves unregistered targets by name from hostFuncs.
type testHost struct{ DefaultHost }

func (testHost) ChildCommand() (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "MT_TEST_HOST=1")
	return cmd, nil
}

func (testHost) ResolveTarget(name string) (any, bool) {
	fn, ok := hostFuncs[name]
	return fn, ok
}

// TestHost: with a Host installed, the child resolves the unregistered
// targets the parent names with Func.
func TestHost(t *testing.T) {
	SetHost(testHost{})
	defer SetHost(nil)

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

// readerHost is a Host whose standard input is r.
type readerHost struct {
	DefaultHost
	r io.Reader
}

func (h readerHost) Stdin() io.Reader { return h.r }

// TestHostStdin: Input reads the Host's Stdin unless mt.Stdin is set; a
// program without a host reads os.Stdin.
func TestHostStdin(t *testing.T) {
	if in := currentHost().Stdin(); in != os.Stdin || hosted() {
		t.Fatalf("default host: Stdin %v, hosted %v", in, hosted())
	}
	SetHost(readerHost{r: strings.NewReader("from the host\n")})
	defer SetHost(nil)
	captureOutput(t)
	if got, err := Input(""); got != "from the host" || err != nil {
		t.Fatalf("Input = %q, %v", got, err)
	}
	withStdin(t, strings.NewReader("from mt.Stdin\n"))
	if got, err := Input(""); got != "from mt.Stdin" || err != nil {
		t.Fatalf("Input with mt.Stdin = %q, %v", got, err)
	}
}
