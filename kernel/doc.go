// Package kernel implements the Jupyter messaging protocol (version 5.3) for
// gokernel, independent of any transport or language.
//
// The package knows message framing and signing (wire.go), the connection
// file (connfile.go), typed message contents (content.go), the handler table
// that answers every request with busy, reply and idle (kernel.go,
// handlers.go), and coalesced output streams routed to the request that is
// running (stream.go).
//
// Its two boundaries are interfaces: a Transport carries raw frames (the
// ZeroMQ one lives in kernel/zmq, an in-memory one in kernel/kerneltest), and
// an Interpreter runs code (the yaegi worker supervisor lives in
// kernel/worker). This package imports neither ZeroMQ nor yaegi.
package kernel
