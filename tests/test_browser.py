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

import pytest
from conftest import KERNEL_NAME, TIMINGS

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
def shot(pg: Page, name: str) -> Iterator[None]:
    """Save a screenshot NAME.png after the block, or NAME-FAILED.png if it raised."""
    try:
        yield
    except BaseException:
        path = SHOTS / f"{name}-FAILED.png"
        pg.screenshot(path=str(path))
        print(f"screenshot: {path}")
        raise
    path = SHOTS / f"{name}.png"
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


def run(pg: Page, i: int) -> None:
    """Run cell i as a person does: click into it, Shift+Enter."""
    edit_at_end(pg, i)
    pg.keyboard.press("Shift+Enter")


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
