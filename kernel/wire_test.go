package kernel

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"testing"
)

// goldenFrames reads frames signed by Python's hmac module.
func goldenFrames(t *testing.T) (key string, frames [][]byte) {
	t.Helper()
	b, err := os.ReadFile("testdata/golden_frames.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Key    string   `json:"key"`
		Frames []string `json:"frames"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	for _, f := range g.Frames { // stored as latin-1: one rune per byte
		var raw []byte
		for _, r := range f {
			raw = append(raw, byte(r))
		}
		frames = append(frames, raw)
	}
	return g.Key, frames
}

func TestDecodeGolden(t *testing.T) {
	key, frames := goldenFrames(t)
	s, err := NewSigner("hmac-sha256", []byte(key))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Decode(frames)
	if err != nil {
		t.Fatalf("Decode(golden) = %v", err)
	}
	if string(m.Identities[0]) != "client-identity" || len(m.Identities) != 1 {
		t.Errorf("identities = %q", m.Identities)
	}
	if m.Header.MsgType != "execute_request" || m.Header.Username != "tester" {
		t.Errorf("header = %+v", m.Header)
	}
	var c struct{ Code string }
	json.Unmarshal(m.Content, &c)
	if c.Code != `fmt.Println("héllo, 世界")` {
		t.Errorf("code = %q", c.Code)
	}
	if len(m.Buffers) != 1 || string(m.Buffers[0]) != "\x00\x01buffer" {
		t.Errorf("buffers = %q", m.Buffers)
	}
	// Re-encoding reproduces the signed frames byte for byte (the golden
	// header uses Go's field order and compact separators).
	out, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(frames) {
		t.Fatalf("re-encoded %d frames, want %d", len(out), len(frames))
	}
	for i := range frames {
		if string(out[i]) != string(frames[i]) {
			t.Errorf("frame %d = %q, want %q", i, out[i], frames[i])
		}
	}
}

func TestSignMatchesGolden(t *testing.T) {
	key, frames := goldenFrames(t)
	s, _ := NewSigner("hmac-sha256", []byte(key))
	if got := s.Sign(frames[3], frames[4], frames[5], frames[6]); got != string(frames[2]) {
		t.Errorf("Sign = %s, want %s", got, frames[2])
	}
}

func TestDecodeRejects(t *testing.T) {
	key, golden := goldenFrames(t)
	s, _ := NewSigner("hmac-sha256", []byte(key))
	clone := func(f func(fr [][]byte) [][]byte) [][]byte {
		c := make([][]byte, len(golden))
		for i := range golden {
			c[i] = append([]byte(nil), golden[i]...)
		}
		return f(c)
	}
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"bad signature", clone(func(f [][]byte) [][]byte { f[2][0] ^= 1; return f }), ErrBadSignature},
		{"missing signature", clone(func(f [][]byte) [][]byte { f[2] = nil; return f }), ErrBadSignature},
		{"non-hex signature", clone(func(f [][]byte) [][]byte { f[2] = []byte("zz"); return f }), ErrBadSignature},
		{"tampered content", clone(func(f [][]byte) [][]byte { f[6] = []byte(`{"code":"os.Exit(1)"}`); return f }), ErrBadSignature},
		{"no delimiter", clone(func(f [][]byte) [][]byte { f[1] = []byte("<IDS|MSX>"); return f }), ErrNoDelimiter},
		{"too few frames", clone(func(f [][]byte) [][]byte { return f[:5] }), ErrShortMessage},
		{"empty", nil, ErrNoDelimiter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Decode(tt.frames); !errors.Is(err, tt.want) {
				t.Errorf("Decode = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecodeBadJSON(t *testing.T) {
	s, _ := NewSigner("", nil) // no key: no signature check
	base := func(header, content string) [][]byte {
		return [][]byte{[]byte("<IDS|MSG>"), nil, []byte(header), []byte("{}"), []byte("{}"), []byte(content)}
	}
	for name, frames := range map[string][][]byte{
		"header not json":     base("not json", "{}"),
		"header no type":      base(`{"msg_id":"x"}`, "{}"),
		"content not object":  base(`{"msg_type":"execute_request"}`, "[1]"),
		"content broken json": base(`{"msg_type":"execute_request"}`, `{"code":`),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := s.Decode(frames); err == nil {
				t.Error("Decode accepted it")
			}
		})
	}
}

func TestEncodeEmptyPartsAreObjects(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("k"))
	m := &Message{Header: Header{MsgType: "status"}}
	frames, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int]string{3: "{}", 4: "{}", 5: "{}"} {
		if string(frames[i]) != want {
			t.Errorf("frame %d = %q, want %q", i, frames[i], want)
		}
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).Match(frames[1]) {
		t.Errorf("signature %q is not lowercase hex sha256", frames[1])
	}
}

func FuzzDecode(f *testing.F) {
	key, golden := goldenFrames(&testing.T{})
	f.Add([]byte(key), golden[2], golden[3], golden[6], uint8(6))
	f.Add([]byte(""), []byte(""), []byte(`{"msg_type":"x"}`), []byte("{}"), uint8(3))
	f.Fuzz(func(t *testing.T, key, sig, header, content []byte, n uint8) {
		s, _ := NewSigner("hmac-sha256", key)
		frames := [][]byte{[]byte("id"), delimiter, sig, header, []byte("{}"), []byte("{}"), content}
		frames = frames[:int(n)%(len(frames)+1)]
		m, err := s.Decode(frames)
		if err == nil {
			if _, err := s.Encode(m); err != nil {
				t.Fatalf("decoded message does not re-encode: %v", err)
			}
		}
	})
}
