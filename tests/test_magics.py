"""Magics through a real Jupyter client: every magic %help lists, as a notebook or console user runs it."""

from __future__ import annotations

import re

from conftest import Kernel


def page_text(run) -> str:
    """The text/plain of the execute_reply's pager payload."""
    pages = [p for p in run.content["payload"] if p.get("source") == "page"]
    assert len(pages) == 1, run.content
    return pages[0]["data"]["text/plain"]


def value(run) -> str:
    results = run.results()
    assert len(results) == 1, run.describe()
    return results[0]["data"]["text/plain"]


def test_help_lists_every_magic_in_the_pager(kernel: Kernel) -> None:
    text = page_text(kernel.ok("%help"))
    for name in ("%time", "%%time", "%timeit", "%env", "%cd", "%pwd", "%who", "%whos", "%%writefile", "%%bash",
                 "!COMMAND", "%reset", "%help"):
        assert name in text, f"{name} missing from %help:\n{text}"
    one = page_text(kernel.ok("%help timeit"))
    assert one.startswith("%timeit [-n LOOPS] [-r RUNS] STATEMENT\n"), one
    assert "mean ± standard deviation" in one
    assert page_text(kernel.ok("%help %%bash")).startswith("%%bash\n")
    run = kernel.execute("%help nosuch")
    assert run.status == "error" and run.content["ename"] == "UsageError", run.describe()


def test_time_statement_and_cell(kernel: Kernel) -> None:
    run = kernel.ok("%time tm := 6 * 7")
    assert re.fullmatch(r"CPU times: user .+, sys: .+, total: .+\nWall time: .+\n", run.stdout), run.stdout
    run = kernel.ok("%time tm + 1")
    assert value(run) == "43"
    run = kernel.ok('%%time\nimport "fmt"\nfmt.Println("inside")\ntm')
    lines = run.stdout.splitlines()
    assert lines[0] == "inside" and lines[1].startswith("CPU times: ") and lines[2].startswith("Wall time: "), lines
    assert value(run) == "42"


def test_timeit_loops_runs_and_autorange(kernel: Kernel) -> None:
    kernel.ok("ticks := 0")
    run = kernel.ok("%timeit -n 5 -r 2 ticks++")
    assert re.fullmatch(r"\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of 2 runs, 5 loops each\)\n", run.stdout), (
        run.stdout
    )
    # Three runs without a loop measure the overhead; then 2 runs of 5 loops.
    assert value(kernel.ok("ticks")) == "10"
    kernel.ok('import "strconv"')
    run = kernel.ok("%timeit strconv.Itoa(12345)", timeout=120)
    m = re.fullmatch(r"\S+ \S+ ± \S+ \S+ per loop \(mean ± std\. dev\. of 7 runs, ([\d,]+) loops? each\)\n", run.stdout)
    assert m, run.stdout
    loops = int(m.group(1).replace(",", ""))
    assert re.fullmatch(r"[125]0*", str(loops)), loops  # 1, 2, 5, 10, 20, 50, ...


def test_env_list_get_set_and_cell_code_sees_it(kernel: Kernel) -> None:
    assert kernel.ok("%env GK_TEST_COLOR=teal").stdout == "env: GK_TEST_COLOR=teal\n"
    assert value(kernel.ok("%env GK_TEST_COLOR")) == '"teal"'
    assert "GK_TEST_COLOR=teal\n" in kernel.ok("%env").stdout
    assert value(kernel.ok('import "os"\nos.Getenv("GK_TEST_COLOR")')) == '"teal"'
    assert kernel.ok("%env GK_TEST_COLOR two words").stdout == "env: GK_TEST_COLOR=two words\n"
    kernel.ok("%env -u GK_TEST_COLOR")
    run = kernel.execute("%env GK_TEST_COLOR")
    assert run.status == "error" and "environment does not have key: GK_TEST_COLOR" in run.content["evalue"]


def test_cd_pwd_and_writefile(kernel: Kernel, tmp_path) -> None:
    start = value(kernel.ok("%pwd"))
    run = kernel.ok(f"%cd {tmp_path}")
    assert run.stdout == f"{tmp_path}\n"
    assert value(kernel.ok("%pwd")) == f'"{tmp_path}"'
    run = kernel.ok("%%writefile notes.txt\nfirst\nsecond\n")
    assert run.stdout == "Writing notes.txt\n"
    assert kernel.ok("%%writefile notes.txt\nthird\n").stdout == "Overwriting notes.txt\n"
    assert kernel.ok("%%writefile -a notes.txt\nfourth\n").stdout == "Appending to notes.txt\n"
    assert (tmp_path / "notes.txt").read_text() == "third\nfourth\n"
    # Relative paths in cell code start in the new directory.
    assert value(kernel.ok('import "os"\nb, _ := os.ReadFile("notes.txt")\nstring(b)')) == '"third\\nfourth\\n"'
    kernel.ok("%cd -")
    assert value(kernel.ok("%pwd")) == start


