package kernel

import (
	"context"
	"encoding/json"
)

// execute handles execute_request: count, execute_input, run, outputs,
// reply; on error with stop_on_error, abort the requests already queued.
func (k *Kernel) execute(ctx context.Context, ch Channel, m *Message) {
	var req ExecuteRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.replyError(ch, m, k.count, &Error{Name: "BadRequest", Value: "execute_request content: " + err.Error()})
		return
	}
	if req.storeHistory() {
		k.mu.Lock()
		k.count++
		k.mu.Unlock()
	}
	n := k.count
	k.setParent(m)
	k.input.begin(m, req.allowStdin())
	defer k.input.end()
	if !req.Silent {
		k.publish(m, "execute_input", executeInput{Code: req.Code, ExecutionCount: n})
	}

	runCtx, cancel := context.WithCancel(ctx)
	k.mu.Lock()
	k.cancelRun = cancel
	k.mu.Unlock()
	res := k.interp.Execute(runCtx, &Execution{Code: req.Code, ExecutionCount: n, Silent: req.Silent})
	k.mu.Lock()
	k.cancelRun = nil
	k.mu.Unlock()
	cancel()
	k.streams.Flush()

	if res == nil {
		res = &Result{}
	}
	if res.Err != nil {
		// Take the queued requests before replying: a client that sends its
		// next cell as soon as it reads the error reply must not see that
		// cell aborted.
		var queued []*Message
		if req.stopOnError() {
			queued = k.takeQueued()
		}
		k.replyError(ch, m, n, res.Err)
		k.abortExecutes(queued)
		return
	}
	if res.Data != nil && !req.Silent {
		md := res.Metadata
		if md == nil {
			md = map[string]any{}
		}
		k.publish(m, "execute_result", executeResult{ExecutionCount: n, Data: res.Data, Metadata: md})
	}
	k.reply(ch, m, executeReply{Status: "ok", ExecutionCount: n,
		UserExpressions: map[string]any{}, Payload: []any{}})
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

// takeQueued empties the shell queue: the requests that were queued when
// a cell failed.
func (k *Kernel) takeQueued() []*Message {
	var queued []*Message
	for {
		select {
		case q := <-k.shellQ:
			queued = append(queued, q)
		default:
			return queued
		}
	}
}

// abortExecutes answers the execute_requests of queued with status
// "aborted" (as ipykernel does) without running them, and handles the
// other requests normally, in order.
func (k *Kernel) abortExecutes(queued []*Message) {
	var keep []*Message
	for _, q := range queued {
		if q.Header.MsgType == "execute_request" {
			k.publish(q, "status", statusContent{ExecutionState: "busy"})
			k.reply(Shell, q, abortedReply{Status: "aborted"})
			k.publish(q, "status", statusContent{ExecutionState: "idle"})
			continue
		}
		keep = append(keep, q)
	}
	for _, q := range keep {
		k.dispatch(context.Background(), Shell, q)
	}
}
