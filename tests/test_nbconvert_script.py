"""`jupyter nbconvert --to script` turns a gokernel notebook into a Go program that the Go toolchain builds and runs
(python/gokernel_jupyter's GoExporter, which runs `gokernel script`; see nbscript/doc.go for the conversion rules).

Every lesson notebook is converted through the real nbconvert CLI and built with `go build`; the lessons whose
output is deterministic are run, and their committed notebook outputs must appear in the program's output, in order.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import Kernel

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Lessons whose committed stdout does not depend on timing, pids or addresses (the others are built only).
RUN = ["00-kernel-tour", "02_generators", "04_itertools"]


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every lesson converted by `jupyter nbconvert --to script`, one package main per directory inside this Go
    module (under build/_script, which `./...` patterns skip because of the underscore), built with go build."""
    out = tmp_path_factory.mktemp("scripts")
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "script", "--output-dir", str(out),
                    *map(str, NOTEBOOKS)], check=True, capture_output=True, text=True)
    pkgs = ROOT / "build" / "_script" / f"t{os.getpid()}"
    shutil.rmtree(pkgs, ignore_errors=True)
    for nb in NOTEBOOKS:
        (pkgs / nb.stem).mkdir(parents=True)
        shutil.copy(out / f"{nb.stem}.go", pkgs / nb.stem / "main.go")
    bins = out / "bin"
    bins.mkdir()
    try:
        proc = subprocess.run(["go", "build", "-o", str(bins), f"./build/_script/{pkgs.name}/..."], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode == 0, f"go build failed:\n{proc.stderr}"
    finally:
        shutil.rmtree(pkgs, ignore_errors=True)
    return out


def test_kernel_info_names_the_exporter(kernel: Kernel) -> None:
    info = kernel.request("kernel_info_request")
    lang = kernel.wait(info).content["language_info"]
    assert lang["nbconvert_exporter"] == "gokernel" and lang["file_extension"] == ".go"


def test_every_lesson_converts_and_builds(programs: Path) -> None:
    for nb in NOTEBOOKS:
        src = (programs / f"{nb.stem}.go").read_text()
        assert src.count("\npackage main\n") == 1 and "\nfunc main() {\n" in src, nb.name
        assert (programs / "bin" / nb.stem).is_file(), f"{nb.stem}: no binary"


def stdout_chunks(nb: Path) -> list[str]:
    """The stdout texts a notebook's committed outputs show, cells tagged raises-exception or skip-execution and
    texts holding a memory address aside."""
    chunks = []
    for cell in json.loads(nb.read_text())["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or {"raises-exception", "skip-execution"} & set(tags):
            continue
        for o in cell.get("outputs", []):
            text = "".join(o.get("text", ""))
            if o["output_type"] == "stream" and o["name"] == "stdout" and " at 0x" not in text:
                chunks.append(text)
    return chunks


@pytest.mark.parametrize("name", RUN)
def test_program_prints_what_the_notebook_shows(programs: Path, name: str, tmp_path: Path) -> None:
    proc = subprocess.run([str(programs / "bin" / name)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pos = 0
    chunks = stdout_chunks(ROOT / "notebooks" / f"{name}.ipynb")
    assert len(chunks) >= 5
    for text in chunks:
        i = proc.stdout.find(text, pos)
        assert i >= 0, f"{name}: {text!r} missing (after offset {pos}) in the program's output:\n{proc.stdout}"
        pos = i + len(text)


def test_exporter_named_by_language_info_and_found_by_language(tmp_path: Path) -> None:
    """nbconvert reaches the exporter both ways: through language_info.nbconvert_exporter (what gokernel's
    kernel_info says, so executed notebooks carry it) and through the language name alone."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import "fmt"\n\nfmt.Println("hi")\n!echo shell')]
    langs = [{"name": "go", "nbconvert_exporter": "gokernel"}, {"name": "go"}]
    for i, lang in enumerate(langs):
        nb.metadata = {"kernelspec": {"name": "gokernel", "display_name": "Go (gokernel)", "language": "go"},
                       "language_info": {**lang, "file_extension": ".go"}}
        nbformat.write(nb, tmp_path / f"nb{i}.ipynb")
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "script",
                    *(str(tmp_path / f"nb{i}.ipynb") for i in range(len(langs)))], check=True, capture_output=True)
    for i in range(len(langs)):
        src = (tmp_path / f"nb{i}.go").read_text()
        assert f"converted from nb{i}.ipynb" in src
        assert '\tfmt.Println("hi")\n\t// !echo shell\n' in src, src