def test_who_and_whos(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    assert k.ok("%who").stdout == "Interactive namespace is empty.\n"
    k.ok('count := 3\nvar name = "gopher"\nconst limit = 10\ntype point struct{ X, Y int }\nfunc area(w, h int) int { return w * h }')
    assert k.ok("%who").stdout == "area\tcount\tlimit\tname\tpoint\t\n"
    assert k.ok("%who var").stdout == "count\tname\t\n"
    rows = [r.split() for r in k.ok("%whos").stdout.splitlines()]
    assert rows[0] == ["Name", "Kind", "Type", "Value"], rows
    assert ["count", "var", "int", "3"] in rows
    assert ["name", "var", "string", '"gopher"'] in rows
    assert ["area", "func", "func(int,", "int)", "int"] in rows
    assert ["point", "type"] in rows


def test_shell_line_and_bash_stream(kernel: Kernel) -> None:
    run = kernel.ok("!echo one; echo two >&2")
    assert run.stdout == "one\n" and run.stderr == "two\n"
    run = kernel.ok("!exit 3")
    assert run.stderr == "exit status 3\n"
    run = kernel.ok('%%bash\nfor i in 1 2 3; do echo "line $i"; done')
    assert run.stdout == "line 1\nline 2\nline 3\n"
    run = kernel.execute("%%bash\necho partial\nexit 4")
    assert run.status == "error" and run.content["ename"] == "CalledProcessError", run.describe()
    assert run.stdout == "partial\n"
    # Shell lines first, then the cell's Go code, in one cell.
    run = kernel.ok('!echo from sh\nimport "fmt"\nfmt.Println("from Go")')
    assert run.stdout == "from sh\nfrom Go\n"


def test_shell_output_is_live_and_an_interrupt_stops_it(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok("kept := 7")
    run = k.send("!echo started; sleep 300; echo never")
    k.wait(run, until=lambda r: "started" in r.stdout)
    assert run.reply is None, "the command ended before the interrupt"
    k.km.interrupt_kernel()
    k.wait(run)
    assert run.status == "error" and run.content["ename"] == "KeyboardInterrupt", run.describe()
    assert "never" not in run.stdout
    # The session is kept.
    assert value(k.ok("kept")) == "7"


def test_no_shell_is_a_clear_error(fresh_kernel: Kernel) -> None:
    k = fresh_kernel
    k.ok("%env PATH=/nonexistent-dir")
    run = k.execute("!ls")
    assert run.status == "error" and run.content["ename"] == "NoShell", run.describe()
    assert "sh was not found on PATH" in run.content["evalue"]
    run = k.execute("%%bash\nls")
    assert "bash was not found on PATH" in run.content["evalue"]


def test_magic_inside_go_code_is_a_clear_error(kernel: Kernel) -> None:
    run = kernel.execute("x := 1\n%time x")
    assert run.status == "error" and run.content["ename"] == "UsageError", run.describe()
    assert re.match(r"cell\[\d+\]:2: %time is a magic command: magics go at the top of a cell", run.content["evalue"])
    run = kernel.execute("y := 2\n!ls")
    assert run.status == "error" and "!shell line must come before" in run.content["evalue"]
    run = kernel.execute("%nosuch")
    assert run.content["ename"] == "UsageError" and "`%nosuch` not found" in run.content["evalue"]
    # % and ! that are Go are left alone.
    assert value(kernel.ok('import "fmt"\nfmt.Sprintf(`\n%d`, 5)')) == '"\\n5"'
    assert value(kernel.ok("ok := false\nv := []bool{\n!ok}\nv")) == "[true]"


def test_cd_and_env_survive_a_fresh_worker(fresh_kernel: Kernel, tmp_path) -> None:
    k = fresh_kernel
    k.ok(f"%cd {tmp_path}")
    k.ok("%env GK_TEST_KEEP=yes")
    k.ok("%%writefile data.txt\npayload\n")
    run = k.execute('import "os"\nos.Exit(3)')
    assert run.content["ename"] == "WorkerDied", run.describe()
    assert value(k.ok("%pwd")) == f'"{tmp_path}"'
    assert value(k.ok('import "os"\nos.Getenv("GK_TEST_KEEP")')) == '"yes"'
    assert value(k.ok('b, _ := os.ReadFile("data.txt")\nstring(b)')) == '"payload\\n"'


def test_reset_says_what_is_lost(fresh_kernel: Kernel, tmp_path) -> None:
    k = fresh_kernel
    k.ok(f"%cd {tmp_path}")
    k.ok("lost := 1\nfunc helper() {}\ntype thing int")
    # Asked, and answered no: nothing changes.
    run = k.execute("%reset", stdin=lambda m: "n")
    assert run.status == "ok" and len(run.stdin) == 1, run.describe()
    assert run.stdin[0]["content"]["prompt"] == "Proceed (y/[n])? "
    assert "variables: lost\n" in run.stdout and "functions: helper\n" in run.stdout and "types: thing\n" in run.stdout
    assert run.stdout.endswith("Nothing was reset.\n")
    assert value(k.ok("lost")) == "1"
    # Without stdin (nbclient, papermill) it proceeds after saying what is lost.
    run = k.ok("%reset")
    assert "variables: lost\n" in run.stdout and run.stdout.endswith("Reset: the next cell runs in a fresh worker.\n")
    run = k.execute("lost")
    assert run.status == "error" and "undefined: lost" in run.content["evalue"], run.describe()
    assert value(k.ok("%pwd")) == f'"{tmp_path}"'  # the directory stays
    assert k.ok("%reset -f").stdout.endswith("The session has no declarations to lose.\nReset: the next cell runs in a fresh worker.\n")
    run = k.execute("%reset\nx := 1")
    assert run.content["ename"] == "UsageError" and "alone in its cell" in run.content["evalue"]


def test_is_complete_for_magics(kernel: Kernel) -> None:
    def status(code: str) -> str:
        run = kernel.wait(kernel.request("is_complete_request", {"code": code}))
        return run.content["status"]

    assert status("%time x := 1") == "complete"
    assert status("%%bash\necho hi") == "incomplete"
    assert status("%%bash\necho hi\n\n") == "complete"
    assert status("!ls") == "complete"
