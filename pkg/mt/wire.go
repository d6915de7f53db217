package mt

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// Wire format between a parent and its child processes: gob streams over
// two pipes (fd 3: parent → child, fd 4: child → parent). Each argument and
// result travels as its own gob value encoded from the target's parameter
// (or result) type and decoded into that same type on the other side, so
// ints, floats, strings, bools, slices, maps, arrays and structs with
// exported fields of those all work without gob.Register. Values held in
// interface-typed parameters (any) must be of a type gob knows (the basic
// types, or types registered with gob.Register). Funcs, channels, locks and
// other mt objects cannot be sent: that is a TypeError at Start/ApplyAsync.

// childSpec is the first message a child reads.
type childSpec struct {
	Mode   string // "process" or "pool"
	Name   string // process name, for exception reports
	Target string // registered target name (process mode)
	Args   []wireValue
}

// wireValue is one encoded value; Nil marks a nil pointer/slice/map/interface
// (gob cannot encode those at top level).
type wireValue struct {
	Nil  bool
	Data []byte
}

// taskMsg is one pool task.
type taskMsg struct {
	ID     int64
	Target string
	Args   []wireValue
}

// resultMsg answers a taskMsg.
type resultMsg struct {
	ID      int64
	Results []wireValue
	ErrType string // "" (plain error), "panic", or an *Error's Type
	ErrMsg  string
	Failed  bool
}

// targets are the functions a child may run, by name.
var targets = struct {
	sync.Mutex
	byName map[string]reflect.Value
}{byName: map[string]reflect.Value{}}

// Register makes functions available as process and process-pool targets.
// A child process runs a target by name, so the function must be registered
// in the child too: register in an init function or pass the functions to
// Main, before Main runs. Each fn is a compiled function (registered under
// its runtime name) or a NamedFunc (registered under its Name).
func Register(fns ...any) {
	targets.Lock()
	defer targets.Unlock()
	for _, fn := range fns {
		c, err := resolve(fn)
		if err != nil {
			panic(fmt.Errorf("mt: Register: %w", err))
		}
		targets.byName[targetKey(fn, c)] = c.fn
	}
}

// targetKey is the name a target is registered and sent under.
func targetKey(fn any, c callable) string {
	if nf, ok := fn.(NamedFunc); ok {
		return nf.Name
	}
	return fullName(c.fn)
}

// lookupTarget returns the target registered under name or, failing
// that, the one the Host resolves.
func lookupTarget(name string) (callable, bool) {
	targets.Lock()
	v, ok := targets.byName[name]
	targets.Unlock()
	if !ok && name != "" {
		fn, found := currentHost().ResolveTarget(name)
		if !found {
			return callable{}, false
		}
		c, err := resolve(fn)
		if err != nil {
			return callable{}, false
		}
		return callable{fn: c.fn, name: shortName(name)}, true
	}
	return callable{fn: v, name: shortName(name)}, ok
}

// prepare resolves fn for running in a child: it must be registered, and
// args must convert to its parameters and encode.
func prepare(fn any, args []any) (callable, string, []wireValue, error) {
	c, err := resolve(fn)
	if err != nil {
		return c, "", nil, err
	}
	key := targetKey(fn, c)
	if key == "" {
		return c, "", nil, newError("TypeError", "process target must be a named top-level function (a func literal or a method cannot be found by name in the child process)")
	}
	// A Host resolves the names of NamedFunc targets in its children: the
	// kernel names a cell's functions.
	_, named := fn.(NamedFunc)
	byName := named && hosted() // the child checks the name
	if _, ok := lookupTarget(key); !ok && !byName {
		return c, "", nil, newError("TypeError", "process target %s is not registered: call mt.Register(%s) before mt.Main() (targets must be named top-level functions)", orUnknown(key), orUnknown(c.name))
	}
	in, err := c.args(args)
	if err != nil {
		return c, "", nil, err
	}
	ws := make([]wireValue, len(in))
	for i, v := range in {
		if ws[i], err = encodeValue(v); err != nil {
			return c, "", nil, newError("TypeError", "cannot send argument %d of %s to a process (%s): %v", i+1, c.label(), v.Type(), err)
		}
	}
	return c, key, ws, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "<unnamed function>"
	}
	return s
}

