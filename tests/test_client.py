"""Execute semantics and protocol behaviour of the installed gokernel, driven by jupyter_client.

All tests of this module share one kernel (fixture `kernel`); each uses names of its own so that they do not
depend on one another's state.
"""

from __future__ import annotations

import time

import pytest
from conftest import TIMINGS, Kernel, find_nulls


def test_execute_message_order_and_parents(kernel: Kernel) -> None:
    code = 'import "fmt"\nfmt.Println("order check")'
    run = kernel.ok(code)
    types = [m["msg_type"] for m in run.iopub]
    assert types[0] == "status" and run.iopub[0]["content"]["execution_state"] == "busy", types
    assert types[1] == "execute_input", types
    assert types[-1] == "status" and run.iopub[-1]["content"]["execution_state"] == "idle", types
    assert set(types[2:-1]) == {"stream"}, types
    for m in [run.reply, *run.iopub]:
        assert m["parent_header"]["msg_id"] == run.msg_id
        assert m["parent_header"]["msg_type"] == "execute_request"
    exec_input = run.iopub[1]["content"]
    assert exec_input == {"code": code, "execution_count": run.content["execution_count"]}
    assert run.content["user_expressions"] == {}
    assert run.content["payload"] == []
    assert run.stdout == "order check\n"


def test_execution_count(kernel: Kernel) -> None:
    first = kernel.ok("countA := 1")
    second = kernel.ok("countA++")
    assert second.content["execution_count"] == first.content["execution_count"] + 1
    failed = kernel.execute("countA = undefinedCountB")
    assert failed.status == "error"
    assert failed.content["execution_count"] == second.content["execution_count"] + 1
    silent = kernel.execute("countA++", silent=True)
    assert silent.status == "ok"
    assert not silent.of_type("execute_input", "execute_result")
    after = kernel.ok("countA")
    assert after.content["execution_count"] == failed.content["execution_count"] + 1
    assert after.results()[0]["data"]["text/plain"] == "3"


@pytest.mark.parametrize(
    "code, want",
    [("1 + 2", "3"), ('"go" + "lang"', '"golang"'), ("3 > 2", "true")],
)
def test_execute_result(kernel: Kernel, code: str, want: str) -> None:
    run = kernel.ok(code)
    results = run.results()
    assert len(results) == 1, run.describe()
    assert results[0]["data"]["text/plain"] == want
    assert results[0]["execution_count"] == run.content["execution_count"]
    assert results[0]["metadata"] == {}


@pytest.mark.parametrize(
    "code",
    ["var noResult = 4", "func noResultFunc() {}", 'import "fmt"\nfmt.Print("")', "type noResultType int"],
)
def test_no_result_for_declarations_and_calls(kernel: Kernel, code: str) -> None:
    run = kernel.ok(code)
    assert run.results() == [], run.describe()


def test_error_reply_and_message_agree(kernel: Kernel) -> None:
    run = kernel.execute("undefinedVariable")
    assert run.status == "error"
    errors = run.errors()
    assert len(errors) == 1, run.describe()
    for key in ("ename", "evalue", "traceback"):
        assert errors[0][key] == run.content[key]
    assert run.content["ename"] and isinstance(run.content["traceback"], list)
    assert all(isinstance(line, str) for line in run.content["traceback"])
    assert "undefinedVariable" in run.error_text()
    assert [m["msg_type"] for m in run.outputs()] == ["error"]


def test_compile_error_runs_nothing(kernel: Kernel) -> None:
    kernel.ok("compileZ := 5")
    run = kernel.execute('import "fmt"\nfmt.Println("must not run")\ncompileZ = 6\nvar compileBad int = "text"')
    assert run.status == "error", run.describe()
    assert run.stdout == ""
    after = kernel.ok('import "fmt"\nfmt.Println(compileZ)')
    assert after.stdout == "5\n"


def test_rerun_cell(kernel: Kernel) -> None:
    code = 'import "fmt"\nrerunX := 1\nfmt.Println("rerun", rerunX)'
    for _ in range(3):
        assert kernel.ok(code).stdout == "rerun 1\n"


def test_redefined_func_seen_by_callers(kernel: Kernel) -> None:
    kernel.ok("func redefF() int { return 1 }\nfunc redefG() int { return redefF() * 10 }")
    assert kernel.ok("redefG()").results()[0]["data"]["text/plain"] == "10"
    kernel.ok("func redefF() int { return 2 }")
    assert kernel.ok("redefG()").results()[0]["data"]["text/plain"] == "20"


def test_redefined_type(kernel: Kernel) -> None:
    kernel.ok("type redefT struct{ A int }\nredefOld := redefT{A: 1}")
    kernel.ok("type redefT struct{ A, B int }")
    run = kernel.ok('import "fmt"\nfmt.Printf("%+v\\n", redefT{A: 1, B: 2})')
    assert run.stdout == "{A:1 B:2}\n"


