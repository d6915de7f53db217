package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o600)
		return p
	}
	good := `{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
	 "hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp",
	 "signature_scheme": "hmac-sha256", "kernel_name": "gokernel"}`
	c, err := ReadConnectionFile(write("good.json", good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr(c.ShellPort) != "tcp://127.0.0.1:5001" || c.Key != "abc" {
		t.Errorf("got %+v", c)
	}
	ipc := &ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel-1", ShellPort: 1}
	if got := ipc.Addr(1); got != "ipc:///tmp/kernel-1-1" {
		t.Errorf("ipc addr = %s", got)
	}
	v6 := &ConnectionInfo{Transport: "tcp", IP: "::1"}
	if got := v6.Addr(9); got != "tcp://[::1]:9" {
		t.Errorf("v6 addr = %s", got)
	}
	bad := map[string]string{
		"not json":      `{"shell_port": `,
		"bad transport": strings.Replace(good, `"tcp"`, `"udp"`, 1),
		"bad ip":        strings.Replace(good, `"127.0.0.1"`, `"not-an-ip"`, 1),
		"zero port":     strings.Replace(good, `5005`, `0`, 1),
		"bad scheme":    strings.Replace(good, `hmac-sha256`, `hmac-whirlpool`, 1),
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadConnectionFile(write(name+".json", s)); err == nil {
				t.Error("accepted")
			}
		})
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "connection file") {
		t.Errorf("missing file: %v", err)
	}
}
