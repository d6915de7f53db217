"""What a person sees in JupyterLab: a real jupyter-lab server on loopback and Debian's Chromium driven by Playwright.

The server is the project venv's JupyterLab, started here on a free loopback port with a token, a temporary root
directory and its own JUPYTER_CONFIG/DATA/RUNTIME dirs (so no user settings, workspace or history leak in); it
finds the gokernel kernelspec through JUPYTER_PATH (the venv's share/jupyter, as conftest sets it). The notebook
names the gokernel kernelspec and carries no language_info, so its highlighting comes from the kernel's
kernel_info_reply.

Each test checks one thing in the page's DOM with Playwright's auto-waiting expectations (they wait for the page
to change, never for a fixed time) and saves a screenshot of what it checked under build/browser/ (NAME.png, or
NAME-FAILED.png when the check failed), which CI keeps as artifacts.

Playwright cannot download its browsers here: it drives /usr/bin/chromium (Debian's package; .ci/run installs it;
GOKERNEL_CHROMIUM names another binary). Without it the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

import nbformat
import pytest
from conftest import KERNEL_NAME, TIMINGS
from nbconvert import HTMLExporter

CHROMIUM = os.environ.get("GOKERNEL_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"
SHOTS = Path(__file__).resolve().parent.parent / "build" / "browser"
TIMEOUT_MS = 60_000  # generous: an upper bound for a page change under load, not a wait
# The first test also pays for starting jupyter-lab and loading JupyterLab's page (~10 s idle, minutes on a machine
# loaded many times over): a bound for that, not a wait.
pytestmark = pytest.mark.timeout(300)

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError as e:  # pragma: no cover - depends on the environment
    _missing = f"playwright is not installed ({e}); scripts/setup.sh installs tests/requirements.txt"
else:
    _missing = "" if os.access(CHROMIUM, os.X_OK) else f"{CHROMIUM} is missing (apt-get install chromium)"

if _missing:
    if IN_CI:
        raise RuntimeError("the browser test must run in CI: " + _missing)
    pytest.skip(_missing, allow_module_level=True)

expect.set_options(timeout=TIMEOUT_MS)

# The notebook's cells, by index; each test runs only its own cells. None of them sleeps: the streaming cell blocks
# reading a FIFO the test writes.
FIFO_NAME = "release.fifo"
PROGRESS_FIFO = "step%d.fifo"  # the progress cell's step i waits for the test to write step<i>.fifo
PROGRESS_STEPS = 3
CELLS = [
    # 0: highlighting
    "func square(x int) int { return x * x }",
    # 1: a line, then blocked until the test writes the FIFO
    'import (\n\t"fmt"\n\t"os"\n)\n'
    'fmt.Println("first line")\n'
    f'data, _ := os.ReadFile("{FIFO_NAME}")\n'
    'fmt.Println("second line:", string(data))',
    # 2: a variable the interrupted session must keep
    "kept := 7 * 7",
    # 3: busy until interrupted
    'import "fmt"\nfmt.Println("spinning")\nspins := 0\nfor {\n\tspins++\n}',
    # 4: after the interrupt
    'fmt.Println("kept is", kept)',
    # 5: completion (never run)
    "coro.",
    # 6: inspection (never run)
    "mt.NewPool",
    # 7: an HTML table
    'display.Show(display.HTML("<table class=\\"gk-table\\"><tr><th>lesson</th><th>cells</th></tr>'
    '<tr><td>threads</td><td>12</td></tr></table>"))',
    # 8: a timeline SVG
    'import "fmt"\ndisplay.Timeline(func() {\n\tt := mt.NewThread(func() { fmt.Println("in thread") })\n'
    "\tt.Start()\n\tt.Join()\n})",
    # 9: an image.Image as the cell's value: PNG
    'import (\n\t"image"\n\t"image/color"\n)\n'
    "img := image.NewRGBA(image.Rect(0, 0, 64, 32))\n"
    "for x := 0; x < 64; x++ {\n\tfor y := 0; y < 32; y++ {\n"
    "\t\timg.Set(x, y, color.RGBA{uint8(4 * x), 80, uint8(8 * y), 255})\n\t}\n}\nimg",
    # 10: a Markdown result
    'display.Markdown("## Threads and tasks\\n\\nA **pool** of three workers ran *ten* tasks.")',
    # 11: a progress bar moved by the test: each step waits for the test to write its FIFO
    'import (\n\t"fmt"\n\t"os"\n)\n'
    f'bar := display.Progress({PROGRESS_STEPS}, "steps")\n'
    f"for i := 1; i <= {PROGRESS_STEPS}; i++ {{\n"
    f'\tos.ReadFile(fmt.Sprintf("{PROGRESS_FIFO}", i))\n'
    "\tbar.Add(1)\n}\nbar.Done()",
    # 12: a chart of the comparison lesson 17 makes
    'display.BarChart("wall time of 4 jobs", "s", []string{"threads", "processes", "coroutines"}, '
    "[]float64{1.2, 2.6, 0.4})",
    # 13-17: the five timeline lessons (06, 08, 09, 12, 15). Their sleeps are the lessons' own (a thread or task
    # that sleeps lets the others run); the test waits for the chart, not for them.
    # 13: two threads interleaving (08_threads)
    'import (\n\t"fmt"\n\t"time"\n)\n'
    "func func1() {\n\tfor i := 0; i < 3; i++ {\n"
    '\t\tfmt.Println("func1 says", i)\n\t\ttime.Sleep(30 * time.Millisecond)\n\t}\n}\n'
    "func func2() {\n\tfor i := 0; i < 3; i++ {\n"
    '\t\tfmt.Println("func2 says", i)\n\t\ttime.Sleep(30 * time.Millisecond)\n\t}\n}\n'
    "display.Timeline(func() {\n\tt1 := mt.NewThread(func1)\n\tt2 := mt.NewThread(func2)\n"
    "\tt1.Start()\n\tt2.Start()\n\tt1.Join()\n\tt2.Join()\n})",
    # 14: gevent tasks, one after the other before PatchAll, interleaved after (06_gevent)
    'import (\n\t"fmt"\n\t"time"\n)\n'
    "func nap(n int) {\n\tfor i := 0; i < n; i++ {\n"
    "\t\tfmt.Println(coro.GetCurrent(), i)\n\t\ttime.Sleep(20 * time.Millisecond)\n\t}\n}\n"
    'coro.Unpatch()\nfmt.Println("before PatchAll:")\n'
    "display.Timeline(func() {\n\tcoro.JoinAll(coro.Spawn(nap, 2), coro.Spawn(nap, 2), coro.Spawn(nap, 2))\n})\n"
    'coro.PatchAll()\nfmt.Println("after PatchAll:")\n'
    "display.Timeline(func() {\n\tcoro.JoinAll(coro.Spawn(nap, 2), coro.Spawn(nap, 2), coro.Spawn(nap, 2))\n})\n"
    "coro.Unpatch()",
    # 15: a pool of 3 worker processes for 10 tasks (12_process_pool)
    'import (\n\t"fmt"\n\t"os"\n\t"time"\n)\n'
    "func worker(msg int) {\n"
    '\tfmt.Printf("%d starts in process %d\\n", msg, os.Getpid())\n'
    "\ttime.Sleep(time.Duration(10+msg%3*15) * time.Millisecond)\n}\n"
    "display.Timeline(func() {\n\tpo, err := mt.NewPool(3)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n"
    "\tfor i := range 10 {\n\t\tpo.ApplyAsync(worker, i)\n\t}\n\tpo.Close()\n\tpo.Join()\n})",
    # 16: two threads deadlocked, each holding the sync.Mutex the other wants (09_locks_race_deadlock); the
    # kernel's deadlock detection ends the cell and the chart still shows
    'import "sync"\n'
    "var lockA, lockB sync.Mutex\n"
    "var bothHeld, allDone sync.WaitGroup\n"
    "func grab(first, second *sync.Mutex) {\n\tdefer allDone.Done()\n\tfirst.Lock()\n"
    "\tbothHeld.Done()\n\tbothHeld.Wait()\n\tsecond.Lock()\n}\n"
    "display.Timeline(func() {\n\tbothHeld.Add(2)\n\tallDone.Add(2)\n"
    '\tt1 := mt.NewThreadOpts(mt.ThreadOpts{Target: grab, Args: []any{&lockA, &lockB}, Name: "Thread-1"})\n'
    '\tt2 := mt.NewThreadOpts(mt.ThreadOpts{Target: grab, Args: []any{&lockB, &lockA}, Name: "Thread-2"})\n'
    "\tt1.Start()\n\tt2.Start()\n\tallDone.Wait()\n})",
    # 17: asyncio tasks overlapping their sleeps (15_asyncio_basics)
    'import "fmt"\n'
    "func doSomeWork(x float64) string {\n"
    '\tfmt.Println("Waiting: ", x)\n\tcoro.Sleep(coro.Seconds(x))\n\treturn fmt.Sprintf("Done after %vs", x)\n}\n'
    "func gatherAll() {\n"
    "\tcoro.Gather(coro.Async(doSomeWork, 0.05), coro.Async(doSomeWork, 0.1), coro.Async(doSomeWork, 0.2))\n}\n"
    "display.Timeline(func() {\n\tcoro.Run(gatherAll)\n})",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(path: Path) -> None:
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [],
              "source": src} for i, src in enumerate(CELLS)]
    spec = {"name": KERNEL_NAME, "display_name": "Go (gokernel)", "language": "go"}
    path.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": spec}, "nbformat": 4,
                                "nbformat_minor": 5}))


def quiet_settings(config_dir: Path) -> None:
    """JupyterLab user settings: no news or update notifications over the notebook."""
    settings = config_dir / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"checkForUpdates": False, "fetchNews": "false"}))


@pytest.fixture(scope="module")
def lab() -> Iterator[tuple[str, str, Path]]:
    """A jupyter-lab server on loopback: yields (base URL, token, root dir)."""
    tmp = Path(tempfile.mkdtemp(prefix="gokernel-browser-"))
    root = tmp / "root"
    root.mkdir()
    write_notebook(root / "browser.ipynb")
    os.mkfifo(root / FIFO_NAME)
    for i in range(1, PROGRESS_STEPS + 1):
        os.mkfifo(root / (PROGRESS_FIFO % i))
    quiet_settings(tmp / "config")
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    port, token = free_port(), os.urandom(16).hex()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=root,
    )
    # The server logs its URL once it listens; read its output line by line until then (and keep draining it).
    log: list[str] = []
    ready: queue.Queue[bool] = queue.Queue()

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line)
            if f"127.0.0.1:{port}/" in line:
                ready.put(True)
        ready.put(False)

    start = time.monotonic()
    threading.Thread(target=drain, daemon=True).start()
    try:
        if not ready.get(timeout=240):
            raise RuntimeError("jupyter-lab exited before listening:\n" + "".join(log))
        TIMINGS["browser: jupyter-lab start -> listening"] = time.monotonic() - start
        yield f"http://127.0.0.1:{port}", token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        (SHOTS / "jupyter-lab.log").write_text("".join(log))
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def page(lab, request: pytest.FixtureRequest) -> Iterator[Page]:
    """Chromium showing browser.ipynb with its gokernel kernel idle."""
    base, token, _ = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--disable-quic"])
        try:
            pg = browser.new_page(viewport={"width": 1280, "height": 1000})
            pg.set_default_timeout(TIMEOUT_MS)
            pg.set_default_navigation_timeout(2 * TIMEOUT_MS)
            start = time.monotonic()
            pg.goto(f"{base}/lab/tree/browser.ipynb?token={token}")
            expect(pg.locator(".jp-NotebookPanel .jp-Cell").nth(len(CELLS) - 1)).to_be_attached()
            expect(pg.locator(".jp-StatusBar-TextItem").filter(has_text=" | Idle")).to_be_visible()
            TIMINGS["browser: page load -> notebook shown, kernel idle"] = time.monotonic() - start
            start = time.monotonic()
            yield pg
            TIMINGS["browser: the checks of test_browser.py"] = time.monotonic() - start
        finally:
            browser.close()
            # The paths in the run's output, past pytest's capture (CI keeps build/ as its artifacts).
            capman = request.config.pluginmanager.get_plugin("capturemanager")
            with capman.global_and_fixture_disabled() if capman else contextlib.nullcontext():
                print(f"\nbrowser screenshots (CI artifacts) in {SHOTS}:")
                for path in sorted(SHOTS.glob("*.png")):
                    print(f"  {path}")


SHOTS.mkdir(parents=True, exist_ok=True)
for _old in SHOTS.glob("*.png"):  # screenshots of an earlier run would pass for this run's
    _old.unlink()


@contextlib.contextmanager
def shot(pg: Page, name: str, target=None) -> Iterator[None]:
    """Save a screenshot NAME.png after the block (of the target locator if given, else of the page), or
    NAME-FAILED.png of the page if it raised."""
    try:
        yield
    except BaseException:
        path = SHOTS / f"{name}-FAILED.png"
        pg.screenshot(path=str(path))
        print(f"screenshot: {path}")
        raise
    path = SHOTS / f"{name}.png"
    if target is not None:
        target.screenshot(path=str(path))
    else:
        pg.screenshot(path=str(path))
    print(f"screenshot: {path}")


# A finished cell's prompt, `[N]:` (each test runs its own cells, so the tests do not depend on each other's counts).
FINISHED = re.compile(r"^\[\d+\]:$")


def cell(pg: Page, i: int):
    return pg.locator(".jp-NotebookPanel .jp-Cell").nth(i)


def edit_at_end(pg: Page, i: int) -> None:
    """Put the cursor at the end of cell i's source, in edit mode."""
    c = cell(pg, i)
    c.scroll_into_view_if_needed()
    c.locator(".cm-content").click()
    pg.keyboard.press("Control+End")