def test_redefined_var_replaced(kernel: Kernel) -> None:
    kernel.ok("var redefV = 1")
    kernel.ok('var redefV = "now a string"')
    run = kernel.ok('import "fmt"\nfmt.Printf("%T %v\\n", redefV, redefV)')
    assert run.stdout == "string now a string\n"


def test_goroutine_output_arrives_in_its_cell(kernel: Kernel) -> None:
    code = """import (
	"fmt"
	"sync"
	"time"
)
var tickWG sync.WaitGroup
tickWG.Add(1)
go func() {
	defer tickWG.Done()
	for i := 0; i < 5; i++ {
		fmt.Println("tick", i)
		time.Sleep(20 * time.Millisecond)
	}
}()
tickWG.Wait()
fmt.Println("waited")"""
    run = kernel.ok(code)
    assert run.stdout == "".join(f"tick {i}\n" for i in range(5)) + "waited\n"
    assert not run.late, run.late


def test_many_goroutines_lose_nothing(kernel: Kernel) -> None:
    code = """import (
	"fmt"
	"sync"
)
var manyWG sync.WaitGroup
for g := 0; g < 4; g++ {
	manyWG.Add(1)
	go func() {
		defer manyWG.Done()
		for i := 0; i < 2000; i++ {
			fmt.Printf("g%d %d\\n", g, i)
		}
	}()
}
manyWG.Wait()"""
    run = kernel.ok(code, timeout=60)
    lines = run.stdout.splitlines()
    assert len(lines) == 8000
    for g in range(4):
        mine = [line for line in lines if line.startswith(f"g{g} ")]
        assert mine == [f"g{g} {i}" for i in range(2000)]


def test_lingering_goroutine_output_goes_to_running_cell(kernel: Kernel) -> None:
    first = kernel.ok(
        'import (\n\t"fmt"\n\t"time"\n)\ngo func() {\n\ttime.Sleep(300 * time.Millisecond)\n'
        '\tfmt.Println("late line")\n}()\nfmt.Println("first done")'
    )
    second = kernel.ok('time.Sleep(time.Second)\nfmt.Println("second done")')
    assert first.stdout == "first done\n"
    assert second.stdout == "late line\nsecond done\n"
    assert not first.late and not second.late


def test_partial_line_is_sent_before_cell_ends(kernel: Kernel) -> None:
    run = kernel.ok('import (\n\t"fmt"\n\t"time"\n)\nfmt.Print("\\r 42%")\ntime.Sleep(1500 * time.Millisecond)')
    assert run.stdout == "\r 42%"
    first_stream = run.arrivals[run.iopub.index(run.of_type("stream")[0])]
    assert run.idle_at - first_stream > 1.0, "the partial line was held back until the cell ended"
    start = run.arrivals[run.iopub.index(run.of_type("execute_input")[0])]
    TIMINGS["partial line: execute_input -> first stream"] = first_stream - start


@pytest.mark.timeout(900)
def test_million_lines_complete_and_in_order(kernel: Kernel) -> None:
    n = 1_000_000
    t0 = time.monotonic()
    run = kernel.ok(f'import "fmt"\nfor i := 0; i < {n}; i++ {{\n\tfmt.Println(i)\n}}', timeout=600)
    elapsed = time.monotonic() - t0
    TIMINGS["1,000,000 lines: request -> idle"] = elapsed
    TIMINGS["1,000,000 lines: stream messages"] = len(run.of_type("stream"))
    print(f"1,000,000 lines in {elapsed:.2f} s over {len(run.of_type('stream'))} stream messages")
    got, want = run.stdout, "".join(f"{i}\n" for i in range(n))
    if got != want:
        at = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        pytest.fail(
            f"output differs at char {at} (got {len(got)} chars, want {len(want)}): "
            f"got {got[max(0, at - 40) : at + 40]!r}, want {want[max(0, at - 40) : at + 40]!r}"
        )
    assert run.stderr == ""


@pytest.mark.parametrize(
    "code",
    [
        'import "fmt"\nvar stdinS string\nfmt.Scanln(&stdinS)\nfmt.Println("got", stdinS)',
        'import (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n'
        "stdinLine, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\n"
        'fmt.Println("got", strings.TrimSpace(stdinLine))',
    ],
    ids=["Scanln", "bufio"],
)
def test_stdin_allowed(kernel: Kernel, code: str) -> None:
    run = kernel.execute(code, timeout=20, stdin=lambda req: "gopher")
    assert run.status == "ok", run.describe()
    assert [m["msg_type"] for m in run.stdin] == ["input_request"]
    request = run.stdin[0]
    assert request["parent_header"]["msg_id"] == run.msg_id
    assert request["content"]["password"] is False
    assert isinstance(request["content"]["prompt"], str)
    assert run.stdout.endswith("got gopher\n")


