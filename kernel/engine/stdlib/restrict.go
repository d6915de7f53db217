package stdlib

import (
	"maps"
	"reflect"
	"strconv"

	"github.com/traefik/yaegi/interp"
)

// Exit is the value with which os.Exit and syscall.Exit panic in the tables
// returned by Restrict. yaegi reports such a panic from Eval as an
// interp.Panic whose Value is the Exit; interpreted code can also recover it.
type Exit struct {
	Code int // the argument of os.Exit
}

// Error returns "stdlib: exit status <code>".
func (e Exit) Error() string { return "stdlib: exit status " + strconv.Itoa(e.Code) }

// exitFuncs names the functions that end the process, by Exports key.
var exitFuncs = []symRef{{"os/os", "Exit"}, {"syscall/syscall", "Exit"}}

// Restrict returns a copy of e in which os.Exit and syscall.Exit, if present,
// panic with an Exit instead of ending the process, so that a cell that exits
// leaves the interpreter usable. The inner maps of e are not modified; the
// ones Restrict changes are copies. Other ways out (log.Logger.Fatal on a
// logger of the cell's own, runtime.Goexit on the main goroutine, a panic in
// a goroutine, killing the process with a signal) are not covered.
func Restrict(e interp.Exports) interp.Exports {
	r := maps.Clone(e)
	for _, ref := range exitFuncs {
		syms, ok := r[ref.pkg]
		if !ok {
			continue
		}
		if _, ok := syms[ref.name]; !ok {
			continue
		}
		syms = maps.Clone(syms)
		syms[ref.name] = reflect.ValueOf(exitPanic)
		r[ref.pkg] = syms
	}
	return r
}

// exitPanic replaces os.Exit in restricted tables.
func exitPanic(code int) { panic(Exit{Code: code}) }
