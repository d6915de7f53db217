package mt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// CopyDir copies the regular files under src (recursively) to dst, creating
// dst and its subfolders, with workers files copied at a time on a
// ThreadPool (≤ 0: runtime.NumCPU()). A progress bar "copied N/M files
// (P%)" fills up to 100.00% as files are copied (in a notebook a live bar
// with that text beside it; elsewhere, or with Stdout redirected, a line
// on Stdout redrawn with "\r"; SetProgress and NoProgress turn it off). It returns the number of
// files copied; a missing src is an error wrapping fs.ErrNotExist, and the
// first failing file's error is returned after the other files are done. A
// dst equal to src or inside it (after resolving symlinks), and a dst file
// that is the same file as its source (a hard link), are refused: copying
// would truncate the source or recurse into its own output. Symbolic links
// and other files that are not regular (devices, sockets, pipes) are not
// copied, and each is reported on Stderr ("mt: CopyDir: not copied:
// a/link -> target (symbolic link)"); a symbolic link already in dst where
// a file is to be written is not written through: that file fails. It
// blocks; CopyDirCtx can be cancelled (files not started are skipped).
func CopyDir(src, dst string, workers int) (int, error) {
	return CopyDirCtx(context.Background(), src, dst, workers)
}

// CopyDirCtx is CopyDir with a context.
func CopyDirCtx(ctx context.Context, src, dst string, workers int) (int, error) {
	info, err := os.Stat(src)
	if err != nil {
		return 0, fmt.Errorf("mt: CopyDir: %w", err)
	}
	if !info.IsDir() {
		return 0, fmt.Errorf("mt: CopyDir: %s is not a directory", src)
	}
	if err := checkNotInside(src, dst); err != nil {
		return 0, fmt.Errorf("mt: CopyDir: %w", err)
	}
	var files, skipped []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if d.Type().IsRegular() {
			files = append(files, rel)
		} else {
			skipped = append(skipped, notCopied(p, rel, d))
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("mt: CopyDir: %w", err)
	}
	line := newBar(ctx, Stdout, len(files), "", 0, func(n int) string {
		pct := 100.0
		if len(files) > 0 {
			pct = 100 * float64(n) / float64(len(files))
		}
		return fmt.Sprintf("copied %d/%d files (%.2f%%)", n, len(files), pct)
	})
	pool := NewThreadPool(workers)
	results := make([]*AsyncResult, len(files))
	for i, rel := range files {
		results[i] = pool.ApplyAsync(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			err := copyFile(filepath.Join(src, rel), filepath.Join(dst, rel))
			line.add(1)
			return err
		})
	}
	pool.Close()
	_ = pool.Join()
	line.done()
	for _, sk := range skipped {
		fmt.Fprintf(Stderr, "mt: CopyDir: not copied: %s\n", sk)
	}
	var errs []error
	n := 0
	for _, r := range results {
		if _, err := r.Get(); err != nil {
			errs = append(errs, err)
		} else {
			n++
		}
	}
	if len(errs) > 0 {
		return n, fmt.Errorf("mt: CopyDir: %w", errs[0])
	}
	return n, nil
}

// resolved returns p made absolute with symlinks resolved; for a path that
// does not exist yet, its deepest existing ancestor is resolved.
func resolved(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		r, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", err
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// checkNotInside refuses a dst that is src or lies inside it.
func checkNotInside(src, dst string) error {
	s, err := resolved(src)
	if err != nil {
		return err
	}
	d, err := resolved(dst)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(s, d); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return fmt.Errorf("destination %s is the source %s or inside it", dst, src)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	if dinfo, err := os.Lstat(dst); err == nil && dinfo.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link: not written through", dst)
	}
	if dinfo, err := os.Stat(dst); err == nil && os.SameFile(info, dinfo) {
		return fmt.Errorf("%s and %s are the same file", src, dst)
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// MakeSampleDir creates dir (if needed) with n files "file_01.txt"… of size
// deterministic bytes each, for copier demos, and returns their paths.
func MakeSampleDir(dir string, n, size int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("mt: MakeSampleDir: %w", err)
	}
	paths := make([]string, n)
	for i := range n {
		name := fmt.Sprintf("file_%02d.txt", i+1)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, sampleBytes(name, size), 0o644); err != nil {
			return nil, fmt.Errorf("mt: MakeSampleDir: %w", err)
		}
		paths[i] = p
	}
	return paths, nil
}

// notCopied describes an entry CopyDir does not copy.
func notCopied(path, rel string, d fs.DirEntry) string {
	if d.Type()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		return fmt.Sprintf("%s -> %s (symbolic link)", rel, target)
	}
	return fmt.Sprintf("%s (%v, not a regular file)", rel, d.Type())
}
