package coro

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// PyList is a Python list: it prints as Python does ([1, 'a', None]).
type PyList []any

// String returns the Python repr of the list.
func (l PyList) String() string { return Repr(l) }

// Tuple is a Python tuple: it prints as Python does ((1, 'a'), ('g',), ()).
type Tuple []any

// String returns the Python repr of the tuple.
func (t Tuple) String() string { return Repr(t) }

// Repr is Python's repr(v) for the values Python programs print: nil is
// None, bools True/False, strings quoted '...', floats with a decimal point
// (1.0), PyList/slices as [a, b], Tuple as (a, b) or (a,), maps as
// {k: v} in sorted key order. Other values print with fmt's %v (so a type
// with a String method uses it).
func Repr(v any) string {
	var b strings.Builder
	repr(&b, v, false)
	return b.String()
}

// Str is Python's str(v): Repr, except that a top-level string is not
// quoted.
func Str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return Repr(v)
}

// Print is Python's print(args...): Str of each argument, separated by
// spaces, then a newline, written to Stdout.
func Print(args ...any) {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = Str(a)
	}
	fmt.Fprintln(Stdout(), strings.Join(parts, " "))
}

func repr(b *strings.Builder, v any, _ bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
		return
	case bool:
		if x {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
		return
	case string:
		b.WriteString(quote(x))
		return
	case float64:
		b.WriteString(floatRepr(x))
		return
	case float32:
		b.WriteString(floatRepr(float64(x)))
		return
	case PyList:
		seqRepr(b, "[", "]", []any(x), false)
		return
	case Tuple:
		seqRepr(b, "(", ")", []any(x), true)
		return
	case []any:
		seqRepr(b, "[", "]", x, false)
		return
	case fmt.Stringer:
		b.WriteString(x.String())
		return
	case error:
		b.WriteString(x.Error())
		return
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 && rv.Kind() == reflect.Slice {
			b.WriteString("b" + quote(string(rv.Bytes())))
			return
		}
		items := make([]any, rv.Len())
		for i := range items {
			items[i] = rv.Index(i).Interface()
		}
		seqRepr(b, "[", "]", items, false)
		return
	case reflect.Map:
		b.WriteString("{")
		for i, k := range sortedKeys(rv) {
			if i > 0 {
				b.WriteString(", ")
			}
			repr(b, k, true)
			b.WriteString(": ")
			repr(b, rv.MapIndex(reflect.ValueOf(k)).Interface(), true)
		}
		b.WriteString("}")
		return
	case reflect.Float32, reflect.Float64:
		b.WriteString(floatRepr(rv.Float()))
		return
	}
	fmt.Fprint(b, v)
}

func seqRepr(b *strings.Builder, open, close string, items []any, tuple bool) {
	b.WriteString(open)
	for i, e := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		repr(b, e, true)
	}
	if tuple && len(items) == 1 {
		b.WriteString(",")
	}
	b.WriteString(close)
}

// quote quotes s as Python's repr does: single quotes unless s contains a
// single quote and no double quote.
func quote(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	var b strings.Builder
	b.WriteString(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == q:
			b.WriteString(`\` + q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(q)
	return b.String()
}

// floatRepr formats f as Python's repr of a float.
func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if a := math.Abs(f); a != 0 && (a >= 1e16 || a < 1e-4) {
		s = strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		if exp[1] == '0' && len(exp) > 2 {
			exp = exp[:1] + exp[2:]
		}
		return mant + "e" + exp
	}
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// sortedKeys returns the keys of map m in a reproducible order: numbers
// and strings by value, other keys by their fmt form.
func sortedKeys(m reflect.Value) []any {
	keys := make([]any, 0, m.Len())
	for _, k := range m.MapKeys() {
		keys = append(keys, k.Interface())
	}
	slices.SortStableFunc(keys, compareAny)
	return keys
}

// compareAny orders numbers numerically, strings lexically, numbers before
// strings, and anything else by its fmt form.
func compareAny(a, b any) int {
	fa, aNum := toFloat(a)
	fb, bNum := toFloat(b)
	switch {
	case aNum && bNum:
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	case aNum:
		return -1
	case bNum:
		return 1
	}
	sa, aStr := a.(string)
	sb, bStr := b.(string)
	if aStr && bStr {
		return strings.Compare(sa, sb)
	}
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// toFloat converts any integer or float kind (and bool) to float64.
func toFloat(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	case reflect.Bool:
		if rv.Bool() {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}
