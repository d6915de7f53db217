"""Acceptance checks for the lesson notebooks, one module per notebook.

`notebooks/NN_slug.ipynb` is checked by `check_NN_slug.py` here, which defines

    def check(nb: nbformat.NotebookNode, params: dict) -> None

asserting the lesson's observable behaviour on an *executed* notebook: exact text where the lesson is
deterministic, structure where it is not. `params` holds the papermill parameters the run used ({} for a plain
nbclient run and for the committed outputs), so a check can follow them (a loop count, a file count).

A module may also define `PARAMS = {...}`: the `-p` parameters that tests/test_lessons.py passes to papermill for
this notebook (every notebook with a cell tagged `parameters` must define at least one).

Cells are found by tag, never by index: every code cell carries its example id as a tag (`ex:S0-07`).
"""
