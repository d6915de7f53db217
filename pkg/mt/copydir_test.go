package mt

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCopyDir(t *testing.T) {
	stdout, _ := captureOutput(t)
	root := t.TempDir()
	src := filepath.Join(root, "test_dir")
	paths, err := MakeSampleDir(src, 20, 2048)
	if err != nil || len(paths) != 20 {
		t.Fatal(paths, err)
	}
	if err := os.MkdirAll(filepath.Join(src, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "sub", "deep.txt"), []byte("deep"), 0o600); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(root, "test_dir复件")
	n, err := CopyDir(src, dst, 4)
	if err != nil || n != 21 {
		t.Fatalf("CopyDir = %d, %v", n, err)
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(dst, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs: %v", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	if !strings.HasSuffix(out, "\rcopied 21/21 files (100.00%)\n") || !strings.HasPrefix(out, "\r") {
		t.Errorf("progress output %q", out)
	}
}

func TestCopyDirErrors(t *testing.T) {
	captureOutput(t)
	root := t.TempDir()
	file := filepath.Join(root, "f")
	_ = os.WriteFile(file, nil, 0o600)
	tests := []struct {
		name string
		src  string
		is   error
		msg  string
	}{
		{"missing", filepath.Join(root, "no_such_dir"), fs.ErrNotExist, "no such file"},
		{"not a dir", file, nil, "is not a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CopyDir(tc.src, filepath.Join(root, "out"), 2)
			if err == nil || !strings.Contains(err.Error(), tc.msg) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Errorf("CopyDir = %v", err)
			}
		})
	}
}
