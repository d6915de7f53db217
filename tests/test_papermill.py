"""papermill parameters for Go notebooks: the translator in python/gokernel_jupyter (unit tests), and real
`papermill in.ipynb out.ipynb -p …` runs of a small Go notebook through the installed gokernel kernel."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import KERNEL_NAME
from gokernel_jupyter.translator import GoTranslator, infer_type, quote

# --- registration ----------------------------------------------------------------------------------------------


def test_papermill_finds_the_translator_through_the_entry_point() -> None:
    """A fresh interpreter that imports only papermill gets the Go translator for the kernel and the language."""
    code = (
        "import papermill\n"
        "from papermill.translators import papermill_translators as t\n"
        "print(t.find_translator('gokernel', 'unknown').__module__)\n"
        "print(t.find_translator('some-other-go-kernel', 'go').__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert out == ["gokernel_jupyter.translator", "GoTranslator"]


# --- values ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, go",
    [
        (5, "5"),
        (-12, "-12"),
        (2**70, str(2**70)),  # an untyped constant: fine for big.Int-sized consts, an overflow error for int
        (5.0, "5.0"),
        (0.1, "0.1"),
        (-2.5, "-2.5"),
        (1e-7, "1e-07"),
        (1e20, "1e+20"),
        (True, "true"),
        (False, "false"),
        (None, "nil"),
        ("", '""'),
        ("plain", '"plain"'),
        ('他说："你好"', '"他说：\\"你好\\""'),
        ("a\\b", '"a\\\\b"'),
        ("tab\tnl\ncr\r", '"tab\\tnl\\ncr\\r"'),
        ("\x00\x1b\x7f", '"\\x00\\x1b\\x7f"'),
        ("\u00ad\u2028\ufeff\u3000", '"\\u00ad\\u2028\\ufeff\\u3000"'),
        ("é😀\U000e0001", '"é😀\\U000e0001"'),
        ("\ud800", '"\\ufffd"'),
        ([], "[]any{}"),
        ([1, 2.0, "x", None, True], '[]any{1, 2.0, "x", nil, true}'),
        ((1, (2,)), "[]any{1, []any{2}}"),
        ({}, "map[string]any{}"),
        ({"a": [1, {"b": None}]}, 'map[string]any{"a": []any{1, map[string]any{"b": nil}}}'),
        ({1: "one", "two": 2}, 'map[any]any{1: "one", "two": 2}'),
        (float("inf"), "math.Inf(1)"),
        (float("-inf"), "math.Inf(-1)"),
        (float("nan"), "math.NaN()"),
    ],
)
def test_translate(value, go: str) -> None:
    assert GoTranslator.translate(value) == go


def test_quote_keeps_printable_runes_of_every_script() -> None:
    text = "Ünïcødé ελληνικά русский 中文 日本語 한국어 עברית العربية हिन्दी ✓ ∑ 🎉"
    assert quote(text) == f'"{text}"'


def test_codify_assigns_inside_a_declaration() -> None:
    cell = GoTranslator.codify({"ratio": 5, "title": "t"})
    assert cell == (
        "// Parameters\n"
        "var papermillParameters = func() []string {\n"
        "\tratio = 5\n"
        '\ttitle = "t"\n'
        '\treturn []string{"ratio", "title"}\n'
        "}()\n"
    )


def test_codify_imports_math_only_for_inf_and_nan() -> None:
    assert 'import "math"' not in GoTranslator.codify({"x": 1.5, "y": [1.0]})
    assert 'import "math"\n' in GoTranslator.codify({"x": [1, {"k": float("nan")}]})


def test_codify_comment_lines() -> None:
    assert GoTranslator.codify({}, "injected\nby papermill") == "// injected\n// by papermill\n"


@pytest.mark.parametrize("name", ["my-param", "2x", "func", "type", "", "papermillParameters"])
def test_codify_rejects_names_go_cannot_take(name: str) -> None:
    with pytest.raises(ValueError, match=repr(name).replace("(", r"\(")):
        GoTranslator.codify({name: 1})


def test_codify_takes_unicode_identifiers() -> None:
    assert "\t比例 = 2\n" in GoTranslator.codify({"比例": 2})


# --- inference (papermill --help-notebook and its unknown-parameter warning) ------------------------------------

PARAMETERS_CELL = """\
import "time"

var ratio float64 // share of the work
loops := 1_000 // how many rounds
var (
    name = "a, b" // who
    items []any
)
a, b := 1, 2.5
const fixed = 3
var wait = 2 * time.Second
var d time.Duration
var p = &Point{1, 2}
var q = float32(1)
s := []int{1, 2}
func helper() {
    inner := 5
}
"""


def test_inspect() -> None:
    cell = nbformat.v4.new_code_cell(PARAMETERS_CELL)
    got = [(p.name, p.inferred_type_name, p.default, p.help) for p in GoTranslator.inspect(cell)]
    assert got == [
        ("ratio", "float64", "0", "share of the work"),
        ("loops", "int", "1_000", "how many rounds"),
        ("name", "string", '"a, b"', "who"),
        ("items", "[]any", "nil", ""),
        ("a", "int", "1", ""),
        ("b", "float64", "2.5", ""),
        ("wait", "None", "2 * time.Second", ""),
        ("d", "time.Duration", "zero value", ""),
        ("p", "*Point", "&Point{1, 2}", ""),
        ("q", "float32", "float32(1)", ""),
        ("s", "[]int", "[]int{1, 2}", ""),
    ]


@pytest.mark.parametrize(
    "value, typ",
    [("5", "int"), ("0x1F", "int"), ("5.", "float64"), ("1e3", "float64"), ("2i", "complex128"), ("'x'", "rune"),
     ("`raw`", "string"), ("true", "bool"), ("nil", "None"), ("f()", "None"), ("map[string]int{}", "map[string]int")],
)
def test_infer_type(value: str, typ: str) -> None:
    assert infer_type(value) == typ


def test_parameterize_notebook_places_the_cell_after_parameters() -> None:
    from papermill.parameterize import parameterize_notebook

    nb = go_notebook(["x := 1", "fmt.Println(x)"])
    nb.metadata.papermill = {}
    out = parameterize_notebook(nb, {"x": 2})
    assert [c.metadata.get("tags", []) for c in out.cells] == [["parameters"], ["injected-parameters"], []]
    assert "\tx = 2\n" in out.cells[1].source


# --- real runs through the kernel --------------------------------------------------------------------------------


def go_notebook(cells: list[str]) -> nbformat.NotebookNode:
    """A Go notebook whose first cell is tagged parameters."""
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": KERNEL_NAME, "display_name": "Go (gokernel)", "language": "go"}
    nb.metadata.language_info = {"name": "go"}
    nb.cells = [nbformat.v4.new_code_cell(src, metadata={"tags": []}) for src in cells]
    nb.cells[0].metadata.tags = ["parameters"]
    return nb


DECLARED = """\
import (
    "encoding/json"
    "fmt"
    "math"
    "strconv"
)

