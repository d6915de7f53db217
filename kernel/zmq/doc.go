// Package zmq is gokernel's ZeroMQ transport: it binds the five Jupyter
// sockets named in a connection file (ROUTER shell, control and stdin, PUB
// iopub, REP heartbeat) with the pure-Go zmq4 library and implements
// kernel.Transport. It is the only package that imports zmq4.
//
// All sockets are created from one context; Close cancels it, which unblocks
// every Recv. The heartbeat is answered by its own goroutine, so it echoes
// even while a cell runs.
package zmq
