"""Headless notebook execution with nbclient and nbconvert, as CI, papermill and nbconvert --execute use it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import KERNEL_NAME, TIMINGS
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

TOUR = Path(__file__).resolve().parent.parent / "notebooks" / "00-kernel-tour.ipynb"


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb,
        kernel_name=KERNEL_NAME,
        timeout=60,
        startup_timeout=60,
        raise_on_iopub_timeout=True,  # a missing idle fails instead of stalling 4 s per cell
        resources={"metadata": {"path": str(TOUR.parent)}},
    )
    return client.execute()


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


@pytest.fixture(scope="module")
def tour() -> nbformat.NotebookNode:
    nb = nbformat.read(TOUR, as_version=4)
    t0 = time.monotonic()
    execute(nb)
    TIMINGS["nbclient: execute 00-kernel-tour.ipynb"] = time.monotonic() - t0
    return nb


def test_tour_outputs(tour: nbformat.NotebookNode) -> None:
    cells = [c for c in tour.cells if c.cell_type == "code"]
    assert [stdout(c) for c in cells] == [
        "你好，Go！\n",
        "",
        "你好 0\n你好 1\n你好 2\n",
        "fib(10) = 55\n",
        "乒 1\n乓 1\n乒 2\n乓 2\n乒 3\n乓 3\n两个 goroutine 都结束了\n",
        "",
        "",
        "状态还在： 你好 3 5\n",
        "0 1 1 2 3 5 \n结束： StopIteration: 六个数都给出了 | 返回值： 六个数都给出了\n",
        "平方： [1 4 9 16 25 36]\n子进程个数： 3\n",
    ]
    result = cells[5].outputs
    assert [o["output_type"] for o in result] == ["execute_result"]
    assert result[0]["data"]["text/plain"] == "6765"
    failing = cells[6]
    assert "raises-exception" in failing.metadata.tags
    assert [o["output_type"] for o in failing.outputs] == ["error"]
    assert "index out of range" in failing.outputs[0]["evalue"]
    for c in cells[:6] + cells[7:]:
        assert not [o for o in c.outputs if o["output_type"] == "error"], c.source
    assert tour.metadata.language_info.name == "go"
    nbformat.validate(tour)


def test_error_without_tag_stops_execution() -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('import "fmt"\nfmt.Println("before")'),
            nbformat.v4.new_code_cell("undefinedInNotebook"),
            nbformat.v4.new_code_cell('fmt.Println("after")'),
        ]
    )
    with pytest.raises(CellExecutionError, match="undefinedInNotebook"):
        execute(nb)
    assert stdout(nb.cells[0]) == "before\n"
    assert nb.cells[2].outputs == []


def test_html_export_of_executed_tour(tour: nbformat.NotebookNode) -> None:
    html, _ = HTMLExporter().from_notebook_node(tour)
    assert "fib(10) = 55" in html and "乒 1" in html and "6765" in html


def test_nbconvert_cli_executes_to_html(tmp_path: Path) -> None:
    t0 = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "html",
            "--execute",
            f"--ExecutePreprocessor.kernel_name={KERNEL_NAME}",
            "--ExecutePreprocessor.timeout=60",
            "--output-dir",
            str(tmp_path),
            str(TOUR),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    TIMINGS["nbconvert --execute --to html (CLI)"] = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "00-kernel-tour.html").read_text(encoding="utf-8")
    assert "两个 goroutine 都结束了" in html
