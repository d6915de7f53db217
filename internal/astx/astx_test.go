package astx

import (
	"go/parser"
	"testing"
)

func TestRecvTypeName(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"T": "T", "*T": "T", "(*T)": "T", "T[K]": "T", "*T[K, V]": "T", "[]T": "", "pkg.T": "",
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := RecvTypeName(e); got != want {
			t.Errorf("RecvTypeName(%s) = %q; want %q", src, got, want)
		}
	}
}
