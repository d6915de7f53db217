"""Every lesson notebook executed headless by nbclient and by papermill, and its acceptance checks run on the
outputs of both runs and on the outputs committed in notebooks/ (see tests/lessons/__init__.py)."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import nbformat
import pytest
from conftest import KERNEL_NAME, TIMINGS
from lessons.nbcheck import no_errors
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
_executed: dict[tuple[str, str], nbformat.NotebookNode] = {}


def checks(path: Path):
    return importlib.import_module(f"lessons.check_{path.stem}")


def run(path: Path, mode: str, tmp: Path) -> nbformat.NotebookNode:
    """The notebook executed by `mode` (nbclient or papermill), once per test session."""
    key = (path.name, mode)
    if key not in _executed:
        t0 = time.monotonic()
        if mode == "nbclient":
            nb = nbformat.read(path, as_version=4)
            NotebookClient(
                nb,
                kernel_name=KERNEL_NAME,
                timeout=120,
                startup_timeout=60,
                raise_on_iopub_timeout=True,
                resources={"metadata": {"path": str(NOTEBOOKS)}},
            ).execute()
        else:
            import papermill

            out = tmp / path.name
            try:
                papermill.execute_notebook(
                    str(path), str(out), parameters=getattr(checks(path), "PARAMS", {}),
                    kernel_name=KERNEL_NAME, cwd=str(NOTEBOOKS), progress_bar=False, execution_timeout=120,
                )
            except papermill.PapermillExecutionError as e:
                # papermill 2.x runs past a cell tagged raises-exception (nbclient allows its error) but then
                # reports the first error output of the notebook whatever its tags (raise_for_execution_errors).
                # Such a run is a success here when that error is a lesson's deliberate one; no_errors() below
                # still fails an error in any untagged cell.
                nb = nbformat.read(out, as_version=4)
                failed = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count") == e.exec_count]
                assert failed and "raises-exception" in failed[0].metadata.get("tags", []), str(e)
            nb = nbformat.read(out, as_version=4)
            unexecuted = [
                c.id for c in nb.cells
                if c.cell_type == "code" and not c.get("execution_count")
                and "skip-execution" not in c.metadata.get("tags", [])
            ]
            assert not unexecuted, f"papermill stopped before {unexecuted}"
        TIMINGS[f"{mode}: {path.name}"] = time.monotonic() - t0
        _executed[key] = nb
    return _executed[key]


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_committed_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert all("id" in c for c in nb.cells)
    assert nb.metadata.kernelspec.name == "gokernel"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code if "skip-execution" not in c.metadata.get("tags", [])), (
        "commit the notebook with the outputs of a real run"
    )
    if any("parameters" in c.metadata.get("tags", []) for c in code):
        assert getattr(checks(path), "PARAMS", None), "a notebook with a parameters cell needs PARAMS for papermill"
    no_errors(nb)
    checks(path).check(nb, {})


@pytest.mark.parametrize("mode", ["nbclient", "papermill"])
@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_executed(path: Path, mode: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    nb = run(path, mode, tmp_path_factory.mktemp(mode))
    assert nb.metadata.language_info.name == "go"
    no_errors(nb)
    checks(path).check(nb, getattr(checks(path), "PARAMS", {}) if mode == "papermill" else {})