# The cells run so far (the HTML export test runs the rich ones no earlier test ran, when it runs alone).
RAN: set[int] = set()


def run(pg: Page, i: int) -> None:
    """Run cell i as a person does: click into it, Shift+Enter."""
    edit_at_end(pg, i)
    pg.keyboard.press("Shift+Enter")
    RAN.add(i)


def output(pg: Page, i: int):
    return cell(pg, i).locator(".jp-OutputArea")


def prompt(pg: Page, i: int):
    return cell(pg, i).locator(".jp-InputPrompt")


def test_go_syntax_highlighting(page: Page) -> None:
    with shot(page, "01-highlighting"):
        line = cell(page, 0).locator(".cm-line")
        keyword_color = page.evaluate("""() => {
            const probe = document.createElement('span');
            probe.style.color = 'var(--jp-mirror-editor-keyword-color)';
            document.body.appendChild(probe);
            const color = getComputedStyle(probe).color;
            probe.remove();
            return color;
        }""")
        plain_color = line.evaluate("el => getComputedStyle(el).color")
        assert keyword_color != plain_color
        # `func` and `return` are tokens of their own, coloured as keywords; the identifiers stay plain text.
        for kw in ("func", "return"):
            expect(line.locator("span", has_text=kw).first).to_have_css("color", keyword_color)
        assert "square" not in "".join(line.locator("span").all_inner_texts())
        run(page, 0)
        expect(prompt(page, 0)).to_have_text(FINISHED)


