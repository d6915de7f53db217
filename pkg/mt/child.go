package mt

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"reflect"
)

// Main must be the first statement of main in a program that uses
// processes or process pools. In the parent it registers targets (see
// Register) and returns at once. In a child started by mt it registers the
// same targets, runs what the parent asked (one target for a Process, a task
// loop for a Pool worker) and exits the process: code after Main never runs
// in a child. Test binaries call Main at the top of TestMain.
func Main(targets ...any) {
	Register(targets...)
	if os.Getenv(childEnv) == "" {
		return
	}
	os.Exit(RunChild())
}

// IsChild reports whether this program was started by mt as a child
// process (and RunChild has not run yet).
func IsChild() bool { return os.Getenv(childEnv) != "" }

// RunChild serves the parent that started this process (the task it sent
// on file descriptors 3 and 4) and returns the exit code to exit with. Main
// calls it; a host that must prepare first (the kernel replays the session
// and installs its Host) checks IsChild and calls RunChild itself.
func RunChild() int {
	os.Unsetenv(childEnv) // the child's own children are started fresh
	return runChild(os.NewFile(3, "mt-control"), os.NewFile(4, "mt-results"))
}

// IsMainProcess reports whether the program runs as the parent: the
// opposite of IsChild.
func IsMainProcess() bool { return !IsChild() }

// runChild serves the parent and returns the exit code.
func runChild(ctl, res *os.File) int {
	dec := gob.NewDecoder(ctl)
	var spec childSpec
	if err := dec.Decode(&spec); err != nil {
		fmt.Fprintf(os.Stderr, "mt: child: reading spec: %v\n", err)
		return 2
	}
	switch spec.Mode {
	case "process":
		return runProcessChild(spec)
	case "pool":
		return runPoolChild(dec, gob.NewEncoder(res))
	}
	fmt.Fprintf(os.Stderr, "mt: child: unknown mode %q\n", spec.Mode)
	return 2
}

func runProcessChild(spec childSpec) int {
	_, err := callRemote(spec.Target, spec.Args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "Process %s:\n%v\n", spec.Name, err)
		return 1
	}
	return 0
}

func runPoolChild(dec *gob.Decoder, enc *gob.Encoder) int {
	for {
		var t taskMsg
		if err := dec.Decode(&t); err != nil {
			if err == io.EOF {
				return 0
			}
			fmt.Fprintf(os.Stderr, "mt: pool worker: %v\n", err)
			return 2
		}
		out, err := callRemote(t.Target, t.Args)
		if err := enc.Encode(encodeResult(t.ID, out, err)); err != nil {
			fmt.Fprintf(os.Stderr, "mt: pool worker: %v\n", err)
			return 2
		}
	}
}

// callRemote decodes args for the registered target name and calls it,
// recovering a panic as a *PanicError.
func callRemote(name string, args []wireValue) (out []reflect.Value, err error) {
	c, ok := lookupTarget(name)
	if !ok {
		if hosted() {
			return nil, newError("AttributeError", "can't get attribute '%s' in the child process: a target must be a top-level function declared before the process or pool started", name)
		}
		return nil, newError("RuntimeError", "process target %s is not registered in the child: register it before mt.Main()", name)
	}
	ts := paramTypes(c.fn.Type(), len(args))
	in := make([]reflect.Value, len(args))
	for i, w := range args {
		if in[i], err = decodeValue(w, ts[i]); err != nil {
			return nil, fmt.Errorf("mt: decoding argument %d of %s: %w", i+1, name, err)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, &PanicError{Value: r}
		}
	}()
	out = c.fn.Call(in)
	if k := len(out); k > 0 && out[k-1].Type() == errorType && !out[k-1].IsNil() {
		err = out[k-1].Interface().(error)
	}
	return out, err
}
