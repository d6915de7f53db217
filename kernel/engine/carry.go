package engine

import (
	"reflect"
	"strings"
)

// Carrying values across a rebuild. A rebuilt interpreter gets the current
// value of each var of the old one instead of re-running its initializer
// when the value is plain data: it must hold no func (a closure of the old
// interpreter would run the old code) and nothing of yaegi's own types (its
// wrappers of interpreted values point into the old interpreter), and its
// type must be assignable to the var's type in the new interpreter (a var of
// a redefined struct type whose fields changed is not). Pointers, maps,
// slices and channels are carried as they are, so the new var shares them
// with the old one. A var that cannot be carried is reset: its initializer
// runs again.

// carryBudget bounds the number of values carryable inspects; a larger
// value is reset rather than walked.
const carryBudget = 1 << 20

// carryable reports whether v may be stored into a new interpreter's var.
func carryable(v reflect.Value) bool {
	c := carryCheck{seen: map[visit]bool{}, budget: carryBudget}
	return c.ok(v)
}

type visit struct {
	t reflect.Type
	p uintptr
}

type carryCheck struct {
	seen   map[visit]bool
	budget int
	plain  map[reflect.Type]bool // memo of plainType
}

func (c *carryCheck) ok(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	if c.budget--; c.budget < 0 {
		return false
	}
	t := v.Type()
	if yaegiType(t) {
		return false
	}
	if c.plainType(t) {
		return true
	}
	switch v.Kind() {
	case reflect.Func:
		return v.IsNil()
	case reflect.Interface:
		return v.IsNil() || c.ok(v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			return true
		}
		k := visit{t, v.Pointer()}
		if c.seen[k] {
			return true
		}
		c.seen[k] = true
		return c.ok(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if !c.ok(v.Field(i)) {
				return false
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			if !c.ok(v.Index(i)) {
				return false
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return true
		}
		k := visit{t, v.Pointer()}
		if c.seen[k] {
			return true
		}
		c.seen[k] = true
		for i := range v.Len() {
			if !c.ok(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		if v.IsNil() {
			return true
		}
		k := visit{t, v.Pointer()}
		if c.seen[k] {
			return true
		}
		c.seen[k] = true
		it := v.MapRange()
		for it.Next() {
			if !c.ok(it.Key()) || !c.ok(it.Value()) {
				return false
			}
		}
	}
	return true
}

// plainType reports whether no value of t can hold a func or an interface
// value, so that its values need not be walked. Channels count as plain:
// they are carried, not looked into.
func (c *carryCheck) plainType(t reflect.Type) bool {
	if p, ok := c.plain[t]; ok {
		return p
	}
	p := plainType(t, map[reflect.Type]bool{})
	if c.plain == nil {
		c.plain = map[reflect.Type]bool{}
	}
	c.plain[t] = p
	return p
}

func plainType(t reflect.Type, busy map[reflect.Type]bool) bool {
	if busy[t] {
		return true // a recursive type: decided by its other parts
	}
	busy[t] = true
	if yaegiType(t) {
		return false
	}
	switch t.Kind() {
	case reflect.Func, reflect.Interface:
		return false
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return plainType(t.Elem(), busy)
	case reflect.Map:
		return plainType(t.Key(), busy) && plainType(t.Elem(), busy)
	case reflect.Struct:
		for i := range t.NumField() {
			if !plainType(t.Field(i).Type, busy) {
				return false
			}
		}
	}
	return true
}

// yaegiType reports whether t is one of yaegi's own types.
func yaegiType(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Name() != "" {
			break
		}
		t = t.Elem()
	}
	return strings.HasPrefix(t.PkgPath(), "github.com/traefik/yaegi")
}
