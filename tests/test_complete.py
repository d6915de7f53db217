"""complete_request and inspect_request through jupyter_client, against the installed kernel.

The kernel type-checks cells with go/types against the session's declarations (kernel/gotypes); these tests check
the replies' schema and content as JupyterLab reads them, and that they come while a cell runs.
"""

from __future__ import annotations

import pytest
from conftest import Kernel

SESSION = [
    'import "strings"\n// Point is a place on the plane.\ntype Point struct{ X, Y int }\n'
    "// Dist returns the Manhattan distance to the origin.\nfunc (p Point) Dist() int { return p.X + p.Y }",
    "pt := Point{3, 4}\nvar sb strings.Builder",
    "// twice doubles n.\nfunc twice(n int) int { return 2 * n }",
]


@pytest.fixture(scope="module")
def session(kernel: Kernel) -> Kernel:
    for cell in SESSION:
        kernel.ok(cell)
    return kernel


def complete(k: Kernel, code: str) -> dict:
    """Complete at the | in code."""
    cursor = code.index("|")
    run = k.wait(k.request("complete_request", {"code": code.replace("|", "", 1), "cursor_pos": cursor}))
    assert run.reply["msg_type"] == "complete_reply"
    c = run.content
    assert c["status"] == "ok"
    assert set(c) >= {"matches", "cursor_start", "cursor_end", "metadata"}
    assert all(isinstance(m, str) for m in c["matches"])
    types = c["metadata"].get("_jupyter_types_experimental", [])
    assert [t["text"] for t in types] == c["matches"]
    for t in types:
        assert (t["start"], t["end"]) == (c["cursor_start"], c["cursor_end"])
        assert t["type"] and isinstance(t["signature"], str)
    return c


@pytest.mark.parametrize(
    "code, want, start, end",
    [
        ("coro.|", {"NewGenerator", "Range", "Go"}, 5, 5),
        ("mt.NewP|", {"NewPool"}, 3, 7),
        ('import "time"\ntime.Sl|', {"Sleep"}, 19, 21),
        ("pt.|", {"X", "Y", "Dist"}, 3, 3),
        ("sb.Wri|", {"WriteString", "WriteByte"}, 3, 6),
        ('import "enc|', {"encoding/json", "encoding/csv"}, 8, 11),
        ("tw|", {"twice"}, 0, 2),
        ("p := Point{|", {"X", "Y"}, 11, 11),
        ('名字 := "张三"\n名|', {"名字"}, 11, 12),
        ("x := [}\nfmt.Spr|", set(), 12, 15),  # fmt is not imported in this session: nothing, but a reply
    ],
)
def test_complete(session: Kernel, code: str, want: set[str], start: int, end: int) -> None:
    c = complete(session, code)
    assert want <= set(c["matches"]), c["matches"]
    assert (c["cursor_start"], c["cursor_end"]) == (start, end)


def test_complete_kinds(session: Kernel) -> None:
    types = {t["text"]: t for t in complete(session, "pt.|")["metadata"]["_jupyter_types_experimental"]}
    assert types["Dist"]["type"] == "function" and types["Dist"]["signature"] == "func() int"
    assert types["X"]["type"] == "property" and types["X"]["signature"] == "int"
    mods = {t["text"]: t["type"] for t in complete(session, "m|")["metadata"]["_jupyter_types_experimental"]}
    assert mods["mt"] == "module" and mods["make"] == "function" and mods["map"] == "keyword"


def inspect(k: Kernel, code: str, detail: int = 0) -> dict:
    cursor = code.index("|")
    content = {"code": code.replace("|", "", 1), "cursor_pos": cursor, "detail_level": detail}
    run = k.wait(k.request("inspect_request", content))
    assert run.reply["msg_type"] == "inspect_reply"
    c = run.content
    assert c["status"] == "ok" and isinstance(c["metadata"], dict)
    return c


def test_inspect_stdlib_and_preloaded(session: Kernel) -> None:
    c = inspect(session, "pool := mt.NewPo|ol(2)")
    assert c["found"] is True
    assert c["data"]["text/plain"].startswith("func mt.NewPool(")
    assert c["data"]["text/markdown"].startswith("```go\nfunc mt.NewPool(")
    c = inspect(session, 'strings.ToUp|per("go")')
    assert "ToUpper returns s with all Unicode letters mapped to their upper case" in c["data"]["text/plain"]


def test_inspect_session_declaration(session: Kernel) -> None:
    c = inspect(session, "twi|ce(2)")
    assert c["found"] is True
    text = c["data"]["text/plain"]
    assert text.startswith("func twice(n int) int") and "twice doubles n." in text
    assert "return 2 * n" not in text
    c = inspect(session, "twi|ce(2)", detail=1)
    assert "func twice(n int) int { return 2 * n }" in c["data"]["text/plain"]
    c = inspect(session, "pt.Di|st()")
    assert "Dist returns the Manhattan distance" in c["data"]["text/markdown"]


def test_inspect_nothing(session: Kernel) -> None:
    c = inspect(session, 's := "a|b"')
    assert c["found"] is False and c["data"] == {}


def test_answers_while_a_cell_runs(session: Kernel) -> None:
    """A cell waiting for input keeps Shell's main server busy; completion and inspection are answered anyway."""
    run = session.send('import "fmt"\nvar answer string\nfmt.Scanln(&answer)\nfmt.Println("got", answer)', allow_stdin=True)
    session.wait(run, until=lambda r: bool(r.stdin), stdin=lambda req: None)  # input_request arrived, unanswered
    assert run.reply is None
    c = complete(session, "pt.Di|")
    assert c["matches"] == ["Dist"]
    assert inspect(session, "twi|ce(1)")["found"] is True
    assert run.reply is None  # the cell is still waiting
    session.kc.input("gopher")
    session.wait(run)
    assert run.status == "ok" and run.stdout == "got gopher\n"
