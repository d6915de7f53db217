"""Jupyter-side helpers for gokernel, the Go kernel.

`gokernel_jupyter.translator` holds papermill's parameter translator for Go notebooks. Installing this package is
enough: papermill loads it through the package's "papermill.engine" entry point, which registers the translator for
the kernel name "gokernel" and the language "go".
"""

__version__ = "0.1.0"
