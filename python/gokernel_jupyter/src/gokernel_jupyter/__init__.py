"""Jupyter-side helpers for gokernel, the Go kernel.

`gokernel_jupyter.translator` holds papermill's parameter translator for Go notebooks. Installing this package is
enough: papermill loads it through the package's "papermill.engine" entry point, which registers the translator for
the kernel name "gokernel" and the language "go".

`gokernel_jupyter.nbconvert_exporter` holds the nbconvert exporter that `jupyter nbconvert --to script` uses for Go
notebooks (registered through nbconvert's entry points): the notebook as one Go program for `go run`.
"""

__version__ = "0.1.0"
