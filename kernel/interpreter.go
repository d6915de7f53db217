package kernel

import (
	"context"
	"errors"
	"io"
)

// Interpreter runs code for the kernel. The kernel calls Execute for one
// request at a time; IsComplete may be called concurrently with Execute.
type Interpreter interface {
	// Start prepares the interpreter. host stays valid until Close and is
	// where all output goes, including output written after Execute
	// returned (it is routed to the request running at that time).
	Start(ctx context.Context, host Host) error

	// Execute runs one cell. ctx is cancelled when the user interrupts;
	// Execute must then return within a few seconds with an error whose
	// Name is "Interrupted". Output written before Execute returns must be
	// flushed to host before it returns.
	Execute(ctx context.Context, req *Execution) *Result

	// IsComplete classifies code for is_complete_request: "complete",
	// "incomplete" (with indent), "invalid" or "unknown".
	IsComplete(code string) (status, indent string)

	// Close stops the interpreter and everything it started.
	Close() error
}

// Execution is what an Interpreter needs to know about one execute request.
type Execution struct {
	Code           string
	ExecutionCount int
	Silent         bool
}

// Result is the outcome of Execute. A nil Err means success; Data (may be
// nil) is the cell's value, shown as execute_result with Metadata (may be
// nil).
type Result struct {
	Data     MIMEBundle
	Metadata map[string]any
	Err      *Error
	// Payload goes into execute_reply's payload (a successful cell only):
	// PagePayload for text to show in the frontend's pager.
	Payload []any
}

// PagePayload is the execute_reply payload that shows text in the
// frontend's pager (JupyterLab's help panel, jupyter console's pager).
func PagePayload(text string) map[string]any {
	return map[string]any{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}
}

// Error is a failed execution as the frontend shows it.
type Error struct {
	Name      string
	Value     string
	Traceback []string
}

// Host is what the kernel offers an Interpreter.
type Host interface {
	// Stdout and Stderr accept output at any time, from any goroutine.
	// It is coalesced and published as stream messages whose parent is the
	// request running when it is flushed.
	Stdout() io.Writer
	Stderr() io.Writer
	// Flush publishes buffered output now.
	Flush()
	// Input asks the frontend of the running request for a line of input.
	// It fails at once with ErrStdinNotAllowed when the request does not
	// allow stdin, and with ctx.Err() when ctx is done first.
	Input(ctx context.Context, prompt string, password bool) (string, error)
	// Display publishes a rich output message (display.go) to the running
	// request, after the stream output written before it.
	Display(d *Display)
}

// ErrStdinNotAllowed is returned by Host.Input when the frontend did not
// allow input for the running request (nbclient and papermill never do).
var ErrStdinNotAllowed = errors.New("stdin is not available: this frontend does not allow input (allow_stdin=false)")
