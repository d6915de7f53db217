"""Protocol conformance of the installed gokernel spec with jupyter_kernel_test (jkt).

jkt starts one kernel for the whole class and validates every message against its v5 schemas. Every attribute jkt
0.7 knows is set, so none of its tests is skipped.
"""

from __future__ import annotations

import os
import tempfile

import jupyter_kernel_test as jkt
from conftest import KERNEL_NAME


class GoKernelTests(jkt.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "oops")'

    complete_code_samples = ["x := 1", "fmt.Println(1)", "func f() {}"]
    incomplete_code_samples = ["func f() {", "for {", "x := ["]
    invalid_code_samples = ["x := )", "}}"]

    code_generate_error = "undefinedVariable"
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"go" + "lang"', "result": '"golang"'},
    ]

    # pkg/display is preloaded in cells, like coro and mt.
    code_display_data = [
        {"code": 'display.Show(display.HTML("<b>hi</b>"))', "mime": "text/html"},
        {"code": 'display.Show(display.PNG([]byte("\\x89PNG\\r\\n\\x1a\\n")))', "mime": "image/png"},
        {"code": 'display.Show(display.SVG(`<svg xmlns="http://www.w3.org/2000/svg"/>`))', "mime": "image/svg+xml"},
        {"code": 'display.Show(display.Markdown("*md*"))', "mime": "text/markdown"},
    ]
    code_clear_output = "display.Clear(false)"

    # %help answers with a `page` payload (text/plain), which JupyterLab shows in its pager.
    code_page_something = "%help"

    # Completion and inspection come from the go/types checker (kernel/gotypes); jkt wants the exact match sets.
    completion_samples = [
        {"text": "coro.NewGen", "matches": {"NewGenerator"}},
        {"text": "mt.NewPo", "matches": {"NewPool"}},
        {"text": "display.Mark", "matches": {"Markdown", "Markdowner"}},
        {"text": "le", "matches": {"len"}},
    ]
    code_inspect_sample = "mt.NewPool"

    # History (kernel/history): tail, range and search over every session in the Jupyter data dir, here a fresh one
    # (setUpClass), so that kernels of other test runs on this machine cannot interleave cells with the tail. The
    # pattern matches one of code_execute_result's codes and no other cell.
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = '"go" + "la?g"'

    @classmethod
    def setUpClass(cls) -> None:
        cls._data_dir = tempfile.TemporaryDirectory()
        old = os.environ.get("JUPYTER_DATA_DIR")
        os.environ["JUPYTER_DATA_DIR"] = cls._data_dir.name  # the kernel's environment is taken at its start
        try:
            super().setUpClass()
        finally:
            if old is None:
                del os.environ["JUPYTER_DATA_DIR"]
            else:
                os.environ["JUPYTER_DATA_DIR"] = old

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls._data_dir.cleanup()
