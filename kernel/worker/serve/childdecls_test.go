package serve

import (
	"fmt"
	"testing"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
)

func TestChildDecls(t *testing.T) {
	v := func(names ...string) func(src string) protocol.Decl {
		return func(src string) protocol.Decl { return protocol.Decl{Kind: "var", Names: names, Src: src} }
	}
	f := func(name, src string) protocol.Decl {
		return protocol.Decl{Kind: "func", Names: []string{name}, Src: src}
	}
	ds := []protocol.Decl{
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
