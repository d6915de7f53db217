"""Hostile bytes and stalled clients (issue 12): no local user can crash, freeze or lock out the kernel.

Raw TCP peers send the byte sequences that used to kill or block the kernel (ZMTP frame headers declaring 2^62
bytes, READY commands with malformed metadata, idle connections, a subscriber or shell peer that stops reading);
after each, fresh pyzmq clients must still get kernel_info replies and the jupyter_client must still run cells.
The message-level checks cover replayed messages, upper-case hex signatures, hmac-sha512 and invalid UTF-8.
"""

from __future__ import annotations

import json
import socket
import struct

import pytest
from conftest import Kernel
from jupyter_client import KernelManager
from test_wire import DELIM, Wire, header, parts, sign

PORTS = ["shell", "control", "stdin", "iopub", "hb"]


def greeting() -> bytes:
    return b"\xff" + b"\x00" * 8 + b"\x7f" + b"\x03\x00" + b"NULL".ljust(20, b"\x00") + b"\x00" * 32


def prop(k: str, v: str) -> bytes:
    return bytes([len(k)]) + k.encode() + struct.pack(">I", len(v)) + v.encode()


def command(body: bytes) -> bytes:
    if len(body) > 255:
        return b"\x06" + struct.pack(">Q", len(body)) + body
    return bytes([4, len(body)]) + body


def ready(sock_type: str) -> bytes:
    return command(b"\x05READY" + prop("Socket-Type", sock_type))


HUGE = struct.pack(">Q", 1 << 62)
PAYLOADS = {
    "huge-frame-before-handshake": greeting() + b"\x06" + HUGE,
    "huge-frame-after-handshake": greeting() + ready("DEALER") + b"\x02" + HUGE,
    "huge-frame-after-subscribe": greeting() + ready("SUB") + b"\x02" + HUGE,
    "64GiB-frame": greeting() + ready("REQ") + b"\x02" + struct.pack(">Q", 64 << 30),
    "ready-cut-before-value-length": greeting() + command(b"\x05READY\x03abc"),
    "ready-value-past-end": greeting() + command(b"\x05READY" + prop("Socket-Type", "DEALER")[:-6]),
    "http-request": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
}


def addr(kernel: Kernel, name: str) -> tuple[str, int]:
    info = kernel.km.get_connection_info()
    return info["ip"], info[f"{name}_port"]


def assert_alive(kernel: Kernel) -> None:
    """Two fresh clients get kernel_info replies on shell and control, and a cell still runs."""
    for channel in ("shell", "shell", "control"):
        w = Wire(kernel, channel)
        try:
            w.assert_answers()
        finally:
            w.close()
    assert kernel.ok("6 * 7").results()[0]["data"]["text/plain"] == "42"


def wait_closed(s: socket.socket) -> None:
    """Block until the kernel closes (or resets) the connection."""
    try:
        while s.recv(65536):
            pass
    except ConnectionResetError:
        pass


@pytest.mark.parametrize("port", PORTS)
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_hostile_bytes_close_the_connection_not_the_kernel(kernel: Kernel, port: str, payload: str) -> None:
    with socket.create_connection(addr(kernel, port)) as s:
        s.sendall(PAYLOADS[payload])
        wait_closed(s)
    assert kernel.km.is_alive()
    assert_alive(kernel)


def test_idle_connections_do_not_lock_anyone_out(kernel: Kernel) -> None:
    idle = [socket.create_connection(addr(kernel, p)) for p in PORTS]
    try:
        idle[0].sendall(greeting()[:10])  # half a greeting on shell, then silence
        assert_alive(kernel)
    finally:
        for s in idle:
            s.close()


