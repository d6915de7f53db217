package install

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// UserDataDir returns the Jupyter user data directory, where --user
// installs, found as jupyter_core's jupyter_data_dir does:
//
//   - $JUPYTER_DATA_DIR if set;
//   - on Linux and other Unixes, $XDG_DATA_HOME/jupyter, else
//     ~/.local/share/jupyter;
//   - on macOS, ~/Library/Jupyter, or ~/Library/Application Support/jupyter
//     when $JUPYTER_PLATFORM_DIRS is set;
//   - on Windows, %APPDATA%\jupyter (%LOCALAPPDATA%\jupyter when
//     $JUPYTER_PLATFORM_DIRS is set), else %JUPYTER_CONFIG_DIR%\data or
//     ~\.jupyter\data.
//
// The result is absolute (a relative variable is taken from the working
// directory). It fails only if the home directory is needed and unknown.
func UserDataDir() (string, error) {
	return userDataDir(os.Getenv, runtime.GOOS, os.UserHomeDir)
}

// userDataDir is UserDataDir reading the environment through getenv, for
// the operating system goos, with the home directory from home.
func userDataDir(getenv func(string) string, goos string, home func() (string, error)) (string, error) {
	if d := getenv("JUPYTER_DATA_DIR"); d != "" {
		return absolute(d)
	}
	platformDirs := envSet(getenv("JUPYTER_PLATFORM_DIRS"))
	join := func(elem ...string) (string, error) {
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("install: finding the Jupyter data directory: %w", err)
		}
		return absolute(filepath.Join(append([]string{h}, elem...)...))
	}
	switch goos {
	case "darwin", "ios":
		if platformDirs {
			return join("Library", "Application Support", "jupyter")
		}
		return join("Library", "Jupyter")
	case "windows":
		if d := getenv("LOCALAPPDATA"); platformDirs && d != "" {
			return absolute(filepath.Join(d, "jupyter"))
		}
		if d := getenv("APPDATA"); d != "" {
			return absolute(filepath.Join(d, "jupyter"))
		}
		if d := getenv("JUPYTER_CONFIG_DIR"); d != "" {
			return absolute(filepath.Join(d, "data"))
		}
		return join(".jupyter", "data")
	default:
		if d := strings.TrimSpace(getenv("XDG_DATA_HOME")); d != "" {
			return absolute(filepath.Join(d, "jupyter"))
		}
		return join(".local", "share", "jupyter")
	}
}

// envSet reports whether an environment variable's value means true, as
// jupyter_core's envset does: set to anything but "", no, n, false, off, 0
// or 0.0 (in any case).
func envSet(v string) bool {
	switch strings.ToLower(v) {
	case "", "no", "n", "false", "off", "0", "0.0":
		return false
	}
	return true
}

// SysPrefixDataDir returns the data directory of the active Python
// environment, where --sys-prefix installs: <prefix>/share/jupyter, with
// prefix $VIRTUAL_ENV if set, else $CONDA_PREFIX, else the sys.prefix that
// `python3 -c 'import sys; print(sys.prefix)'` prints. It fails if neither
// variable is set and python3 cannot be run (it is given a minute). Install
// with the same Python environment that runs Jupyter, or Jupyter will not
// find the kernel there.
func SysPrefixDataDir() (string, error) {
	return sysPrefixDataDir(os.Getenv, pythonSysPrefix)
}

// sysPrefixDataDir is SysPrefixDataDir reading the environment through
// getenv and asking python for sys.prefix.
func sysPrefixDataDir(getenv func(string) string, python func() (string, error)) (string, error) {
	prefix := getenv("VIRTUAL_ENV")
	if prefix == "" {
		prefix = getenv("CONDA_PREFIX")
	}
	if prefix == "" {
		p, err := python()
		if err != nil {
			return "", err
		}
		prefix = p
	}
	return PrefixDataDir(prefix)
}

// pythonSysPrefix asks python3, or else python, for its sys.prefix.
func pythonSysPrefix() (string, error) {
	var errs []error
	for _, py := range []string{"python3", "python"} {
		prefix, err := askSysPrefix(py)
		if err == nil {
			return prefix, nil
		}
		errs = append(errs, err)
	}
	return "", fmt.Errorf("install: --sys-prefix: VIRTUAL_ENV and CONDA_PREFIX are unset and no Python told its sys.prefix: %w", errors.Join(errs...))
}

// askSysPrefix runs the Python interpreter py to print its sys.prefix.
func askSysPrefix(py string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", "import sys; print(sys.prefix)")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			err = fmt.Errorf("%w: %s", err, msg)
		}
		return "", fmt.Errorf("%s: %w", py, err)
	}
	prefix := strings.TrimSpace(string(out))
	if prefix == "" {
		return "", fmt.Errorf("%s printed an empty sys.prefix", py)
	}
	return prefix, nil
}

// PrefixDataDir returns <prefix>/share/jupyter, the data directory under an
// installation prefix, where --prefix installs; Jupyter searches it when
// prefix is its Python's sys.prefix or the directory is in $JUPYTER_PATH.
// The result is absolute. It fails if prefix is empty.
func PrefixDataDir(prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("install: empty prefix")
	}
	return absolute(filepath.Join(prefix, "share", "jupyter"))
}

// KernelDir returns the directory of the kernelspec called name in the
// Jupyter data directory dataDir: dataDir/kernels/name. It does not check
// name; see [CheckName].
func KernelDir(dataDir, name string) string {
	return filepath.Join(dataDir, "kernels", name)
}

// absolute is filepath.Abs with the package's error prefix.
func absolute(p string) (string, error) {
	a, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("install: %w", err)
	}
	return a, nil
}
