"""Acceptance checks for notebooks/04_itertools.ipynb (seed-inventory §3.4)."""

from __future__ import annotations

import re

from lessons.nbcheck import by_id, cell, error, lines, no_errors, stderr, stdout


def check(nb, params):
    no_errors(nb)

    # S3-T1: reductions, their errors, short-circuit and fsum.
    assert lines(by_id(nb, "s3-t1")) == ["True False 3 empty 10 16"]
    assert error(by_id(nb, "s3-t1-reduce")) == ("TypeError", "reduce() of empty iterable with no initial value")
    assert error(by_id(nb, "s3-t1-max")) == ("ValueError", "max() arg is an empty sequence")
    assert lines(by_id(nb, "s3-t1-short")) == ["check 1", "check 0", "False"]
    assert lines(by_id(nb, "s3-t1-fsum")) == ["1.0", "0.9999999999999999"]

    # S3-T2, S3-08: infinite iterators.
    assert lines(cell(nb, "ex:S3-T2")) == [
        "[10, 11, 12, 13, 14]", "['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D', 'A', 'B']", "[10, 10, 10]"]
    assert stdout(cell(nb, "ex:S3-08")) == "2 5 8 11 14 \n[['a', 'b'], ['a', 'b'], ['a', 'b']]\n"

    # S3-T3: the table's examples.
    assert lines(cell(nb, "ex:S3-T3")) == [
        "['A', 'B', 'C', 'D', 'E', 'F']", "['A', 'C', 'E', 'F']", "[6, 4, 1]", "[1, 3, 5, 7, 9]",
        "[0, 2, 4, 6, 8]", "['C', 'D', 'E', 'F', 'G']", "[32, 9, 1000]", "[1, 4]", "Ax By C- D-"]

    # S3-09: the long list, Python 3 names.
    assert lines(cell(nb, "ex:S3-09")) == [
        "[1, 2, 3, 'a', 'b', 'c']", "['A', 'B', 'C', 'D']", "['A', 'B', 'D', 'F']", "[6, 2, 1]",
        "[2, 1, 6, 5, 4]",
        "a : ['a', 'a', 'a']", "b : ['b', 'b', 'b']", "a : ['a', 'a']", "c : ['c', 'c']", "d : ['d']",
        "[0, 1, 2, 3, 4, 5]", "[1, 2, 3, 4]", "[6, 7, 8, 9]", "[0, 0]",
        "[10, 6, 2, 8, 1]", "[0, 1, 2, 3, 4, 5]", "[3, 4, 5, 6, 7, 8, 9]", "[3, 5, 7, 9]",
        "['a', 'b', 'c', 'd', 'e']", "['a', 'b', 'c', 'd', 'e']", "[1, 3]", "[]",
        "[('A', 'x'), ('B', 'y'), ('C', None), ('D', None)]",
        "[('A', 'x'), ('B', 'y'), ('C', '-'), ('D', '-')]"]

    # S3-10: groupby by length in characters.
    assert lines(cell(nb, "ex:S3-10")) == [
        "8->['阿苏打水丢阿萨德']", "4->['阿豆腐干']", "3->['一直在', '三连击', '陈飒飒']", "2->['我是', '哈哈']", "1->['我']"]

    # S3-11: an unsafe tee shared by two threads: at least one attempt collides, the kernel goes on.
    c = cell(nb, "ex:S3-11")
    out = lines(c)
    assert [l for l in out if l.startswith("第")] == ["第 1 次", "第 2 次", "第 3 次"]
    assert all(l == "19999900000" for l in out if not l.startswith("第")), out
    err = stderr(c)
    assert "RuntimeError: cannot re-enter the tee iterator" in err, err
    assert re.search(r"^Exception in thread Thread-\d+:$", err, re.M)

    # S3-12: the locked tee gives both threads the whole sum.
    assert lines(cell(nb, "ex:S3-12")) == ["199990000", "199990000"]

    # S3-T4, S3-13: combinatoric generators.
    assert lines(cell(nb, "ex:S3-T4")) == [
        "AA AB AC AD BA BB BC BD CA CB CC CD DA DB DC DD", "AB AC AD BA BC BD CA CB CD DA DB DC",
        "AB AC AD BC BD CD", "AA AB AC AD BB BC BD CC CD DD"]
    out = lines(cell(nb, "ex:S3-13"))
    assert out[:8] == [f"('{a}', '{b}')" for a in "ABCD" for b in "xy"]
    assert out[8:] == [
        "[('A', 'A'), ('A', 'B'), ('A', 'C'), ('B', 'A'), ('B', 'B'), ('B', 'C'), ('C', 'A'), ('C', 'B'), ('C', 'C')]",
        "[('A', 'B'), ('A', 'C'), ('B', 'A'), ('B', 'C'), ('C', 'A'), ('C', 'B')]",
        "[('A', 'B', 'C'), ('A', 'C', 'B'), ('B', 'A', 'C'), ('B', 'C', 'A'), ('C', 'A', 'B'), ('C', 'B', 'A')]",
        "[('A', 'B'), ('A', 'C'), ('B', 'C')]",
        "[('A', 'A'), ('A', 'B'), ('A', 'C'), ('B', 'B'), ('B', 'C'), ('C', 'C')]"]

    # S3-14: accumulate.
    assert lines(cell(nb, "ex:S3-14")) == ["[1, 3, 6, 10, 15]", "[1, 2, 6, 24, 120]", "[100, 101, 103, 106]"]

    # S3-15: the recipes, with the documentation's examples.
    assert lines(by_id(nb, "s3-15-take")) == ["[0, 1, 2]", "[0, 1, 4, 9]", "2", "3 x"]
    assert lines(by_id(nb, "s3-15-count")) == [
        "2", "[1, 2, None, None, None]", "['a', 'b', 'a', 'b']", "32", "[1, 2, 3]", "[1, 2, 3]"]
    assert lines(by_id(nb, "s3-15-pairs")) == [
        "[('A', 'B'), ('B', 'C'), ('C', 'D')]", "ABC DEF Gxx", "A D E B F C",
        "[(), (1,), (2,), (3,), (1, 2), (1, 3), (2, 3), (1, 2, 3)]"]
    assert lines(by_id(nb, "s3-15-unique")) == ["A B C D", "A B C D", "A B C D A B", "A B C A D", "3 2 1"]
    product, perm, comb, combr = lines(by_id(nb, "s3-15-random"))
    assert re.fullmatch(r"\('[ABC]', '[xy]'\)", product)
    p = re.findall(r"'([A-D])'", perm)
    assert len(p) == 2 and len(set(p)) == 2
    c = re.findall(r"'([A-D])'", comb)
    assert len(c) == 2 and len(set(c)) == 2 and c == sorted(c)
    r = re.findall(r"'([A-D])'", combr)
    assert len(r) == 3 and r == sorted(r)
    assert lines(by_id(nb, "s3-15-look")) == ["B", "['A', 'B', 'C', 'D', 'E']"]

    # S3-16: chunks.
    assert lines(cell(nb, "ex:S3-16")) == ["('a', 'b', 'c')", "('d', 'e', 'f')", "('g',)"]