def test_output_streams_before_cell_ends(page: Page, lab) -> None:
    _, _, root = lab
    with shot(page, "02-streaming-first-line"):
        run(page, 1)
        expect(output(page, 1)).to_contain_text("first line")
        # The cell is still blocked in os.ReadFile on the FIFO: no second line, the prompt says it runs.
        expect(prompt(page, 1)).to_have_text("[*]:")
        expect(output(page, 1)).not_to_contain_text("second line", timeout=0)
    with open(root / FIFO_NAME, "w") as f:  # opens once the cell has opened its end; the cell then returns
        f.write("released")
    with shot(page, "03-streaming-done"):
        expect(output(page, 1)).to_contain_text("second line: released")
        expect(prompt(page, 1)).to_have_text(FINISHED)


def test_interrupt_button_keeps_session(page: Page) -> None:
    run(page, 2)
    expect(prompt(page, 2)).to_have_text(FINISHED)
    run(page, 3)
    expect(output(page, 3)).to_contain_text("spinning")
    expect(prompt(page, 3)).to_have_text("[*]:")
    with shot(page, "04-interrupt"):
        page.locator(".jp-NotebookPanel-toolbar [data-jp-item-name=interrupt] button").click()
        expect(output(page, 3)).to_contain_text("KeyboardInterrupt")
        expect(prompt(page, 3)).to_have_text(FINISHED)
    with shot(page, "05-after-interrupt"):
        run(page, 4)
        expect(output(page, 4)).to_contain_text("kept is 49")


