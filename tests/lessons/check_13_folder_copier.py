"""13_folder_copier: the seeds' folder copiers with scripted folder names, a progress line redrawn to 100 %, and
byte-identical copies."""

from __future__ import annotations

import re

from lessons.nbcheck import cell, lines, stdout

PARAMS = {"files": 8, "smallFiles": 3}


def collapsed(text: str) -> list[str]:
    """The lines a terminal shows: each line is what follows its last carriage return."""
    return [line.rsplit("\r", 1)[-1] for line in text.split("\n")[:-1]]


def check(nb, params):
    files, small = params.get("files", 20), params.get("smallFiles", 6)
    assert lines(cell(nb, "ex:S2-11-setup")) == [f"test_dir 里有 {files} 个文件", f"small_dir 里有 {small} 个文件"]

    # S2-11: the scripted answer is echoed after its prompt; one redraw per copied file, rising to 100 %.
    out = stdout(cell(nb, "ex:S2-11"))
    assert out.startswith("请输入待拷贝的文件夹的名字：test_dir\n"), out
    rates = [float(p) for p in re.findall(r"\r当前拷贝进度：(\d+\.\d\d)%", out)]
    assert len(rates) == files and rates == sorted(rates), rates
    assert collapsed(out) == ["请输入待拷贝的文件夹的名字：test_dir", "当前拷贝进度：100.00%"], collapsed(out)

    assert lines(cell(nb, "ex:S2-11-missing")) == ["请输入待拷贝的文件夹的名字：no_such_dir", "待拷贝的文件夹不存在"]

    # S4-14: chunked copy on three workers; the line names the file just copied and is padded with 50 spaces.
    out = stdout(cell(nb, "ex:S4-14"))
    got = collapsed(out)
    assert got[0] == "请输入要复制文件夹名字:small_dir" and len(got) == 2, got
    assert re.fullmatch(r"100\.00\.\.\.\(file_\d\d\.txt\) {50}", got[1]), got
    updates = re.findall(r"\r(\d+\.\d\d)\.\.\.\((file_\d\d\.txt)\) {50}", out)
    assert len(updates) == small and len({f for _, f in updates}) == small, updates
    assert [float(r) for r, _ in updates] == sorted(float(r) for r, _ in updates), updates

    assert lines(cell(nb, "ex:copier-verify")) == [
        f"test_dir → test_dir复件：{files} 个文件，内容完全相同：true",
        f"small_dir → small_dir[副本]：{small} 个文件，内容完全相同：true",
    ]
    # mt.CopyDir's progress bar: one display updated in place, ending full, with the seed's line as its text.
    copydir = cell(nb, "ex:copier-copydir")
    (bar,) = [o for o in copydir.outputs if o["output_type"] == "display_data"]
    assert bar["data"]["text/plain"] == f"copied {files}/{files} files (100.00%)", bar["data"]
    assert f'<progress value="{files}" max="{files}"' in bar["data"]["text/html"], bar["data"]
    assert lines(copydir) == [f"拷贝了 {files} 个文件，错误： <nil>", "内容完全相同： true"]
    assert lines(cell(nb, "ex:copier-cleanup")) == ["临时目录已删除： true"]
