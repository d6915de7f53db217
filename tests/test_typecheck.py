"""Go's own type errors before a cell runs, through jupyter_client against the installed kernel.

The kernel type-checks each plain cell with go/types against the session's declarations before the worker gets it
(kernel/gotypes/precheck.go): a cell Go rejects fails with every error in Go's words at the cell's positions and
nothing of it runs; a valid cell is never refused; type arguments yaegi cannot infer are written out for it.
"""

from __future__ import annotations

import pytest
from conftest import Kernel


@pytest.fixture(scope="module")
def session(kernel: Kernel) -> Kernel:
    kernel.ok('import "fmt"\nn := 1')
    kernel.ok("// Point is a place.\ntype Point struct{ X, Y int }")
    return kernel


def test_type_errors_fail_the_cell_before_it_runs(session: Kernel) -> None:
    run = session.execute('fmt.Println("before")\nn = "x"\np := Point{1, "y"}\nvar s string = n')
    c = run.content
    assert c["status"] == "error", run.describe()
    cell = f"cell[{c['execution_count']}]"
    want = [
        f'{cell}:2:5: cannot use "x" (untyped string constant) as int value in assignment',
        f'{cell}:3:15: cannot use "y" (untyped string constant) as int value in struct literal',
        f"{cell}:4:16: cannot use n (variable of type int) as string value in variable declaration",
    ]
    assert c["ename"] == "CompileError"
    assert c["evalue"] == want[0]
    assert c["traceback"] == want
    # The error message on IOPub says the same, and nothing ran: not even the Println before the errors.
    assert run.errors() == [{"ename": c["ename"], "evalue": c["evalue"], "traceback": c["traceback"]}]
    assert run.stdout == "" and run.stderr == ""
    assert session.ok("n").results()[0]["data"]["text/plain"] == "1"


def test_types_are_named_as_in_go(session: Kernel) -> None:
    run = session.execute("type Shape interface{ Area() float64 }\nvar sh Shape = Point{}")
    assert run.status == "error"
    assert run.content["evalue"].endswith(
        "cannot use Point{} (value of struct type Point) as Shape value in variable declaration: "
        "Point does not implement Shape (missing method Area)"
    ), run.content["evalue"]
    assert "struct {" not in run.error_text() and "interp." not in run.error_text()


def test_at_most_ten_errors(session: Kernel) -> None:
    cell = "\n".join(f'var v{i} int = "{i}"' for i in range(12))
    c = session.execute(cell).content
    assert c["status"] == "error"
    assert len(c["traceback"]) == 11 and c["traceback"][-1] == "(only the first 10 errors are shown)"
    assert all("cannot use" in line for line in c["traceback"][:10])


@pytest.mark.parametrize(
    "code, value",
    [
        ('import "strings"\nunused := 3\nfor i := range 2 { j := i }\n"done"', '"done"'),  # unused import and vars
        ('x := 2\nx := "again"\nx', '"again"'),  # a cell may declare a name again
        ("func (p Point) Sum() int { return p.X + p.Y }\nPoint{2, 3}.Sum()", "5"),  # a method on an earlier type
        ("func half() int { return whole / 2 }\nconst whole = 10\nhalf()", "5"),  # any declaration order
    ],
)
def test_valid_cells_run(session: Kernel, code: str, value: str) -> None:
    run = session.ok(code)
    assert run.results()[0]["data"]["text/plain"] == value


def test_inferred_type_arguments_are_written_out(session: Kernel) -> None:
    session.ok(
        "func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar out []U\n\tfor _, x := range xs {\n"
        "\t\tout = append(out, f(x))\n\t}\n\treturn out\n}"
    )
    run = session.ok('import "strconv"\nMap([]int{1, 2, 3}, strconv.Itoa)')
    assert run.results()[0]["data"]["text/plain"] == "[1 2 3]"


def test_top_level_vars_from_generic_calls_get_their_type(session: Kernel) -> None:
    """yaegi panics on a package-level var whose value is a generic call; the check writes the type out."""
    session.ok('import (\n\t"iter"\n\t"maps"\n\t"slices"\n)\nm := map[string]int{"b": 2, "a": 1}\nks := slices.Sorted(maps.Keys(m))')
    assert session.ok("ks").results()[0]["data"]["text/plain"] == "[a b]"
    session.ok("next, stop := iter.Pull(slices.Values(ks))")
    assert session.ok("next()").results()[0]["data"]["text/plain"] == '("a", true)'
    session.ok("stop()")


def test_cell_values_keep_their_methods_as_call_results(session: Kernel) -> None:
    """A call result of a cell type given straight to compiled code keeps its methods (yaegi dropped them)."""
    session.ok(
        'import "fmt"\n'
        "type Fib struct{ a, b, n int }\n"
        "func (f *Fib) Next() (any, error) {\n\tif f.n == 0 {\n\t\treturn nil, coro.StopIteration\n\t}\n"
        "\tf.n--\n\tv := f.a\n\tf.a, f.b = f.b, f.a+f.b\n\treturn v, nil\n}\n"
        "func (f *Fib) Iter() coro.Iterator { return f }\n"
        "func NewFib(n int) *Fib { return &Fib{0, 1, n} }\n"
        "type S struct{ n int }\n"
        'func (s S) String() string { return fmt.Sprint("S#", s.n) }\n'
        "func mk(n int) S { return S{n} }"
    )
    assert session.ok("fmt.Println(coro.List(NewFib(6)))").stdout == "[0, 1, 1, 2, 3, 5] <nil>\n"
    assert session.ok("fmt.Println(mk(3))").stdout == "S#3\n"


def test_interpreter_limits_are_told_apart(session: Kernel) -> None:
    run = session.execute("c := make(chan int)\nvar r <-chan int = c\nr == c")
    if run.status == "ok":
        pytest.skip("the interpreter compiles this cell now; find another it cannot")
    c = run.content
    assert c["ename"] == "CompileError" and c["evalue"].startswith("interpreter limit: ")
    assert "not an error in the program" in c["traceback"][-1]
