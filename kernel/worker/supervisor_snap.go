package worker

import (
	"encoding/json"
	"maps"
)

// keepValues records the values a cell's result carries (serve/snapshot.go), for
// the next fresh worker.
func (s *Supervisor) keepValues(r reply) {
	if len(r.Values) == 0 && len(r.Unset) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.values == nil {
		s.values = map[string]json.RawMessage{}
	}
	maps.Copy(s.values, r.Values)
	for _, n := range r.Unset {
		delete(s.values, n)
	}
}

// valuesLocked returns a copy of the values kept. Called with s.mu held.
func (s *Supervisor) valuesLocked() map[string]json.RawMessage {
	return maps.Clone(s.values)
}

// restoreNote is what the user is told, in the interrupted or failed cell,
// about the variables of a worker being replaced.
const restoreNote = " Variables holding plain data (numbers, strings, slices, maps, structs of them) get the values " +
	"they had after the last cell that finished; the next cell's output says which variables were restored and " +
	"which were reset."
