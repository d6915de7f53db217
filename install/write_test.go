package install

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// specFiles are the files of every kernelspec Write makes.
var specFiles = []string{"kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}

// checkKernelspec fails the test unless dir holds exactly the kernelspec
// of exe: kernel.json decoding to Spec(exe) and the embedded logos.
func checkKernelspec(t *testing.T, dir, exe string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, specFiles) {
		t.Errorf("%s holds %v, want %v", dir, names, specFiles)
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got KernelSpec
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("kernel.json: %v\n%s", err, data)
	}
	if want := Spec(exe); !reflect.DeepEqual(got, want) {
		t.Errorf("kernel.json = %#v, want %#v", got, want)
	}
	for _, name := range specFiles[1:] {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := logos.ReadFile(logoDir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the embedded logo", name)
		}
	}
}

// checkNoLeftovers fails the test if Write left temporary directories in
// the kernels directory.
func checkNoLeftovers(t *testing.T, kernels string) {
	t.Helper()
	entries, err := os.ReadDir(kernels)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), "~") {
			t.Errorf("leftover %s in %s", e.Name(), kernels)
		}
	}
}

func TestWrite(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "gokernel")
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string) // makes what is at dir before Write
		wantErr string                         // "" for success
	}{
		{"new, parents missing", func(*testing.T, string) {}, ""},
		{"empty directory", func(t *testing.T, dir string) { mkdir(t, dir) }, ""},
		{"old kernelspec is replaced whole", func(t *testing.T, dir string) {
			mkdir(t, dir)
			writeFile(t, filepath.Join(dir, "kernel.json"), `{"argv": ["/old"]}`)
			writeFile(t, filepath.Join(dir, "kernel.js"), "stale")
			mkdir(t, filepath.Join(dir, "sub"))
		}, ""},
		{"directory that is not a kernelspec", func(t *testing.T, dir string) {
			mkdir(t, dir)
			writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
		}, "is not a kernelspec"},
		{"a file", func(t *testing.T, dir string) {
			mkdir(t, filepath.Dir(dir))
			writeFile(t, dir, "mine")
		}, "is not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kernels := filepath.Join(t.TempDir(), "share", "jupyter", "kernels")
			dir := filepath.Join(kernels, "gokernel")
			tt.prepare(t, dir)
			before := snapshot(t, dir)
			err := Write(dir, exe)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "install: ") {
					t.Fatalf("Write = %v, want an error containing %q", err, tt.wantErr)
				}
				if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
					t.Errorf("failed Write changed %s: %v -> %v", dir, before, after)
				}
				checkNoLeftovers(t, kernels)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkKernelspec(t, dir, exe)
			checkNoLeftovers(t, kernels)
			if runtime.GOOS != "windows" {
				info, err := os.Stat(dir)
				if err != nil {
					t.Fatal(err)
				}
				if perm := info.Mode().Perm(); perm != 0o755 {
					t.Errorf("%s has mode %v, want 0755", dir, perm)
				}
			}
		})
	}
}

func TestWriteTwice(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kernels", "gokernel")
	first, second := filepath.Join(t.TempDir(), "a", "gokernel"), filepath.Join(t.TempDir(), "b", "gokernel")
	if err := Write(dir, first); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, second); err != nil {
		t.Fatal(err)
	}
	checkKernelspec(t, dir, second)
	checkNoLeftovers(t, filepath.Dir(dir))
}

func TestWriteRelativeExe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kernels", "gokernel")
	for _, exe := range []string{"gokernel", "./gokernel", "bin/gokernel", ""} {
		err := Write(dir, exe)
		if err == nil || !strings.Contains(err.Error(), "not an absolute path") {
			t.Errorf("Write(dir, %q) = %v, want a not-absolute error", exe, err)
		}
	}
	if _, err := os.Stat(filepath.Dir(dir)); err == nil {
		t.Errorf("a failed Write created %s", filepath.Dir(dir))
	}
}

// snapshot maps each path under root to its content ("<dir>" for
// directories), or is nil if root does not exist.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(root); err != nil {
		return nil
	}
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			m[p] = "<dir>"
			return nil
		}
		data, err := os.ReadFile(p)
		m[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
