package kernel

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// ProtocolVersion is the Jupyter messaging protocol version this kernel
// speaks. It is written into every header: jupyter_kernel_test treats headers
// below 5.2 as an older protocol.
const ProtocolVersion = "5.3"

// Header is a message header. All six fields are always present on the wire.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message.
//
// ParentHeader, Metadata and Content hold raw JSON objects; they are never
// empty on the wire ("{}" is sent for an empty one). Identities are the
// routing ids that came before the delimiter frame; replies copy them.
type Message struct {
	Identities   [][]byte
	Header       Header
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	// rawHeader is the header exactly as received, kept so that a reply's
	// parent_header is a faithful copy (including fields this kernel does
	// not know).
	rawHeader json.RawMessage
}

// emptyObject is the JSON sent for an empty dict.
var emptyObject = json.RawMessage("{}")

// timeFormat has at most six fractional digits: jupyter_client parses no
// more.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// newMsgID returns a random UUID. Message ids must be unique so that
// signatures never repeat.
func newMsgID() string { return uuid.NewString() }

// header returns a fresh header of the given type for this session.
func (s *session) header(msgType string) Header {
	return Header{
		MsgID:    newMsgID(),
		Session:  s.id,
		Username: s.username,
		Date:     time.Now().UTC().Format(timeFormat),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// session holds what every message the kernel sends shares.
type session struct {
	id       string
	username string
}

// parentOf returns the parent header to use for messages caused by m: the
// request's header as received, or {} when there is no request.
func parentOf(m *Message) json.RawMessage {
	if m == nil {
		return emptyObject
	}
	if len(m.rawHeader) > 0 {
		return m.rawHeader
	}
	b, err := json.Marshal(m.Header)
	if err != nil {
		return emptyObject
	}
	return b
}

// newMessage builds a message of msgType caused by parent (which may be nil),
// with content marshalled from a typed struct. Routing ids are copied from the
// parent; IOPub senders replace them with a topic.
func (s *session) newMessage(parent *Message, msgType string, content any) (*Message, error) {
	c, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	m := &Message{
		Header:       s.header(msgType),
		ParentHeader: parentOf(parent),
		Metadata:     emptyObject,
		Content:      c,
	}
	if parent != nil {
		m.Identities = parent.Identities
	}
	return m, nil
}

// replyType derives a reply's type from its request's: execute_request →
// execute_reply.
func replyType(requestType string) string {
	const suffix = "_request"
	if len(requestType) > len(suffix) && requestType[len(requestType)-len(suffix):] == suffix {
		return requestType[:len(requestType)-len(suffix)] + "_reply"
	}
	return requestType + "_reply"
}

// NewMessage builds a message of msgType with content marshalled to JSON,
// for clients and tests (the kernel builds its own replies from requests).
// session identifies the sender; parent may be nil.
func NewMessage(sessionID, msgType string, parent *Message, content any) (*Message, error) {
	s := session{id: sessionID, username: "client"}
	return s.newMessage(parent, msgType, content)
}
