package coro

import (
	"math"
	"reflect"
)

// Add, Sub, Mul and Pow are Python's operator.add, sub, mul and pow for
// the values notebooks use: ints stay ints (int op int is int), any float
// makes a float, strings and lists concatenate (Add), a string or list
// times an int repeats (Mul). Other operands panic with TypeError. Pass
// them where a function is expected: coro.Accumulate(xs, coro.Mul).
func Add(a, b any) any { return must(arith('+', a, b)) }

// Sub is operator.sub; see Add.
func Sub(a, b any) any { return must(arith('-', a, b)) }

// Mul is operator.mul; see Add.
func Mul(a, b any) any { return must(arith('*', a, b)) }

// Pow is Python's pow(a, b): an int for int operands with b >= 0.
func Pow(a, b any) any { return must(arith('^', a, b)) }

func must(v any, err error) any {
	if err != nil {
		panic(err)
	}
	return v
}

func intOf(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return int64(rv.Uint()), true
	case reflect.Bool:
		if rv.Bool() {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

var opNames = map[rune]string{'+': "+", '-': "-", '*': "*", '^': "** or pow()"}

// arith applies op to a and b.
func arith(op rune, a, b any) (any, error) {
	if x, ok := a.(int); ok {
		if y, ok := b.(int); ok {
			switch op {
			case '+':
				return x + y, nil
			case '-':
				return x - y, nil
			case '*':
				return x * y, nil
			}
		}
	}
	ia, aInt := intOf(a)
	ib, bInt := intOf(b)
	if aInt && bInt {
		switch op {
		case '+':
			return int(ia + ib), nil
		case '-':
			return int(ia - ib), nil
		case '*':
			return int(ia * ib), nil
		case '^':
			if ib >= 0 {
				r := int64(1)
				for i := int64(0); i < ib; i++ {
					r *= ia
				}
				return int(r), nil
			}
			return math.Pow(float64(ia), float64(ib)), nil
		}
	}
	fa, aNum := toFloat(a)
	fb, bNum := toFloat(b)
	if aNum && bNum {
		switch op {
		case '+':
			return fa + fb, nil
		case '-':
			return fa - fb, nil
		case '*':
			return fa * fb, nil
		case '^':
			return math.Pow(fa, fb), nil
		}
	}
	if op == '+' {
		if sa, ok := a.(string); ok {
			if sb, ok := b.(string); ok {
				return sa + sb, nil
			}
		}
		if la, ok := asList(a); ok {
			if lb, ok := asList(b); ok {
				return append(append(PyList{}, la...), lb...), nil
			}
		}
	}
	if op == '*' {
		if n, ok := b.(int); ok {
			if sa, ok := a.(string); ok {
				r := ""
				for i := 0; i < n; i++ {
					r += sa
				}
				return r, nil
			}
			if la, ok := asList(a); ok {
				r := PyList{}
				for i := 0; i < n; i++ {
					r = append(r, la...)
				}
				return r, nil
			}
		}
	}
	return nil, raisef(TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", opNames[op], TypeName(a), TypeName(b))
}

// asList returns the elements of a PyList, Tuple or []any.
func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case PyList:
		return x, true
	case Tuple:
		return x, true
	case []any:
		return x, true
	}
	return nil, false
}

// compare orders a and b as Python's < does for numbers, strings and
// sequences (lexicographically); other mixes are a TypeError.
func compare(a, b any) (int, error) {
	fa, aNum := toFloat(a)
	fb, bNum := toFloat(b)
	if aNum && bNum {
		switch {
		case fa < fb:
			return -1, nil
		case fa > fb:
			return 1, nil
		}
		return 0, nil
	}
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			switch {
			case sa < sb:
				return -1, nil
			case sa > sb:
				return 1, nil
			}
			return 0, nil
		}
	}
	if la, ok := asList(a); ok {
		if lb, ok := asList(b); ok {
			for i := 0; i < len(la) && i < len(lb); i++ {
				if c, err := compare(la[i], lb[i]); err != nil || c != 0 {
					return c, err
				}
			}
			return len(la) - len(lb), nil
		}
	}
	return 0, raisef(TypeError, "'<' not supported between instances of '%s' and '%s'", TypeName(a), TypeName(b))
}
