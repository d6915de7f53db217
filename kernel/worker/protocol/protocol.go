package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/gokernel/gokernel/kernel/magic"
)

// RequestOp names a request, a message from the supervisor to the worker.
type RequestOp string

// The requests.
const (
	OpExec      RequestOp = "exec"      // run cell Name (ID, Code); the worker replies OpResult
	OpReplay    RequestOp = "replay"    // evaluate Decls in a fresh worker; it replies OpReplayed
	OpAnswer    RequestOp = "answer"    // the answer (Value or Error) to the worker's OpAsk
	OpInterrupt RequestOp = "interrupt" // interrupt cell ID; the worker replies OpInterrupting
	OpState     RequestOp = "state"     // before OpReplay: restore State (%cd, %env); the worker replies OpStated
)

// ReplyOp names a reply, a message from the worker to the supervisor.
type ReplyOp string

// The replies.
const (
	OpReady        ReplyOp = "ready"        // the worker is ready for requests
	OpResult       ReplyOp = "result"       // cell ID ended
	OpReplayed     ReplyOp = "replayed"     // the declarations of OpReplay are evaluated
	OpAsk          ReplyOp = "ask"          // the cell reads input: Prompt, Password
	OpInterrupting ReplyOp = "interrupting" // the interrupt of cell ID is under way (Waits)
	OpDisplay      ReplyOp = "display"      // a display message of the running cell
	OpStated       ReplyOp = "stated"       // OpState is done (Fails: what could not be restored)
)

// Request is a message from the supervisor to the worker.
type Request struct {
	Op    RequestOp `json:"op"`
	ID    int       `json:"id,omitempty"`
	Name  string    `json:"name,omitempty"` // exec: "cell[N]"
	Code  string    `json:"code,omitempty"`
	Decls []Decl    `json:"decls,omitempty"` // replay
	// replay: the last snapshot of each var's value (kernel/worker/serve/snapshot.go)
	Values map[string]json.RawMessage `json:"values,omitempty"`
	// answer: the answer to the worker's input request.
	Value string `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
	// state: the working directory and environment of an earlier worker
	State *magic.State `json:"state,omitempty"`
}

// Reply is a message from the worker to the supervisor.
type Reply struct {
	Op ReplyOp `json:"op"`
	ID int     `json:"id,omitempty"`
	// interrupting: how many waits of the cell the interrupt ends
	Waits int `json:"waits,omitempty"`
	// result
	Value *string    `json:"value,omitempty"` // text/plain of the cell's value
	Decls []Decl     `json:"decls,omitempty"`
	Err   *CellError `json:"error,omitempty"`
	Stuck bool       `json:"stuck,omitempty"` // interrupted, goroutines of the cell still run
	// Blocked: when Stuck, the native calls the stuck goroutines wait in
	Blocked []string `json:"blocked,omitempty"`
	Reset   []string `json:"reset,omitempty"`  // replayed: vars reset to their initial value
	Fails   []string `json:"failed,omitempty"` // replayed: declarations that failed
	// replayed: vars set from their snapshot, and vars left at their zero
	// value (an initializer with effects), and the report in words
	Restored []string `json:"restored,omitempty"`
	Zeroed   []string `json:"zeroed,omitempty"`
	Summary  string   `json:"summary,omitempty"`
	// result: values that changed since the last result (kernel/worker/serve/snapshot.go), and
	// vars whose snapshot is to be forgotten
	Values map[string]json.RawMessage `json:"values,omitempty"`
	Unset  []string                   `json:"unset,omitempty"`
	// ask
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
	// result: a rich value's MIME data (with text/plain) and metadata
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
	// display: a display message of the cell; ID numbers it, and the
	// display marker with that number in stdout says where it belongs.
	Display *Display `json:"display,omitempty"`
	// result: the worker's State after a magic changed it (%cd, %env)
	State *magic.State `json:"state,omitempty"`
}

// Display is a display message (pkg/display's Message) on its way to
// the kernel.
type Display struct {
	Type      string         `json:"type"`
	Data      map[string]any `json:"data,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Wait      bool           `json:"wait,omitempty"`
}

// Decl is one declaration of the session, replayable in a new worker.
type Decl struct {
	Kind  string   `json:"kind"`
	Names []string `json:"names"`
	Src   string   `json:"src"`
}

// Key identifies the declaration: a later one with the same key replaces it.
func (d Decl) Key() string { return fmt.Sprint(d.Kind, d.Names) }

// CellError is a cell's error as the kernel reports it (ename, evalue, traceback).
type CellError struct {
	Name      string   `json:"ename"`
	Value     string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// Markers the worker writes into its output pipes, in order with what the
// cell prints: a sync marker "\x00gokernel-sync:<id>\x00" after a cell (and
// before an input request), a display marker "\x00gokernel-show:<n>\x00"
// where display n (sent on the connection just before) belongs. NUL bytes
// keep them out of any text a person prints.
const (
	syncPrefix    = "\x00gokernel-sync:"
	displayPrefix = "\x00gokernel-show:"
)

func SyncMarker(id int) []byte   { return fmt.Appendf(nil, "%s%d\x00", syncPrefix, id) }
func DisplayMarker(n int) []byte { return fmt.Appendf(nil, "%s%d\x00", displayPrefix, n) }

// Marker is a marker found in output: its ID, and whether it places a
// display (else it is a sync marker). ID is -1 when there is none.
type Marker struct {
	ID      int
	Display bool
}

// SplitMarker finds markers in p. It returns the text before the first
// marker (or all of p), the marker (id -1 if none), and the rest after the
// marker. If p ends with what may be the start of a marker, that tail is
// returned as hold so the caller can prepend it to the next read.
func SplitMarker(p []byte) (text []byte, mk Marker, rest []byte, hold []byte) {
	none := Marker{ID: -1}
	i := bytes.IndexByte(p, 0)
	for i >= 0 {
		tail := p[i:]
		for _, prefix := range []string{syncPrefix, displayPrefix} {
			if len(tail) < len(prefix) {
				if bytes.HasPrefix([]byte(prefix), tail) {
					return p[:i], none, nil, tail
				}
				continue
			}
			if !bytes.HasPrefix(tail, []byte(prefix)) {
				continue
			}
			end := bytes.IndexByte(tail[len(prefix):], 0)
			if end < 0 {
				if len(tail) < len(prefix)+20 {
					return p[:i], none, nil, tail
				}
				continue
			}
			var n int
			if _, err := fmt.Sscanf(string(tail[len(prefix):len(prefix)+end]), "%d", &n); err == nil {
				return p[:i], Marker{ID: n, Display: prefix == displayPrefix}, tail[len(prefix)+end+1:], nil
			}
		}
		j := bytes.IndexByte(p[i+1:], 0)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return p, none, nil, nil
}
