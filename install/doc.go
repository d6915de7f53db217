// Package install writes gokernel's Jupyter kernelspec: the directory
// <datadir>/kernels/<name>/ holding kernel.json and the logos that Jupyter
// front ends show. It is what `gokernel install` runs.
//
// The pieces, from the outside in:
//
//   - [Run] is the whole subcommand: it parses the flags after "install"
//     ([ParseArgs]), finds the Jupyter data directory they name
//     ([Options.DataDir]), writes the kernelspec there ([Write]) and tells
//     the user where it went and how to remove it.
//   - [UserDataDir], [SysPrefixDataDir] and [PrefixDataDir] find the data
//     directory the way jupyter_core and `jupyter kernelspec install` do;
//     [KernelDir] appends kernels/<name>.
//   - [Spec] is the kernel.json content, as the typed [KernelSpec].
//
// The logos are drawn by this package: logos/logo-svg.svg by hand, and the
// PNGs rendered from the same shapes by genlogos.go (`go generate`). All
// three are embedded in the binary, so installing needs no other files.
//
// Boundary: this package only writes files. It does not run a kernel, talk
// to Jupyter or need Python, except that --sys-prefix outside a virtualenv
// or conda environment asks python3 for sys.prefix. The kernel.json argv it
// writes, [exe, "kernel", "{connection_file}"], is the contract with main.go's
// "kernel" subcommand.
package install
