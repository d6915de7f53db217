"""Through a real Jupyter server (what JupyterLab and Notebook talk to): the kernel starts under the server's
session manager, answers its kernel_info nudges, and a million printed lines reach the websocket client complete,
in order and without tripping the server's IOPub data rate limit (the server drops output above it)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import TIMINGS
from tornado.websocket import websocket_connect

TOKEN = "gokernel-test"
LINES = 1_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    port = free_port()
    log = open(tmp_path / "server.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}"],
        stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                log.seek(0)
                raise RuntimeError("jupyter server did not start:\n" + log.read())
            time.sleep(0.2)
    yield base, log
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def api(base: str, method: str, path: str, body: dict | None = None) -> dict:
    req = urllib.request.Request(
        f"{base}{path}?token={TOKEN}", method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    return json.loads(urllib.request.urlopen(req, timeout=60).read() or b"{}")


async def execute(ws, code: str) -> tuple[str, dict, list[dict]]:
    """Run code over the websocket; return stdout, the reply content and every message of the request."""
    msg_id = str(uuid.uuid4())
    await ws.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": "s", "msg_type": "execute_request",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    out: list[str] = []
    seen: list[dict] = []
    reply = None
    idle = False
    while reply is None or not idle:
        m = json.loads(await asyncio.wait_for(ws.read_message(), 60))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(m)
        if m["channel"] == "shell":
            reply = m["content"]
        elif m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
            out.append(m["content"]["text"])
        elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            idle = True
    return "".join(out), reply, seen


@pytest.mark.timeout(180)
def test_million_lines_through_jupyter_server(server) -> None:
    base, log = server
    session = api(base, "POST", "/api/sessions",
                  {"path": "paced.ipynb", "type": "notebook", "kernel": {"name": "gokernel"}})
    kernel_id = session["kernel"]["id"]

    async def main() -> None:
        ws = await websocket_connect(
            f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels?token={TOKEN}&session_id={uuid.uuid4()}")
        out, reply, _ = await execute(ws, 'import "fmt"\nfmt.Println("hello from the server")')
        assert reply["status"] == "ok" and out == "hello from the server\n"
        t0 = time.monotonic()
        out, reply, seen = await execute(ws, f"for i := 0; i < {LINES}; i++ {{ fmt.Println(i) }}")
        TIMINGS[f"{LINES:,} lines through jupyter_server (paced)"] = time.monotonic() - t0
        assert reply["status"] == "ok"
        warnings = [m for m in seen if m["msg_type"] == "stream" and "rate exceeded" in m["content"]["text"]]
        assert not warnings, warnings[0]["content"]["text"]
        assert out == "".join(f"{i}\n" for i in range(LINES)), f"got {len(out)} bytes"
        ws.close()

    asyncio.run(main())
    api(base, "DELETE", f"/api/sessions/{session['id']}")
    log.seek(0)
    assert "rate exceeded" not in log.read()
