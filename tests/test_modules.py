"""Third-party Go packages in cells through a real kernel: the compiled-in errgroup, semaphore and rate (offline),
modules fetched from the module proxy this machine reaches and interpreted from source, %go get pins, and a
package yaegi cannot interpret failing with the module file it stumbled on."""

from __future__ import annotations

import http.server
import os
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import Kernel, start_kernel


def first_proxy() -> str | None:
    """The first http(s) entry of GOPROXY (the go command's default when unset)."""
    for entry in os.environ.get("GOPROXY", "https://proxy.golang.org,direct").replace("|", ",").split(","):
        entry = entry.strip()
        if entry.startswith("http"):
            return entry.rstrip("/")
    return None


@pytest.fixture(scope="module")
def proxy() -> str:
    url = first_proxy()
    if url is None:
        pytest.skip("GOPROXY names no module proxy: the module tests need one")
    try:
        with urllib.request.urlopen(url + "/github.com/pkg/errors/@v/list", timeout=20) as resp:
            resp.read()
    except OSError as e:
        pytest.skip(f"the module proxy {url} is unreachable from here ({e}): skipping the module tests")
    return url


def module_kernel(cache: Path, **env: str) -> Kernel:
    """A kernel whose module cache is cache (GOMODCACHE), with Go's own cache out of reach."""
    full = dict(os.environ, GOMODCACHE=str(cache), GOFLAGS="", **env)
    return start_kernel(env=full)


def test_errgroup_semaphore_rate_are_compiled_in_and_work_offline(tmp_path: Path) -> None:
    k = module_kernel(tmp_path / "empty", GOPROXY="off")
    try:
        k.ok('import (\n\t"context"\n\t"golang.org/x/sync/errgroup"\n\t"golang.org/x/sync/semaphore"\n'
             '\t"golang.org/x/time/rate"\n\t"fmt"\n\t"sync/atomic"\n\t"time"\n)')
        run = k.ok(
            "var g errgroup.Group\n"
            "sem := semaphore.NewWeighted(2)\n"
            "var busy, peak atomic.Int32\n"
            "for i := 0; i < 6; i++ {\n"
            "\tg.Go(func() error {\n"
            "\t\tif err := sem.Acquire(context.Background(), 1); err != nil { return err }\n"
            "\t\tdefer sem.Release(1)\n"
            "\t\tn := busy.Add(1)\n"
            "\t\tfor { p := peak.Load(); if n <= p || peak.CompareAndSwap(p, n) { break } }\n"
            "\t\ttime.Sleep(time.Millisecond)\n"
            "\t\tbusy.Add(-1)\n"
            "\t\treturn nil\n"
            "\t})\n"
            "}\n"
            "fmt.Println(g.Wait(), peak.Load() <= 2)"
        )
        assert run.stdout == "<nil> true\n", run.describe()
        run = k.ok(
            "lim := rate.NewLimiter(rate.Every(time.Millisecond), 1)\n"
            "for i := 0; i < 3; i++ { if err := lim.Wait(context.Background()); err != nil { panic(err) } }\n"
            "lim.Limit()"
        )
        assert run.results()[0]["data"]["text/plain"] == "1000", run.describe()
        # An errgroup error comes back through Wait.
        run = k.ok('g2, ctx := errgroup.WithContext(context.Background())\ng2.Go(func() error { return fmt.Errorf("boom") })\n'
                   'g2.Go(func() error { <-ctx.Done(); return nil })\nfmt.Println(g2.Wait())')
        assert run.stdout == "boom\n", run.describe()
        assert not (tmp_path / "empty").exists(), "a compiled-in package was fetched"
        # The kernel's checker knows their API: completion and inspection.
        run = k.wait(k.request("complete_request", {"code": "errgroup.WithC", "cursor_pos": 14}))
        assert run.content["matches"] == ["WithContext"], run.content
        run = k.wait(k.request("inspect_request", {"code": "rate.NewLimiter", "cursor_pos": 10, "detail_level": 0}))
        assert run.content["found"] and "func rate.NewLimiter(r rate.Limit, b int) *rate.Limiter" in run.content["data"]["text/plain"], run.content
    finally:
        k.shutdown()


def test_env_magic_reconfigures_fetching(tmp_path: Path) -> None:
    k = module_kernel(tmp_path / "mod")
    try:
        k.ok("%env GOPROXY=off")
        run = k.execute('import "github.com/pkg/errors"')
        assert run.status == "error", run.describe()
        assert "no module in the module cache provides it, and fetching is off (GOPROXY=off)" in run.error_text()
        run = k.execute("%go get github.com/pkg/errors@v0.9.1")
        assert run.status == "error" and "GOPROXY=off" in run.error_text(), run.describe()
    finally:
        k.shutdown()


def import_time(cache: Path) -> tuple[float, Kernel]:
    k = module_kernel(cache)
    start = time.monotonic()
    run = k.ok('import "github.com/pkg/errors"', timeout=120)
    elapsed = time.monotonic() - start
    assert run.status == "ok"
    return elapsed, k