def test_completion_popup(page: Page) -> None:
    with shot(page, "06-completion"):
        edit_at_end(page, 5)
        page.keyboard.press("Tab")
        completer = page.locator(".jp-Completer")
        expect(completer).to_be_visible()
        # The popup lists coro's members alphabetically; scroll to NewGenerator as a person would.
        item = completer.locator(".jp-Completer-item", has_text="NewGenerator").first
        expect(item).to_be_attached()
        item.scroll_into_view_if_needed()
        expect(item).to_be_in_viewport()
        expect(completer.locator(".jp-Completer-item")).not_to_have_count(1)
    page.keyboard.press("Escape")
    expect(completer).to_be_hidden()


def test_inspect_tooltip(page: Page) -> None:
    with shot(page, "07-tooltip"):
        edit_at_end(page, 6)
        page.keyboard.press("Shift+Tab")
        tooltip = page.locator(".jp-Tooltip")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text("func mt.NewPool(n int) (*mt.Pool, error)")
        expect(tooltip).to_contain_text("NewPool starts n worker processes")
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_rich_output(page: Page) -> None:
    with shot(page, "08-html-table"):
        run(page, 7)
        table = output(page, 7).locator("table.gk-table")
        expect(table).to_be_visible()
        expect(table.locator("td").first).to_have_text("threads")
    with shot(page, "09-timeline-svg"):
        run(page, 8)
        svg = output(page, 8).locator("svg").first
        expect(svg).to_be_visible()
        expect(svg).to_contain_text("Thread-1")
    with shot(page, "10-image"):
        run(page, 9)
        img = output(page, 9).locator("img")
        expect(img).to_be_visible()
        # Decoded by the browser: a real 64×32 picture, not a broken image or text.
        expect(img).to_have_js_property("naturalWidth", 64)
        expect(img).to_have_js_property("naturalHeight", 32)
        assert "image.RGBA" not in output(page, 9).inner_text()


