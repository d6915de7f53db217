"""A fresh worker replacing a lost one restores the session without side effects (real Jupyter client).

Values that are plain data come back from the snapshot the worker sent after the last finished cell; an initializer
that writes a file, starts a thread or reads input is not run again (its var is left at its zero value and named);
nothing the replay does shows in a cell.
"""

from __future__ import annotations

import pytest
from conftest import Kernel


@pytest.mark.timeout(120)
def test_fresh_worker_restores_values_without_side_effects(fresh_kernel: Kernel, tmp_path) -> None:  # noqa: ANN001
    k = fresh_kernel
    log = tmp_path / "log.txt"
    k.ok(
        'import ("fmt"; "os")\n'
        "type point struct{ X, Y int }\n"
        "func mark(what string) int {\n"
        f'\tf, _ := os.OpenFile("{log}", os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)\n'
        '\tdefer f.Close()\n\tfmt.Fprintln(f, what)\n\tfmt.Println("marked", what)\n\treturn 1\n}'
    )
    asked: list[str] = []

    def answer(msg: dict) -> str:
        asked.append(msg["content"]["prompt"])
        return "Ada"

    k.execute('name := mt.Input("name? ")', stdin=answer)
    assert asked == ["name? "]
    k.ok(
        "nums := []int{1, 2}\n"
        'ages := map[string]int{"ada": 36}\n'
        "p := point{1, 2}\n"
        'marks := mark("once")\n'
        "th := mt.Go(func() {})\n"
        "th.Join()"
    )
    k.ok('nums = append(nums, 3)\nages["alan"] = 41\np.Y = 20\nmarks += 10')
    before = k.ok('fmt.Println(name, nums, ages, p, marks, th != nil)').stdout
    assert before == "Ada [1 2 3] map[ada:36 alan:41] {1 20} 11 true\n", before

    crash = k.execute("os.Exit(3)", timeout=60)
    assert crash.content["ename"] == "WorkerDied", crash.error_text()

    after = k.execute('fmt.Println(name, nums, ages, p, marks, th == nil)', timeout=60, stdin=answer)
    assert after.status == "ok", after.error_text()
    # Every plain value is back as it was; th, made by a thread-starting initializer, is nil rather than a new thread.
    assert after.stdout == "Ada [1 2 3] map[ada:36 alan:41] {1 20} 11 true\n", after.stdout
    assert asked == ["name? "], f"the replay asked for input again: {asked}"
    assert log.read_text() == "once\n", "the replay ran mark's file write again"
    assert "marked" not in after.stdout + after.stderr + crash.stdout + crash.stderr
    assert "restored from their values after the last finished cell" in after.stderr, after.stderr
    assert "left at their zero value" in after.stderr and "th" in after.stderr, after.stderr
