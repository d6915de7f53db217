package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"testing"
	"unicode/utf8"
)

func signedFrames(t *testing.T, s *Signer, msgType string) [][]byte {
	t.Helper()
	m, err := NewMessage("sess", msgType, nil, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDecodeRefusesReplay(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	f := signedFrames(t, s, "execute_request")
	if _, err := s.Decode(f); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decode(f); !errors.Is(err, ErrReplayed) {
		t.Fatalf("replayed message: %v, want ErrReplayed", err)
	}
	// A fresh message still passes.
	if _, err := s.Decode(signedFrames(t, s, "execute_request")); err != nil {
		t.Fatal(err)
	}
}

func TestReplayHistoryIsBounded(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	first := []byte("first")
	s.remember(first)
	for i := range historySize {
		s.remember([]byte{byte(i), byte(i >> 8), byte(i >> 16)})
	}
	if len(s.seen) != historySize {
		t.Fatalf("history holds %d, want %d", len(s.seen), historySize)
	}
	if !s.remember(first) {
		t.Error("oldest signature still remembered after the history wrapped")
	}
}

func TestDecodeRefusesUpperCaseHex(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	f := signedFrames(t, s, "kernel_info_request")
	for i, fr := range f {
		if bytes.Equal(fr, delimiter) {
			f[i+1] = bytes.ToUpper(f[i+1])
		}
	}
	if _, err := s.Decode(f); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("upper-case signature: %v, want ErrBadSignature", err)
	}
}

func TestSignatureSchemes(t *testing.T) {
	for _, name := range []string{"", "hmac-sha256", "hmac-sha512", "hmac-sha1", "hmac-sha224", "hmac-sha384",
		"hmac-md5", "hmac-sha3_256"} {
		s, err := NewSigner(name, []byte("key"))
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if _, err := s.Decode(signedFrames(t, s, "kernel_info_request")); err != nil {
			t.Errorf("%q: round trip: %v", name, err)
		}
	}
	if _, err := NewSigner("hmac-whirlpool", nil); err == nil {
		t.Error("unknown scheme accepted")
	}
	// hmac-sha512 is HMAC-SHA512 of the four parts, as jupyter_client computes it.
	s, _ := NewSigner("hmac-sha512", []byte("k"))
	mac := hmac.New(sha512.New, []byte("k"))
	for _, p := range []string{"h", "p", "m", "c"} {
		mac.Write([]byte(p))
	}
	if got, want := s.Sign([]byte("h"), []byte("p"), []byte("m"), []byte("c")), hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("sha512 signature %s, want %s", got, want)
	}
}

func TestDecodeSanitizesHeaderUTF8(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("key"))
	header := []byte("{\"msg_id\":\"a\xff\xfeb\",\"msg_type\":\"kernel_info_request\",\"session\":\"s\",\"username\":\"u\",\"date\":\"\",\"version\":\"5.3\"}")
	f := [][]byte{delimiter, nil, header, []byte("{}"), []byte("{}"), []byte("{}")}
	f[1] = []byte(s.Sign(f[2], f[3], f[4], f[5]))
	m, err := s.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if raw := parentOf(m); !utf8.Valid(raw) {
		t.Errorf("parent header echoed with invalid UTF-8: %q", raw)
	}
}
