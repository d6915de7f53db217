package install

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSpecJSON(t *testing.T) {
	b, err := json.Marshal(Spec("/opt/bin/gokernel"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	json.Unmarshal(b, &got)
	argv := got["argv"].([]any)
	if argv[0] != "/opt/bin/gokernel" || argv[1] != "kernel" || argv[2] != "{connection_file}" {
		t.Errorf("argv = %v", argv)
	}
	if got["interrupt_mode"] != "message" || got["language"] != "go" || got["display_name"] != "Go (gokernel)" {
		t.Errorf("spec = %v", got)
	}
	if strings.Contains(string(b), "null") || strings.Contains(string(b), "encryption") {
		t.Errorf("spec has null or encryption metadata: %s", b)
	}
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kernels", "gokernel")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "stale.txt"), []byte("old"), 0o644)
	if err := Write(dir, "/usr/local/bin/gokernel"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "kernel.json logo-32x32.png logo-64x64.png logo-svg.svg" {
		t.Errorf("files = %s", got)
	}
	var spec KernelSpec
	b, _ := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err := json.Unmarshal(b, &spec); err != nil || spec.Argv[0] != "/usr/local/bin/gokernel" {
		t.Errorf("kernel.json = %s (%v)", b, err)
	}
	if err := Write(dir, "relative/gokernel"); err == nil {
		t.Error("Write accepted a relative executable path")
	}
}

func TestLogos(t *testing.T) {
	for name, size := range map[string]int{"logos/logo-32x32.png": 32, "logos/logo-64x64.png": 64} {
		b, _ := logos.ReadFile(name)
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r := img.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Errorf("%s is %v", name, r)
		}
	}
	b, _ := logos.ReadFile("logos/logo-svg.svg")
	var svg struct {
		XMLName xml.Name `xml:"svg"`
		ViewBox string   `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(b, &svg); err != nil || svg.ViewBox != "0 0 64 64" {
		t.Errorf("svg: %v viewBox %q", err, svg.ViewBox)
	}
}

func TestParseArgsAndDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", filepath.Join(tmp, "jdata"))
	t.Setenv("VIRTUAL_ENV", filepath.Join(tmp, "venv"))
	tests := []struct {
		args    []string
		want    string
		wantErr bool
	}{
		{nil, filepath.Join(tmp, "jdata", "kernels", "gokernel"), false},
		{[]string{"--user"}, filepath.Join(tmp, "jdata", "kernels", "gokernel"), false},
		{[]string{"--sys-prefix"}, filepath.Join(tmp, "venv", "share", "jupyter", "kernels", "gokernel"), false},
		{[]string{"--prefix", filepath.Join(tmp, "p")}, filepath.Join(tmp, "p", "share", "jupyter", "kernels", "gokernel"), false},
		{[]string{"--prefix=" + filepath.Join(tmp, "p"), "--name", "go-dev"}, filepath.Join(tmp, "p", "share", "jupyter", "kernels", "go-dev"), false},
		{[]string{"--user", "--sys-prefix"}, "", true},
		{[]string{"--user", "--prefix", "x"}, "", true},
		{[]string{"--name", "Bad Name"}, "", true},
		{[]string{"--bogus"}, "", true},
		{[]string{"extra"}, "", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			o, err := ParseArgs(tt.args)
			if tt.wantErr {
				if err == nil {
					t.Errorf("accepted %v", tt.args)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := o.Dir()
			if err != nil || got != tt.want {
				t.Errorf("Dir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestUserDataDirDefault(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if d, _ := UserDataDir(); d != "/xdg/jupyter" && d != filepath.Join(os.Getenv("HOME"), "Library", "Jupyter") {
		t.Errorf("UserDataDir = %s", d)
	}
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	prefix := t.TempDir()
	if err := Run([]string{"--prefix", prefix}, "/bin/gokernel", &out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json")); err != nil {
		t.Error(err)
	}
	if !strings.Contains(out.String(), "jupyter kernelspec remove gokernel") {
		t.Errorf("output %q", out.String())
	}
}

func TestPNGsMatchGenerator(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "genlogos.go", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genlogos: %v\n%s", err, out)
	}
	for _, n := range []string{"logo-32x32.png", "logo-64x64.png"} {
		want, _ := os.ReadFile(filepath.Join(dir, n))
		got, _ := logos.ReadFile("logos/" + n)
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what genlogos.go renders; run go generate ./install", n)
		}
	}
}

func ExampleSpec() {
	b, _ := json.MarshalIndent(Spec("/usr/local/bin/gokernel"), "", "  ")
	os.Stdout.Write(b)
	// Output:
	// {
	//   "argv": [
	//     "/usr/local/bin/gokernel",
	//     "kernel",
	//     "{connection_file}"
	//   ],
	//   "display_name": "Go (gokernel)",
	//   "language": "go",
	//   "interrupt_mode": "message",
	//   "metadata": {}
	// }
}
