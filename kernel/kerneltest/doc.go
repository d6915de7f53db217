// Package kerneltest runs a kernel.Kernel without sockets: an in-memory
// Transport and a Client that speaks the protocol to it, signing and checking
// every message like jupyter_client does. Tests of the protocol core and of
// interpreters use it.
package kerneltest
