package kernel

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
)

// ConnectionInfo is the content of a Jupyter connection file. Unknown keys
// (kernel_name, curve keys) are ignored.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
}

// ReadConnectionFile reads and validates the connection file at path.
func ReadConnectionFile(path string) (*ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kernel: connection file: %w", err)
	}
	var c ConnectionInfo
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("kernel: connection file %s is not valid JSON: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("kernel: connection file %s: %w", path, err)
	}
	return &c, nil
}

// Validate checks the fields a kernel needs.
func (c *ConnectionInfo) Validate() error {
	switch c.Transport {
	case "tcp":
		if net.ParseIP(c.IP) == nil && c.IP != "localhost" && c.IP != "*" {
			return fmt.Errorf("ip %q is not an IP address", c.IP)
		}
	case "ipc":
		if c.IP == "" {
			return errors.New("ipc transport needs ip (the socket path prefix)")
		}
	default:
		return fmt.Errorf("transport %q is not tcp or ipc", c.Transport)
	}
	if _, err := NewSigner(c.SignatureScheme, nil); err != nil {
		return fmt.Errorf("signature_scheme: %w", err)
	}
	ports := map[string]int{"shell_port": c.ShellPort, "control_port": c.ControlPort,
		"stdin_port": c.StdinPort, "iopub_port": c.IOPubPort, "hb_port": c.HBPort}
	for name, p := range ports {
		if p <= 0 || p > 65535 {
			return fmt.Errorf("%s %d is not a port", name, p)
		}
	}
	return nil
}

// Addr returns the endpoint for a port: tcp://ip:port, or ipc://ip-port as
// jupyter_client names ipc sockets.
func (c *ConnectionInfo) Addr(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s", net.JoinHostPort(c.IP, fmt.Sprint(port)))
}
