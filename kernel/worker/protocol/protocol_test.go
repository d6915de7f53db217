package protocol

import (
	"bytes"
	"testing"
)

func TestSplitMarker(t *testing.T) {
	m := string(SyncMarker(12))
	tests := []struct {
		name, in         string
		text, rest, hold string
		id               int
		display          bool
	}{
		{"plain", "hello", "hello", "", "", -1, false},
		{"marker only", m, "", "", "", 12, false},
		{"text then marker then text", "ab" + m + "cd", "ab", "cd", "", 12, false},
		{"partial prefix at end", "ab\x00goker", "ab", "", "\x00goker", -1, false},
		{"marker without end yet", "ab\x00gokernel-sync:1", "ab", "", "\x00gokernel-sync:1", -1, false},
		{"user NUL byte", "a\x00b", "a\x00b", "", "", -1, false},
		{"NUL then marker", "a\x00b" + m, "a\x00b", "", "", 12, false},
		{"display marker", "x" + string(DisplayMarker(5)) + "y", "x", "y", "", 5, true},
		{"partial display marker", "x\x00gokernel-sh", "x", "", "\x00gokernel-sh", -1, false},
		{"display marker without end yet", "x\x00gokernel-show:12", "x", "", "\x00gokernel-show:12", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, mk, rest, hold := SplitMarker([]byte(tt.in))
			if string(text) != tt.text || mk.ID != tt.id || mk.Display != tt.display || string(rest) != tt.rest ||
				string(hold) != tt.hold {
				t.Errorf("SplitMarker(%q) = %q %+v %q %q", tt.in, text, mk, rest, hold)
			}
		})
	}
}

func FuzzSplitSync(f *testing.F) {
	f.Add([]byte("ab"), []byte("cd"), uint16(3))
	f.Fuzz(func(t *testing.T, a, b []byte, cut uint16) {
		// Output with a marker in the middle, read in two pieces split
		// anywhere, must come out as a+b with the marker seen once.
		stream := append(append(append([]byte(nil), a...), SyncMarker(7)...), b...)
		if bytes.Contains(a, []byte(syncPrefix)) || bytes.Contains(b, []byte(syncPrefix)) ||
			bytes.IndexByte(a, 0) >= 0 || bytes.IndexByte(b, 0) >= 0 {
			return
		}
		c := int(cut) % (len(stream) + 1)
		var out []byte
		seen := 0
		var hold []byte
		for _, chunk := range [][]byte{stream[:c], stream[c:]} {
			p := append(hold, chunk...)
			hold = nil
			for len(p) > 0 {
				text, mk, rest, h := SplitMarker(p)
				out = append(out, text...)
				if mk.ID == 7 {
					seen++
				}
				hold = append([]byte(nil), h...)
				p = rest
			}
		}
		out = append(out, hold...)
		want := append(append([]byte(nil), a...), b...)
		if !bytes.Equal(out, want) || seen != 1 {
			t.Fatalf("out %q seen %d, want %q once", out, seen, want)
		}
	})
}

// TestOpNames: every message has one name, and no request is named like a
// reply, so a message read on the wrong side is never mistaken for another.
func TestOpNames(t *testing.T) {
	reqs := []RequestOp{OpExec, OpReplay, OpAnswer, OpInterrupt, OpState}
	reps := []ReplyOp{OpReady, OpResult, OpReplayed, OpAsk, OpInterrupting, OpDisplay, OpStated}
	seen := map[string]bool{}
	for _, op := range reqs {
		seen[string(op)] = true
	}
	for _, op := range reps {
		seen[string(op)] = true
	}
	if len(seen) != len(reqs)+len(reps) {
		t.Errorf("%d names for %d messages", len(seen), len(reqs)+len(reps))
	}
}
