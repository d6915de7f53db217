package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args    []string
		want    Options
		wantErr string // "" for success
	}{
		{nil, Options{Scope: User, Name: "gokernel"}, ""},
		{[]string{"--user"}, Options{Scope: User, Name: "gokernel"}, ""},
		{[]string{"-user"}, Options{Scope: User, Name: "gokernel"}, ""},
		{[]string{"--sys-prefix"}, Options{Scope: SysPrefix, Name: "gokernel"}, ""},
		{[]string{"--prefix", "/p"}, Options{Scope: Prefix, Prefix: "/p", Name: "gokernel"}, ""},
		{[]string{"--prefix=/p", "--name", "go-dev"}, Options{Scope: Prefix, Prefix: "/p", Name: "go-dev"}, ""},
		{[]string{"--name=Go"}, Options{Scope: User, Name: "go"}, ""},
		{[]string{"--user=false", "--sys-prefix"}, Options{Scope: SysPrefix, Name: "gokernel"}, ""},
		{[]string{"--user", "--sys-prefix"}, Options{}, "--user and --sys-prefix cannot be used together"},
		{[]string{"--user", "--prefix", "/p"}, Options{}, "--user and --prefix cannot"},
		{[]string{"--sys-prefix", "--prefix=/p"}, Options{}, "--sys-prefix and --prefix cannot"},
		{[]string{"--prefix="}, Options{}, "--prefix needs a directory"},
		{[]string{"--prefix"}, Options{}, "needs an argument"},
		{[]string{"--name", "go kernel"}, Options{}, "invalid kernel name"},
		{[]string{"--name", ".."}, Options{}, "invalid kernel name"},
		{[]string{"--name", ""}, Options{}, "invalid kernel name"},
		{[]string{"--replace"}, Options{Scope: User, Name: "gokernel", Notes: []string{"--replace is not needed: gokernel install always replaces an existing kernelspec"}}, ""},
		// Other kernels' flags: ipykernel's, GoNB's --install, underscores for dashes.
		{[]string{"--install"}, Options{Scope: User, Name: "gokernel"}, ""},
		{[]string{"--user", "--name", "go", "--display-name", "Go 1.26"}, Options{Scope: User, Name: "go", DisplayName: "Go 1.26"}, ""},
		{[]string{"--display_name=Go!", "--sys_prefix"}, Options{Scope: SysPrefix, Name: "gokernel", DisplayName: "Go!"}, ""},
		{[]string{"--env", "GOFLAGS", "-mod=mod", "--env=A=b=c"}, Options{Scope: User, Name: "gokernel", Env: []string{"GOFLAGS=-mod=mod", "A=b=c"}}, ""},
		{[]string{"--env", "GOFLAGS"}, Options{}, "--env needs a KEY and a VALUE"},
		{[]string{"--env=novalue"}, Options{}, "want --env KEY VALUE"},
		{[]string{"--profile", "default"}, Options{}, "--profile is not a gokernel flag: gokernel has no IPython profiles"},
		{[]string{"--uninstall"}, Options{}, "jupyter kernelspec remove NAME"},
		{[]string{"--force_copy"}, Options{}, "--force-copy is not a gokernel flag: kernel.json runs this gokernel binary"},
		{[]string{"--bogus"}, Options{}, "flag provided but not defined: -bogus (see gokernel install --help)"},
		{[]string{"extra"}, Options{}, `unexpected argument "extra"`},
		{[]string{"--user", "extra"}, Options{}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got, err := ParseArgs(tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "install: ") {
					t.Errorf("ParseArgs(%q) = %+v, %v; want an install: error containing %q", tt.args, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseArgs(%q) = %+v, %v; want %+v", tt.args, got, err, tt.want)
			}
		})
	}
}

func TestParseArgsHelp(t *testing.T) {
	for _, arg := range []string{"-h", "--help"} {
		if _, err := ParseArgs([]string{arg}); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("ParseArgs(%q) = %v, want flag.ErrHelp", arg, err)
		}
	}
}

func TestOptionsDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(tmp, "jdata"))
	t.Setenv("VIRTUAL_ENV", filepath.Join(tmp, "venv"))
	tests := []struct {
		args []string
		want string
	}{
		{nil, filepath.Join(tmp, "jdata", "kernels", "gokernel")},
		{[]string{"--user", "--name", "go2"}, filepath.Join(tmp, "jdata", "kernels", "go2")},
		{[]string{"--sys-prefix"}, filepath.Join(tmp, "venv", "share", "jupyter", "kernels", "gokernel")},
		{[]string{"--prefix", filepath.Join(tmp, "p")}, filepath.Join(tmp, "p", "share", "jupyter", "kernels", "gokernel")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			o, err := ParseArgs(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := o.Dir(); err != nil || got != tt.want {
				t.Errorf("Dir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := (Options{Scope: Scope(9), Name: "x"}).Dir(); err == nil {
		t.Error("Dir of an unknown scope succeeded")
	}
}

func TestRun(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "bin", "gokernel")
	tmp := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(tmp, "jdata"))
	tests := []struct {
		name    string
		args    []string
		dir     string   // where the kernelspec must be
		outputs []string // what stdout must say
	}{
		{"user", nil, filepath.Join(tmp, "jdata", "kernels", "gokernel"),
			[]string{"Installed kernelspec gokernel in " + filepath.Join(tmp, "jdata", "kernels", "gokernel"), "jupyter kernelspec remove gokernel"}},
		{"prefix and name", []string{"--prefix", filepath.Join(tmp, "p"), "--name", "go-dev"}, filepath.Join(tmp, "p", "share", "jupyter", "kernels", "go-dev"),
			[]string{"in " + filepath.Join(tmp, "p", "share", "jupyter", "kernels", "go-dev"), "JUPYTER_PATH", "jupyter kernelspec remove go-dev"}},
		{"again replaces", nil, filepath.Join(tmp, "jdata", "kernels", "gokernel"),
			[]string{"jupyter kernelspec remove gokernel"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Run(tt.args, exe, &out); err != nil {
				t.Fatal(err)
			}
			checkKernelspec(t, tt.dir, exe)
			for _, s := range tt.outputs {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output lacks %q:\n%s", s, out.String())
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	prefix := t.TempDir()
	tests := []struct {
		name string
		args []string
		exe  string
	}{
		{"conflict", []string{"--user", "--prefix", prefix}, "/bin/gokernel"},
		{"bad name", []string{"--prefix", prefix, "--name", "a/b"}, "/bin/gokernel"},
		{"relative exe", []string{"--prefix", prefix}, "gokernel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Run(tt.args, tt.exe, &out); err == nil {
				t.Error("Run succeeded")
			}
			if out.Len() != 0 {
				t.Errorf("a failed Run printed %q", out.String())
			}
			if entries, _ := os.ReadDir(prefix); len(entries) != 0 {
				t.Errorf("a failed Run wrote into %s", prefix)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var out bytes.Buffer
	if err := Run([]string{"--help"}, "/bin/gokernel", &out); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--user", "--sys-prefix", "--prefix DIR", "--name NAME"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("usage lacks %s:\n%s", flag, out.String())
		}
	}
}

func TestScopeString(t *testing.T) {
	for s, want := range map[Scope]string{User: "--user", SysPrefix: "--sys-prefix", Prefix: "--prefix", Scope(7): "Scope(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Scope(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

// TestRunForeignFlags installs with the flags an ipykernel or GoNB user types
// and checks what kernel.json says.
func TestRunForeignFlags(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "gokernel")
	prefix := t.TempDir()
	var out bytes.Buffer
	args := []string{"--install", "--prefix", prefix, "--name", "go-test", "--display-name", "Go (test)",
		"--env", "GOFLAGS", "-mod=mod", "--replace"}
	if err := Run(args, exe, &out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "go-test", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec KernelSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	if spec.DisplayName != "Go (test)" || spec.Env["GOFLAGS"] != "-mod=mod" || spec.Argv[0] != exe || spec.Language != "go" {
		t.Errorf("kernel.json = %s", data)
	}
	if !strings.Contains(out.String(), "Note: --replace is not needed") {
		t.Errorf("output lacks the --replace note:\n%s", out.String())
	}
}
