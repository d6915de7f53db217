"""Raw wire-level checks on the shell and control sockets with plain pyzmq DEALER sockets.

Valid replies must be signed (lowercase hex HMAC-SHA256 with the connection key) and carry a header date that
jupyter_client can parse. Badly signed or malformed messages must be dropped without harm: the kernel keeps
answering valid requests on the same socket afterwards.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import re
import uuid

import pytest
import zmq
from conftest import Kernel, find_nulls

DELIM = b"<IDS|MSG>"
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:?\d\d)$")


def sign(key: bytes, parts: list[bytes]) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(part)
    return mac.hexdigest().encode()


def header(msg_type: str) -> dict:
    return {
        "msg_id": uuid.uuid4().hex,
        "session": "wire-test",
        "username": "test",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "msg_type": msg_type,
        "version": "5.3",
    }


def parts(hdr: dict, content: dict | None = None) -> list[bytes]:
    return [json.dumps(x).encode() for x in (hdr, {}, {}, content or {})]


class Wire:
    """A DEALER socket on one of the kernel's ROUTER sockets."""

    def __init__(self, kernel: Kernel, channel: str) -> None:
        info = kernel.km.get_connection_info()
        self.key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        self.sock = zmq.Context.instance().socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")

    def send(self, frames: list[bytes]) -> None:
        self.sock.send_multipart(frames)

    def send_signed(self, msg_type: str, content: dict | None = None) -> str:
        hdr = header(msg_type)
        body = parts(hdr, content)
        self.send([DELIM, sign(self.key, body), *body])
        return hdr["msg_id"]

    def recv(self, timeout: float) -> list[bytes] | None:
        if self.sock.poll(int(timeout * 1000)):
            return self.sock.recv_multipart()
        return None

    def assert_answers(self) -> list[bytes]:
        """Send a valid kernel_info_request and return its reply frames (routing ids already stripped)."""
        msg_id = self.send_signed("kernel_info_request")
        while True:
            frames = self.recv(10)
            assert frames is not None, "no reply to a valid kernel_info_request"
            if json.loads(frames[frames.index(DELIM) + 3]).get("msg_id") == msg_id:
                return frames

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(params=["shell", "control"])
def wire(kernel: Kernel, request: pytest.FixtureRequest):
    w = Wire(kernel, request.param)
    yield w
    w.close()


def test_reply_frames_are_signed_and_well_formed(wire: Wire) -> None:
    frames = wire.assert_answers()
    assert frames[0] == DELIM, frames[:2]
    sig, body = frames[1], frames[2:6]
    assert sig == sign(wire.key, body), "signature is not HMAC-SHA256(key, header|parent|metadata|content)"
    assert re.fullmatch(rb"[0-9a-f]{64}", sig)
    hdr, parent, metadata, content = (json.loads(b) for b in body)
    assert DATE_RE.match(hdr["date"]), hdr["date"]
    assert tuple(map(int, hdr["version"].split("."))) >= (5, 2), hdr["version"]  # jkt needs >= 5.2
    assert hdr["msg_type"] == "kernel_info_reply"
    assert parent["msg_type"] == "kernel_info_request"
    for part in (hdr, parent, metadata, content):
        assert not find_nulls(part)


def bad_messages(key: bytes) -> dict[str, list[bytes]]:
    good = parts(header("kernel_info_request"))
    non_json = [b"{not json", b"{}", b"{}", b"{}"]
    list_header = [b"[1, 2]", b"{}", b"{}", b"{}"]
    no_type = parts({k: v for k, v in header("kernel_info_request").items() if k != "msg_type"})
    bad_content = [good[0], b"{}", b"{}", b"\xff\xfe not json"]
    huge = parts(header("kernel_info_request"), {"pad": "x" * (16 << 20)})
    return {
        "wrong-signature": [DELIM, b"0" * 64, *good],
        "empty-signature": [DELIM, b"", *good],
        "signature-of-other-key": [DELIM, sign(b"not-the-key", good), *good],
        "delimiter-only": [DELIM],
        "too-few-frames": [DELIM, sign(key, good[:2]), *good[:2]],
        "no-delimiter": [sign(key, good), *good],
        "single-garbage-frame": [b"\x00\x01garbage"],
        "non-json-header": [DELIM, sign(key, non_json), *non_json],
        "header-is-a-list": [DELIM, sign(key, list_header), *list_header],
        "header-without-msg_type": [DELIM, sign(key, no_type), *no_type],
        "non-json-content": [DELIM, sign(key, bad_content), *bad_content],
        "huge-message": [DELIM, sign(key, huge), *huge],
    }


@pytest.mark.parametrize("kind", list(bad_messages(b"").keys()))
def test_bad_message_is_dropped_and_kernel_keeps_answering(kernel: Kernel, wire: Wire, kind: str) -> None:
    frames = bad_messages(wire.key)[kind]
    wire.send(frames)
    if kind.endswith("signature") or kind == "signature-of-other-key":
        assert wire.recv(1.0) is None, "the kernel answered a message with a bad signature"
    wire.assert_answers()
    assert kernel.km.is_alive()
    assert kernel.ok("6 * 7").results()[0]["data"]["text/plain"] == "42"
