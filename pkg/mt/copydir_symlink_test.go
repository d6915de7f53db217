package mt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Symbolic links in the source are reported, not copied; a symbolic link
// already in the destination is not written through.
func TestCopyDirSymlinks(t *testing.T) {
	_, stderr := captureOutput(t)
	root := t.TempDir()
	src, dst, outside := filepath.Join(root, "src"), filepath.Join(root, "dst"), filepath.Join(root, "outside.txt")
	if _, err := MakeSampleDir(src, 2, 10); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("file_01.txt", filepath.Join(src, "alias.txt")); err != nil {
		t.Fatal(err)
	}
	n, err := CopyDir(src, dst, 2)
	if err != nil || n != 2 {
		t.Fatalf("CopyDir = %d, %v; want 2 files", n, err)
	}
	if want := "mt: CopyDir: not copied: alias.txt -> file_01.txt (symbolic link)\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if _, err := os.Lstat(filepath.Join(dst, "alias.txt")); err == nil {
		t.Error("the symbolic link was copied")
	}

	// dst/file_02.txt becomes a link to a file outside dst: copying again
	// must fail for that file and leave the outside file as it was.
	if err := os.Remove(filepath.Join(dst, "file_02.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dst, "file_02.txt")); err != nil {
		t.Fatal(err)
	}
	n, err = CopyDir(src, dst, 2)
	if err == nil || !strings.Contains(err.Error(), "symbolic link: not written through") || n != 1 {
		t.Errorf("CopyDir onto a link = %d, %v; want 1 file and a refusal", n, err)
	}
	if got, _ := os.ReadFile(outside); string(got) != "keep me" {
		t.Errorf("the file behind the link now holds %q", got)
	}
}