def test_third_party_module_cold_then_cached(proxy: str, tmp_path: Path) -> None:
    cache = tmp_path / "mod"
    cold, k = import_time(cache)
    try:
        run = k.ok('errors.Wrap(errors.New("disk full"), "saving").Error()')
        assert run.results()[0]["data"]["text/plain"] == '"saving: disk full"', run.describe()
        versions = sorted(p.name for p in (cache / "github.com" / "pkg").iterdir())
        assert len(versions) == 1 and versions[0].startswith("errors@v"), versions
        sums = (cache / "cache" / "download" / "gokernel.sum").read_text()
        assert f"github.com/pkg/{versions[0].replace('@', ' ')} h1:" in sums, sums
    finally:
        k.shutdown()
    cached, k = import_time(cache)
    k.shutdown()
    # Offline from the cache too, once the version is pinned (latest asks the proxy).
    k = module_kernel(cache, GOPROXY="off")
    try:
        v = versions[0].split("@", 1)[1]
        run = k.execute("%go get github.com/pkg/errors@" + v)
        assert run.status == "ok", run.describe()
        k.ok('import "github.com/pkg/errors"\nerrors.New("x").Error()')
    finally:
        k.shutdown()
    print(f"\nfirst import of github.com/pkg/errors through {proxy}: cold {cold * 1000:.0f} ms, "
          f"cached {cached * 1000:.0f} ms")


def test_go_get_pins_a_version_kept_across_reset(proxy: str, tmp_path: Path) -> None:
    cache = tmp_path / "mod"
    k = module_kernel(cache)
    try:
        assert "%go get" in k.ok("%help").content["payload"][0]["data"]["text/plain"]
        run = k.ok("%go get github.com/pkg/errors@v0.8.1", timeout=120)
        assert run.stdout == "go: pinned github.com/pkg/errors@v0.8.1\n", run.describe()
        k.ok('import (\n\t"fmt"\n\t"github.com/pkg/errors"\n)\nfmt.Println(errors.New("a"))', timeout=120)
        assert (cache / "github.com" / "pkg" / "errors@v0.8.1").is_dir()
        # errors.Is came in v0.9.0: the pinned version is the one interpreted.
        run = k.execute('errors.Is(errors.New("a"), nil)')
        assert run.status == "error" and "errors.Is" in run.error_text(), run.describe()
        run = k.execute("%go get github.com/pkg/errors@v0.9.1")
        assert run.status == "error" and "already in use" in run.error_text(), run.describe()
        k.ok("%reset -f")
        k.ok('import "github.com/pkg/errors"\nerrors.New("a").Error()', timeout=120)
        assert sorted(p.name for p in (cache / "github.com" / "pkg").iterdir()) == ["errors@v0.8.1"]
        run = k.execute("%go get no.such.host.example/mod@v1.0.0")
        assert run.status == "error" and "no.such.host.example/mod" in run.error_text(), run.describe()
        run = k.execute("%go mod tidy")
        assert run.status == "error" and "only `get`" in run.error_text(), run.describe()
    finally:
        k.shutdown()


def test_package_yaegi_cannot_interpret_names_module_file(proxy: str, tmp_path: Path) -> None:
    k = module_kernel(tmp_path / "mod")
    try:
        k.ok("%go get github.com/dustin/go-humanize@v1.1.0", timeout=120)
        run = k.execute('import "github.com/dustin/go-humanize"', timeout=120)
        assert run.status == "error", run.describe()
        text = run.error_text()
        assert "github.com/dustin/go-humanize@v1.1.0/bytes.go:" in text, text
        assert "interpreted from source by yaegi" in text, text
        assert "/gokernel-modules/" not in text, text
        k.ok("1 + 1")  # the session goes on
        run = k.execute('import "github.com/pkg/errors/nosuchpkg"', timeout=120)
        assert run.status == "error" and "has no directory nosuchpkg" in run.error_text(), run.describe()
    finally:
        k.shutdown()


class HangingProxy:
    """A module proxy on loopback that never answers: each request sets arrived and waits until the test ends."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.arrived.set()
                outer.release.wait(60)
                self.send_error(404)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def test_interrupt_stops_a_download_and_the_kernel_keeps_answering(tmp_path: Path) -> None:
    proxy = HangingProxy()
    k = module_kernel(tmp_path / "mod", GOPROXY=proxy.url, GOSUMDB="off")
    try:
        k.ok("kept := 7")
        run = k.send('import "example.com/slow/pkg"')
        k.wait(run, until=lambda r: proxy.arrived.is_set())
        # The kernel process is not blocked by the download: it answers kernel_info on control meanwhile.
        info = k.wait(k.request("kernel_info_request", channel="control"))
        assert info.content["status"] == "ok"
        assert run.reply is None, "the import ended before the interrupt"
        k.km.interrupt_kernel()
        k.wait(run)
        assert run.status == "error" and run.content["ename"] == "KeyboardInterrupt", run.describe()
        assert k.ok("kept").results()[0]["data"]["text/plain"] == "7"
    finally:
        k.shutdown()
        proxy.close()


def test_child_process_uses_the_sessions_module_versions(proxy: str, tmp_path: Path) -> None:
    cache = tmp_path / "mod"
    k = module_kernel(cache)
    try:
        k.ok("%go get github.com/pkg/errors@v0.8.1", timeout=120)
        k.ok('import (\n\t"fmt"\n\t"github.com/pkg/errors"\n)\nfunc work() { fmt.Println(errors.Wrap(errors.New("x"), "in the child")) }',
             timeout=120)
        run = k.ok("p := mt.NewProcess(work)\np.Start()\np.Join()", timeout=120)
        assert run.stdout == "in the child: x\n", run.describe()
        # The child replayed the import at the session's version (not latest).
        assert sorted(p.name for p in (cache / "github.com" / "pkg").iterdir()) == ["errors@v0.8.1"]
    finally:
        k.shutdown()
