"""Shared harness for gokernel's integration tests.

Every test talks to the *installed* kernelspec (default name "gokernel"; set GOKERNEL_TEST_KERNEL to point the
harness at another spec) through jupyter_client, exactly as notebook frontends do. The `Kernel` wrapper sends
requests, gathers everything a request produced (reply, IOPub messages, stdin traffic) and checks every message it
sees against the protocol rules that clients rely on: all six header keys, a `date` that jupyter_client could parse
(<= 6 fractional digits), dicts where dicts belong and no JSON `null` anywhere.

Beyond that, every message any Jupyter client receives from a kernel during the run — this harness, nbclient,
jupyter_kernel_test, and papermill/nbconvert started as child processes — is validated against the JSON schemas of
msgcheck/msgschema.py (written from the messaging spec): msgcheck/msghook.py wraps jupyter_client's channels, and a
test during which a message failed its schema fails. The terminal summary reports how many messages were checked.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Callable

# The venv's kernelspecs win over anything installed per user or system-wide.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (os.path.join(sys.prefix, "share", "jupyter"), os.environ.get("JUPYTER_PATH")) if p
)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

# The message schema check, in this process and (through msgcheck/sitecustomize.py) in Python children.
MSGCHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "msgcheck")
sys.path.insert(0, MSGCHECK)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (MSGCHECK, os.environ.get("PYTHONPATH")) if p)

MSGCHECK_DIR = tempfile.mkdtemp(prefix="gokernel-msgcheck-")
os.environ["GOKERNEL_MSGCHECK_DIR"] = MSGCHECK_DIR
import msghook  # noqa: E402

msghook.install()

import pytest  # noqa: E402
import zmq  # noqa: E402
from jupyter_client import KernelManager  # noqa: E402

KERNEL_NAME = os.environ.get("GOKERNEL_TEST_KERNEL", "gokernel")
REPLY_TIMEOUT = 30.0
HEADER_KEYS = {"msg_id", "session", "username", "date", "msg_type", "version"}

# name -> seconds (float) or a count (int), filled by tests that measure something; printed at the end of the run.
TIMINGS: dict[str, float | int] = {}


def find_nulls(value: Any, path: str = "") -> list[str]:
    """Return the paths of every None (JSON null) inside value."""
    if value is None:
        return [path or "<root>"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in find_nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in find_nulls(v, f"{path}[{i}]")]
    return []


def check_message(msg: dict, channel: str) -> None:
    """Assert the protocol invariants every kernel message must satisfy."""
    kind = f"{channel} {msg.get('msg_type')}"
    header = msg["header"]
    missing = HEADER_KEYS - header.keys()
    assert not missing, f"{kind}: header lacks {sorted(missing)}: {header}"
    assert isinstance(header["date"], datetime.datetime), (
        f"{kind}: header.date {header['date']!r} is not ISO 8601 with <= 6 fractional digits"
    )
    assert str(header["version"]).startswith("5."), f"{kind}: header.version {header['version']!r}"
    for part in ("parent_header", "metadata", "content"):
        assert isinstance(msg[part], dict), f"{kind}: {part} is {type(msg[part]).__name__}, want dict"
    nulls = [p for part in ("header", "parent_header", "metadata", "content") for p in find_nulls(msg[part], part)]
    assert not nulls, f"{kind}: null at {nulls}"


def schema_problems() -> list[str]:
    """Every schema problem seen so far, in this process and in the child processes tests started."""
    return msghook.PROBLEMS + msghook.collect(MSGCHECK_DIR)[1]


@pytest.fixture(autouse=True)
def _messages_match_schema():
    """Fail a test during which some kernel message did not match its schema (msgcheck/msgschema.py)."""
    before = len(schema_problems())
    yield
    new = schema_problems()[before:]
    if new:
        pytest.fail("kernel messages that break the messaging spec:\n" + "\n".join(sorted(set(new))[:30]), pytrace=False)


@dataclass
class Run:
    """Everything one request produced, in arrival order."""

    msg_id: str
    code: str = ""
    sent: float = 0.0
    reply: dict | None = None
    reply_at: float | None = None
    idle_at: float | None = None
    iopub: list[dict] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    stdin: list[dict] = field(default_factory=list)
    late: list[dict] = field(default_factory=list)  # IOPub messages that arrived after idle

    @property
    def done(self) -> bool:
        return self.reply is not None and self.idle_at is not None

    @property
    def content(self) -> dict:
        assert self.reply is not None, "no reply yet"
        return self.reply["content"]

    @property
    def status(self) -> str:
        return self.content["status"]

    def of_type(self, *types: str) -> list[dict]:
        return [m for m in self.iopub if m["msg_type"] in types]

    def outputs(self) -> list[dict]:
        """IOPub messages other than status and execute_input."""
        return [m for m in self.iopub if m["msg_type"] not in ("status", "execute_input")]

    def stream(self, name: str = "stdout") -> str:
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name)

    @property
    def stdout(self) -> str:
        return self.stream("stdout")

    @property
    def stderr(self) -> str:
        return self.stream("stderr")

    def errors(self) -> list[dict]:
        return [m["content"] for m in self.of_type("error")]

    def error_text(self) -> str:
        """ename, evalue and traceback of the reply, for searching."""
        c = self.content
        return "\n".join([c.get("ename", ""), c.get("evalue", ""), *c.get("traceback", [])])

    def results(self) -> list[dict]:
        return [m["content"] for m in self.of_type("execute_result")]

    def describe(self) -> str:
        lines = [f"request {self.msg_id} code={self.code[:200]!r}", f"reply: {self.reply and self.reply['content']}"]
        for m in self.iopub[-30:]:
            lines.append(f"  iopub {m['msg_type']}: {str(m['content'])[:300]}")
        return "\n".join(lines)


class Kernel:
    """A running kernel plus a blocking client, with request helpers that check every message."""

    def __init__(self, km: KernelManager, kc: Any) -> None:
        self.km, self.kc = km, kc
        self.runs: dict[str, Run] = {}
        self.stray: list[dict] = []  # IOPub messages whose parent is no request of ours
        self.seen: list[tuple[str, dict]] = []  # every (channel, message) received

    # -- sending -----------------------------------------------------------------------------------------------
    def send(self, code: str, *, allow_stdin: bool = False, **kw: Any) -> Run:
        """Send an execute_request and return its (still empty) Run."""
        msg_id = self.kc.execute(code, allow_stdin=allow_stdin, **kw)
        return self.track(msg_id, code)

    def track(self, msg_id: str, code: str = "") -> Run:
        run = Run(msg_id=msg_id, code=code, sent=time.monotonic())
        self.runs[msg_id] = run
        return run

    def request(self, msg_type: str, content: dict | None = None, channel: str = "shell") -> Run:
        """Send any request on shell or control and return its Run."""
        msg = self.kc.session.msg(msg_type, content or {})
        getattr(self.kc, f"{channel}_channel").send(msg)
        return self.track(msg["header"]["msg_id"])

    # -- receiving ---------------------------------------------------------------------------------------------
    def _dispatch(self, channel: str, msg: dict, stdin: Callable[[dict], str] | None) -> None:
        check_message(msg, channel)
        self.seen.append((channel, msg))
        now = time.monotonic()
        run = self.runs.get(msg["parent_header"].get("msg_id", ""))
        if run is None:
            if channel == "iopub":
                self.stray.append(msg)
            return
        if channel in ("shell", "control"):
            assert run.reply is None, f"second reply for {run.msg_id}: {msg['content']}"
            run.reply, run.reply_at = msg, now
        elif channel == "stdin":
            run.stdin.append(msg)
            assert stdin is not None, f"unexpected {msg['msg_type']} on stdin: {msg['content']}"
            answer = stdin(msg)
            if answer is not None:  # None: leave the request pending
                self.kc.input(answer)
        elif run.idle_at is not None:
            run.late.append(msg)  # clients drop these; tests that care assert on run.late
        else:
            run.iopub.append(msg)
            run.arrivals.append(now)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                run.idle_at = now

    def pump(self, timeout: float, stdin: Callable[[dict], str | None] | None = None) -> bool:
        """Receive messages for up to timeout seconds (returning early once something arrived)."""
        channels = {
            "shell": self.kc.shell_channel,
            "iopub": self.kc.iopub_channel,
            "stdin": self.kc.stdin_channel,
            "control": self.kc.control_channel,
        }
        poller = zmq.Poller()
        for ch in channels.values():
            poller.register(ch.socket, zmq.POLLIN)
        ready = dict(poller.poll(int(timeout * 1000)))
        for name, ch in channels.items():
            if ready.get(ch.socket):
                while ch.msg_ready():
                    self._dispatch(name, ch.get_msg(timeout=0), stdin)
        return bool(ready)

    def wait(
        self,
        run: Run,
        timeout: float = REPLY_TIMEOUT,
        until: Callable[[Run], bool] | None = None,
        stdin: Callable[[dict], str | None] | None = None,
    ) -> Run:
        """Gather messages until until(run) (default: reply and idle both received) or fail after timeout."""
        until = until or (lambda r: r.done)
        deadline = time.monotonic() + timeout
        while not until(run):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"gave up after {timeout}s\n{run.describe()}")
            self.pump(min(left, 0.5), stdin)
        return run

    def execute(
        self,
        code: str,
        timeout: float = REPLY_TIMEOUT,
        *,
        stdin: Callable[[dict], str | None] | None = None,
        **kw: Any,
    ) -> Run:
        """Execute code and wait for its reply and idle; stdin answers input_requests if given."""
        run = self.send(code, allow_stdin=stdin is not None, **kw)
        return self.wait(run, timeout, stdin=stdin)

    def ok(self, code: str, timeout: float = REPLY_TIMEOUT, **kw: Any) -> Run:
        """Execute code and assert it succeeded."""
        run = self.execute(code, timeout, **kw)
        assert run.status == "ok", f"cell failed:\n{run.error_text()}\n{run.describe()}"
        return run

    def shutdown(self) -> None:
        self.kc.stop_channels()
        if self.km.has_kernel:
            self.km.shutdown_kernel(now=False)


def start_kernel(name: str = KERNEL_NAME, **launch: Any) -> Kernel:
    """Start a kernel from the installed spec and wait until it answers kernel_info with IOPub traffic. launch goes to
    KernelManager.start_kernel (env=..., extra_arguments=...)."""
    km = KernelManager(kernel_name=name)
    km.start_kernel(**launch)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return Kernel(km, kc)


@pytest.fixture(scope="module")
def kernel():
    """One kernel shared by the tests of a module."""
    k = start_kernel()
    yield k
    k.shutdown()


@pytest.fixture
def fresh_kernel():
    """A kernel of the test's own, for tests that crash, interrupt or restart it."""
    k = start_kernel()
    yield k
    k.shutdown()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    child_counts, child_problems = msghook.collect(MSGCHECK_DIR)
    counts = msghook.COUNTS + child_counts
    problems = msghook.PROBLEMS + child_problems
    terminalreporter.section("kernel messages checked against the messaging schema")
    terminalreporter.write_line(
        f"{sum(counts.values())} messages ({sum(msghook.COUNTS.values())} in pytest, {sum(child_counts.values())} in "
        f"child processes), {len(counts)} channel/type pairs, {len(problems)} problems"
    )
    terminalreporter.write_line(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    if TIMINGS:
        terminalreporter.section("gokernel timings")
        for name, value in TIMINGS.items():
            terminalreporter.write_line(f"{name}: {value}" if isinstance(value, int) else f"{name}: {value:.3f} s")


def pytest_unconfigure(config: Any) -> None:
    shutil.rmtree(MSGCHECK_DIR, ignore_errors=True)
