package kernel

// Channel names one of the kernel's sockets.
type Channel int

// The kernel's channels. Heartbeat is the transport's own business.
const (
	Shell Channel = iota
	Control
	Stdin
	IOPub
)

func (c Channel) String() string {
	switch c {
	case Shell:
		return "shell"
	case Control:
		return "control"
	case Stdin:
		return "stdin"
	case IOPub:
		return "iopub"
	}
	return "unknown"
}

// Transport carries raw message frames between the kernel and its clients.
//
// Recv blocks until a multipart message arrives on a ROUTER channel (Shell,
// Control or Stdin) and returns an error once the transport is closed. Send
// sends a multipart message; for IOPub the first frame is the topic. Send and
// Recv may be called concurrently for different channels; the kernel never
// calls Send concurrently for the same channel, nor Recv.
type Transport interface {
	Recv(ch Channel) ([][]byte, error)
	Send(ch Channel, frames [][]byte) error
	Close() error
}
