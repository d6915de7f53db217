package install

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// getenvFrom returns a getenv that reads env, as if nothing else were set.
func getenvFrom(env map[string]string) func(string) string {
	return func(k string) string { return env[k] }
}

func TestUserDataDir(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	home := func() (string, error) { return "/home/u", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	tests := []struct {
		name string
		env  map[string]string
		goos string
		home func() (string, error)
		want string // "" for an error
	}{
		{"linux default", nil, "linux", home, "/home/u/.local/share/jupyter"},
		{"linux XDG_DATA_HOME", map[string]string{"XDG_DATA_HOME": "/xdg"}, "linux", home, "/xdg/jupyter"},
		{"linux blank XDG_DATA_HOME", map[string]string{"XDG_DATA_HOME": "  "}, "linux", home, "/home/u/.local/share/jupyter"},
		{"linux platform dirs", map[string]string{"JUPYTER_PLATFORM_DIRS": "1"}, "linux", home, "/home/u/.local/share/jupyter"},
		{"freebsd like linux", map[string]string{"XDG_DATA_HOME": "/xdg"}, "freebsd", home, "/xdg/jupyter"},
		{"JUPYTER_DATA_DIR wins", map[string]string{"JUPYTER_DATA_DIR": "/jd", "XDG_DATA_HOME": "/xdg"}, "linux", home, "/jd"},
		{"JUPYTER_DATA_DIR relative", map[string]string{"JUPYTER_DATA_DIR": "jd"}, "linux", home, filepath.Join(cwd, "jd")},
		{"JUPYTER_DATA_DIR needs no home", map[string]string{"JUPYTER_DATA_DIR": "/jd"}, "darwin", noHome, "/jd"},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg"}, "darwin", home, "/home/u/Library/Jupyter"},
		{"darwin platform dirs", map[string]string{"JUPYTER_PLATFORM_DIRS": "yes"}, "darwin", home, "/home/u/Library/Application Support/jupyter"},
		{"darwin platform dirs off", map[string]string{"JUPYTER_PLATFORM_DIRS": "Off"}, "darwin", home, "/home/u/Library/Jupyter"},
		{"windows APPDATA", map[string]string{"APPDATA": "/roaming", "LOCALAPPDATA": "/local"}, "windows", home, "/roaming/jupyter"},
		{"windows platform dirs", map[string]string{"APPDATA": "/roaming", "LOCALAPPDATA": "/local", "JUPYTER_PLATFORM_DIRS": "true"}, "windows", home, "/local/jupyter"},
		{"windows config dir", map[string]string{"JUPYTER_CONFIG_DIR": "/cfg"}, "windows", home, "/cfg/data"},
		{"windows nothing set", nil, "windows", home, "/home/u/.jupyter/data"},
		{"no home", nil, "linux", noHome, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := userDataDir(getenvFrom(tt.env), tt.goos, tt.home)
			if tt.want == "" {
				if err == nil || !strings.HasPrefix(err.Error(), "install: ") {
					t.Errorf("userDataDir = %q, %v; want an install: error", got, err)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("userDataDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestUserDataDirFromEnvironment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "jupyter-data")
	t.Setenv("JUPYTER_DATA_DIR", dir)
	if got, err := UserDataDir(); err != nil || got != dir {
		t.Errorf("UserDataDir = %q, %v; want %q", got, err, dir)
	}
}

func TestEnvSet(t *testing.T) {
	for v, want := range map[string]bool{
		"": false, "0": false, "0.0": false, "no": false, "N": false, "False": false, "OFF": false,
		"1": true, "yes": true, "true": true, "anything": true,
	} {
		if got := envSet(v); got != want {
			t.Errorf("envSet(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestSysPrefixDataDir(t *testing.T) {
	python := func() (string, error) { return "/py", nil }
	noPython := func() (string, error) { return "", errors.New("install: no python") }
	tests := []struct {
		name   string
		env    map[string]string
		python func() (string, error)
		want   string // "" for an error
	}{
		{"virtualenv", map[string]string{"VIRTUAL_ENV": "/venv", "CONDA_PREFIX": "/conda"}, noPython, "/venv/share/jupyter"},
		{"conda", map[string]string{"CONDA_PREFIX": "/conda"}, noPython, "/conda/share/jupyter"},
		{"python", nil, python, "/py/share/jupyter"},
		{"no python", nil, noPython, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sysPrefixDataDir(getenvFrom(tt.env), tt.python)
			if tt.want == "" {
				if err == nil {
					t.Errorf("sysPrefixDataDir = %q, want an error", got)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("sysPrefixDataDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestPythonSysPrefix asks the machine's real Python, if it has one.
func TestPythonSysPrefix(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3 on PATH")
	}
	prefix, err := pythonSysPrefix()
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(prefix); err != nil || !info.IsDir() || !filepath.IsAbs(prefix) || strings.ContainsAny(prefix, "\r\n") {
		t.Errorf("sys.prefix %q is not an absolute directory (%v)", prefix, err)
	}
}

func TestAskSysPrefixFails(t *testing.T) {
	_, err := askSysPrefix(filepath.Join(t.TempDir(), "no-such-python"))
	if err == nil || !strings.Contains(err.Error(), "no-such-python") {
		t.Errorf("askSysPrefix of a missing interpreter = %v, want an error naming it", err)
	}
}

func TestPrefixDataDir(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ prefix, want string }{
		{"/usr/local", "/usr/local/share/jupyter"},
		{"/opt/env/", "/opt/env/share/jupyter"},
		{"env", filepath.Join(cwd, "env", "share", "jupyter")},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got, err := PrefixDataDir(tt.prefix)
			if tt.want == "" {
				if err == nil {
					t.Errorf("PrefixDataDir(%q) = %q, want an error", tt.prefix, got)
				}
				return
			}
			if err != nil || got != filepath.FromSlash(tt.want) {
				t.Errorf("PrefixDataDir(%q) = %q, %v; want %q", tt.prefix, got, err, tt.want)
			}
		})
	}
}
