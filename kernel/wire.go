package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// delimiter separates routing ids from the signed parts of a message.
var delimiter = []byte("<IDS|MSG>")

// Errors returned by Decode. Callers drop such messages and log them.
var (
	ErrBadSignature = errors.New("kernel: bad message signature")
	ErrNoDelimiter  = errors.New("kernel: no <IDS|MSG> delimiter frame")
	ErrShortMessage = errors.New("kernel: message has fewer than 5 frames after the delimiter")
	ErrReplayed     = errors.New("kernel: message signature seen before (replayed message)")
)

// schemes maps each supported signature_scheme to its hash, named as
// jupyter_client names them ("hmac-" + a hashlib algorithm).
var schemes = map[string]func() hash.Hash{
	"hmac-md5":        md5.New,
	"hmac-sha1":       sha1.New,
	"hmac-sha224":     sha256.New224,
	"hmac-sha256":     sha256.New,
	"hmac-sha384":     sha512.New384,
	"hmac-sha512":     sha512.New,
	"hmac-sha512_224": sha512.New512_224,
	"hmac-sha512_256": sha512.New512_256,
	"hmac-sha3_224":   func() hash.Hash { return sha3.New224() },
	"hmac-sha3_256":   func() hash.Hash { return sha3.New256() },
	"hmac-sha3_384":   func() hash.Hash { return sha3.New384() },
	"hmac-sha3_512":   func() hash.Hash { return sha3.New512() },
}

// SignatureSchemes lists the supported signature schemes, sorted.
func SignatureSchemes() []string {
	var names []string
	for n := range schemes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// historySize is how many signatures a Signer remembers to refuse replays,
// as ipykernel's Session.digest_history_size.
const historySize = 1 << 16

// Signer signs and verifies messages with an HMAC over the raw bytes of the
// connection key. The zero value (no key) signs with an empty string and
// accepts any signature. With a key, a signature must be lower-case hex and
// one already accepted (among the last 65536) is refused as a replay. A
// Signer is safe for concurrent use.
type Signer struct {
	key  []byte
	pool sync.Pool
	size int

	mu   sync.Mutex
	seen map[string]struct{}
	ring []string // seen signatures, oldest first once full
	next int
}

// NewSigner returns a Signer for key; scheme is one of SignatureSchemes
// (empty means hmac-sha256).
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme == "" {
		scheme = "hmac-sha256"
	}
	newHash, ok := schemes[scheme]
	if !ok {
		return nil, fmt.Errorf("kernel: unsupported signature scheme %q (want one of %s)",
			scheme, strings.Join(SignatureSchemes(), ", "))
	}
	s := &Signer{key: bytes.Clone(key), size: newHash().Size(), seen: map[string]struct{}{}}
	s.pool.New = func() any { return hmac.New(newHash, s.key) }
	return s, nil
}

// remember records sig and reports whether it was new.
func (s *Signer) remember(sig []byte) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.seen[string(sig)]; dup {
		return false
	}
	k := string(sig)
	if len(s.ring) < historySize {
		s.ring = append(s.ring, k)
	} else {
		delete(s.seen, s.ring[s.next])
		s.ring[s.next] = k
		s.next = (s.next + 1) % historySize
	}
	s.seen[k] = struct{}{}
	return true
}

// Sign returns the lowercase hex signature of the four signed parts, or ""
// when there is no key.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if s == nil || len(s.key) == 0 {
		return ""
	}
	var sum [sha512.Size]byte
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

// verify reports whether sig is the lower-case hex signature of the parts,
// in constant time.
func (s *Signer) verify(sig []byte, header, parent, metadata, content []byte) bool {
	if s == nil || len(s.key) == 0 {
		return true
	}
	if len(sig) != 2*s.size {
		return false
	}
	for _, c := range sig {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	want := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(want, sig); err != nil {
		return false
	}
	var sum [sha512.Size]byte
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
	if s != nil && len(s.key) > 0 && !s.remember(sig) {
		return nil, ErrReplayed
	}
	if !utf8.Valid(header) {
		// Echoed as parent_header: never send a client invalid UTF-8.
		header = bytes.ToValidUTF8(header, []byte("\uFFFD"))
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
