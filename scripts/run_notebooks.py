"""Execute the course's notebooks headless with gokernel, as `bash scripts/run.sh` does.

    python scripts/run_notebooks.py                      # notebooks/*.ipynb -> build/notebooks/NAME.ipynb + NAME.html
    python scripts/run_notebooks.py 03_generator_coroutines.ipynb   # only these (names or paths)
    python scripts/run_notebooks.py --update-notebooks   # also write the fresh outputs back into notebooks/

Each notebook runs top to bottom in its own kernel, working directory notebooks/. As nbclient does, a cell tagged
`raises-exception` may fail without stopping the notebook and a cell tagged `skip-execution` is not run. After the
run, tests/lessons/check_NAME.py's check(nb, {}) is applied to the executed notebook when such a module exists.
A progress line is printed per notebook and a summary table at the end; the exit status is 1 if any notebook
failed to execute or failed its checks.

--update-notebooks rewrites notebooks/NAME.ipynb with the outputs of the run, keeping every cell's id, tags and
metadata (no timing metadata is added), and only for notebooks that executed without an unexpected error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402


@dataclass
class Result:
    name: str
    cells: int = 0  # code cells executed
    code_cells: int = 0
    seconds: float = 0.0
    error: str = ""  # execution failure, "" if none
    checks: str = "-"  # "passed", "FAILED", or "-" when the notebook has no check module
    check_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.checks != "FAILED"


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def execute(path: Path, kernel_name: str, timeout: int) -> tuple[nbformat.NotebookNode, Result]:
    """The notebook at path executed in a fresh kernel, and what happened."""
    nb = nbformat.read(path, as_version=4)
    res = Result(path.stem, code_cells=sum(c.cell_type == "code" for c in nb.cells))
    client = NotebookClient(
        nb,
        kernel_name=kernel_name or nb.metadata.get("kernelspec", {}).get("name", "gokernel"),
        timeout=timeout,
        startup_timeout=60,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    t0 = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        res.error = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
    except Exception as e:  # a kernel that died or timed out: report it and go on with the next notebook
        res.error = f"{type(e).__name__}: {e}"
    res.seconds = time.monotonic() - t0
    res.cells = sum(
        1 for c in nb.cells if c.cell_type == "code" and c.get("execution_count") and "skip-execution" not in tags(c)
    )
    return nb, res


def run_checks(nb: nbformat.NotebookNode, res: Result, checks_dir: Path) -> None:
    """Apply checks_dir/check_NAME.py's check(nb, {}) to the executed notebook, if that module exists."""
    module = checks_dir / f"check_{res.name}.py"
    if not module.exists():
        return
    parent = str(checks_dir.parent)
    if parent not in sys.path:
        sys.path.insert(0, parent)
    try:
        mod = importlib.import_module(f"{checks_dir.name}.check_{res.name}")
        mod.check(nb, {})
        res.checks = "passed"
    except Exception as e:  # an AssertionError from the check, or a check module that does not import
        res.checks = "FAILED"
        res.check_error = "".join(traceback.format_exception_only(type(e), e)).strip()


def export_html(nb: nbformat.NotebookNode, dest: Path) -> None:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    dest.write_text(body, encoding="utf-8")


def table(results: list[Result]) -> str:
    width = max([len("notebook"), *(len(r.name) for r in results)])
    lines = [f"{'notebook':<{width}}  {'cells':>7}  {'seconds':>7}  checks", "-" * (width + 32)]
    for r in results:
        cells = f"{r.cells}/{r.code_cells}"
        checks = r.checks if not r.error else "not run (execution failed)"
        lines.append(f"{r.name:<{width}}  {cells:>7}  {r.seconds:>7.1f}  {checks}")
    total = sum(r.seconds for r in results)
    passed = sum(r.checks == "passed" for r in results)
    with_checks = sum(r.checks != "-" for r in results)
    lines.append("-" * (width + 32))
    lines.append(
        f"{len(results)} notebooks, {sum(r.cells for r in results)} cells in {total:.1f} s; "
        f"checks passed for {passed} of {with_checks} notebooks with checks; "
        f"{sum(not r.ok for r in results)} failed"
    )
    return "\n".join(lines)


def select(names: list[str], notebooks_dir: Path) -> list[Path]:
    if not names:
        return sorted(notebooks_dir.glob("*.ipynb"))
    paths = []
    for n in names:
        p = Path(n)
        if not p.exists():
            p = notebooks_dir / (n if n.endswith(".ipynb") else f"{n}.ipynb")
        if not p.exists():
            raise SystemExit(f"no notebook {n!r} (looked in {notebooks_dir})")
        paths.append(p.resolve())
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebook names or paths (default: every notebooks/*.ipynb)")
    ap.add_argument("--update-notebooks", action="store_true", help="write the outputs back into the notebooks")
    ap.add_argument("--notebooks-dir", type=Path, default=ROOT / "notebooks")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "notebooks", help="executed copies and HTML")
    ap.add_argument("--checks-dir", type=Path, default=ROOT / "tests" / "lessons")
    ap.add_argument("--kernel", default="", help="kernel name (default: each notebook's kernelspec)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds one cell may take")
    ap.add_argument("--no-html", action="store_true", help="skip the HTML exports")
    args = ap.parse_args(argv)

    paths = select(args.notebooks, args.notebooks_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path.stem} ...", end="", flush=True)
        nb, res = execute(path, args.kernel, args.timeout)
        if not res.error:
            run_checks(nb, res, args.checks_dir)
        nbformat.write(nb, args.out / path.name)
        if not args.no_html:
            export_html(nb, args.out / f"{path.stem}.html")
        if args.update_notebooks and not res.error:
            nbformat.write(nb, path)
        status = f"ERROR: {res.error}" if res.error else ("ok" if res.ok else f"checks FAILED: {res.check_error}")
        updated = ", outputs written back" if args.update_notebooks and not res.error else ""
        print(f" {res.cells}/{res.code_cells} cells, {res.seconds:.1f} s, checks {res.checks}{updated}: {status}",
              flush=True)
        results.append(res)
    print()
    print(table(results))
    print(f"\nexecuted notebooks and HTML in {args.out}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
