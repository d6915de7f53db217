package serve

import (
	"fmt"
	"strings"
	"testing"
)

func TestChildDecls(t *testing.T) {
	v := func(names ...string) func(src string) decl {
		return func(src string) decl { return decl{Kind: "var", Names: names, Src: src} }
	}
	f := func(name, src string) decl { return decl{Kind: "func", Names: []string{name}, Src: src} }
	ds := []decl{
		{Kind: "import", Names: []string{"os"}, Src: `import "os"`},
		v("workDir")(`;var workDir, _ = os.MkdirTemp("", "x")`), // nothing refers to it: dropped
		v("base")(`;var base = 40`),                             // used by offset
		v("offset")(`;var offset = base + 2`),                   // used by answer
		v("err")(`;var err = os.Remove("gone")`),                // only a local of answer's: dropped
		f("answer", `func answer() int { err := 1; return offset + err }`),
		{Kind: "type", Names: []string{"T"}, Src: `type T struct{ N int }`},
		v("unused")(`;var unused = T{N: 1}`),                                     // refers to T, but nothing refers to it
		v("params")(`;var params = func() int { base = 5; return 0 }()`),         // sets base: kept
		v("reader")(`;var reader = func() int { n := base; n = 2; return n }()`), // only reads base: dropped
	}
	var got []string
	for _, d := range childDecls(ds) {
		got = append(got, fmt.Sprint(d.Kind, d.Names))
	}
	want := []string{"import[os]", "var[base]", "var[offset]", "func[answer]", "type[T]", "var[params]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("childDecls = %v, want %v", got, want)
	}
}

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
