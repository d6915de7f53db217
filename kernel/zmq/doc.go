// Package zmq is gokernel's ZeroMQ transport: it binds the five Jupyter
// sockets named in a connection file (ROUTER shell, control and stdin, PUB
// iopub, REP heartbeat) with the pure-Go zmq4 library and implements
// kernel.Transport. It is the only package that imports zmq4.
//
// All sockets are created from one context; Close cancels it, which unblocks
// every Recv. The heartbeat is answered by its own goroutine, so it echoes
// even while a cell runs.
//
// Over TCP every socket listens through a guarded transport registered with
// zmq4 (guard.go, listener.go, zmtp.go), because zmq4 trusts its peers: it
// allocates whatever size a frame header declares, slices READY metadata
// without bounds checks, runs each handshake inside its accept loop without
// a deadline and writes to peers with blocking writes. The guard therefore
//   - completes each peer's greeting and READY in its own goroutine, under
//     Limits.HandshakeTimeout, before zmq4's accept loop ever sees the
//     connection;
//   - releases the peer's bytes to zmq4 only after checking them: frame,
//     message and command sizes within Limits, READY metadata well-formed
//     and naming a compatible socket type; anything else closes the
//     connection (zmq4 itself would panic or leak it);
//   - queues writes per peer (at most Limits.MaxPending bytes) and drains
//     them under Limits.WriteTimeout, resetting a peer that stops reading,
//     so one stalled client never freezes the others.
package zmq
