"""Acceptance checks for notebooks/02_generators.ipynb (seed-inventory §3.2)."""

from __future__ import annotations

import re

from lessons.nbcheck import by_id, cell, error, lines, no_errors, result


def check(nb, params):
    no_errors(nb)
    evens = ["0", "2", "4", "6", "8"]

    # S0-11 (= S2-14, S4-18): list vs generator expression.
    assert lines(by_id(nb, "s0-11-list")) == ["[0, 2, 4, 6, 8]"]
    assert re.fullmatch(r"<generator object <genexpr> at 0x[0-9a-f]+>", result(by_id(nb, "s0-11-gen")))
    c = by_id(nb, "s0-11-next")
    assert lines(c) == evens and error(c) == ("StopIteration", "")
    assert lines(by_id(nb, "s0-11-for")) == evens and result(by_id(nb, "s0-11-for")) is None

    # S0-13: a plain function printing the numbers.
    assert lines(cell(nb, "ex:S0-13")) == "0 1 1 2 3 5 8 13 21 34".split()

    # S0-14: the code as written gives 0 1 1 2 3, then StopIteration: done.
    c = cell(nb, "ex:S0-14")
    assert lines(c) == ["0", "1", "1", "2", "3"] and error(c) == ("StopIteration", "done")
    assert lines(cell(nb, "ex:S0-15")) == ["0", "1", "1", "2", "3"]
    assert lines(cell(nb, "ex:S0-16")) == [
        "value:0", "value:1", "value:1", "value:2", "value:3", "生成器返回值:done"]
    assert lines(cell(nb, "ex:S2-15")) == "0 1 1 2 3 5 8 13 21 34 ok...".split()

    # S3-07: fab(6) is a generator object; list(fab(6)) its values.
    c = cell(nb, "ex:S3-07")
    assert re.fullmatch(r"<generator object fab at 0x[0-9a-f]+>", lines(c)[0]) and len(lines(c)) == 1
    assert result(c) == "[1, 1, 2, 3, 5, 8]"

    # S0-17: send() vs next(), each value shown as the cell's result.
    seen = []
    for cid in ("s0-17a", "s0-17b", "s0-17c", "s0-17d"):
        seen += lines(by_id(nb, cid)) + [result(by_id(nb, cid))]
    assert seen == ["0", "haha", "1", "None", "2", "haha", "3"]

    # S0-18 / S0-19: next() only sends None; five values, then StopIteration.
    alternating = ["0", "None", "1", "None", "2", "None", "3", "None", "4", "None"]
    c = cell(nb, "ex:S0-18")
    assert lines(c) == alternating and error(c) == ("StopIteration", "")
    assert lines(cell(nb, "ex:S0-19")) == alternating + ["StopIteration"]

    # S2-16: the sent value comes back out of yield.
    assert lines(cell(nb, "ex:S2-16")) == ["0", ">>>ret>>>> hahahha", "1"]
    assert error(by_id(nb, "s2-16b")) == ("TypeError", "can't send non-None value to a just-started generator")
    assert result(by_id(nb, "s2-16c")) == "0"

    # S3-04: words are found lazily, one per next().
    assert lines(by_id(nb, "s3-04")) == ["  (找到 The)", "The", "  (找到 time)", "time"]
    words = "['The', 'time', 'has', 'come', 'the', 'Walrus', 'said']"
    assert result(by_id(nb, "s3-04b")) == words
    assert len(lines(by_id(nb, "s3-04b"))) == 7
    assert result(cell(nb, "ex:S3-05")) == words

    # range over a generator's All(); a break leaves it suspended.
    assert lines(by_id(nb, "go-range-gen")) == ["0", "1", "1", "2", "3"]
    assert lines(by_id(nb, "go-range-gen-break")) == ["GEN_SUSPENDED 1"]
