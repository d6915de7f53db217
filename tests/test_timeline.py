"""display.Timeline and the charts through a real kernel: the SVG swim-lane chart of a cell's threads and tasks,
with the lines the cell printed as hover marks on the lane of the thread that printed them."""

from __future__ import annotations

import base64
import re

import nbformat
from conftest import KERNEL_NAME, Kernel
from nbclient import NotebookClient
from nbconvert import HTMLExporter


def lanes(svg: str) -> list[str]:
    """The lane names: the right-aligned labels of the chart."""
    return re.findall(r'<text x="\d+" y="\d+" text-anchor="end" dominant-baseline="central">([^<]*)</text>', svg)


def test_timeline_of_threads(kernel: Kernel) -> None:
    run = kernel.ok(
        'import "fmt"\n'
        "func tlWork(n int) {\n"
        "\tfor i := 0; i < n; i++ {\n"
        '\t\tfmt.Println("step", i, "of", mt.CurrentThread().Name())\n'
        "\t}\n"
        "}\n"
        "display.Timeline(func() {\n"
        '\ta := mt.NewThreadOpts(mt.ThreadOpts{Target: tlWork, Args: []any{2}, Name: "Thread-A"})\n'
        '\tb := mt.NewThreadOpts(mt.ThreadOpts{Target: tlWork, Args: []any{2}, Name: "Thread-B"})\n'
        "\ta.Start()\n"
        "\tb.Start()\n"
        "\ta.Join()\n"
        "\tb.Join()\n"
        "})"
    )
    (msg,) = run.of_type("display_data")
    data = msg["content"]["data"]
    svg = data["image/svg+xml"]
    assert lanes(svg) == ["main", "Thread-A", "Thread-B"], lanes(svg)
    assert data["text/plain"].startswith("timeline: 3 lanes"), data["text/plain"]
    # Each printed line is a mark titled with the lane and the text.
    marks = re.findall(r"<title>(Thread-[AB]) [^:]*: (step \d of Thread-[AB])</title>", svg)
    assert sorted(marks) == sorted(
        [(t, f"step {i} of {t}") for t in ("Thread-A", "Thread-B") for i in range(2)]
    ), marks
    # The text still reaches the cell's output.
    assert run.stdout.count("step ") == 4


def test_timeline_of_gevent_tasks(kernel: Kernel) -> None:
    run = kernel.ok(
        'import "time"\n'
        "func tlTask(n int) {\n"
        "\tfor i := 0; i < n; i++ {\n"
        "\t\ttime.Sleep(5 * time.Millisecond)\n"
        "\t}\n"
        "}\n"
        "display.Timeline(func() {\n"
        "\tcoro.JoinAll(coro.Spawn(tlTask, 2), coro.Spawn(tlTask, 2))\n"
        "})"
    )
    (msg,) = run.of_type("display_data")
    svg = msg["content"]["data"]["image/svg+xml"]
    assert lanes(svg) == ["main", "tlTask(2)", "tlTask(2) #2"], lanes(svg)
    assert "wait join" in svg and "sleep" in svg


def test_bar_chart_value(kernel: Kernel) -> None:
    run = kernel.ok('display.BarChart("耗时", "秒", []string{"线程", "协程"}, []float64{0.5, 0.25})')
    (msg,) = run.of_type("execute_result")
    data = msg["content"]["data"]
    assert data["image/svg+xml"].lstrip().startswith("<?xml") or "<svg" in data["image/svg+xml"]
    assert "线程" in data["image/svg+xml"]
    assert data["text/plain"] == "耗时\n线程: 0.5 秒\n协程: 0.25 秒"


def test_nbconvert_html_shows_timeline_and_chart() -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Go (gokernel)", "language": "go"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "display.Timeline(func() {\n"
            '\tt := mt.NewThreadOpts(mt.ThreadOpts{Target: func() {}, Name: "Thread-甲"})\n'
            "\tt.Start()\n"
            "\tt.Join()\n"
            "})"
        ),
        nbformat.v4.new_code_cell('display.LineChart("加速比", "n", "x", []float64{1, 2}, display.Series{Name: "乙", Y: []float64{1, 2}})'),
    ]
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, startup_timeout=60).execute()
    html, _ = HTMLExporter().from_notebook_node(nb)
    # The timeline's text/html (the SVG markup) is put inline, where its marks' titles show on hover; the chart
    # (image/svg+xml alone) becomes an image.
    assert ">Thread-甲</text>" in html and "<svg" in html
    chart = nb.cells[1].outputs[0]["data"]["image/svg+xml"]
    assert "乙" in chart and "加速比" in chart
    assert "data:image/svg+xml;base64," + base64.b64encode(chart.encode()).decode() in html.replace("\n", "")


def test_timeline_of_sync_mutex_deadlock(kernel: Kernel) -> None:
    """The deadlock lesson with the standard sync.Mutex: the kernel's deadlock detection ends the cell, and the chart
    it still shows has each thread waiting for the lock the other holds; a plain `go f()` goroutine's lane is named
    after f."""
    run = kernel.execute(
        'import "sync"\n'
        "var dlA, dlB sync.Mutex\n"
        "var dlHeld, dlDone sync.WaitGroup\n"
        "func dlBody(first, second *sync.Mutex) {\n"
        "\tdefer dlDone.Done()\n"
        "\tfirst.Lock()\n"
        "\tdlHeld.Done()\n"
        "\tdlHeld.Wait()\n"
        "\tsecond.Lock()\n"
        "}\n"
        "func dlHelper() { dlDone.Done() }\n"
        "display.Timeline(func() {\n"
        "\tdlHeld.Add(2)\n"
        "\tdlDone.Add(3)\n"
        '\tt1 := mt.NewThreadOpts(mt.ThreadOpts{Target: dlBody, Args: []any{&dlA, &dlB}, Name: "Thread-1"})\n'
        '\tt2 := mt.NewThreadOpts(mt.ThreadOpts{Target: dlBody, Args: []any{&dlB, &dlA}, Name: "Thread-2"})\n'
        "\tt1.Start()\n"
        "\tt2.Start()\n"
        "\tgo dlHelper()\n"
        "\tdlDone.Wait()\n"
        "})"
    )
    assert "deadlock" in run.error_text(), run.error_text()
    (msg,) = run.of_type("display_data")
    svg = msg["content"]["data"]["image/svg+xml"]
    assert lanes(svg)[:3] == ["main", "Thread-1", "Thread-2"], lanes(svg)
    assert "dlHelper" in lanes(svg), lanes(svg)
    for lane, other in (("Thread-1", "Thread-2"), ("Thread-2", "Thread-1")):
        assert re.search(rf"<title>{lane}: wait lock [^<(]*\(sync\.Mutex held by {other}\)", svg), lane
    assert re.search(r"<title>main: wait join [^<(]*\(sync\.WaitGroup\)", svg)
