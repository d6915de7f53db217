package serve

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

// Snapshots of the session's values (engine.Session.Snapshot) travel with
// each cell's result to the supervisor, which hands them to a fresh worker
// replacing a lost one (request "replay", Values) so that the fresh worker
// restores the values instead of running initializers again. Only what
// changed since the last result is sent: the worker remembers what the
// supervisor has.

// snapshots is the worker's copy of the values the supervisor holds.
type snapshots map[string]json.RawMessage

// update takes a snapshot of sess and returns what changed since the last
// one: new or changed values, and the names whose value the supervisor
// must forget (no longer plain data, or no longer declared).
func (s snapshots) update(sess *engine.Session) (changed map[string]json.RawMessage, gone []string) {
	vals, _ := sess.Snapshot()
	if vals == nil {
		return nil, nil // the session is being rebuilt: keep the last values
	}
	for n, b := range vals {
		if old, ok := s[n]; !ok || !bytes.Equal(old, b) {
			if changed == nil {
				changed = map[string]json.RawMessage{}
			}
			changed[n] = b
			s[n] = b
		}
	}
	for _, n := range slices.Sorted(maps.Keys(s)) {
		if _, ok := vals[n]; !ok {
			gone = append(gone, n)
			delete(s, n)
		}
	}
	return changed, gone
}

// replayReport turns a ReplayRestoring report into the "replayed" reply.
func replayReport(r *protocol.Reply, rep engine.ReplayReport) {
	r.Reset, r.Restored, r.Zeroed = rep.Reset, rep.Restored, rep.Zeroed
	r.Summary = rep.String()
}

// rawValues converts the values of a replay request for the engine.
func rawValues(v map[string]json.RawMessage) map[string][]byte {
	out := make(map[string][]byte, len(v))
	for n, b := range v {
		out[n] = b
	}
	return out
}