func encodeValue(v reflect.Value) (wireValue, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		if v.IsNil() {
			return wireValue{Nil: true}, nil
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return wireValue{}, fmt.Errorf("%s values cannot be serialised", v.Kind())
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).EncodeValue(v); err != nil {
		return wireValue{}, err
	}
	return wireValue{Data: buf.Bytes()}, nil
}

func decodeValue(w wireValue, t reflect.Type) (reflect.Value, error) {
	p := reflect.New(t)
	if w.Nil {
		return p.Elem(), nil
	}
	if err := gob.NewDecoder(bytes.NewReader(w.Data)).DecodeValue(p); err != nil {
		return reflect.Value{}, err
	}
	return p.Elem(), nil
}

// paramTypes lists the parameter type of each of n arguments of fn.
func paramTypes(fn reflect.Type, n int) []reflect.Type {
	ts := make([]reflect.Type, n)
	k := fn.NumIn()
	for i := range ts {
		if fn.IsVariadic() && i >= k-1 {
			ts[i] = fn.In(k - 1).Elem()
		} else {
			ts[i] = fn.In(i)
		}
	}
	return ts
}

// resultTypes lists fn's results without a trailing error.
func resultTypes(fn reflect.Type) []reflect.Type {
	var ts []reflect.Type
	for i := range fn.NumOut() {
		ts = append(ts, fn.Out(i))
	}
	if len(ts) > 0 && ts[len(ts)-1] == errorType {
		ts = ts[:len(ts)-1]
	}
	return ts
}

// decodeResult turns a resultMsg into the value and error AsyncResult.Get
// returns, decoding with the target's result types.
func decodeResult(fn reflect.Type, m resultMsg) (any, error) {
	var err error
	if m.Failed {
		switch m.ErrType {
		case "":
			err = &RemoteError{Msg: m.ErrMsg}
		case "panic":
			err = &RemoteError{Msg: m.ErrMsg, Panic: true}
		default:
			err = &Error{Type: m.ErrType, Msg: m.ErrMsg}
		}
	}
	ts := resultTypes(fn)
	if len(m.Results) != len(ts) {
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("mt: child sent %d results, want %d", len(m.Results), len(ts))
	}
	out := make([]reflect.Value, len(ts))
	for i, t := range ts {
		v, derr := decodeValue(m.Results[i], t)
		if derr != nil {
			return nil, fmt.Errorf("mt: decoding result %d: %w", i+1, derr)
		}
		out[i] = v
	}
	v, _ := results(out)
	return v, err
}

// encodeResult runs in the child: it encodes a call's results.
func encodeResult(id int64, out []reflect.Value, callErr error) resultMsg {
	m := resultMsg{ID: id}
	if k := len(out); k > 0 && out[k-1].Type() == errorType {
		if e := out[k-1].Interface(); e != nil && callErr == nil {
			callErr = e.(error)
		}
		out = out[:k-1]
	}
	if callErr != nil {
		m.Failed = true
		m.ErrMsg = callErr.Error()
		var pe *PanicError
		var me *Error
		switch {
		case errors.As(callErr, &pe):
			m.ErrType = "panic"
		case errors.As(callErr, &me):
			m.ErrType, m.ErrMsg = me.Type, me.Msg
		}
		return m
	}
	for _, v := range out {
		w, err := encodeValue(v)
		if err != nil {
			return resultMsg{ID: id, Failed: true, ErrType: "TypeError", ErrMsg: fmt.Sprintf("cannot send result of type %s: %v", v.Type(), err)}
		}
		m.Results = append(m.Results, w)
	}
	return m
}

// RemoteError is an error or panic that happened in a child process; only
// its text crosses the process boundary.
type RemoteError struct {
	Msg   string
	Panic bool
}

// Error returns the child's error text.
func (e *RemoteError) Error() string { return e.Msg }

// ExceptionName returns "RemoteError", the name the kernel shows for it.
func (e *RemoteError) ExceptionName() string { return "RemoteError" }
