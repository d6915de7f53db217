package kernel

import (
	"context"
	"encoding/json"
	"sync"
)

// inputBroker sends input_request on the stdin channel to the frontend of the
// running execute request and waits for its input_reply.
type inputBroker struct {
	k       *Kernel
	mu      sync.Mutex
	running *Message // the running execute_request
	allowed bool
	replies chan string
}

func newInputBroker(k *Kernel) *inputBroker {
	return &inputBroker{k: k, replies: make(chan string, 1)}
}

// begin and end bracket an execute request.
func (b *inputBroker) begin(m *Message, allowed bool) {
	b.mu.Lock()
	b.running, b.allowed = m, allowed
	b.mu.Unlock()
}

func (b *inputBroker) end() {
	b.mu.Lock()
	b.running, b.allowed = nil, false
	b.mu.Unlock()
}

// request asks for one line of input. Only one request is in flight at a
// time (the caller is the single running cell).
func (b *inputBroker) request(ctx context.Context, prompt string, password bool) (string, error) {
	b.mu.Lock()
	req, allowed := b.running, b.allowed
	b.mu.Unlock()
	if req == nil || !allowed {
		return "", ErrStdinNotAllowed
	}
	for { // drop stale replies
		select {
		case <-b.replies:
			continue
		default:
		}
		break
	}
	b.k.streams.Flush()
	r, err := b.k.sess.newMessage(req, "input_request", inputRequest{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	b.k.send(Stdin, r)
	select {
	case v := <-b.replies:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// deliver hands an input_reply from the stdin channel to the waiting request.
func (b *inputBroker) deliver(m *Message) {
	if m.Header.MsgType != "input_reply" {
		b.k.log.Printf("stdin: unexpected %s; ignored", m.Header.MsgType)
		return
	}
	var r inputReply
	if err := json.Unmarshal(m.Content, &r); err != nil {
		b.k.log.Printf("stdin: bad input_reply: %v", err)
		return
	}
	select {
	case b.replies <- r.Value:
	default:
	}
}
