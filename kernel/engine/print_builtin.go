package engine

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"unsafe"
)

// goPrint writes args as Go's builtin print (ln false) or println (ln
// true) formats them, which the Prelude's _gkPrint and _gkPrintln do for
// the cells' print and println (cell/rewrite_print.go): yaegi formats them
// with fmt's %v and puts spaces between print's arguments. As in Go:
// numbers in decimal and floats in their shortest form, a nil interface as
// (0x0,0x0), pointers, maps, channels and funcs as their address (0x0 when
// nil), slices as [len/cap]address; println separates its arguments with
// spaces and ends the line, print does neither. An interface holding a
// value arrives here as that value (a ...any parameter cannot tell them
// apart) and is printed as the value.
func goPrint(w io.Writer, ln bool, args []any) {
	var b []byte
	for i, a := range args {
		if ln && i > 0 {
			b = append(b, ' ')
		}
		b = appendPrint(b, a)
	}
	if ln {
		b = append(b, '\n')
	}
	w.Write(b)
}

func appendPrint(b []byte, a any) []byte {
	if a == nil {
		return append(b, "(0x0,0x0)"...)
	}
	v := reflect.ValueOf(a)
	if inner, ok := yaegiInterface(v); ok {
		if !inner.IsValid() || !inner.CanInterface() {
			return append(b, "(0x0,0x0)"...)
		}
		return appendPrint(b, inner.Interface())
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case reflect.Complex64:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 64)...)
	case reflect.Complex128:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 128)...)
	case reflect.String:
		return append(b, v.String()...)
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func:
		return appendHex(b, uint64(v.Pointer()))
	case reflect.Slice:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(v.Len()), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(v.Cap()), 10)
		b = append(b, ']')
		return appendHex(b, uint64(v.Pointer()))
	}
	return fmt.Append(b, a)
}

func appendHex(b []byte, p uint64) []byte {
	return strconv.AppendUint(append(b, "0x"...), p, 16)
}

// yaegiInterface returns the value held by v when v is yaegi's
// representation of a non-empty interface value (interp.valueInterface, a
// struct of the value's node and the value; an invalid value for nil).
func yaegiInterface(v reflect.Value) (reflect.Value, bool) {
	t := v.Type()
	if t.Kind() != reflect.Struct || t.Name() != "valueInterface" || t.PkgPath() != yaegiInterp ||
		t.NumField() != 2 || t.Field(1).Type != reflect.TypeFor[reflect.Value]() {
		return reflect.Value{}, false
	}
	c := reflect.New(t).Elem() // addressable, so that the unexported field can be read
	c.Set(v)
	return *(*reflect.Value)(unsafe.Pointer(c.Field(1).UnsafeAddr())), true
}

// yaegiInterp is the import path of yaegi's interpreter package.
const yaegiInterp = "github.com/traefik/yaegi/interp"
