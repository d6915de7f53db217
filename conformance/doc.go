// Package conformance runs the Go distribution's own test programs
// ($GOROOT/test, those marked `// run`) through gokernel, each pasted as one
// cell into a fresh session (a new worker process), and compares what the
// cell prints with what `go run` prints (the program's .out file, or
// nothing).
//
// The same programs can be run by the plain yaegi interpreter (Yaegi), so
// that a failure can be told apart as the kernel's own (yaegi passes, the
// kernel fails) or the interpreter's.
//
// cmd/conform runs the whole suite and writes a results file and a summary
// (see run.sh); the package test runs a fixed sample (sample.tsv) and fails
// when a program that passed there fails now.
package conformance