def check_markdown(pg: Page, _root: Path) -> None:
    with shot(pg, "11-markdown", cell(pg, 10)):
        run(pg, 10)
        md = output(pg, 10).locator(".jp-RenderedMarkdown")
        # Rendered, not shown as its source: a heading, bold and italic text.
        expect(md.locator("h2")).to_have_text(re.compile(r"^Threads and tasks"))
        expect(md.locator("strong")).to_have_text("pool")
        expect(md.locator("em")).to_have_text("ten")
        expect(output(pg, 10)).not_to_contain_text("**", timeout=0)


def check_progress(pg: Page, root: Path) -> None:
    out = output(pg, 11)
    bar = out.locator("progress")
    with shot(pg, "12-progress-start", cell(pg, 11)):
        run(pg, 11)
        expect(bar).to_have_attribute("value", "0")
        expect(bar).to_have_attribute("max", str(PROGRESS_STEPS))
    for step in range(1, PROGRESS_STEPS + 1):
        expect(prompt(pg, 11)).to_have_text("[*]:")
        # Opens once the cell waits in os.ReadFile for this step; the cell then counts it.
        with open(root / (PROGRESS_FIFO % step), "w") as f:
            f.write("go")
        with shot(pg, f"12-progress-{step}of{PROGRESS_STEPS}", cell(pg, 11)):
            expect(bar).to_have_attribute("value", str(step))
            # Updated in place: still the one output, not a bar per update.
            expect(out.locator(".jp-OutputArea-child")).to_have_count(1)
            expect(out).to_contain_text(f"{step}/{PROGRESS_STEPS}")
    expect(prompt(pg, 11)).to_have_text(FINISHED)
    expect(out).to_contain_text(f"{PROGRESS_STEPS}/{PROGRESS_STEPS} (100%)")
    expect(out.locator(".jp-OutputArea-child")).to_have_count(1)


def check_chart(pg: Page, _root: Path) -> None:
    with shot(pg, "13-chart", cell(pg, 12)):
        run(pg, 12)
        img = output(pg, 12).locator("img")
        expect(img).to_be_visible()
        expect(img).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
        # Decoded by the browser: the SVG is a picture with a size, not a broken image.
        pg.wait_for_function("img => img.complete && img.naturalWidth > 100 && img.naturalHeight > 100",
                             arg=img.element_handle())
        assert "threads: 1.2 s" not in output(pg, 12).inner_text()  # the text/plain fallback is not what shows


