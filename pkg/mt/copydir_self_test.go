package mt

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCopyDirRefusesItsOwnSource: copying a folder onto itself, into
// itself, through a symlink to itself, or onto a hard link of a file must
// fail and leave every source file intact.
func TestCopyDirRefusesItsOwnSource(t *testing.T) {
	captureOutput(t)
	root := t.TempDir()
	src := filepath.Join(root, "src")
	files, err := MakeSampleDir(src, 3, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range files {
		want[f], _ = os.ReadFile(f)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(src, link); err != nil {
		t.Fatal(err)
	}
	for name, dst := range map[string]string{
		"same dir":        src,
		"same dir dotted": src + "/.",
		"inside":          filepath.Join(src, "c"),
		"deep inside":     filepath.Join(src, "a", "b"),
		"through symlink": filepath.Join(link, "c"),
		"symlink itself":  link,
		"relative inside": filepath.Join(src, "..", "src", "x"),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := CopyDir(src, dst, 2); err == nil || !strings.Contains(err.Error(), "inside") {
				t.Errorf("CopyDir(src, %s) = %v, want a refusal", dst, err)
			}
		})
	}
	for f, b := range want {
		if got, _ := os.ReadFile(f); !bytes.Equal(got, b) {
			t.Errorf("%s changed: %d bytes, want %d", f, len(got), len(b))
		}
	}
	if _, err := os.Stat(filepath.Join(src, "c")); err == nil {
		t.Error("CopyDir created its output inside its source")
	}

	// A sibling whose name starts like src is not inside it.
	if n, err := CopyDir(src, src+"-copy", 2); err != nil || n != 3 {
		t.Errorf("CopyDir to a sibling = %d, %v", n, err)
	}

	// A destination file hard-linked to its source is refused, not truncated.
	dst := filepath.Join(root, "hard")
	os.MkdirAll(dst, 0o755)
	if err := os.Link(files[0], filepath.Join(dst, filepath.Base(files[0]))); err != nil {
		t.Skip("no hard links here:", err)
	}
	if _, err := CopyDir(src, dst, 2); err == nil || !strings.Contains(err.Error(), "same file") {
		t.Errorf("CopyDir onto a hard link = %v, want a same-file error", err)
	}
	if got, _ := os.ReadFile(files[0]); !bytes.Equal(got, want[files[0]]) {
		t.Errorf("hard-linked source truncated to %d bytes", len(got))
	}
}
