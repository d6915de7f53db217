package kernel

import (
	"context"
	"encoding/json"
)

// execute handles execute_request: count, execute_input, run, outputs,
// reply; on error with stop_on_error, mark the execute_requests received so
// far for aborting.
func (k *Kernel) execute(ctx context.Context, ch Channel, m *Message) {
	var req ExecuteRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.replyError(ch, m, k.count, &Error{Name: "BadRequest", Value: "execute_request content: " + err.Error()})
		return
	}
	k.mu.Lock()
	if req.storeHistory() {
		k.count++
	}
	n := k.count
	k.mu.Unlock()
	k.setParent(m)
	k.input.begin(m, req.allowStdin())
	defer k.input.end()

	// The cell is interruptible from before execute_input: a client that
	// interrupts as soon as it sees execute_input reaches the cell.
	runCtx, cancel := context.WithCancel(ctx)
	k.mu.Lock()
	if k.stopping {
		k.mu.Unlock()
		cancel()
		k.replyError(ch, m, n, &Error{Name: "Interrupted", Value: "the kernel is shutting down"})
		return
	}
	k.cancelRun = cancel
	k.mu.Unlock()
	if !req.Silent {
		k.publish(m, "execute_input", executeInput{Code: req.Code, ExecutionCount: n})
	}
	// The input goes to the history file while the cell runs: locking and
	// appending to a file cost about as much as a trivial cell's whole hop
	// to the worker. It is stored before anything of the cell's result, so
	// the output follows it and a history_request after the reply sees it.
	var stored chan struct{}
	if req.storeHistory() && k.cfg.History != nil {
		stored = make(chan struct{})
		go func() {
			defer close(stored)
			k.storeInput(n, req.Code)
		}()
	}
	res := k.interp.Execute(runCtx, &Execution{Code: req.Code, ExecutionCount: n, Silent: req.Silent})
	if stored != nil {
		<-stored
	}
	k.mu.Lock()
	k.cancelRun = nil
	k.mu.Unlock()
	cancel()
	k.streams.Flush()

	if res == nil {
		res = &Result{}
	}
	if res.Err != nil {
		// Mark before replying: the execute_requests received so far are
		// aborted, and none that a client sends after reading the reply.
		if req.stopOnError() {
			k.abortThrough = k.shellRecvd.Load()
		}
		k.replyError(ch, m, n, res.Err)
		return
	}
	if res.Data != nil && !req.Silent {
		md := res.Metadata
		if md == nil {
			md = map[string]any{}
		}
		k.publish(m, "execute_result", executeResult{ExecutionCount: n, Data: res.Data, Metadata: md})
		if text, ok := res.Data["text/plain"].(string); ok && req.storeHistory() {
			k.storeOutput(n, text)
		}
	}
	payload := res.Payload
	if payload == nil {
		payload = []any{}
	}
	k.reply(ch, m, executeReply{Status: "ok", ExecutionCount: n,
		UserExpressions: map[string]any{}, Payload: payload})
}

// replyError publishes the error on IOPub (papermill and nbclient read it
// from there) and sends the error reply.
func (k *Kernel) replyError(ch Channel, m *Message, n int, e *Error) {
	tb := e.Traceback
	if tb == nil {
		tb = []string{}
	}
	k.publish(m, "error", errorContent{Ename: e.Name, Evalue: e.Value, Traceback: tb})
	k.reply(ch, m, errorReply{Status: "error", ExecutionCount: n, Ename: e.Name, Evalue: e.Value, Traceback: tb})
}

// abort answers an execute_request with status "aborted" (as ipykernel
// does) without running it.
func (k *Kernel) abort(m *Message) {
	k.publish(m, "status", statusContent{ExecutionState: "busy"})
	k.reply(Shell, m, abortedReply{Status: "aborted"})
	k.publish(m, "status", statusContent{ExecutionState: "idle"})
}
