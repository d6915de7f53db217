package kerneltest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gokernel/gokernel/kernel"
)

// Client talks to a kernel over a Transport the way a Jupyter client does.
// It is meant for one test goroutine.
type Client struct {
	T       *Transport
	Signer  *kernel.Signer
	Session string
	// Timeout bounds every wait; zero means 30 s.
	Timeout time.Duration
	// Identity is the routing id the client's requests carry.
	Identity []byte
}

// NewClient returns a client for t that signs with key.
func NewClient(t *Transport, key string) *Client {
	s, err := kernel.NewSigner("hmac-sha256", []byte(key))
	if err != nil {
		panic(err)
	}
	return &Client{T: t, Signer: s, Session: "test-session", Identity: []byte("client-1")}
}

func (c *Client) timeout() time.Duration {
	if c.Timeout == 0 {
		return 30 * time.Second
	}
	return c.Timeout
}

// Send sends a request of msgType with content on ch and returns it.
func (c *Client) Send(ch kernel.Channel, msgType string, content any) (*kernel.Message, error) {
	m, err := kernel.NewMessage(c.Session, msgType, nil, content)
	if err != nil {
		return nil, err
	}
	m.Identities = [][]byte{c.Identity}
	frames, err := c.Signer.Encode(m)
	if err != nil {
		return nil, err
	}
	return m, c.T.ToKernel(ch, frames)
}

// Recv waits for the next message the kernel sent on ch and decodes it,
// checking its signature.
func (c *Client) Recv(ch kernel.Channel) (*kernel.Message, error) {
	select {
	case f := <-c.T.FromKernel(ch):
		return c.Signer.Decode(f)
	case <-time.After(c.timeout()):
		return nil, fmt.Errorf("kerneltest: no %s message within %v", ch, c.timeout())
	}
}

// Exchange is everything a request caused: its reply and the IOPub messages
// whose parent is the request, from busy to idle inclusive.
type Exchange struct {
	Request *kernel.Message
	Reply   *kernel.Message // nil for requests without a reply
	IOPub   []*kernel.Message
}

// Types lists the IOPub message types in order.
func (e *Exchange) Types() []string {
	var ts []string
	for _, m := range e.IOPub {
		ts = append(ts, m.Header.MsgType)
	}
	return ts
}

// Streams concatenates the text of stream messages named name.
func (e *Exchange) Streams(name string) string {
	var s string
	for _, m := range e.IOPub {
		if m.Header.MsgType != "stream" {
			continue
		}
		var c struct{ Name, Text string }
		json.Unmarshal(m.Content, &c)
		if c.Name == name {
			s += c.Text
		}
	}
	return s
}

// Request sends a request and collects its reply (if wantReply) and its
// IOPub messages up to idle. IOPub messages of other parents are skipped.
func (c *Client) Request(ch kernel.Channel, msgType string, content any, wantReply bool) (*Exchange, error) {
	req, err := c.Send(ch, msgType, content)
	if err != nil {
		return nil, err
	}
	ex := &Exchange{Request: req}
	if wantReply {
		if ex.Reply, err = c.Recv(ch); err != nil {
			return ex, err
		}
		if got := ParentID(ex.Reply); got != req.Header.MsgID {
			return ex, fmt.Errorf("kerneltest: reply parent %q, want %q", got, req.Header.MsgID)
		}
	}
	for {
		m, err := c.Recv(kernel.IOPub)
		if err != nil {
			return ex, err
		}
		if ParentID(m) != req.Header.MsgID {
			continue
		}
		ex.IOPub = append(ex.IOPub, m)
		if m.Header.MsgType == "status" && State(m) == "idle" {
			return ex, nil
		}
	}
}

// Execute runs code with the default execute_request options.
func (c *Client) Execute(code string) (*Exchange, error) {
	return c.Request(kernel.Shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	}, true)
}

// ParentID returns the msg_id of m's parent header ("" if none).
func ParentID(m *kernel.Message) string {
	var p struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(m.ParentHeader, &p)
	return p.MsgID
}

// State returns a status message's execution_state.
func State(m *kernel.Message) string {
	var c struct {
		ExecutionState string `json:"execution_state"`
	}
	json.Unmarshal(m.Content, &c)
	return c.ExecutionState
}

// Content decodes m's content into a map.
func Content(m *kernel.Message) map[string]any {
	var c map[string]any
	json.Unmarshal(m.Content, &c)
	return c
}
