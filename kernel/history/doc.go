// Package history keeps the cells of every gokernel session of a user, for
// history_request (JupyterLab's console ↑, jupyter console's ↑ after a
// restart, the inline history completer).
//
// All sessions share one file, history.jsonl, in a gokernel directory of the
// user's Jupyter data directory. Each line is one JSON record: a session's
// start ({"session":3,"start":"…"}), a cell's input
// ({"session":3,"line":5,"source":"…"}) or its output text
// ({"session":3,"line":5,"output":"…"}). Kernels running at the same time
// append whole lines with O_APPEND, one write each, under an exclusive lock
// on history.lock (flock on Unix), and read under a shared lock, so no
// reader sees a torn line and no writer overwrites another's. The file is
// bounded: when an append makes it larger than Options.MaxBytes, the newest
// records that fit in half of that are written to a temporary file that
// replaces it (rename), under the same lock. A new session's number is one
// more than the largest in the file, taken under the lock.
package history