def test_input_prompt_goes_in_the_request(kernel: Kernel) -> None:
    """mt.Input and mt.GetPass ask like Python's input() and getpass() under ipykernel: the prompt (and the
    password flag) travel in the input_request, nothing is printed; without stdin, scripted answers are echoed
    after their prompt."""
    code = 'import "fmt"\nname, _ := mt.Input("名字：")\npw, _ := mt.GetPass("Password: ")\nfmt.Println("hi", name, len(pw))'
    answers = iter(["gopher", "s3cret"])
    run = kernel.execute(code, timeout=20, stdin=lambda req: next(answers))
    assert run.status == "ok", run.describe()
    assert [(m["content"]["prompt"], m["content"]["password"]) for m in run.stdin] == [
        ("名字：", False),
        ("Password: ", True),
    ]
    assert run.stdout == "hi gopher 6\n"
    run = kernel.execute('mt.SetInputs("test_dir")\ndir, _ := mt.Input("文件夹：")\nfmt.Println(dir)', timeout=20)
    assert run.status == "ok", run.describe()
    assert run.stdout == "文件夹：test_dir\ntest_dir\n"


def test_stdin_not_allowed_fails_at_once(kernel: Kernel) -> None:
    code = (
        'import "fmt"\nvar noStdin string\n_, noStdinErr := fmt.Scanln(&noStdin)\n'
        'if noStdinErr != nil {\n\tpanic(noStdinErr)\n}\nfmt.Println("read", noStdin)'
    )
    t0 = time.monotonic()
    run = kernel.execute(code, timeout=10)  # fails on any input_request: stdin handler is None
    assert time.monotonic() - t0 < 5
    assert run.status == "error", run.describe()
    assert "stdin" in run.error_text().lower(), run.error_text()
    assert kernel.ok("1 + 1").results()[0]["data"]["text/plain"] == "2"


@pytest.mark.parametrize(
    "code, status",
    [
        ("x := 1", "complete"),
        ("func f() {", "incomplete"),
        ("for {", "incomplete"),
        ("x := [", "incomplete"),
        ("x := )", "invalid"),
        ("}}", "invalid"),
    ],
)
def test_is_complete(kernel: Kernel, code: str, status: str) -> None:
    run = kernel.wait(kernel.request("is_complete_request", {"code": code}))
    assert run.reply["msg_type"] == "is_complete_reply"
    assert run.content["status"] == status
    if status == "incomplete":
        assert isinstance(run.content.get("indent"), str)


def test_kernel_info(kernel: Kernel) -> None:
    run = kernel.wait(kernel.request("kernel_info_request"))
    assert [m["content"]["execution_state"] for m in run.iopub] == ["busy", "idle"]
    info = run.content
    assert info["status"] == "ok"
    assert info["protocol_version"] == "5.3"
    assert info["implementation"] and info["implementation_version"]
    assert isinstance(info["banner"], str) and info["banner"].strip()
    assert info["help_links"] and all(set(link) == {"text", "url"} for link in info["help_links"])
    lang = info["language_info"]
    assert lang["name"] == "go"
    assert lang["version"]
    assert lang["mimetype"] == "text/x-go"
    assert lang["file_extension"] == ".go"
    assert lang["pygments_lexer"] == "go"
    assert lang["codemirror_mode"] == "go"
    # nbconvert --to script delegates to the exporter python/gokernel_jupyter registers under this name
    assert lang["nbconvert_exporter"] == "gokernel"


@pytest.mark.parametrize("content", [{}, {"target_name": "jupyter.widget"}])
def test_comm_info_is_empty(kernel: Kernel, content: dict) -> None:
    run = kernel.wait(kernel.request("comm_info_request", content))
    assert run.content == {"status": "ok", "comms": {}}
    assert [m["content"]["execution_state"] for m in run.iopub] == ["busy", "idle"]


def test_unknown_message_type_gets_busy_idle(kernel: Kernel) -> None:
    run = kernel.wait(kernel.request("gokernel_no_such_request", {"x": 1}), until=lambda r: r.idle_at is not None)
    assert [m["content"]["execution_state"] for m in run.iopub] == ["busy", "idle"]
    assert kernel.ok("40 + 2").results()[0]["data"]["text/plain"] == "42"


def test_no_nulls_in_any_message(kernel: Kernel) -> None:
    # Every message the harness receives is checked as it arrives (conftest.check_message); this test makes sure
    # each kind of message has been seen at least once in this module and re-walks them all.
    kernel.ok('import ("fmt"; "os")\nfmt.Println("out")\nfmt.Fprintln(os.Stderr, "err")')
    kernel.ok("7 * 6")
    kernel.execute("undefinedNullCheck")
    kernel.wait(kernel.request("kernel_info_request"))
    kernel.wait(kernel.request("is_complete_request", {"code": "for {"}))
    kernel.wait(kernel.request("comm_info_request"))
    kinds = {m["msg_type"] for _, m in kernel.seen}
    want = {
        "status",
        "execute_input",
        "stream",
        "execute_result",
        "error",
        "execute_reply",
        "kernel_info_reply",
        "is_complete_reply",
        "comm_info_reply",
    }
    assert want <= kinds, want - kinds
    for channel, m in kernel.seen:
        for part in ("header", "parent_header", "metadata", "content"):
            assert not find_nulls(m[part]), (channel, m["msg_type"], part, m[part])
