"""Rich display (pkg/display) through a real kernel: display_data, update_display_data, clear_output, rich
execute_result, their order with stream output, and what nbconvert's HTML export makes of them.

Every message is checked by conftest's Kernel helper (headers, dicts, no nulls).
"""

from __future__ import annotations

import base64

import nbformat
from conftest import KERNEL_NAME, Kernel
from nbclient import NotebookClient
from nbconvert import HTMLExporter

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def kinds(run) -> list[str]:
    return [m["msg_type"] for m in run.outputs()]


def test_display_data_fields(kernel: Kernel) -> None:
    run = kernel.ok('display.Show(display.HTML("<b>bold</b> &amp; more"))')
    (msg,) = run.of_type("display_data")
    c = msg["content"]
    assert set(c) == {"data", "metadata", "transient"}, c
    assert c["data"] == {"text/html": "<b>bold</b> &amp; more", "text/plain": "bold & more"}
    assert c["metadata"] == {} and c["transient"] == {}
    assert msg["parent_header"]["msg_id"] == run.msg_id


def test_update_display_data_same_id(kernel: Kernel) -> None:
    run = kernel.ok(
        'dispH := display.New(display.Markdown("**1**"))\n'
        'dispH.Update(display.Markdown("**2**"))\n'
        'dispH.Update(display.HTML("<i>3</i>"))'
    )
    assert kinds(run) == ["display_data", "update_display_data", "update_display_data"], run.describe()
    ids = {m["content"]["transient"]["display_id"] for m in run.outputs()}
    assert len(ids) == 1 and all(ids), ids
    texts = [m["content"]["data"]["text/plain"] for m in run.outputs()]
    assert texts == ["**1**", "**2**", "3"]
    assert run.outputs()[2]["content"]["data"]["text/html"] == "<i>3</i>"
    # A later cell updates the display made by an earlier one.
    later = kernel.ok('dispH.Update(display.Text("later"))')
    (upd,) = later.of_type("update_display_data")
    assert upd["content"]["transient"]["display_id"] in ids
    assert upd["parent_header"]["msg_id"] == later.msg_id


def test_clear_output(kernel: Kernel) -> None:
    run = kernel.ok("display.Clear(true)\ndisplay.Clear(false)")
    assert [m["content"] for m in run.of_type("clear_output")] == [{"wait": True}, {"wait": False}]


def test_order_with_streams(kernel: Kernel) -> None:
    run = kernel.ok(
        'import "fmt"\n'
        'fmt.Println("first")\n'
        'display.Show(display.Text("second"))\n'
        'fmt.Println("third")\n'
        'for i := range 50 { fmt.Print(i, " "); display.Show(display.Text(fmt.Sprint("d", i))) }'
    )
    seq = []
    for m in run.outputs():
        if m["msg_type"] == "stream":
            seq.append(m["content"]["text"])
        else:
            seq.append("<" + m["content"]["data"]["text/plain"] + ">")
    # Stream output between two displays may come as one or several messages; displays sit between them.
    want = "first\n<second>third\n" + "".join(f"{i} <d{i}>" for i in range(50))
    assert "".join(seq) == want, run.describe()
    assert sum(s.startswith("<") for s in seq) == 51


def test_rich_execute_result(kernel: Kernel) -> None:
    kernel.ok(
        'import ("fmt"; "image"; "image/color")\n'
        "type richTable [][]int\n"
        "func (t richTable) HTML() string {\n"
        '\ts := "<table>"\n'
        '\tfor _, r := range t { s += "<tr>"; for _, c := range r { s += fmt.Sprintf("<td>%d</td>", c) }; s += "</tr>" }\n'
        '\treturn s + "</table>"\n'
        "}"
    )
    run = kernel.ok("richTable{{1, 2}, {3, 4}}")
    (res,) = run.results()
    assert res["data"]["text/html"] == "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    assert res["data"]["text/plain"] == "[[1 2] [3 4]]"
    assert res["metadata"] == {}

    run = kernel.ok("richImg := image.NewRGBA(image.Rect(0, 0, 8, 4))\nrichImg.Set(1, 1, color.White)\nrichImg")
    (res,) = run.results()
    assert base64.b64decode(res["data"]["image/png"]).startswith(PNG_SIGNATURE)
    assert res["data"]["text/plain"] == "[PNG image 8×4] (*image.RGBA)"

    run = kernel.ok('display.LaTeX(`$e^{i\\pi} + 1 = 0$`)')
    (res,) = run.results()
    assert res["data"] == {"text/latex": "$e^{i\\pi} + 1 = 0$", "text/plain": "$e^{i\\pi} + 1 = 0$"}

    # Plain values stay text only.
    assert kernel.ok("[]int{1, 2}").results()[0]["data"] == {"text/plain": "[1 2]"}


