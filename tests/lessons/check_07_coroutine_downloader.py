"""07_coroutine_downloader: gevent-style downloads from a loopback server (seed-inventory §3.7)."""

import re

from lessons.nbcheck import no_stderr, cell, lines, matches, no_errors, stdout

SITES = {"www.baidu.com": 111327, "www.itcast.cn": 215035, "www.itheima.com": 172054}


def elapsed(line):
    return float(matches(r"^耗时 (\d+\.\d+) 秒$", line)[1])


def check(nb, params):
    no_errors(nb)
    no_stderr(nb)  # no task died unnoticed
    base = matches(r"^本地服务器: (http://127\.0\.0\.1:\d+/)$", stdout(cell(nb, "local-server")))[1]
    url = {site: f"{base}{site}/" for site in SITES}
    order = ["www.baidu.com", "www.itcast.cn", "www.itheima.com"]

    # patched: three GETs at once in spawn order, then the three bodies (in the order of the server's delays,
    # 0.1, 0.2, 0.3 s, on a machine that is not overloaded: the check does not rely on it)
    out = lines(cell(nb, "ex:S0-26"))
    assert out[:3] == [f"GET: {url[s]}" for s in order], out
    assert sorted(out[3:6]) == sorted(f"{SITES[s]} bytes received from {url[s]}." for s in order), out
    assert elapsed(out[6]) >= 0.3 - 0.05  # the slowest site's delay

    # unpatched: one download after the other; the time is the sum of the delays
    out = lines(cell(nb, "ex:S0-26-unpatched"))
    want = []
    for s in order:
        want += [f"GET: {url[s]}", f"{SITES[s]} bytes received from {url[s]}."]
    assert out[:6] == want, out
    assert elapsed(out[6]) >= 0.6 - 0.05

    # videos: both requests go out first, then both bodies arrive and are written
    out = lines(cell(nb, "ex:S0-27"))
    videos = {"1.mp4": 2 << 20, "2.mp4": 3 << 20}
    assert out[:2] == [f"GET: {base}video/1.mp4", f"GET: {base}video/2.mp4"], out
    assert sorted(out[2:]) == sorted(f"{n} bytes received from {base}video/{f}." for f, n in videos.items()), out
    assert lines(cell(nb, "ex:S0-27-files")) == [f"{f} {n} bytes" for f, n in videos.items()]

    # images: the downloader prints nothing; the files are there
    assert lines(cell(nb, "ex:S2-21")) == []
    assert lines(cell(nb, "ex:S2-21-files")) == ["1.jpg 24816 bytes", "2.jpg 31250 bytes"]

    # mt.DownloadAll: three results, all complete, in completion order
    out = lines(cell(nb, "ex:mt-downloadall"))
    assert sorted(out[:3]) == sorted(["1.mp4 2097152 <nil>", "2.mp4 3145728 <nil>", "1.jpg 24816 <nil>"]), out
    assert re.fullmatch(r"耗时 \d+\.\d+ 秒", out[3]), out
