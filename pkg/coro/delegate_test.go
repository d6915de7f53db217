package coro

import (
	"errors"
	"strings"
	"testing"
)

// subgen yields 1 and 2, logging what it receives; it returns "ret", and
// catches ValueError thrown in (yielding "handled").
func subgen(log *[]string) *Generator {
	return NamedGenerator("sub", func(y *Yielder) any {
		defer func() { *log = append(*log, "sub-finally") }()
		for _, v := range []any{1, 2} {
			got, err := y.YieldE(v)
			switch {
			case errors.Is(err, ValueError):
				*log = append(*log, "sub-caught")
				y.Yield("handled")
			case err != nil:
				*log = append(*log, "sub-got-"+err.Error())
				panic(unwind{err})
			case got != nil:
				*log = append(*log, "sub-sent-"+Str(got))
			}
		}
		return "ret"
	})
}

func TestPEP380(t *testing.T) {
	t.Parallel()
	delegator := func(log *[]string, sub func() any) *Generator {
		return NamedGenerator("outer", func(y *Yielder) any {
			r, err := y.FromE(sub())
			if err != nil {
				*log = append(*log, "outer-err-"+err.Error())
				panic(unwind{err})
			}
			*log = append(*log, "outer-result-"+Str(r))
			return r
		})
	}
	cases := []struct {
		name    string
		sub     func(log *[]string) any
		steps   []step
		wantLog string
	}{
		{"1 yields pass through, 5 result is the return value",
			func(log *[]string) any { return subgen(log) },
			[]step{{op: "next", want: 1}, {op: "next", want: 2}, {op: "next", wantErr: "StopIteration: ret", stopVal: "ret"}},
			"sub-finally outer-result-ret"},
		{"2 sent values reach the subgenerator",
			func(log *[]string) any { return subgen(log) },
			[]step{{op: "next", want: 1}, {op: "send", arg: "x", want: 2}, {op: "next", wantErr: "StopIteration: ret", stopVal: "ret"}},
			"sub-sent-x sub-finally outer-result-ret"},
		{"2 send to a plain iterator is an AttributeError",
			func(log *[]string) any { return []any{1, 2} },
			[]step{{op: "next", want: 1}, {op: "send", arg: "x", wantErr: "AttributeError: 'list_iterator' object has no attribute 'send'"}},
			"outer-err-AttributeError: 'list_iterator' object has no attribute 'send'"},
		{"3 thrown errors go to the subgenerator, which may handle them",
			func(log *[]string) any { return subgen(log) },
			[]step{{op: "next", want: 1}, {op: "throw", arg: ValueError, want: "handled"}, {op: "next", want: 2}},
			"sub-caught sub-got-GeneratorExit sub-finally outer-err-GeneratorExit"}, // the last three: Close
		{"3 a plain iterator gets the thrown error raised in the delegator",
			func(log *[]string) any { return []any{1, 2} },
			[]step{{op: "next", want: 1}, {op: "throw", arg: KeyError, wantErr: "KeyError"}},
			"outer-err-KeyError"},
		{"4 close closes the subgenerator first",
			func(log *[]string) any { return subgen(log) },
			[]step{{op: "next", want: 1}, {op: "close"}, {op: "state", want: "GEN_CLOSED"}},
			"sub-got-GeneratorExit sub-finally outer-err-GeneratorExit"},
		{"4 an error from the subgenerator's close is raised in the delegator",
			func(log *[]string) any {
				return NewGenerator(func(y *Yielder) any {
					if _, err := y.YieldE(1); err != nil {
						panic(Raise("RuntimeError", "close failed"))
					}
					return nil
				})
			},
			[]step{{op: "next", want: 1}, {op: "close", wantErr: "RuntimeError: close failed"}},
			"outer-err-RuntimeError: close failed"},
		{"6 other errors of the subgenerator propagate",
			func(log *[]string) any {
				return NewGenerator(func(y *Yielder) any { y.Yield(1); panic(Raise("IndexError", "oops")) })
			},
			[]step{{op: "next", want: 1}, {op: "next", wantErr: "IndexError: oops"}},
			"outer-err-IndexError: oops"},
		{"delegating to a Seq",
			func(log *[]string) any { return Seq(Range(2).Seq()) },
			[]step{{op: "next", want: 0}, {op: "next", want: 1}, {op: "next", wantErr: "StopIteration"}},
			"outer-result-None"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var log []string
			g := delegator(&log, func() any { return c.sub(&log) })
			runSteps(t, g, c.steps)
			g.Close()
			if got := strings.Join(log, " "); got != c.wantLog {
				t.Fatalf("log %q, want %q", got, c.wantLog)
			}
		})
	}
}
