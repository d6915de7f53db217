"""Acceptance checks for notebooks/01_iterators.ipynb (seed-inventory §3.1)."""

from __future__ import annotations

from lessons.nbcheck import by_id, cell, error, lines, no_errors, result, stdout


def check(nb, params):
    no_errors(nb)

    # S0-01: an int is not iterable.
    assert lines(cell(nb, "ex:S0-01")) == ["TypeError: 'int' object is not iterable"]

    # S0-02: MyList without Iter is refused (at compile time in Go); its slice iterates.
    assert lines(by_id(nb, "s0-02-def")) == ["[1 2 3]"]
    ename, evalue = error(by_id(nb, "s0-02-fail"))
    assert ename == "CompileError" and "MyList" in evalue and "coro.Iterable" in evalue, evalue
    assert lines(by_id(nb, "s0-02-ok")) == ["1", "2", "3"]

    # S0-03: [] {} 'abc' are iterable, mylist and 100 are not.
    assert lines(cell(nb, "ex:S0-03")) == ["True", "True", "True", "False", "False"]

    # S0-04: a stub Iter makes it look iterable, but iter() fails.
    assert lines(cell(nb, "ex:S0-04")) == [
        "True", "TypeError: iter() returned non-iterator of type 'NoneType'"]

    # S2-12/13: Classmate and its iterator.
    assert lines(by_id(nb, "s2-12")) == [
        "判断classmate是否是可以迭代的对象: True", "判断classmate_iterator是否是迭代器: True", "张三"]
    assert lines(by_id(nb, "s2-13")) == ["张三", "李四", "王五"]

    # S0-05, S4-15: next() until StopIteration, shown as Python names it.
    for tag, values in (("ex:S0-05", ["11", "22", "33"]), ("ex:S4-15", ["11", "22", "33", "44", "55"])):
        c = cell(nb, tag)
        assert lines(c) == values
        assert error(c) == ("StopIteration", "")
        tb = [o for o in c.outputs if o["output_type"] == "error"][0]["traceback"]
        assert tb[0] == "StopIteration" and not any("panic" in t for t in tb), tb

    assert lines(cell(nb, "ex:S3-01")) == ["A", "B", "C"]
    assert lines(cell(nb, "ex:S3-02")) == ["A", "B", "C"]

    # S0-06: a list is not an iterator; iter() of a list or a string is.
    assert lines(cell(nb, "ex:S0-06")) == ["False", "True", "True"]

    # S0-07 (= S4-16) and the for-loop spelled out (S0-07b).
    assert lines(by_id(nb, "s0-07")) == ["1", "2", "3", "4", "5"]
    assert stdout(by_id(nb, "s0-07")) == "1\n2\n3\n4\n5\n"
    assert lines(cell(nb, "ex:S0-07b")) == ["1", "2", "3", "4", "5"]

    # S3-T1: the __getitem__ fallback and iter(callable, sentinel).
    assert lines(cell(nb, "ex:S3-T1a")) == ["[0, 10, 20]", "False"]
    assert result(cell(nb, "ex:S3-T1b")) == "[1, 2, 3]"

    # S3-03: Sentence and its independent iterators.
    assert lines(by_id(nb, "s3-03")) == [
        "Sentence('\"The time ha... Walrus said,')",
        "['The', 'time', 'has', 'come', 'the', 'Walrus', 'said']",
    ]
    assert lines(by_id(nb, "s3-03b")) == ["The The time time", "True"]

    # S0-08: range is lazy.
    c = cell(nb, "ex:S0-08")
    assert lines(c) == ["range(0, 100000)"] and result(c) == "100000"

    # S0-09 (= S0-12, S4-17): one line, a space after each number.
    assert stdout(cell(nb, "ex:S0-09")) == "0 1 1 2 3 5 8 13 21 34 "

    # S0-10: list() and tuple() consume an iterator; the hand-written list().
    fib15 = "[0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]"
    assert result(by_id(nb, "s0-10")) == fib15
    assert result(by_id(nb, "s0-10b")) == "(0, 1, 1, 2, 3, 5)"
    assert result(cell(nb, "ex:S2-1.9")) == fib15

    # S3-06: Fab with the Python 3 protocol.
    assert result(cell(nb, "ex:S3-06")) == "[1, 1, 2, 3, 5, 8]"

    # No stray Out: on cells that only print.
    for c in nb.cells:
        if c.cell_type == "code" and c.id in {"s0-02-ok", "s3-01", "s0-07", "s0-09", "s3-03"}:
            assert result(c) is None, c.id

    # Go's own iterators: range over an iter.Seq, break, slices.Collect, iter.Pull.
    def trimmed(cid):
        return [line.rstrip() for line in lines(by_id(nb, cid))]

    assert trimmed("go-range-func") == ["0 1 1 2 3 5 8 13 21 34"]
    assert trimmed("go-range-func-break") == ["0 1 1 2 3 5 8 13 21 34", "[0 1 1 2 3 5 8 13]"]
    assert trimmed("go-range-func-pull") == ["0 1 1 2 3"]
