"""Acceptance checks for notebooks/03_generator_coroutines.ipynb (seed-inventory §3.3)."""

from __future__ import annotations

import re

from lessons.nbcheck import by_id, cell, error, lines, no_errors, result


def check(nb, params):
    no_errors(nb)

    # S0-20 (= S1-01, S4-19): strict alternation, 3 rounds, 4 pauses of 0.1 s.
    out = lines(by_id(nb, "s0-20"))
    assert out[:-1] == ["----work1---", "----work2---"] * 3, out
    elapsed = float(re.fullmatch(r"耗时 (\d+\.\d) 秒", out[-1]).group(1))
    assert 0.3 <= elapsed < 30, elapsed
    forever = by_id(nb, "s0-20-forever")
    assert "skip-execution" in forever.metadata.tags and not forever.outputs

    # S2-17: the other tutorial's workers alternate too.
    assert lines(cell(nb, "ex:S2-17")) == ["----------1------------", "----------2------------"] * 3

    # S3-17: header, then 1 1 2 3 5, each followed by the sent (random) delay.
    out = lines(cell(nb, "ex:S3-17"))
    assert out[0] == "----------test yield send----------"
    assert out[1::2] == ["1", "1", "2", "3", "5"], out
    for line in out[2::2]:
        m = re.fullmatch(r"let me think ([0-9.e-]+) secs", line)
        assert m and 0 <= float(m.group(1)) < 0.1, line
    assert len(out) == 11

    # S3-18: the four states.
    assert lines(by_id(nb, "s3-18")) == [
        "GEN_CREATED", "激活生成器", "GEN_SUSPENDED", "Hello Shiyanlou", "OVER", "Hello Shiyanlou", "GEN_CLOSED"]
    c = by_id(nb, "s3-18-running")
    assert lines(c) == ["在生成器内部: GEN_RUNNING"] and result(c) is None
    assert error(cell(nb, "ex:S3-18b")) == ("RuntimeError", "generator ignored GeneratorExit")

    # S3-19 … S3-22: yield from.
    assert lines(cell(nb, "ex:S3-19")) == ["['A', 'B', 0, 1, 2]"] * 2
    assert lines(cell(nb, "ex:S3-20")) == ["0", "1"]
    assert lines(cell(nb, "ex:S3-21")) == ["0", "1", "我被迫中断了"]
    assert lines(cell(nb, "ex:S3-22")) == ["0", "1", "我被迫中断了"]

    # The rules of yield from, one cell each.
    assert result(by_id(nb, "s3-rules-def")) == '"ready"'
    assert result(by_id(nb, "s3-rules-send")) == "\"sub got 'x'\""
    assert result(by_id(nb, "s3-rules-none")) == '"sub got None"'
    c = by_id(nb, "s3-rules-throw")
    assert lines(c) == ["sub: caught ValueError: bad value"] and result(c) == "\"sub got 'error'\""
    c = by_id(nb, "s3-rules-return")
    assert lines(c) == ["sub: 结束", "delegator: yield from 的值是 'sub finished'"]
    assert result(c) == '"delegator done"'
    c = by_id(nb, "s3-rules-close")
    assert lines(c) == ["sub: 结束"] and result(c) is None
