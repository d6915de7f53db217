package mt

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
)

// Stdin, when not nil, is where Input reads lines instead of the Host's
// standard input (Host.Stdin: os.Stdin by default; in the kernel the
// cell's standard input, a LineReader that asks the frontend with an
// input_request carrying the prompt). Set it before calling Input.
var Stdin io.Reader

// LineReader is a Stdin that shows the prompt itself: a Jupyter kernel puts
// it in the input_request it sends the frontend, as Python's input() does
// under ipykernel. When Stdin is a LineReader, Input and GetPass call
// ReadLine instead of writing the prompt to Stdout and reading a line.
// ReadLine returns the line without its line ending; it fails when no line
// can be had (the frontend does not allow input, Ctrl-D: io.EOF).
type LineReader interface {
	ReadLine(prompt string, password bool) (string, error)
}

var input = struct {
	mu       sync.Mutex
	answers  []string
	envDone  bool
	pending  chan lineResult // a read in flight or finished but not consumed
	prompted bool            // the pending read shows its prompt itself (LineReader)
	reader   io.Reader
	buffered *bufio.Reader
}{}

type lineResult struct {
	line string
	err  error
}

// SetInputs replaces the queue of scripted answers. Input uses them when
// Stdin has nothing to give (it fails or is at its end): in the kernel that
// is when the frontend does not allow stdin (papermill, nbconvert), so the
// same notebook asks a person interactively and runs headless with its
// scripted answers. A scripted answer is echoed on Stdout after its prompt,
// "prompt answer\n", so that a headless transcript reads like a terminal
// session (GetPass echoes the prompt only). If SetInputs was never called,
// the environment variable MT_INPUTS (answers separated by newlines) is
// used the first time Input needs an answer.
func SetInputs(answers ...string) {
	input.mu.Lock()
	defer input.mu.Unlock()
	input.answers = append([]string(nil), answers...)
	input.envDone = true
}

// Input is Python's input(prompt): it shows prompt and returns the next line
// of input without its line ending — a line read from Stdin or, when Stdin
// fails or is at its end, the next scripted answer (SetInputs, MT_INPUTS).
// A LineReader Stdin shows the prompt itself (the kernel's input_request);
// any other Stdin gets the prompt written to Stdout first, as a terminal
// program does. With neither a line nor an answer it returns "EOFError: EOF
// when reading a line" (errors.Is(err, EOFError)). It blocks until a line
// arrives; InputCtx can be cancelled.
func Input(prompt string) (string, error) { return InputCtx(context.Background(), prompt) }

// InputCtx is Input ending with ctx.Err() when ctx is done first. The read
// from Stdin cannot itself be cancelled: a line that arrives later is
// returned by the next Input.
func InputCtx(ctx context.Context, prompt string) (string, error) {
	return readInput(ctx, prompt, false)
}

// GetPass is Python's getpass.getpass(prompt): Input for a secret. A
// LineReader Stdin is asked with password set (the kernel's input_request
// says so and the frontend hides what is typed); a scripted answer is not
// echoed, only its prompt. It blocks; GetPassCtx can be cancelled.
func GetPass(prompt string) (string, error) { return GetPassCtx(context.Background(), prompt) }

// GetPassCtx is GetPass ending with ctx.Err() when ctx is done first.
func GetPassCtx(ctx context.Context, prompt string) (string, error) {
	return readInput(ctx, prompt, true)
}

func readInput(ctx context.Context, prompt string, password bool) (string, error) {
	input.mu.Lock()
	if input.pending == nil {
		ch := make(chan lineResult, 1)
		input.pending = ch
		in := Stdin
		if in == nil {
			in = currentHost().Stdin()
		}
		if lr, ok := in.(LineReader); ok {
			input.prompted = true
			go func() {
				line, err := lr.ReadLine(prompt, password)
				if err != nil {
					err = newError("EOFError", "EOF when reading a line")
				}
				ch <- lineResult{line: line, err: err}
			}()
		} else {
			input.prompted = false
			if input.reader != in {
				input.reader = in
				input.buffered = nil
				if in != nil {
					input.buffered = bufio.NewReaderSize(oneByte{in}, 16)
				}
			}
			go readLine(input.buffered, ch)
		}
	}
	ch, prompted := input.pending, input.prompted
	input.mu.Unlock()
	if !prompted {
		printf(Stdout, "%s", prompt)
	}
	var r lineResult
	select {
	case r = <-ch:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	input.mu.Lock()
	defer input.mu.Unlock()
	input.pending = nil
	if r.err == nil {
		return r.line, nil
	}
	if !input.envDone {
		input.envDone = true
		if env, ok := os.LookupEnv("MT_INPUTS"); ok {
			input.answers = strings.Split(strings.TrimSuffix(env, "\n"), "\n")
		}
	}
	if len(input.answers) == 0 {
		return "", r.err
	}
	a := input.answers[0]
	input.answers = input.answers[1:]
	echo := a
	if password {
		echo = ""
	}
	if prompted {
		printf(Stdout, "%s%s\n", prompt, echo)
	} else {
		printf(Stdout, "%s\n", echo)
	}
	return a, nil
}

func readLine(br *bufio.Reader, ch chan<- lineResult) {
	if br == nil {
		ch <- lineResult{err: newError("EOFError", "EOF when reading a line")}
		return
	}
	line, err := br.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		ch <- lineResult{err: newError("EOFError", "EOF when reading a line")}
		return
	}
	ch <- lineResult{line: strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")}
}

// oneByte reads one byte at a time so that Input never consumes more than
// its line from a shared Stdin (the rest stays for fmt.Scan and friends).
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
