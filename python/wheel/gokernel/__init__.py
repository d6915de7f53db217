"""gokernel, the Go kernel for Jupyter, installed from a wheel: the static gokernel binary ships inside this package
(gokernel/bin/), and the wheel's data files put the kernelspec into PREFIX/share/jupyter/kernels/gokernel.

The kernelspec's argv is `python -m gokernel kernel {connection_file}`: jupyter_client runs "python" as the Python of
the environment it runs in (sys.executable), whose gokernel package then execs the binary (the process becomes the
kernel: signals, interrupts and shutdown reach it directly). `gokernel` on PATH is the same binary, as a console
script: `gokernel version`, `gokernel script nb.ipynb`, `gokernel install --user` (a kernelspec that runs the binary
by its absolute path).
"""

from __future__ import annotations

import os
import subprocess
import sys

__all__ = ["binary", "main"]


def binary() -> str:
    """The absolute path of the bundled gokernel binary."""
    name = "gokernel.exe" if os.name == "nt" else "gokernel"
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", name)


def main() -> None:
    """Run the bundled binary with this process's arguments (it replaces this process where the OS allows)."""
    exe = binary()
    if not os.path.isfile(exe):
        sys.exit(f"gokernel: the bundled binary {exe} is missing; reinstall the wheel for this platform")
    if os.name == "nt":
        sys.exit(subprocess.call([exe, *sys.argv[1:]]))
    os.execv(exe, [exe, *sys.argv[1:]])
