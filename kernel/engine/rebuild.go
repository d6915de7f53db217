package engine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
)

// rebuild replaces the Session's interpreter by a fresh one into which the
// declaration log, with the cell's declarations add recorded (each in
// place of the declaration it redefines), is replayed with output muted.
// Vars keep their current values where carry.go allows; the others are
// reset to their initial values and listed in out.Reset.
//
// If one of add fails, the rebuild is abandoned: the old interpreter stays
// and that failure is returned as the cell's error. Earlier declarations
// that no longer compile with the new definitions (a method using a field
// the new type lacks) are dropped from the session. Either way the user is
// told on the cell's stderr what was reset or dropped.
//
// After an interrupt (the old machine may still be running code of the
// cancelled cell, which must not be raced with) nothing is carried: all
// vars are reset, as in a new worker.
func (s *Session) rebuild(ctx context.Context, why string, add []Decl, out *Outcome) *Error {
	log := s.log.clone()
	mine := map[*entry]bool{}
	for _, d := range add {
		mine[log.record(d)] = true
	}
	var carry map[string]reflect.Value
	if !s.m.poisoned {
		carry = s.m.globals()
	}
	var m *machine
	var res replayResult
	var dropped []string
	for round := 1; ; round++ {
		var err error
		if m, err = s.newMachine(); err != nil {
			return internalError("rebuild", err)
		}
		if err := s.io.mute(); err != nil {
			return internalError("rebuild", err)
		}
		res = s.replay(ctx, m, log, carry)
		s.io.unmute()
		if err := ctx.Err(); err != nil {
			return interrupted(err)
		}
		if len(res.failed) == 0 {
			break
		}
		for _, e := range log.entries {
			err, ok := res.failed[e]
			if !ok {
				continue
			}
			if mine[e] {
				return asError(err)
			}
			dropped = append(dropped, fmt.Sprintf("%s %s: %s", e.Kind, strings.Join(e.Names, ", "), asError(err).Value))
		}
		log.drop(res.failed)
		// yaegi keeps half-compiled symbols of what failed: replay what is
		// left into another fresh interpreter, so that dropped names are
		// undefined rather than broken.
		if round == maxRebuildRounds {
			break
		}
	}
	s.m = m
	s.setLog(log)
	var reset []string
	for _, n := range res.reset {
		if carry == nil || carry[n].IsValid() { // not a var the cell declares
			reset = append(reset, n)
		}
	}
	out.Reset = append(out.Reset, reset...)
	if len(reset) > 0 {
		fmt.Fprintf(&s.io.errw, "gokernel: session rebuilt (%s); vars reset to their initial values: %s\n", why, strings.Join(reset, ", "))
	}
	for _, d := range dropped {
		fmt.Fprintf(&s.io.errw, "gokernel: session rebuilt (%s); dropped, no longer compiles: %s\n", why, d)
	}
	return nil
}

// maxRebuildRounds bounds the replays of a rebuild: each round drops the
// declarations that failed and starts again.
const maxRebuildRounds = 3
