package install

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Defaults written into kernel.json by [Spec].
const (
	// DefaultName is the kernelspec name, and so its directory name, when
	// --name is not given. Notebooks record it in metadata.kernelspec.name.
	DefaultName = "gokernel"
	// DisplayName is the name front ends show in their launchers and menus.
	DisplayName = "Go (gokernel)"
	// Language is the kernelspec language; front ends match notebooks to
	// kernels by it when the kernel name is unknown.
	Language = "go"
)

// KernelSpec is the content of kernel.json, as described in the Jupyter
// client documentation ("Kernel specs"). Its JSON form never holds null:
// an empty Env is left out and a nil Metadata is written as {}.
type KernelSpec struct {
	// Argv is the command that starts the kernel. Jupyter replaces the
	// argument "{connection_file}" with the path of the connection file.
	Argv []string `json:"argv"`
	// DisplayName is the name shown to users.
	DisplayName string `json:"display_name"`
	// Language is the language of the kernel's cells.
	Language string `json:"language"`
	// InterruptMode is "message" when the kernel takes interrupt_request
	// on the control channel, or "signal" (Jupyter's default) for SIGINT.
	InterruptMode string `json:"interrupt_mode,omitempty"`
	// Env is merged into the kernel's environment by Jupyter, which
	// expands ${VAR} in the values.
	Env map[string]string `json:"env,omitempty"`
	// Metadata is free-form, namespaced data for clients.
	Metadata map[string]any `json:"metadata"`
}

// Spec returns the kernelspec that starts exe as a kernel:
// argv [exe, "kernel", "{connection_file}"], display name [DisplayName],
// language [Language], interrupt_mode "message" (the kernel handles
// interrupt_request itself by replacing its worker process) and empty
// metadata. exe should be an absolute path, since Jupyter starts kernels
// from any directory; [Write] checks that, Spec does not.
func Spec(exe string) KernelSpec {
	return KernelSpec{
		Argv:          []string{exe, "kernel", "{connection_file}"},
		DisplayName:   DisplayName,
		Language:      Language,
		InterruptMode: "message",
		Metadata:      map[string]any{},
	}
}

// MarshalJSON encodes s without HTML escaping (a path keeps its '&'), with
// a nil Argv as [] and a nil Metadata as {}, so that no field is null.
func (s KernelSpec) MarshalJSON() ([]byte, error) {
	type plain KernelSpec // without this method
	p := plain(s)
	if p.Argv == nil {
		p.Argv = []string{}
	}
	if p.Metadata == nil {
		p.Metadata = map[string]any{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// namePattern is jupyter_client's rule for kernel names (kernelspec.py).
var namePattern = regexp.MustCompile(`^[a-z0-9._-]+$`)

// CheckName returns name lower-cased, as Jupyter stores kernel names, or an
// error if it is not a valid kernelspec name: one or more of a-z, 0-9, '.',
// '_' and '-' (case-insensitive). "." and ".." are refused too, since the
// name is a directory under kernels/.
func CheckName(name string) (string, error) {
	lower := strings.ToLower(name)
	if !namePattern.MatchString(lower) || lower == "." || lower == ".." {
		return "", fmt.Errorf("install: invalid kernel name %q: use only letters, digits, '.', '_' and '-'", name)
	}
	return lower, nil
}
