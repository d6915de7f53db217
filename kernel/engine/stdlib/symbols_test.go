package stdlib

import (
	"crypto/sha3"
	"errors"
	"fmt"
	"go/constant"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"reflect"
	"slices"
	"strings"
	"structs"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPackages(t *testing.T) {
	pkgs := Packages()
	if len(pkgs) < 150 {
		t.Errorf("%d packages, want at least 150", len(pkgs))
	}
	if !slices.IsSorted(pkgs) {
		t.Error("Packages() not sorted")
	}
	for _, p := range []string{
		"fmt", "strings", "os", "os/exec", "os/signal", "net/http", "net/http/httptest", "math/rand/v2",
		"encoding/json", "context", "errors", "sort", "bufio", "sync", "time", "log/slog",
		// Packages yaegi v0.16.1 has no table for.
		"iter", "unique", "weak", "structs", "crypto/sha3", "crypto/hkdf", "crypto/pbkdf2",
		"crypto/mlkem", "crypto/hpke", "testing/synctest", "embed",
	} {
		if !slices.Contains(pkgs, p) {
			t.Errorf("Packages() lacks %s", p)
		}
	}
	for _, p := range []string{"unsafe", "plugin", "runtime/cgo", "time/tzdata", "internal/abi", "vendor/golang.org/x/net/idna"} {
		if slices.Contains(pkgs, p) {
			t.Errorf("Packages() has %s", p)
		}
	}
	e := Symbols()
	if len(e) != len(pkgs)+1 {
		t.Errorf("Symbols() has %d entries, want %d packages + \".\"", len(e), len(pkgs))
	}
	for _, p := range pkgs {
		i, _ := find(p)
		if _, ok := e[p+"/"+index[i].name]; !ok {
			t.Errorf("Symbols() lacks %s/%s", p, index[i].name)
		}
	}
}

// TestSymbolValues checks that names map to the right native values.
func TestSymbolValues(t *testing.T) {
	e := Symbols()
	get := func(t *testing.T, key, name string) reflect.Value {
		t.Helper()
		v, ok := e[key][name]
		if !ok {
			t.Fatalf("%s lacks %s", key, name)
		}
		return v
	}
	funcs := []struct {
		key, name string
		fn        any
	}{
		{"fmt/fmt", "Println", fmt.Println},
		{"strings/strings", "Lines", strings.Lines},
		{"os/exec/exec", "Command", exec.Command},
		{"math/rand/v2/rand", "IntN", rand.IntN},
		{"errors/errors", "Join", errors.Join},
		{"os/signal/signal", "Notify", signal.Notify},
		{"crypto/sha3/sha3", "New256", sha3.New256},
		{"os/os", "Exit", os.Exit},
		{"os/os", "OpenRoot", os.OpenRoot},
	}
	for _, c := range funcs {
		t.Run(c.key+"."+c.name, func(t *testing.T) {
			if got, want := get(t, c.key, c.name).Pointer(), reflect.ValueOf(c.fn).Pointer(); got != want {
				t.Errorf("func %#x, want %#x", got, want)
			}
		})
	}
	types := []struct {
		key, name string
		typ       reflect.Type
	}{
		{"os/exec/exec", "Cmd", reflect.TypeFor[exec.Cmd]()},
		{"io/io", "Reader", reflect.TypeFor[io.Reader]()},
		{"net/http/http", "Handler", reflect.TypeFor[http.Handler]()},
		{"structs/structs", "HostLayout", reflect.TypeFor[structs.HostLayout]()},
		{"time/time", "Duration", reflect.TypeFor[time.Duration]()},
	}
	for _, c := range types {
		t.Run(c.key+"."+c.name, func(t *testing.T) {
			if got := get(t, c.key, c.name).Type().Elem(); got != c.typ {
				t.Errorf("type %v, want %v", got, c.typ)
			}
		})
	}
	t.Run("os.Args", func(t *testing.T) {
		v := get(t, "os/os", "Args")
		if !v.CanSet() || v.Addr().Interface().(*[]string) != &os.Args {
			t.Error("os.Args is not the settable variable")
		}
	})
	t.Run("time.Second", func(t *testing.T) {
		if got := get(t, "time/time", "Second").Interface(); got != time.Second {
			t.Errorf("typed constant %v, want %v", got, time.Second)
		}
	})
	untyped := []struct {
		key, name string
		check     func(constant.Value) bool
	}{
		{"math/math", "MaxUint64", func(v constant.Value) bool {
			u, exact := constant.Uint64Val(v)
			return exact && u == math.MaxUint64
		}},
		{"math/math", "MinInt64", func(v constant.Value) bool {
			i, exact := constant.Int64Val(v)
			return exact && i == math.MinInt64
		}},
		{"math/math", "Pi", func(v constant.Value) bool {
			f, _ := constant.Float64Val(v)
			return f == math.Pi && v.Kind() == constant.Float
		}},
		{"math/math", "MaxFloat64", func(v constant.Value) bool {
			f, _ := constant.Float64Val(v)
			return f == math.MaxFloat64
		}},
		{"os/os", "DevNull", func(v constant.Value) bool { return constant.StringVal(v) == os.DevNull }},
		{"unicode/utf8/utf8", "RuneError", func(v constant.Value) bool {
			i, exact := constant.Int64Val(v)
			return exact && i == utf8.RuneError
		}},
	}
	for _, c := range untyped {
		t.Run(c.key+"."+c.name, func(t *testing.T) {
			v, ok := get(t, c.key, c.name).Interface().(constant.Value)
			if !ok {
				t.Fatal("untyped constant is not a constant.Value")
			}
			if !c.check(v) {
				t.Errorf("wrong value %v", v)
			}
		})
	}
}

// TestWrappers checks every generated interface wrapper against what yaegi
// expects: field 0 IValue, then one W<Method> func per method, and the
// wrapper implements the interface whenever interpreted code can (the
// interface has no unexported method).
func TestWrappers(t *testing.T) {
	n := 0
	for key, syms := range Symbols() {
		for name, w := range syms {
			if !strings.HasPrefix(name, "_") {
				continue
			}
			n++
			iv, ok := syms[name[1:]]
			if !ok {
				t.Errorf("%s: wrapper %s without interface", key, name)
				continue
			}
			iface, wt := iv.Type().Elem(), w.Type().Elem()
			if wt.Field(0).Name != "IValue" {
				t.Errorf("%s.%s: field 0 is %s", key, name, wt.Field(0).Name)
			}
			exported := 0
			for i := range iface.NumMethod() {
				m := iface.Method(i)
				if !m.IsExported() {
					continue
				}
				exported++
				if f, ok := wt.FieldByName("W" + m.Name); !ok || f.Type != m.Type {
					t.Errorf("%s.%s: no field W%s of type %v", key, name, m.Name, m.Type)
				}
			}
			if wt.NumField() != exported+1 {
				t.Errorf("%s.%s: %d fields for %d methods", key, name, wt.NumField(), exported)
			}
			if exported == iface.NumMethod() && !wt.Implements(iface) {
				t.Errorf("%s.%s does not implement %v", key, name, iface)
			}
		}
	}
	if n < 150 {
		t.Errorf("%d wrappers, want at least 150", n)
	}
}

// TestAPI checks that API added after Go 1.22 is present when it is not
// generic and absent when it is.
func TestAPI(t *testing.T) {
	e := Symbols()
	cases := []struct {
		key, name string
		present   bool
	}{
		{"strings/strings", "Lines", true},          // 1.24, returns iter.Seq[string]
		{"strings/strings", "SplitSeq", true},       // 1.24
		{"bytes/bytes", "FieldsFuncSeq", true},      // 1.24
		{"os/os", "CopyFS", true},                   // 1.23
		{"os/os", "Root", true},                     // 1.24
		{"crypto/sha3/sha3", "SHA3", true},          // 1.24
		{"crypto/hpke/hpke", "Seal", true},          // 1.26
		{"testing/synctest/synctest", "Test", true}, // 1.25
		{"log/slog/slog", "DiscardHandler", true},   // 1.24
		{"go/version/version", "Compare", true},     // 1.22
		{"encoding/encoding", "TextAppender", true}, // 1.24
		{"errors/errors", "AsType", false},          // 1.26, generic
		{"runtime/runtime", "AddCleanup", false},    // 1.24, generic
		{"unique/unique", "Make", false},
		{"iter/iter", "Seq", false},
		{"slices/slices", "Index", false},
		{"maps/maps", "Keys", false},
		{"sync/sync", "OnceValue", false},
		{"sync/atomic/atomic", "Pointer", false},
		{"cmp/cmp", "Ordered", false}, // a constraint
	}
	for _, c := range cases {
		t.Run(c.key+"."+c.name, func(t *testing.T) {
			syms, ok := e[c.key]
			if !ok {
				t.Fatalf("no table %s", c.key)
			}
			if _, got := syms[c.name]; got != c.present {
				t.Errorf("present = %v, want %v", got, c.present)
			}
		})
	}
}

// TestLoadErrors checks the paths Load refuses.
func TestLoadErrors(t *testing.T) {
	for _, path := range []string{"no/such/pkg", "plugin", "unsafe", "internal/abi", ""} {
		if e, err := Load("fmt", path); err == nil {
			t.Errorf("Load(%q) = %d tables, want an error", path, len(e))
		}
	}
}

// TestUnrestrictedExit checks that os.Exit in interpreted code really ends
// the process when the tables are not restricted.
func TestUnrestrictedExit(t *testing.T) {
	out, code := runChild(t, "interp-exit")
	if code != 7 {
		t.Errorf("exit code %d, want 7; output %q", code, out)
	}
}

// TestSymbolsShared checks that tables are built once and shared, while
// each call returns its own outer map.
func TestSymbolsShared(t *testing.T) {
	a, b := Symbols(), Symbols()
	l, err := Load("fmt")
	if err != nil {
		t.Fatal(err)
	}
	if reflect.ValueOf(a["fmt/fmt"]).UnsafePointer() != reflect.ValueOf(b["fmt/fmt"]).UnsafePointer() ||
		reflect.ValueOf(a["fmt/fmt"]).UnsafePointer() != reflect.ValueOf(l["fmt/fmt"]).UnsafePointer() {
		t.Error("fmt table built more than once")
	}
	delete(a, "fmt/fmt")
	if _, ok := b["fmt/fmt"]; !ok {
		t.Error("deleting from one result changed another")
	}
}

// TestConcurrent builds tables from several goroutines at once; run with
// -race to check the lazy initialisation.
func TestConcurrent(t *testing.T) {
	done := make(chan int)
	for g := range 4 {
		go func() {
			n := 0
			if g%2 == 0 {
				n = len(Symbols())
			} else if e, err := Load("net/http", "os", "fmt"); err == nil {
				n = len(e)
			}
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n == 0 {
			t.Error("a goroutine got no tables")
		}
	}
}
