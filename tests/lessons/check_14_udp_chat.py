"""14_udp_chat: the chat on loopback: a receive thread shows the peer's messages, the main thread sends the
scripted answers to the peer, the threads end."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, stdout


def check(nb, params):
    c = cell(nb, "ex:S4-06")
    text = stdout(c)
    out = lines(c)
    chat = int(re.fullmatch(r"聊天器的端口: (\d+)", out[0]).group(1))
    peer = int(re.fullmatch(r"对方的端口: (\d+)", out[1]).group(1))
    assert chat != peer and chat > 0 and peer > 0, out
    # The receive thread shows both messages with the peer's address as a Python tuple, in the order sent
    # (a line may start after a prompt the main thread printed meanwhile).
    got = re.findall(r">>>\('127\.0\.0\.1', (\d+)\):(.*)$", text, re.M)
    assert got == [(str(peer), "你好"), (str(peer), "hello")], got
    # The prompts, each followed by its scripted answer, twice; the peer gets both messages in order.
    for prompt in ("请输入要发送的数据:", "请输入对方的ip地址:", "请输入对方的port:"):
        assert text.count(prompt) == 2, (prompt, text)
    assert re.findall(r"对方收到: (.*)$", text, re.M) == ["hi peer", "bye"], text
    for answer in ("hi peer", "bye", "127.0.0.1", str(peer)):
        assert re.search(rf"(:|^){re.escape(answer)}$", text, re.M), (answer, text)
    assert out[-1] == "聊天结束，活着的线程数: 1", out

    faithful = cell(nb, "ex:S4-06-faithful")
    assert "skip-execution" in faithful.metadata.tags and not faithful.outputs