LANE = 'text[text-anchor="end"][dominant-baseline="central"]'  # a timeline chart's lane label


def lanes(svg):
    """A timeline chart's lane names: its right-aligned labels."""
    return svg.locator(LANE)


def charts(pg: Page, i: int):
    """The timeline charts in cell i's output (other SVGs, such as JupyterLab's icons, left out)."""
    return output(pg, i).locator("svg").filter(has=pg.locator(LANE))


def titles(svg, pattern: str):
    """The hover titles of a chart's bars and marks that match pattern."""
    return svg.locator("title").filter(has_text=re.compile(pattern))


def check_timeline_threads(pg: Page, _root: Path) -> None:
    with shot(pg, "14-timeline-threads", output(pg, 13)):
        run(pg, 13)
        svg = charts(pg, 13)
        expect(lanes(svg)).to_have_text(["main", re.compile(r"^Thread-\d+ \(func1\)$"),
                                         re.compile(r"^Thread-\d+ \(func2\)$")])
        for f in ("func1", "func2"):
            expect(titles(svg, rf"^Thread-\d+ \({f}\): sleep")).to_have_count(3)
            for i in range(3):  # each printed line is a mark on the lane of its thread
                expect(titles(svg, rf"^Thread-\d+ \({f}\) .*: {f} says {i}$")).to_have_count(1)
        expect(prompt(pg, 13)).to_have_text(FINISHED)


def check_timeline_gevent(pg: Page, _root: Path) -> None:
    with shot(pg, "15-timeline-gevent", output(pg, 14)):
        run(pg, 14)
        svgs = charts(pg, 14)
        expect(svgs).to_have_count(2)
        for k in range(2):
            expect(lanes(svgs.nth(k))).to_have_text(["main", "nap(2)", "nap(2) #2", "nap(2) #3"])
        # After PatchAll, time.Sleep yields to the hub: the tasks sleep side by side.
        expect(titles(svgs.nth(1), r"^nap\(2\)( #\d)?: sleep")).to_have_count(6)
        expect(output(pg, 14)).to_contain_text("after PatchAll:")
        expect(prompt(pg, 14)).to_have_text(FINISHED)


def check_timeline_pool(pg: Page, _root: Path) -> None:
    with shot(pg, "16-timeline-pool", output(pg, 15)):
        run(pg, 15)
        svg = charts(pg, 15)
        # Three worker processes, one lane each, ran the ten tasks between them.
        pid = re.compile(r"^pid \d+$")
        expect(lanes(svg)).to_have_text(["main", pid, pid, pid])
        for i in range(10):
            expect(titles(svg, rf"^pid \d+: run .*\(worker\({i}\)\)$")).to_have_count(1)
        expect(prompt(pg, 15)).to_have_text(FINISHED)


def check_timeline_deadlock(pg: Page, _root: Path) -> None:
    with shot(pg, "17-timeline-deadlock", output(pg, 16)):
        run(pg, 16)
        expect(output(pg, 16)).to_contain_text("all goroutines are asleep - deadlock!")
        svg = charts(pg, 16)
        expect(lanes(svg)).to_have_text(["main", "Thread-1", "Thread-2"])
        for lane, other in (("Thread-1", "Thread-2"), ("Thread-2", "Thread-1")):
            expect(titles(svg, rf"^{lane}: wait lock .*\(sync\.Mutex held by {other}\)$")).to_have_count(1)
        expect(prompt(pg, 16)).to_have_text(FINISHED)


def check_timeline_asyncio(pg: Page, _root: Path) -> None:
    with shot(pg, "18-timeline-asyncio", output(pg, 17)):
        run(pg, 17)
        svg = charts(pg, 17)
        for x in ("0.05", "0.1", "0.2"):
            name = re.escape(f"doSomeWork({x})")
            expect(lanes(svg).filter(has_text=re.compile(f"^{name}$"))).to_have_count(1)
            expect(titles(svg, rf"^{name}: sleep")).to_have_count(1)
        expect(prompt(pg, 17)).to_have_text(FINISHED)


