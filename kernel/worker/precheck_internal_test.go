package worker

import (
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel"
)

// interpreterFailed marks only the compile failures of cells go/types
// accepted.
func TestInterpreterFailed(t *testing.T) {
	tests := []struct {
		sure        bool
		name, value string
		wantValue   string
		noted       bool
	}{
		{true, "CompileError", "cell[2]:3:1: mismatched types", "interpreter limit: cell[2]:3:1: mismatched types", true},
		{true, "InternalError", "engine: internal interpreter error during compilation: nil type", "engine: internal interpreter error during compilation: nil type", true},
		{true, "InternalError", "engine: internal interpreter error: other", "engine: internal interpreter error: other", false},
		{true, "panic", "boom", "boom", false},
		{false, "CompileError", "cell[2]:1:1: undefined: x", "cell[2]:1:1: undefined: x", false},
	}
	for _, tt := range tests {
		res := interpreterFailed(tt.sure, &kernel.Result{Err: &kernel.Error{Name: tt.name, Value: tt.value, Traceback: []string{tt.value}}})
		noted := strings.Contains(res.Err.Traceback[len(res.Err.Traceback)-1], "not an error in the program")
		if res.Err.Value != tt.wantValue || noted != tt.noted {
			t.Errorf("%v %s %q: value %q, noted %v", tt.sure, tt.name, tt.value, res.Err.Value, noted)
		}
	}
	if res := interpreterFailed(true, &kernel.Result{}); res.Err != nil {
		t.Error("a result without error got one")
	}
}
