// Package install writes gokernel's kernelspec: the kernel.json that tells
// Jupyter how to start the kernel, and the logos frontends show in their
// launchers. `gokernel install` calls Run.
//
// A kernelspec is a directory named after the kernel ("gokernel") inside a
// Jupyter data directory's kernels/ folder. Run picks the data directory the
// way `jupyter kernelspec install` does for --user, --sys-prefix and
// --prefix. Uninstall with `jupyter kernelspec remove gokernel`.
package install
