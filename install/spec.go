package install

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
)

// Name is the kernelspec's default name.
const Name = "gokernel"

// KernelSpec is the content of kernel.json.
type KernelSpec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Env           map[string]any `json:"env,omitempty"`
	Metadata      map[string]any `json:"metadata"`
}

// Spec returns the kernelspec that starts exe (an absolute path) as a kernel.
// It asks for message-mode interrupts (interrupt_request on the control
// channel) and declares no transport encryption, which zmq4 lacks.
func Spec(exe string) KernelSpec {
	return KernelSpec{
		Argv:          []string{exe, "kernel", "{connection_file}"},
		DisplayName:   "Go (gokernel)",
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{},
	}
}

var validName = regexp.MustCompile(`^[a-z0-9._-]+$`)

// Write writes the kernelspec for exe, with the logos, into dir (the
// kernelspec directory itself, e.g. ~/.local/share/jupyter/kernels/gokernel),
// replacing what was there.
func Write(dir, exe string) error {
	if !filepath.IsAbs(exe) {
		return fmt.Errorf("install: kernel executable %q is not an absolute path", exe)
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	b, err := json.MarshalIndent(Spec(exe), "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	return fs.WalkDir(logos, "logos", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := logos.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path.Base(p)), data, 0o644)
	})
}
