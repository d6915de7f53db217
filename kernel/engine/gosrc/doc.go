// Package gosrc holds the kernel's own versions of the generic standard
// packages cmp, iter, maps and slices (its subdirectories), written in the
// form yaegi v0.16.1 can interpret: kernel/engine embeds their source and
// compiles it into an interpreter when a cell first imports one of them
// (generics.go), because yaegi cannot call the generic functions of
// compiled packages. They are ordinary Go
// packages too, so the compiler checks them and this package's test
// compares them with the standard library.
package gosrc
