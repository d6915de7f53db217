"""`pip install` for people without Go: scripts/build-wheels.sh builds the linux/amd64 wheel, which is installed into
a fresh venv with jupyter_client and nbclient only (from PyPI); a lesson notebook then runs through the wheel's
kernelspec in a clean environment whose PATH has no Go toolchain and whose Jupyter paths are that venv's alone.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "notebooks" / "04_itertools.ipynb"

RUN_NOTEBOOK = r"""
import json, sys
import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

spec = KernelSpecManager().get_kernel_spec("gokernel")
nb = nbformat.read(sys.argv[1], as_version=4)
for cell in nb.cells:
    if cell.cell_type == "code":
        cell.outputs = []
NotebookClient(nb, kernel_name="gokernel", timeout=120, startup_timeout=60).execute()
print(json.dumps({"argv": spec.argv, "resource_dir": spec.resource_dir, "lang": nb.metadata.language_info,
                  "outputs": [c.get("outputs", []) for c in nb.cells if c.cell_type == "code"]}))
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"),
                    reason="the CI wheel is linux/amd64")
def test_wheel_runs_a_notebook_without_go(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(["bash", "scripts/build-wheels.sh", "linux/amd64"], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "VERSION": "0.1.0-test"})
    built = list((ROOT / "build" / "wheels").glob("gokernel-0.1.0.dev0-py3-none-manylinux*x86_64*.whl"))
    assert len(built) == 1, built
    wheels.mkdir()
    wheel = Path(shutil.copy(built[0], wheels))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel),
                    "jupyter_client", "nbclient", "nbformat"], check=True, capture_output=True)
    spec_dir = venv / "share" / "jupyter" / "kernels" / "gokernel"
    assert json.loads((spec_dir / "kernel.json").read_text())["argv"][:3] == ["python", "-m", "gokernel"]
    assert {"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"} <= {p.name for p in spec_dir.iterdir()}

    # A clean environment: no Go, no project venv, no JUPYTER_PATH; HOME empty so only the venv's specs exist.
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{venv / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    assert shutil.which("go", path=env["PATH"]) is None, "a Go toolchain on the clean PATH"
    version = subprocess.run(["gokernel", "version"], env=env, check=True, capture_output=True, text=True).stdout
    assert version.startswith("gokernel 0.1.0-test "), version

    proc = subprocess.run([str(py), "-c", RUN_NOTEBOOK, str(LESSON)], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    assert Path(got["resource_dir"]) == spec_dir and got["lang"]["name"] == "go"
    assert got["lang"]["nbconvert_exporter"] == "gokernel"
    want = [c.get("outputs", []) for c in json.loads(LESSON.read_text())["cells"] if c["cell_type"] == "code"]

    def texts(outputs: list[list[dict]]) -> list[tuple[str, ...]]:
        """Per cell: its stdout, its stderr and its results, each as one text (how streams are split into messages
        and how stdout and stderr interleave vary, and so do thread numbers)."""
        def join(cell: list[dict], pick) -> str:
            return re.sub(r"Thread-\d+", "Thread-N", "".join(pick(o) for o in cell))
        return [(join(c, lambda o: "".join(o.get("text", "")) if o.get("name") == "stdout" else ""),
                 join(c, lambda o: "".join(o.get("text", "")) if o.get("name") == "stderr" else ""),
                 join(c, lambda o: "".join(o.get("data", {}).get("text/plain", ""))))
                for c in outputs]

    assert len(got["outputs"]) == len(want)
    diff = [(g, w) for g, w in zip(texts(got["outputs"]), texts(want)) if g != w]
    assert not diff, diff[:3]
