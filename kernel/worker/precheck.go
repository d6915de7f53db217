package worker

import (
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/magic"
)

// The Supervisor's type check before a cell runs (Supervisor.Checker):
// a cell that go/types rejects fails with Go's messages and never reaches
// the worker; a cell it accepts goes with the type arguments it inferred
// written out; and a compile error of the interpreter on a cell it
// accepted says that the interpreter, not the program, failed.

// NameTypeError is the error name of a cell that go/types rejected before
// it ran (the same as the engine's compile errors: nothing of it ran).
const NameTypeError = "CompileError"

// precheck checks cell name before it runs. It returns the code to send
// to the worker, whether go/types accepted the cell for certain, and the
// result of a cell it rejected (nil when the cell may run).
func (s *Supervisor) precheck(name, code string) (string, bool, *kernel.Result) {
	if s.Checker == nil || !magic.Plain(code) {
		return code, false, nil
	}
	v := s.Checker.Precheck(name, code)
	if !v.Sure {
		return code, false, nil
	}
	if len(v.Errors) > 0 {
		tb := append([]string{}, v.Errors...)
		if len(v.Errors) == gotypes.MaxErrors {
			tb = append(tb, "(only the first "+strconv.Itoa(gotypes.MaxErrors)+" errors are shown)")
		}
		return code, true, &kernel.Result{Err: &kernel.Error{Name: NameTypeError, Value: v.Errors[0], Traceback: tb}}
	}
	return v.Code, true, nil
}

// interpreterFailed marks a compile error of a cell that go/types
// accepted as the interpreter's failure, not the program's: a
// CompileError's value starts with "interpreter limit: ", and it and a
// crash of the interpreter's compiler (an InternalError during
// compilation) end with a line that says so.
func interpreterFailed(sure bool, res *kernel.Result) *kernel.Result {
	if !sure || res.Err == nil {
		return res
	}
	switch {
	case res.Err.Name == NameTypeError:
		res.Err.Value = "interpreter limit: " + res.Err.Value
	case res.Err.Name == "InternalError" && strings.Contains(res.Err.Value, "during compilation"):
	default:
		return res
	}
	note := "gokernel: this is valid Go (Go's type checker accepts the cell); the interpreter (yaegi) could not " +
		"compile it. That is a limit of the interpreter, not an error in the program."
	res.Err.Traceback = append(res.Err.Traceback, note)
	return res
}
