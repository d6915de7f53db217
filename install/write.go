package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Write writes the kernelspec that starts exe into dir, the kernelspec
// directory itself (for example KernelDir(dataDir, name)): kernel.json
// holding [Spec](exe), and the logos logo-svg.svg, logo-32x32.png and
// logo-64x64.png. exe must be an absolute path. dir's parents are created
// as needed.
//
// An existing dir is replaced as a whole, as `jupyter kernelspec install`
// does, but only if it looks like a kernelspec: a directory that holds a
// kernel.json or nothing. Anything else at dir is an error and is left
// alone, so that a mistyped path cannot delete unrelated files.
//
// The new kernelspec is built in a temporary directory beside dir and then
// renamed into place, so readers never see a half-written kernel.json; the
// old one, if any, is renamed aside first and then removed. If Write fails,
// dir is as it was. The directory gets mode 0755 and the files 0644 (less
// the umask), so that other users can read a system-wide install.
func Write(dir, exe string) error {
	return WriteSpec(dir, Spec(exe))
}

// WriteSpec is [Write] with a kernelspec of the caller's (a display name
// or an env of its own); spec.Argv[0] must be an absolute path.
func WriteSpec(dir string, spec KernelSpec) error {
	exe := ""
	if len(spec.Argv) > 0 {
		exe = spec.Argv[0]
	}
	if !filepath.IsAbs(exe) {
		return fmt.Errorf("install: kernel executable %q is not an absolute path", exe)
	}
	dir = filepath.Clean(dir)
	exists, err := replaceable(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	// '~' cannot occur in a kernel name, so Jupyter does not take the
	// temporary directories for kernelspecs of their own.
	tmp, err := os.MkdirTemp(parent, "."+base+"~new")
	if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once tmp is renamed to dir
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	if err := writeFiles(tmp, spec); err != nil {
		return err
	}
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("install: %w", err)
		}
		return nil
	}
	return swap(tmp, dir)
}

// replaceable reports whether dir exists, and returns an error if it does
// but is not a directory holding a kernel.json or nothing at all.
func replaceable(dir string) (exists bool, err error) {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("install: %w", err)
	}
	if !info.IsDir() {
		return false, fmt.Errorf("install: %s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, fmt.Errorf("install: %w", err)
	}
	if len(entries) == 0 {
		return true, nil
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		return false, fmt.Errorf("install: %s exists and is not a kernelspec (no kernel.json); not replacing it", dir)
	}
	return true, nil
}

// writeFiles writes kernel.json and the logos into dir.
func writeFiles(dir string, spec KernelSpec) error {
	data, err := specJSON(spec)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), data, 0o644); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	entries, err := fs.ReadDir(logos, logoDir)
	if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(logos, path.Join(logoDir, e.Name()))
		if err != nil {
			return fmt.Errorf("install: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return fmt.Errorf("install: %w", err)
		}
	}
	return nil
}

// specJSON is the text of kernel.json: s indented by two spaces, without
// HTML escaping, with a final newline.
func specJSON(s KernelSpec) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("install: encoding kernel.json: %w", err)
	}
	return buf.Bytes(), nil
}

// swap replaces the existing directory dir by tmp: dir is renamed aside
// into a fresh temporary directory, tmp is renamed to dir, and the old one
// is removed. If tmp cannot take dir's place, dir is put back.
func swap(tmp, dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	aside, err := os.MkdirTemp(parent, "."+base+"~old")
	if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	keep := false // whether aside holds the only copy of the old kernelspec
	defer func() {
		if !keep {
			os.RemoveAll(aside)
		}
	}()
	old := filepath.Join(aside, base)
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("install: moving the old kernelspec aside: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			keep = true
			return fmt.Errorf("install: %w (and restoring the old kernelspec failed: %v; it is in %s)", err, rerr, old)
		}
		return fmt.Errorf("install: %w", err)
	}
	return nil
}
