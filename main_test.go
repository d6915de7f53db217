package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallSpellings: `gokernel --install` (GoNB's spelling) installs like
// `gokernel install`; uninstall says what to type instead.
func TestInstallSpellings(t *testing.T) {
	for _, cmd := range []string{"install", "--install"} {
		prefix := t.TempDir()
		var out, errOut bytes.Buffer
		if code := run([]string{cmd, "--prefix", prefix, "--display-name", "Go"}, &out, &errOut); code != 0 {
			t.Fatalf("%s: exit %d: %s", cmd, code, errOut.String())
		}
		data, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json"))
		if err != nil || !strings.Contains(string(data), `"display_name": "Go"`) {
			t.Errorf("%s: kernel.json %s, %v", cmd, data, err)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"--uninstall"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "jupyter kernelspec remove gokernel") {
		t.Errorf("--uninstall: exit %d, %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"install", "--profile", "x"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "no IPython profiles") {
		t.Errorf("install --profile: exit %d, %q", code, errOut.String())
	}
}