def raw_peer(kernel: Kernel, port: str, sock_type: str) -> socket.socket:
    """A hand-made ZMTP peer that completes its handshake and then reads only when told."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(addr(kernel, port))
    s.sendall(greeting() + ready(sock_type))
    got = b""
    while len(got) < 66 or len(got) < 66 + got[65]:  # server greeting, then its READY command
        chunk = s.recv(4096)
        assert chunk, "kernel closed a well-behaved handshake"
        got += chunk
    return s


def test_stalled_iopub_subscriber_does_not_freeze_output(kernel: Kernel) -> None:
    s = raw_peer(kernel, "iopub", "SUB")
    try:
        s.sendall(b"\x00\x01\x01")  # subscribe to every topic, then never read again
        run = kernel.ok(
            'import (\n"fmt"\n"strings"\n)\nfor i := 0; i < 800; i++ { fmt.Println(strings.Repeat("x", 10000)) }',
            timeout=120,
        )
        assert run.stdout.count("x" * 10000) == 800
        assert_alive(kernel)
    finally:
        s.close()


def test_shell_peer_that_never_reads_does_not_stall_others(kernel: Kernel) -> None:
    s = raw_peer(kernel, "shell", "DEALER")
    key = Wire(kernel, "shell")
    try:
        for _ in range(5000):  # ~5 MB of replies it will never read
            body = parts(header("kernel_info_request"))
            frames = [DELIM, sign(key.key, body), *body]
            s.sendall(
                b"".join(
                    bytes([1 if i < len(frames) - 1 else 0, len(f)]) + f
                    if len(f) < 256
                    else bytes([3 if i < len(frames) - 1 else 2]) + struct.pack(">Q", len(f)) + f
                    for i, f in enumerate(frames)
                )
            )
        assert_alive(kernel)
    finally:
        key.close()
        s.close()


def reply_ids_until(w: Wire, msg_id: str) -> list[str]:
    """Parent msg_ids of every reply up to and including the one to msg_id (replies come in request order)."""
    seen = []
    while True:
        frames = w.recv(30)
        assert frames is not None, "no reply to a valid request"
        seen.append(json.loads(frames[frames.index(DELIM) + 3])["msg_id"])
        if seen[-1] == msg_id:
            return seen


@pytest.fixture(params=["shell", "control"])
def wire(kernel: Kernel, request: pytest.FixtureRequest):
    w = Wire(kernel, request.param)
    yield w
    w.close()


def test_replayed_message_is_dropped(wire: Wire) -> None:
    hdr = header("kernel_info_request")
    body = parts(hdr)
    frames = [DELIM, sign(wire.key, body), *body]
    wire.send(frames)
    assert reply_ids_until(wire, hdr["msg_id"]) == [hdr["msg_id"]]
    wire.send(frames)  # the same signed bytes again
    fresh = wire.send_signed("kernel_info_request")
    assert reply_ids_until(wire, fresh) == [fresh], "the replayed request was answered"


def test_upper_case_signature_is_refused(wire: Wire) -> None:
    hdr = header("kernel_info_request")
    body = parts(hdr)
    wire.send([DELIM, sign(wire.key, body).upper(), *body])
    fresh = wire.send_signed("kernel_info_request")
    assert reply_ids_until(wire, fresh) == [fresh], "an upper-case hex signature was accepted"


def test_invalid_utf8_in_header_is_not_echoed(wire: Wire) -> None:
    hdr = json.dumps(header("kernel_info_request")).encode()
    hdr = hdr.replace(b'"session": "wire-test"', b'"session": "a\xff\xfeb"')
    body = [hdr, b"{}", b"{}", b"{}"]
    wire.send([DELIM, sign(wire.key, body), *body])
    frames = wire.recv(30)
    assert frames is not None, "no reply"
    parent = frames[frames.index(DELIM) + 3]
    parent.decode("utf-8")  # strict: raises on invalid UTF-8
    assert json.loads(parent)["msg_type"] == "kernel_info_request"


@pytest.mark.parametrize("scheme", ["hmac-sha512", "hmac-sha1", "hmac-sha384"])
def test_signature_schemes_of_jupyter_client(scheme: str) -> None:
    km = KernelManager(kernel_name="gokernel")
    km.session.signature_scheme = scheme
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive("6 * 7", timeout=60)
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

