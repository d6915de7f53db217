#!/usr/bin/env python3
"""Build one platform wheel of gokernel for `pip install` without Go: the package gokernel (python/wheel/gokernel)
with the static binary in gokernel/bin/, the Jupyter-side helpers gokernel_jupyter (papermill translator, nbconvert
exporter, with their entry points), and the kernelspec as data files under share/jupyter/kernels/gokernel.

    python3 scripts/build_wheel.py --binary BIN --platform linux/amd64 --version 0.1.0 --out build/wheels

Only the standard library: the wheel is a zip written as the wheel spec (PEP 427/491) says, with a RECORD of
sha256 digests. scripts/build-wheels.sh builds the binaries and calls this once per platform.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import stat
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# GOOS/GOARCH -> wheel platform tags. The binary is static (CGO_ENABLED=0), so any glibc or musl Linux runs it;
# Go 1.26 needs macOS 12 or later.
PLATFORMS = {
    "linux/amd64": "manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64",
    "linux/arm64": "manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
    "darwin/amd64": "macosx_12_0_x86_64",
    "darwin/arm64": "macosx_12_0_arm64",
}

KERNEL_JSON = {
    "argv": ["python", "-m", "gokernel", "kernel", "{connection_file}"],
    "display_name": "Go (gokernel)",
    "language": "go",
    "interrupt_mode": "message",
    "metadata": {},
}

ENTRY_POINTS = """\
[console_scripts]
gokernel = gokernel:main

[nbconvert.exporters]
gokernel = gokernel_jupyter.nbconvert_exporter:GoExporter

[nbconvert.exporters.script]
go = gokernel_jupyter.nbconvert_exporter:GoExporter

[papermill.engine]
gokernel = gokernel_jupyter.papermill_plugin:NBClientEngine
"""


def pep440(version: str) -> str:
    """0.1.0-dev -> 0.1.0.dev0 (the Go build's version string as a Python version)."""
    base, _, pre = version.lstrip("v").partition("-")
    return f"{base}.dev0" if pre else base


def build(binary: Path, platform: str, version: str, out: Path) -> Path:
    version = pep440(version)
    tag = f"py3-none-{PLATFORMS[platform]}"
    dist = f"gokernel-{version}"
    files: list[tuple[str, bytes, int]] = []  # (archive name, data, mode)

    def add(name: str, data: bytes, mode: int = 0o644) -> None:
        files.append((name, data, mode))

    for src in sorted((ROOT / "python" / "wheel" / "gokernel").glob("*.py")):
        add(f"gokernel/{src.name}", src.read_bytes())
    helpers = ROOT / "python" / "gokernel_jupyter" / "src" / "gokernel_jupyter"
    for src in sorted(helpers.glob("*.py")):
        add(f"gokernel_jupyter/{src.name}", src.read_bytes())
    exe = "gokernel.exe" if platform.startswith("windows/") else "gokernel"
    add(f"gokernel/bin/{exe}", binary.read_bytes(), 0o755)
    spec_dir = f"{dist}.data/data/share/jupyter/kernels/gokernel"
    add(f"{spec_dir}/kernel.json", (json.dumps(KERNEL_JSON, indent=2) + "\n").encode())
    for logo in sorted((ROOT / "install" / "logos").iterdir()):
        add(f"{spec_dir}/{logo.name}", logo.read_bytes())
    readme = (ROOT / "python" / "wheel" / "README.md").read_text()
    add(f"{dist}.dist-info/METADATA", (
        "Metadata-Version: 2.1\n"
        "Name: gokernel\n"
        f"Version: {version}\n"
        "Summary: Go kernel for Jupyter (yaegi interpreter, coroutines, threads and processes), no Go toolchain needed\n"
        "License: see the gokernel repository\n"
        "Requires-Python: >=3.9\n"
        "Description-Content-Type: text/markdown\n\n" + readme).encode())
    add(f"{dist}.dist-info/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: gokernel scripts/build_wheel.py\nRoot-Is-Purelib: false\n"
        + "".join(f"Tag: py3-none-{p}\n" for p in PLATFORMS[platform].split("."))).encode())
    add(f"{dist}.dist-info/entry_points.txt", ENTRY_POINTS.encode())
    add(f"{dist}.dist-info/top_level.txt", b"gokernel\ngokernel_jupyter\n")

    record = io.StringIO()
    for name, data, _ in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.write(f"{name},sha256={digest},{len(data)}\n")
    record.write(f"{dist}.dist-info/RECORD,,\n")
    add(f"{dist}.dist-info/RECORD", record.getvalue().encode())

    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{dist}-{tag}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, mode in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # reproducible
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return wheel


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", type=Path, required=True, help="the gokernel binary built for --platform")
    p.add_argument("--platform", choices=sorted(PLATFORMS), required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--out", type=Path, default=ROOT / "build" / "wheels")
    a = p.parse_args()
    print(build(a.binary, a.platform, a.version, a.out))


if __name__ == "__main__":
    os.umask(0o022)
    main()
