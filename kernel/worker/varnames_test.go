package worker

import (
	"strings"
	"testing"
)

// The vars a replay resets are named as the user wrote them: not the
// rewriter's temporaries of `srv, err := f()`, not blanks.
func TestVarNames(t *testing.T) {
	s := &Supervisor{decls: []decl{
		{Kind: "var", Names: []string{"_gkT1_1", "_gkT1_2"}, Src: "var _gkT1_1, _gkT1_2 = f()"},
		{Kind: "var", Names: []string{"srv", "err"}, Src: "var srv, err = _gkT1_1, _gkT1_2"},
		{Kind: "func", Names: []string{"g"}, Src: "func g() {}"},
		{Kind: "var", Names: []string{"_", "n"}, Src: "var _, n = 1, 2"},
	}}
	if got, want := strings.Join(s.varNames(), ","), "srv,err,n"; got != want {
		t.Errorf("varNames = %q, want %q", got, want)
	}
}
