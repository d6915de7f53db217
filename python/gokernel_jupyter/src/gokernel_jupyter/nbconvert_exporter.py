"""nbconvert exporter: a Go notebook as one Go program that `go run` accepts.

gokernel's kernel_info names this exporter in `language_info.nbconvert_exporter` ("gokernel"), so
`jupyter nbconvert --to script nb.ipynb` writes `nb.go` through it; the package registers it under that name in
the "nbconvert.exporters" entry-point group (so `--to gokernel` works too) and for the language "go" in
"nbconvert.exporters.script" (for notebooks saved before their language_info named it).

The conversion itself is Go code (go/parser, in the gokernel binary: `gokernel script`), so the exporter runs the
gokernel binary: the `GoExporter.gokernel` option or $GOKERNEL_BIN if set, else the one inside the gokernel wheel's
package, else the argv[0] of the notebook's kernelspec (as `gokernel install` or the wheel wrote it), else `gokernel` on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

import nbformat
from nbconvert.exporters import Exporter
from traitlets import Unicode, default


class GoExporter(Exporter):
    """Export a gokernel notebook as a Go program (see the module doc for what the program looks like)."""

    export_from_notebook = "Go program"

    gokernel = Unicode("", help="Path of the gokernel binary that converts the notebook (default: see module doc)."
                       ).tag(config=True)

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".go"

    output_mimetype = "text/x-go"

    def binary(self, nb: Any) -> str:
        """The gokernel binary to run for nb."""
        if self.gokernel:
            return self.gokernel
        if os.environ.get("GOKERNEL_BIN"):
            return os.environ["GOKERNEL_BIN"]
        try:  # the gokernel wheel: the binary ships inside the gokernel package
            import gokernel

            if os.path.isfile(gokernel.binary()):
                return gokernel.binary()
        except ImportError:
            pass
        name = nb.metadata.get("kernelspec", {}).get("name") or "gokernel"
        try:
            from jupyter_client.kernelspec import KernelSpecManager

            argv0 = KernelSpecManager().get_kernel_spec(name).argv[0]
            if os.path.isfile(argv0):
                return argv0
        except Exception:  # no such kernelspec, or jupyter_client missing: try PATH
            pass
        found = shutil.which("gokernel")
        if found:
            return found
        raise RuntimeError(
            f"gokernel exporter: no gokernel binary found (kernelspec {name!r}, $GOKERNEL_BIN, PATH); "
            "install the kernel (`gokernel install` or `pip install gokernel`) or set --GoExporter.gokernel=PATH"
        )

    def from_notebook_node(self, nb: Any, resources: dict | None = None, **kw: Any) -> tuple[str, dict]:
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        proc = subprocess.run(
            [self.binary(nb_copy), "script", "-"],
            input=nbformat.writes(nb_copy).encode(),
            capture_output=True,
            check=False,
        )
        out, err = proc.stdout.decode(), proc.stderr.decode().strip()
        if proc.returncode != 0 and not out:
            raise RuntimeError(f"gokernel script failed ({proc.returncode}): {err}")
        if err:
            self.log.warning("%s", err)
        name = (resources.get("metadata") or {}).get("name")
        if name:  # the binary read stdin and could not know the notebook's name
            out = out.replace("converted from a gokernel notebook", f"converted from {name}.ipynb", 1)
        return out, resources