def test_markdown_result(page: Page, lab) -> None:
    check_markdown(page, lab[2])


def test_progress_bar_fills_in_place(page: Page, lab) -> None:
    check_progress(page, lab[2])


def test_chart(page: Page, lab) -> None:
    check_chart(page, lab[2])


def test_timeline_two_threads_interleaving(page: Page, lab) -> None:
    check_timeline_threads(page, lab[2])


def test_timeline_gevent_before_and_after_patch(page: Page, lab) -> None:
    check_timeline_gevent(page, lab[2])


def test_timeline_pool_of_3_for_10_tasks(page: Page, lab) -> None:
    check_timeline_pool(page, lab[2])


def test_timeline_deadlock(page: Page, lab) -> None:
    check_timeline_deadlock(page, lab[2])


def test_timeline_asyncio_overlapping_sleeps(page: Page, lab) -> None:
    check_timeline_asyncio(page, lab[2])


# The cells whose outputs the HTML export must show, with the check that runs each.
RICH = {10: check_markdown, 11: check_progress, 12: check_chart, 13: check_timeline_threads,
        14: check_timeline_gevent, 15: check_timeline_pool, 16: check_timeline_deadlock, 17: check_timeline_asyncio}


def test_html_export(page: Page, lab) -> None:
    """The notebook as JupyterLab saves it, exported by nbconvert to HTML and opened in Chromium: the same pictures."""
    _, _, root = lab
    for i, check in RICH.items():
        if i not in RAN:
            check(page, root)
    for i in (7, 8, 9):  # the table, the first timeline, the image
        if i not in RAN:
            run(page, i)
            expect(prompt(page, i)).to_have_text(FINISHED)
    cell(page, 0).locator(".jp-InputPrompt").click()  # command mode in the notebook, where Ctrl+S saves it
    page.keyboard.press("Control+s")
    # Saved: the notebook's tab loses its unsaved-changes mark once the server has written the file.
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)

    shutil.copy(root / "browser.ipynb", SHOTS / "browser.ipynb")  # kept beside the screenshots
    nb = nbformat.read(root / "browser.ipynb", as_version=4)
    html, _ = HTMLExporter().from_notebook_node(nb)
    export = SHOTS / "browser-export.html"
    export.write_text(html)
    flat = html.replace("\n", "")
    assert 'class="gk-table"' in html
    assert "data:image/png;base64," in flat
    assert re.search(r"<h2[^>]*>Threads and tasks", html)
    # (nbconvert's HTML serialiser orders the attributes by name)
    assert re.search(rf'<progress max="{PROGRESS_STEPS}"[^>]* value="{PROGRESS_STEPS}"', html)
    assert "data:image/svg+xml;base64," in flat  # the chart
    for lane in ("Thread-1", "nap(2) #3", "doSomeWork(0.2)"):
        assert f">{lane}</text>" in html, lane

    view = page.context.browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        # The export names scripts on CDNs (RequireJS, MathJax); offline they fail at once instead of hanging.
        view.route(re.compile(r"^https?://"), lambda route: route.abort())
        view.goto(export.as_uri(), wait_until="domcontentloaded")
        with shot(view, "19-export-top"):
            expect(view.locator("table.gk-table")).to_be_visible()
            png = view.locator('img[src^="data:image/png"]')
            expect(png).to_have_js_property("naturalWidth", 64)
            expect(view.locator("h2", has_text="Threads and tasks")).to_be_visible()
            expect(view.locator(f'progress[value="{PROGRESS_STEPS}"]')).to_be_attached()
            chart = view.locator('img[src^="data:image/svg+xml"]')
            expect(chart).to_have_count(1)
            view.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=chart.element_handle())
            # Inline SVG charts: the one of cell 8, the five lessons' six.
            expect(view.locator("svg").filter(has=view.locator(LANE))).to_have_count(7)
        for i in RICH:  # each rich cell of the export, as its reader sees it
            with shot(view, f"20-export-cell{i}", view.locator(".jp-Cell").nth(i)):
                expect(view.locator(".jp-Cell").nth(i).locator(".jp-OutputArea-output").first).to_be_visible()
    finally:
        view.close()
