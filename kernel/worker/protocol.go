package worker

import (
	"bytes"
	"fmt"
)

// request is a message from the supervisor to the worker.
type request struct {
	Op    string `json:"op"` // "exec", "replay", "input", "interrupt"
	ID    int    `json:"id,omitempty"`
	Name  string `json:"name,omitempty"` // exec: "cell[N]"
	Code  string `json:"code,omitempty"`
	Decls []decl `json:"decls,omitempty"` // replay
	// input: the answer to the worker's input request.
	Value string `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

// reply is a message from the worker to the supervisor.
type reply struct {
	Op string `json:"op"` // "ready", "result", "replayed", "input", "interrupting"
	ID int    `json:"id,omitempty"`
	// interrupting: how many waits of the cell the interrupt ends
	Waits int `json:"waits,omitempty"`
	// result
	Value *string  `json:"value,omitempty"` // text/plain of the cell's value
	Decls []decl   `json:"decls,omitempty"`
	Err   *cellErr `json:"error,omitempty"`
	Stuck bool     `json:"stuck,omitempty"` // interrupted, goroutines of the cell still run
	// Blocked: when Stuck, the native calls the stuck goroutines wait in
	Blocked []string `json:"blocked,omitempty"`
	Reset   []string `json:"reset,omitempty"`  // replayed: vars reset to their initial value
	Fails   []string `json:"failed,omitempty"` // replayed: declarations that failed
	// input
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
}

// decl is one declaration of the session, replayable in a new worker.
type decl struct {
	Kind  string   `json:"kind"`
	Names []string `json:"names"`
	Src   string   `json:"src"`
}

func (d decl) key() string { return fmt.Sprint(d.Kind, d.Names) }

type cellErr struct {
	Name      string   `json:"ename"`
	Value     string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// syncPrefix starts the marker the worker writes to its output pipes after a
// cell: "\x00gokernel-sync:<id>\x00". NUL bytes keep it out of any text a
// person prints.
const syncPrefix = "\x00gokernel-sync:"

func syncMarker(id int) []byte { return fmt.Appendf(nil, "%s%d\x00", syncPrefix, id) }

// splitSync finds sync markers in p. It returns the text before the first
// marker (or all of p), the marker's id (or -1), and the rest after the
// marker. If p ends with what may be the start of a marker, that tail is
// returned as hold so the caller can prepend it to the next read.
func splitSync(p []byte) (text []byte, id int, rest []byte, hold []byte) {
	i := bytes.IndexByte(p, 0)
	for i >= 0 {
		tail := p[i:]
		if len(tail) < len(syncPrefix) {
			if bytes.HasPrefix([]byte(syncPrefix), tail) {
				return p[:i], -1, nil, tail
			}
		} else if bytes.HasPrefix(tail, []byte(syncPrefix)) {
			end := bytes.IndexByte(tail[len(syncPrefix):], 0)
			if end < 0 {
				if len(tail) < len(syncPrefix)+20 {
					return p[:i], -1, nil, tail
				}
			} else {
				var n int
				if _, err := fmt.Sscanf(string(tail[len(syncPrefix):len(syncPrefix)+end]), "%d", &n); err == nil {
					return p[:i], n, tail[len(syncPrefix)+end+1:], nil
				}
			}
		}
		j := bytes.IndexByte(p[i+1:], 0)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return p, -1, nil, nil
}
