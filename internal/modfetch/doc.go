// Package modfetch makes third-party Go packages available to cells as
// source, without a Go toolchain: it finds the module that provides an
// import path, downloads it through the Go module proxy protocol (GOPROXY
// list semantics: "," falls through on 404/410 only, "|" on any error,
// "off" refuses, "direct" uses the go command when one is on PATH), checks
// its zip and go.mod against the checksum database (GOSUMDB, GONOSUMDB,
// GOPRIVATE; verified lines are cached, so a module checked once works
// offline), extracts it into a module cache laid out like Go's own (and
// reads Go's own cache, GOMODCACHE, when it holds the module), selects the
// versions of the module's dependencies by minimal version selection over
// the requirement graph of their go.mod files, and serves the result as a
// file system laid out as GOPATH/src/<import path>, which is how yaegi finds
// imported source.
//
// It imports no yaegi: the engine asks a Resolver to Prepare import paths
// before it compiles an import, and gives Resolver.FS to the interpreter.
package modfetch
