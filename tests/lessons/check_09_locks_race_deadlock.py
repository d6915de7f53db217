"""09_locks_race_deadlock: the race loses updates, a lock makes the total exact, the deadlock is reported and
undone by a watchdog (the kernel goes on), deadlock avoidance, thread-local data, an ordered hand-off."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, matches, stderr, svgs, timeline_lanes, timeline_bars

PARAMS = {"count": 300000}

CTIME = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}"


def check(nb, params):
    count = params.get("count", 1000000)

    # ex:S2-03: up to 5 trials, each printing the two lines; every total <= 2*count, the last one < 2*count
    # (Go has no GIL: the race loses updates; the cell stops at the first wrong total).
    out = lines(cell(nb, "ex:S2-03"))
    assert len(out) % 2 == 0 and 2 <= len(out) <= 10, out
    totals = []
    for done, value in zip(out[::2], out[1::2]):
        assert re.fullmatch(rf"主函数执行结束: {CTIME}", done), done
        totals.append(int(re.fullmatch(r"当前g_num的值：(\d+)", value).group(1)))
    assert all(0 < n <= 2 * count for n in totals), totals
    assert totals[-1] < 2 * count, f"no lost update in {len(totals)} trials: {totals}"

    # ex:S4-02: start line, one line per worker (either order), the final total <= 2*count.
    out = lines(cell(nb, "ex:S4-02"))
    assert out[0] == "---线程创建之前g_num is 0---", out
    assert sorted(re.sub(r"is \d+", "is N", ln) for ln in out[1:3]) == [
        "----in work1, g_num is N---",
        "----in work2, g_num is N---",
    ], out
    z = int(re.fullmatch(r"2个线程对同一个全局变量操作之后的最终结果是:(\d+)", out[3]).group(1))
    assert 0 < z <= 2 * count and len(out) == 4, out

    assert lines(cell(nb, "ex:S4-03")) == ["两个线程都进出过临界区，锁现在是空闲的: true"]

    # ex:S2-04: with the lock, the second finisher sees exactly 2*count, so does the final line.
    out = lines(cell(nb, "ex:S2-04"))
    vals = {}
    for ln in out[:2]:
        m = re.fullmatch(r"---—_sun_([12])---g_num=(\d+)", ln)
        assert m, out
        vals[m.group(1)] = int(m.group(2))
    assert set(vals) == {"1", "2"}, out
    assert max(vals.values()) == 2 * count and min(vals.values()) >= count, out
    assert out[2:] == [f"当前g_num的值：{2 * count}"], out

    # ex:S4-05: the lock API.
    out = lines(cell(nb, "ex:S4-05"))
    assert out[0] == "阻塞地获取: true" and out[1] == "已被锁住，不阻塞地获取: false", out
    waited = re.fullmatch(r"最多等 0.5 秒: false 实际等了 ([\d.]+)(ms|s)", out[2])
    assert waited, out
    secs = float(waited.group(1)) / (1000 if waited.group(2) == "ms" else 1)
    assert secs >= 0.4, out
    assert out[3:] == ["释放: <nil>", "再释放一次: RuntimeError: release unlocked lock"], out

    assert lines(cell(nb, "ex:atomic")) == [f"局部计数再原子合并的结果: {2 * count}"]

    # ex:S2-05 / S4-04: both "up" lines, no "down", the report on stderr, the watchdog ends the wait.
    c = cell(nb, "ex:S2-05")
    out = lines(c)
    ups = [ln for ln in out if ln.endswith("---up----")]
    assert sorted(re.sub(r"Thread-\d+", "T", ln) for ln in ups) == ["T----do1---up----", "T----do2---up----"], out
    assert out.index(ups[0]) < 2 and out.index(ups[1]) < 2, out
    assert not any("down" in ln for ln in out), out
    assert "看门狗：1.5 秒没有进展，让线程放弃等待" in out, out
    assert out[-1] == "主线程：两个线程都退出了，锁都已释放: true", out
    t1, t2 = (re.match(r"(Thread-\d+)", u).group(1) for u in sorted(ups, key=lambda u: "do2" in u))
    report = stderr(c)
    matches(r"^Deadlock detected: 2 threads wait for each other:$", report)
    matches(rf"^  {t1} holds mutexA and waits for mutexB \(held by {t2}\)$", report)
    matches(rf"^  {t2} holds mutexB and waits for mutexA \(held by {t1}\)$", report)
    assert lines(cell(nb, "ex:S2-05-after")) == ["活着的线程数: 1 ，当前的死锁报告为空: true"]
    faithful = cell(nb, "ex:S2-05-faithful")
    assert "skip-execution" in faithful.metadata.tags and not faithful.outputs

    # Avoiding deadlock: with timeouts and with one lock order, both threads get down.
    for tag in ("ex:S2-3.5-timeout", "ex:S2-3.5-order"):
        out = lines(cell(nb, tag))
        for job in ("do1", "do2"):
            assert sum(bool(re.fullmatch(rf"Thread-\d+ \(\w+\)----{job}---down----", ln)) for ln in out) == 1, out
        assert re.fullmatch(r"两个线程都完成了，用时 [\d.]+ 秒", out[-1]), out
        assert not stderr(cell(nb, tag)), tag

    # Thread-local data and the global dict: each thread sees its own student.
    for tag in ("ex:S4-tls", "ex:S4-globaldict"):
        assert sorted(lines(cell(nb, tag))) == ["Hello, Alice (in Thread-A)", "Hello, Bob (in Thread-B)"], tag

    # Three locks in a ring: strict order, no deadlock report.
    c = cell(nb, "ex:S4-3locks")
    assert lines(c) == ["Task1", "Task2", "Task3"] * 3, lines(c)
    assert stderr(c) == "", stderr(c)

    assert sorted(lines(cell(nb, "ex:S4-local-vars"))) == ["线程乙 [0 1 2 3 4]", "线程甲 [0 1 2 3 4]"]

    # ex:S2-05-timeline: each thread holds one lock and waits for the other's until the watchdog cancels.
    c = cell(nb, "ex:S2-05-timeline")
    (svg,) = svgs(c)
    lanes = timeline_lanes(svg)
    assert lanes[0] == "main" and all(re.fullmatch(r"Thread-\d+", l) for l in lanes[1:3]), lanes
    assert lanes[3:] == ["Watchdog"], lanes  # the watchdog's callback runs on a goroutine of its own
    waits = {b[0]: b[4] for b in timeline_bars(svg) if b[1] == "wait lock"}
    assert waits == {lanes[1]: "mutexB", lanes[2]: "mutexA"}, waits
    assert "看门狗：1.5 秒没有进展，让线程放弃等待" in lines(c), lines(c)
    assert lines(c)[-1] == "两个线程都退出了，锁都已释放: true", lines(c)
