"""Helpers the lesson checks share: find cells by tag and read what they printed."""

from __future__ import annotations

import html
import re

import nbformat


def cell(nb: nbformat.NotebookNode, tag: str) -> nbformat.NotebookNode:
    """The one code cell tagged `tag` (an example id such as `ex:S0-07`, or any other tag)."""
    found = [c for c in nb.cells if c.cell_type == "code" and tag in c.metadata.get("tags", [])]
    assert len(found) == 1, f"{len(found)} code cells tagged {tag!r}"
    return found[0]


def by_id(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    """The code cell with this id (a lesson may have several cells for one example id)."""
    found = [c for c in nb.cells if c.get("id") == cell_id]
    assert len(found) == 1 and found[0].cell_type == "code", cell_id
    return found[0]


def stdout(c: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in c.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def stderr(c: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in c.outputs if o["output_type"] == "stream" and o["name"] == "stderr")


def lines(c: nbformat.NotebookNode) -> list[str]:
    """stdout of a cell as lines, without the trailing empty one."""
    return stdout(c).splitlines()


def result(c: nbformat.NotebookNode) -> str | None:
    """text/plain of the cell's execute_result, or None when it has none."""
    out = [o for o in c.outputs if o["output_type"] == "execute_result"]
    assert len(out) <= 1
    return out[0]["data"]["text/plain"] if out else None


def error(c: nbformat.NotebookNode) -> tuple[str, str] | None:
    """(ename, evalue) of the cell's error output, or None."""
    out = [o for o in c.outputs if o["output_type"] == "error"]
    assert len(out) <= 1
    return (out[0]["ename"], out[0]["evalue"]) if out else None


def no_errors(nb: nbformat.NotebookNode) -> None:
    """No cell shows an error unless it is tagged raises-exception."""
    for c in nb.cells:
        if c.cell_type != "code" or "raises-exception" in c.metadata.get("tags", []):
            continue
        bad = [o for o in c.outputs if o["output_type"] == "error"]
        assert not bad, f"{c.metadata.get('tags')}: {bad[0]['ename']}: {bad[0]['evalue']}"


def matches(pattern: str, text: str) -> re.Match:
    m = re.search(pattern, text, re.M)
    assert m, f"{pattern!r} not in {text!r}"
    return m


def no_stderr(nb: nbformat.NotebookNode) -> None:
    """No code cell wrote to stderr (a task's unretrieved exception, a greenlet that died, ...)."""
    for c in nb.cells:
        if c.cell_type == "code":
            assert not stderr(c), f"{c.metadata.get('tags')}: stderr {stderr(c)!r}"


def svgs(c: nbformat.NotebookNode) -> list[str]:
    """The SVG images a cell showed (display_data and execute_result), in order."""
    return [o["data"]["image/svg+xml"] for o in c.outputs
            if o["output_type"] in ("display_data", "execute_result") and "image/svg+xml" in o.get("data", {})]


def timeline_lanes(svg: str) -> list[str]:
    """The lane names of a display.Timeline chart, top to bottom."""
    return [html.unescape(s) for s in
            re.findall(r'<text x="\d+" y="\d+" text-anchor="end" dominant-baseline="central">([^<]*)</text>', svg)]


_UNITS = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def _seconds(text: str) -> float:
    if text == "0":
        return 0.0
    m = re.fullmatch(r"([\d.]+)(ns|µs|ms|s)", text)
    assert m, text
    return float(m[1]) * _UNITS[m[2]]


def timeline_bars(svg: str) -> list[tuple[str, str, float, float, str]]:
    """The bars of a display.Timeline chart as (lane, state, from, to, note), times in seconds, read from the
    <title> each bar carries ("Thread-1: wait lock 300ms–1.5s (mutexB)")."""
    bars = []
    for title in re.findall(r"<rect [^>]*><title>([^<]*)</title></rect>", svg):
        m = re.fullmatch(r"(.*): (run|sleep|wait lock|wait queue|wait channel|wait join|wait) (\S+)–(\S+)(?: \((.*)\))?",
                         html.unescape(title))
        assert m, title
        bars.append((m[1], m[2], _seconds(m[3]), _seconds(m[4]), m[5] or ""))
    return bars


def overlapping(a: list[tuple], b: list[tuple]) -> bool:
    """Whether some bar of a and some bar of b share a stretch of time."""
    return any(x[2] < y[3] and y[2] < x[3] for x in a for y in b)
