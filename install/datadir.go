package install

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// UserDataDir returns Jupyter's per-user data directory: $JUPYTER_DATA_DIR
// if set; else $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter on Linux and
// other Unix systems, ~/Library/Jupyter on macOS, %APPDATA%\jupyter on
// Windows.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// SysPrefix returns sys.prefix of the active Python environment: $VIRTUAL_ENV,
// else $CONDA_PREFIX, else what `python3 -c 'import sys; print(sys.prefix)'`
// prints.
func SysPrefix() (string, error) {
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if d := os.Getenv(v); d != "" {
			return filepath.Abs(d)
		}
	}
	for _, py := range []string{"python3", "python"} {
		out, err := exec.Command(py, "-c", "import sys; print(sys.prefix)").Output()
		if err == nil {
			if p := strings.TrimSpace(string(out)); p != "" {
				return p, nil
			}
		}
	}
	return "", errors.New("install: --sys-prefix: no active Python environment (VIRTUAL_ENV, CONDA_PREFIX) and no python3 to ask")
}

// PrefixDataDir returns the Jupyter data directory under an installation
// prefix: PREFIX/share/jupyter.
func PrefixDataDir(prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("install: empty prefix")
	}
	p, err := filepath.Abs(prefix)
	if err != nil {
		return "", err
	}
	return filepath.Join(p, "share", "jupyter"), nil
}