var ratio float64 = 0.5 // a float64 given an int stays float64
loops := 10
var scale float32
title := "default"
var flag = false
var nothing any = "set"
var items []any
var config map[string]any
var weight any
var odd float64
var far any
"""

REPORT = """\
func report() {
    for _, v := range []struct {
        name  string
        value any
    }{{"ratio", ratio}, {"loops", loops}, {"scale", scale}, {"title", title}, {"flag", flag}, {"nothing", nothing},
        {"items", items}, {"config", config}, {"weight", weight}} {
        j, _ := json.Marshal(v.value)
        fmt.Printf("%s %T %s\\n", v.name, v.value, j)
    }
    fmt.Printf("elements %T %T %T %T\\n", items[0], items[1], items[2], items[3])
    fmt.Println("quoted", strconv.Quote(title))
    fmt.Println("odd", math.IsNaN(odd), far)
}
report()
"""

# A child process replays the notebook's declarations: it sees the parameters because the injected cell assigns
# them inside a declaration.
CHILD = """p := mt.NewProcess(report)
p.Start()
p.Join()
"""

TITLE = '他说："你好"\t\\ \'单引号\' ✓ 🎉\n第二行'


def papermill_cli(tmp: Path, nb: nbformat.NotebookNode, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    src, out = tmp / "in.ipynb", tmp / "out.ipynb"
    nbformat.write(nb, src)
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", str(src), str(out), "--no-progress-bar", "--cwd", str(tmp), *args],
        capture_output=True, text=True, env=env, timeout=180,
    )
    return proc, out


def test_papermill_run_keeps_types(tmp_path: Path) -> None:
    proc, out = papermill_cli(
        tmp_path,
        go_notebook([DECLARED, REPORT, CHILD]),
        "-p", "ratio", "5",
        "-p", "loops", "7",
        "-p", "scale", "2.5",
        "-r", "title", TITLE,
        "-p", "flag", "True",
        "-p", "nothing", "None",
        "-y", 'items: [1, 2.0, "x", [true, null]]\nconfig: {"k": {"n": [1, 2]}, "s": "值"}\nweight: 5.0\nodd: .nan\nfar: -.inf',
    )
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(out, as_version=4)
    injected = nb.cells[1]
    assert injected.metadata.tags == ["injected-parameters"]
    assert "\tratio = 5\n" in injected.source and "\tweight = 5.0\n" in injected.source
    text = "".join(o.get("text", "") for o in nb.cells[2].outputs)
    assert "".join(o.get("text", "") for o in nb.cells[3].outputs) == text, "the child process saw other values"
    got = dict(line.split(" ", 1) for line in text.splitlines())
    assert got["ratio"] == "float64 5"
    assert got["loops"] == "int 7"
    assert got["scale"] == "float32 2.5"
    assert got["title"] == "string " + json.dumps(TITLE, ensure_ascii=False)
    assert got["flag"] == "bool true"
    assert got["nothing"] == "<nil> null"
    assert got["items"] == '[]interface {} [1,2,"x",[true,null]]'
    assert got["config"] == 'map[string]interface {} {"k":{"n":[1,2]},"s":"值"}'
    assert got["weight"] == "float64 5"
    assert got["elements"] == "int float64 string []interface {}"
    assert got["quoted"] == quote(TITLE), "the translator's literal is what Go's strconv.Quote writes"
    assert got["odd"] == "true -Inf"
    assert math.isnan(nb.metadata.papermill.parameters["odd"])


def test_undeclared_parameter_is_named(tmp_path: Path) -> None:
    proc, out = papermill_cli(tmp_path, go_notebook(["loops := 10", "loops"]), "-p", "loopz", "3")
    assert proc.returncode != 0
    assert "Passed unknown parameter: loopz" in proc.stderr
    assert "undefined: loopz" in proc.stderr
    nb = nbformat.read(out, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    errors = [o for o in injected[0].outputs if o.output_type == "error"]
    assert errors and "undefined: loopz" in errors[0].evalue


def test_help_notebook_lists_go_parameters(tmp_path: Path) -> None:
    src = tmp_path / "in.ipynb"
    nbformat.write(go_notebook(['var ratio float64 = 0.5 // share of the work\nloops := 10']), src)
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(src)], capture_output=True, text=True, check=True
    )
    assert "ratio: float64 (default 0.5)" in proc.stdout and "share of the work" in proc.stdout
    assert "loops: int (default 10)" in proc.stdout
