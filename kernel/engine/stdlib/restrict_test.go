package stdlib_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/stdlib"
	"github.com/traefik/yaegi/interp"
)

func TestRestrict(t *testing.T) {
	cases := []struct {
		name, prog string
		code       int
	}{
		{"os.Exit", "package main\n\nimport \"os\"\n\nfunc main() { os.Exit(3) }\n", 3},
		{"syscall.Exit", "package main\n\nimport \"syscall\"\n\nfunc main() { syscall.Exit(4) }\n", 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i := interp.New(interp.Options{Unrestricted: true})
			if err := i.Use(stdlib.Restrict(stdlib.Symbols())); err != nil {
				t.Fatal(err)
			}
			_, err := i.Eval(c.prog)
			var p interp.Panic
			if !errors.As(err, &p) {
				t.Fatalf("Eval error %v (%T), want an interp.Panic", err, err)
			}
			if exit, ok := p.Value.(stdlib.Exit); !ok || exit.Code != c.code {
				t.Errorf("panic value %#v, want stdlib.Exit{Code: %d}", p.Value, c.code)
			}
		})
	}
	t.Run("recover", func(t *testing.T) {
		var out bytes.Buffer
		i := interp.New(interp.Options{Stdout: &out, Unrestricted: true})
		if err := i.Use(stdlib.Restrict(stdlib.Symbols())); err != nil {
			t.Fatal(err)
		}
		_, err := i.Eval(`package main

import (
	"fmt"
	"os"
)

func main() {
	defer func() { fmt.Println("recovered:", recover()) }()
	os.Exit(5)
}`)
		if err != nil {
			t.Fatal(err)
		}
		if want := "recovered: stdlib: exit status 5\n"; out.String() != want {
			t.Errorf("output %q, want %q", out.String(), want)
		}
	})
	t.Run("original unchanged", func(t *testing.T) {
		e := stdlib.Symbols()
		r := stdlib.Restrict(e)
		exit := reflect.ValueOf(os.Exit).Pointer()
		if e["os/os"]["Exit"].Pointer() != exit || stdlib.Symbols()["os/os"]["Exit"].Pointer() != exit {
			t.Error("Restrict changed the shared os table")
		}
		if r["os/os"]["Exit"].Pointer() == exit {
			t.Error("Restrict left os.Exit")
		}
		if r["fmt/fmt"]["Println"] != e["fmt/fmt"]["Println"] {
			t.Error("Restrict changed fmt")
		}
	})
}

// TestLoad runs a cell with only the tables it imports.
func TestLoad(t *testing.T) {
	e, err := stdlib.Load("fmt", "strings", "math/rand/v2")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range e {
		keys = append(keys, k)
	}
	if len(e) != 4 || e["."] == nil || e["math/rand/v2/rand"] == nil {
		t.Errorf("Load returned %v, want fmt, strings, rand and \".\"", keys)
	}
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out})
	if err := i.Use(e); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(`package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

func main() { fmt.Println(strings.ToUpper("ok"), rand.IntN(1)) }`); err != nil {
		t.Fatal(err)
	}
	if out.String() != "OK 0\n" {
		t.Errorf("output %q", out.String())
	}
	_, err = i.Eval(`import "os"`)
	if err == nil || !strings.Contains(err.Error(), "os") {
		t.Errorf("importing a package not loaded: err = %v", err)
	}
}
