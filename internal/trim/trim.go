// Package trim returns pages of the running executable to the page cache.
//
// The kernel and its worker are one binary that links the whole standard
// library (the interpreter's symbol tables need it), so starting either
// process runs, and maps in, the init code and data of some 200 packages.
// Those pages are clean and file-backed: dropping them from the process's
// resident set costs nothing but a minor fault if one is touched again.
package trim

// Binary drops the read-only mappings of the executable (code and constant
// data; never writable ones) from the resident set. It is a no-op where
// the operating system offers no way to do it, and it never fails: a
// process that cannot trim simply stays larger.
func Binary() { binary() }
