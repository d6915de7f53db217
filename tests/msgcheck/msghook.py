"""Validate every message a Jupyter client in this process receives from a kernel against msgschema.

`install()` wraps jupyter_client's socket channels (the blocking ZMQSocketChannel that our test harness and
jupyter_kernel_test use, and the AsyncZMQSocketChannel that nbclient, nbconvert and papermill use): each received
message's raw JSON frames are checked before jupyter_client decodes them (so header dates are checked as sent, not
after jupyter_client parsed them). The channel a socket serves is recorded when jupyter_client creates it.

In the pytest process, conftest reads COUNTS and PROBLEMS. In child processes (papermill or nbconvert run by a
test), sitecustomize.py installs the hook too and `report_to(dir)` makes it append problems to DIR/<pid>.problems
as they happen and write its counts to DIR/<pid>.counts at exit, which conftest adds up.
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import weakref
from typing import Any

import msgschema

COUNTS: collections.Counter[str] = collections.Counter()  # "channel msg_type" -> messages checked
PROBLEMS: list[str] = []
_channels: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # socket -> channel name
_report_dir: str | None = None
_installed = False


def check_frames(channel: str, frames: list[Any]) -> list[str]:
    """Validate one message given as the frames after the identities: [signature, header, parent, metadata,
    content, *buffers]. Counts it and records (and returns) its problems."""
    try:
        parts = [json.loads(bytes(f)) for f in frames[1:5]]
    except (ValueError, IndexError) as e:
        problems = [f"{channel}: undecodable message: {e}"]
    else:
        msg = dict(zip(("header", "parent_header", "metadata", "content"), parts))
        problems = msgschema.validate(channel, msg)
        header = parts[0] if isinstance(parts[0], dict) else {}
        COUNTS[f"{channel} {header.get('msg_type')}"] += 1
    if problems:
        PROBLEMS.extend(problems)
        if _report_dir:
            with open(os.path.join(_report_dir, f"{os.getpid()}.problems"), "a", encoding="utf-8") as f:
                f.writelines(p.replace("\n", " ") + "\n" for p in problems)
    return problems


def install() -> None:
    """Wrap jupyter_client's channels so every received message is checked (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    from jupyter_client import channels, connect

    create = connect.ConnectionFileMixin._create_connected_socket

    def _create_connected_socket(self: Any, channel: str, identity: bytes | None = None) -> Any:
        sock = create(self, channel, identity=identity)
        _channels[sock] = channel
        return sock

    connect.ConnectionFileMixin._create_connected_socket = _create_connected_socket

    def _recv(self: Any, **kwargs: Any) -> dict[str, Any]:
        frames = self.socket.recv_multipart(**kwargs)
        _ident, smsg = self.session.feed_identities(frames)
        check_frames(_channels.get(self.socket, "unknown"), smsg)
        return self.session.deserialize(smsg)

    async def _arecv(self: Any, **kwargs: Any) -> dict[str, Any]:
        frames = await self.socket.recv_multipart(**kwargs)
        _ident, smsg = self.session.feed_identities(frames)
        check_frames(_channels.get(self.socket, "unknown"), smsg)
        return self.session.deserialize(smsg)

    channels.ZMQSocketChannel._recv = _recv
    channels.AsyncZMQSocketChannel._recv = _arecv


def report_to(directory: str) -> None:
    """In a child process: report problems and counts into directory (see the module doc)."""
    global _report_dir
    _report_dir = directory

    def write_counts() -> None:
        if COUNTS:
            with open(os.path.join(directory, f"{os.getpid()}.counts"), "w", encoding="utf-8") as f:
                json.dump(dict(COUNTS), f)

    atexit.register(write_counts)


def collect(directory: str) -> tuple[collections.Counter[str], list[str]]:
    """Counts and problems that child processes reported into directory."""
    counts: collections.Counter[str] = collections.Counter()
    problems: list[str] = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            if name.endswith(".counts"):
                counts.update(json.load(f))
            elif name.endswith(".problems"):
                problems.extend(line.rstrip("\n") for line in f)
    return counts, problems