def test_image_size_metadata(kernel: Kernel) -> None:
    run = kernel.ok('import "image"\ndisplay.Show(display.Image(image.NewGray(image.Rect(0, 0, 4, 4))).WithSize(64, 64))')
    (msg,) = run.of_type("display_data")
    assert msg["content"]["metadata"] == {"image/png": {"width": 64, "height": 64}}


def test_nbconvert_html_shows_image_and_table() -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Go (gokernel)", "language": "go"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            'import ("image"; "image/color")\n'
            "pic := image.NewRGBA(image.Rect(0, 0, 16, 16))\n"
            "for i := range 16 { pic.Set(i, i, color.RGBA{R: 255, A: 255}) }\n"
            "display.Show(display.Image(pic))"
        ),
        nbformat.v4.new_code_cell('display.HTML("<table id=\\"gk-table\\"><tr><td>甲</td><td>乙</td></tr></table>")'),
    ]
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=60, startup_timeout=60).execute()
    first, second = nb.cells[0].outputs, nb.cells[1].outputs
    assert [o["output_type"] for o in first] == ["display_data"]
    assert [o["output_type"] for o in second] == ["execute_result"]
    html, _ = HTMLExporter().from_notebook_node(nb)
    png = first[0]["data"]["image/png"]
    assert f"data:image/png;base64,{png}" in html.replace("\n", "")
    assert '<table id="gk-table"><tr><td>甲</td><td>乙</td></tr></table>' in html


def test_progress_bar(kernel: Kernel) -> None:
    run = kernel.ok('progBar := display.Progress(100000, "steps")\nfor range 100000 { progBar.Add(1) }\nprogBar.Done()')
    outs = run.outputs()
    assert [m["msg_type"] for m in outs[:1]] == ["display_data"], run.describe()
    assert {m["msg_type"] for m in outs[1:]} == {"update_display_data"}, run.describe()
    assert len({m["content"]["transient"]["display_id"] for m in outs}) == 1
    final = outs[-1]["content"]["data"]
    assert '<progress value="100000" max="100000"' in final["text/html"]
    assert final["text/plain"].startswith("steps [####################] 100000/100000 100% ")


def test_mt_progress_bars(kernel: Kernel) -> None:
    """mt.CopyDir's progress is a live bar in the cell, and the \\r text line where a child process runs it."""
    kernel.ok(
        'import (\n\t"fmt"\n\t"os"\n)\n'
        'pbSrc, _ := os.MkdirTemp("", "gk-progress")\n'
        'mt.MakeSampleDir(pbSrc+"/src", 6, 100)\n'
        "func pbCopyInChild(dir string) { n, err := mt.CopyDir(dir+\"/src\", dir+\"/child\", 2); fmt.Println(n, err) }"
    )
    run = kernel.ok('n, err := mt.CopyDir(pbSrc+"/src", pbSrc+"/dst", 2)\nfmt.Println(n, err)')
    outs = run.outputs()
    bars = [m for m in outs if m["msg_type"] in ("display_data", "update_display_data")]
    assert bars and bars[0]["msg_type"] == "display_data", run.describe()
    assert len({m["content"]["transient"]["display_id"] for m in bars}) == 1
    final = bars[-1]["content"]["data"]
    assert final["text/plain"] == "copied 6/6 files (100.00%)", final
    assert '<progress value="6" max="6"' in final["text/html"]
    assert run.stdout == "6 <nil>\n"

    run = kernel.ok('pbP := mt.NewProcess(pbCopyInChild, pbSrc)\npbP.Start()\npbP.Join()\nos.RemoveAll(pbSrc)')
    assert not run.of_type("display_data", "update_display_data"), run.describe()
    out = run.stdout
    assert out.startswith("\rcopied 0/6 files (0.00%)") and out.endswith("\rcopied 6/6 files (100.00%)\n6 <nil>\n"), out

    run = kernel.ok(
        "mt.SetProgress(false)\n"
        'pbQ, _ := os.MkdirTemp("", "gk-progress")\n'
        'mt.MakeSampleDir(pbQ+"/src", 2, 10)\n'
        'mt.CopyDir(pbQ+"/src", pbQ+"/dst", 2)\n'
        "mt.SetProgress(true)\n"
        "os.RemoveAll(pbQ)"
    )
    assert not run.of_type("display_data", "update_display_data"), run.describe()
