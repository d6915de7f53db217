package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir, err := os.MkdirTemp("", "stdlib-test-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	src := filepath.Join(dir, "src")
	fmt.Println(os.Mkdir(src, 0o755))
	name := filepath.Join(src, "a.txt")
	fmt.Println(os.WriteFile(name, []byte("hello\n"), 0o644))
	data, err := os.ReadFile(name)
	fmt.Printf("%q %v\n", data, err)

	// os.CopyFS (Go 1.23) and os.OpenRoot (Go 1.24).
	copyDir := filepath.Join(dir, "copy")
	fmt.Println(os.CopyFS(copyDir, os.DirFS(src)))
	root, err := os.OpenRoot(copyDir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer root.Close()
	f, err := root.Open("a.txt")
	fmt.Println(err)
	info, _ := f.Stat()
	fmt.Println(info.Name(), info.Size(), info.Mode().IsRegular())
	f.Close()
	_, err = root.Open("../a.txt")
	fmt.Println("escape refused:", err != nil)

	var names []string
	fs.WalkDir(os.DirFS(dir), ".", func(path string, d fs.DirEntry, err error) error {
		names = append(names, path)
		return nil
	})
	fmt.Println(strings.Join(names, " "))

	os.Setenv("STDLIB_TEST_VAR", "v1")
	v, ok := os.LookupEnv("STDLIB_TEST_VAR")
	fmt.Println(v, ok, os.ExpandEnv("${STDLIB_TEST_VAR}!"))
	os.Unsetenv("STDLIB_TEST_VAR")
	_, err = os.Stat(filepath.Join(dir, "missing"))
	fmt.Println(os.IsNotExist(err))
}

// Output:
// <nil>
// <nil>
// "hello\n" <nil>
// <nil>
// <nil>
// a.txt 6 true
// escape refused: true
// . copy copy/a.txt src src/a.txt
// v1 true v1!
// true
