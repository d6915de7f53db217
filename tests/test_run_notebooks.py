"""scripts/run_notebooks.py (what `bash scripts/run.sh` runs) on small Go notebooks of its own: progress lines, the
summary table, check modules, raises-exception and skip-execution cells, HTML exports and --update-notebooks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import KERNEL_NAME

ROOT = Path(__file__).resolve().parent.parent


def load_runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["run_notebooks"] = mod
    spec.loader.exec_module(mod)
    return mod


def notebook(cells: list[tuple[str, str, list[str]]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": KERNEL_NAME, "display_name": "Go (gokernel)", "language": "go"}
    nb.cells = [nbformat.v4.new_code_cell(src, id=cid, metadata={"tags": tags}) for cid, src, tags in cells]
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# demo", id="title"))
    return nb


CHECK = '''
from lessons.nbcheck import cell, lines


def check(nb, params):
    assert lines(cell(nb, "ex:D-1")) == ["one"]
    assert lines(cell(nb, "ex:D-4")) == ["after the failure, not after the loop"]
    assert cell(nb, "ex:D-3").get("execution_count") is None, "the skip-execution cell ran"
'''


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("run")
    nbdir, out, checks = tmp / "notebooks", tmp / "build", tmp / "runchecks"
    nbdir.mkdir()
    checks.mkdir()
    (checks / "__init__.py").write_text("")
    (checks / "check_01_demo.py").write_text(CHECK)
    (checks / "check_03_wrong.py").write_text("def check(nb, params):\n    assert False, 'wrong on purpose'\n")
    nbformat.write(notebook([
        ("first", 'import "fmt"\nfmt.Println("one")', ["ex:D-1"]),
        ("fails", 'panic("meant to fail")', ["ex:D-2", "raises-exception"]),
        ("forever", "for {\n}", ["ex:D-3", "skip-execution"]),
        ("last", 'fmt.Println("after the failure, not after the loop")', ["ex:D-4"]),
    ]), nbdir / "01_demo.ipynb")
    nbformat.write(notebook([("a", "x := 1\nx", []), ("b", "undefinedName", []), ("c", "x", [])]), nbdir / "02_broken.ipynb")
    nbformat.write(notebook([("only", "1 + 1", [])]), nbdir / "03_wrong.ipynb")
    before = {p.name: p.read_text() for p in nbdir.iterdir()}
    runner = load_runner()
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        status = runner.main(["--notebooks-dir", str(nbdir), "--out", str(out), "--checks-dir", str(checks),
                              "--update-notebooks"])
    return status, buf.getvalue(), nbdir, out, before


def test_summary_and_status(run) -> None:
    status, text, *_ = run
    assert status == 1, "a broken notebook and a failed check make the run fail"
    lines = text.splitlines()
    assert lines[0].startswith("[1/3] 01_demo ... 3/4 cells,") and lines[0].endswith("checks passed, outputs written back: ok")
    assert lines[1].startswith("[2/3] 02_broken ... 2/3 cells,") and "ERROR:" in lines[1] and "undefined" in lines[1]
    assert lines[2].startswith("[3/3] 03_wrong ... 1/1 cells,") and "checks FAILED: AssertionError: wrong on purpose" in lines[2]
    rows = {ln.split()[0]: ln.split()[1:] for ln in lines if ln[:2] in ("01", "02", "03")}
    assert rows["01_demo"][0] == "3/4" and rows["01_demo"][2:] == ["passed"]
    assert rows["02_broken"][2:] == ["not", "run", "(execution", "failed)"]
    assert rows["03_wrong"][2:] == ["FAILED"]
    assert "3 notebooks, 6 cells in" in text and "checks passed for 1 of 2 notebooks with checks; 2 failed" in text


def test_outputs_and_html(run) -> None:
    _, _, _, out, _ = run
    assert sorted(p.name for p in out.iterdir()) == [
        "01_demo.html", "01_demo.ipynb", "02_broken.html", "02_broken.ipynb", "03_wrong.html", "03_wrong.ipynb",
    ]
    assert "after the failure, not after the loop" in (out / "01_demo.html").read_text()
    broken = nbformat.read(out / "02_broken.ipynb", as_version=4)
    assert [o.output_type for o in broken.cells[2].outputs] == ["error"]


def test_update_notebooks_keeps_ids_and_tags(run) -> None:
    _, _, nbdir, _, before = run
    assert (nbdir / "02_broken.ipynb").read_text() == before["02_broken.ipynb"], "a failed notebook is left alone"
    nb = nbformat.read(nbdir / "01_demo.ipynb", as_version=4)
    nbformat.validate(nb)
    assert [c.id for c in nb.cells] == ["title", "first", "fails", "forever", "last"]
    assert nb.cells[2].metadata.tags == ["ex:D-2", "raises-exception"]
    assert [o.output_type for o in nb.cells[2].outputs] == ["error"]
    assert nb.cells[1].outputs[0].text == "one\n"
    assert all("execution" not in c.metadata for c in nb.cells), "no timing metadata in committed notebooks"
    assert nb.metadata.language_info.name == "go"
