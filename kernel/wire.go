package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"sync"
)

// delimiter separates routing ids from the signed parts of a message.
var delimiter = []byte("<IDS|MSG>")

// Errors returned by Decode. Callers drop such messages and log them.
var (
	ErrBadSignature = errors.New("kernel: bad message signature")
	ErrNoDelimiter  = errors.New("kernel: no <IDS|MSG> delimiter frame")
	ErrShortMessage = errors.New("kernel: message has fewer than 5 frames after the delimiter")
)

// Signer signs and verifies messages with HMAC-SHA256 over the raw bytes of
// the connection key. The zero value (no key) signs with an empty string and
// accepts any signature. A Signer is safe for concurrent use.
type Signer struct {
	key  []byte
	pool sync.Pool
}

// NewSigner returns a Signer for key; scheme must be "hmac-sha256" (or empty,
// which means the same).
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme != "" && scheme != "hmac-sha256" {
		return nil, fmt.Errorf("kernel: unsupported signature scheme %q (want hmac-sha256)", scheme)
	}
	s := &Signer{key: bytes.Clone(key)}
	s.pool.New = func() any { return hmac.New(sha256.New, s.key) }
	return s, nil
}

// Sign returns the lowercase hex signature of the four signed parts, or ""
// when there is no key.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if s == nil || len(s.key) == 0 {
		return ""
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(s.mac(sum[:0], header, parent, metadata, content))
}

func (s *Signer) mac(dst []byte, parts ...[]byte) []byte {
	h := s.pool.Get().(hash.Hash)
	h.Reset()
	for _, p := range parts {
		h.Write(p)
	}
	dst = h.Sum(dst)
	s.pool.Put(h)
	return dst
}

// verify reports whether sig is the signature of the parts, in constant time.
func (s *Signer) verify(sig []byte, header, parent, metadata, content []byte) bool {
	if s == nil || len(s.key) == 0 {
		return true
	}
	want := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(want, sig); err != nil {
		return false
	}
	var sum [sha256.Size]byte
	return hmac.Equal(want, s.mac(sum[:0], header, parent, metadata, content))
}

// Encode turns m into wire frames: routing ids, delimiter, signature, header,
// parent header, metadata, content, buffers. Empty parent header, metadata and
// content are sent as {}.
func (s *Signer) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("kernel: encode header: %w", err)
	}
	parent := orEmpty(m.ParentHeader)
	metadata := orEmpty(m.Metadata)
	content := orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter,
		[]byte(s.Sign(header, parent, metadata, content)),
		header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// Decode parses wire frames into a Message, checking the signature when the
// Signer has a key. It never panics on malformed input.
func (s *Signer) Decode(frames [][]byte) (*Message, error) {
	d := -1
	for i, f := range frames {
		if bytes.Equal(f, delimiter) {
			d = i
			break
		}
	}
	if d < 0 {
		return nil, ErrNoDelimiter
	}
	if len(frames)-d-1 < 5 {
		return nil, ErrShortMessage
	}
	sig, header, parent, metadata, content := frames[d+1], frames[d+2], frames[d+3], frames[d+4], frames[d+5]
	if !s.verify(sig, header, parent, metadata, content) {
		return nil, ErrBadSignature
	}
	m := &Message{
		Identities:   frames[:d:d],
		ParentHeader: orEmpty(parent),
		Metadata:     orEmpty(metadata),
		Content:      orEmpty(content),
		Buffers:      frames[d+6:],
		rawHeader:    header,
	}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("kernel: bad header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("kernel: header has no msg_type")
	}
	for _, part := range [][]byte{parent, metadata, content} {
		if len(part) > 0 && !isJSONObject(part) {
			return nil, errors.New("kernel: parent_header, metadata and content must be JSON objects")
		}
	}
	return m, nil
}

// orEmpty returns b, or {} when b is empty or JSON null.
func orEmpty(b []byte) json.RawMessage {
	if len(b) == 0 || string(b) == "null" {
		return emptyObject
	}
	return b
}

// isJSONObject reports whether b is a syntactically valid JSON object.
func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) >= 2 && b[0] == '{' && json.Valid(b)
}
