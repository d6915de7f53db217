"""The checks that end scripts/image-setup.sh: run with the image's Python in a clean environment (HOME is the
image's home, PATH starts with the image's prefix), they fail the Docker build, or CI's "image setup" phase, when
the environment a learner gets is not complete.

1. `jupyter-lab`, `jupyter-notebook` and `jupyterhub-singleuser` are on PATH in PREFIX/bin.
2. The only Go kernelspec is PREFIX's "gokernel" and it starts PREFIX/bin/gokernel.
3. papermill (imported alone) has the Go translator.
4. A lesson (the first notebooks/*.ipynb in HOME) executes through that kernelspec without an unexpected error.
5. A real jupyter-lab server started the way the image starts it redirects / to /lab/tree/notebooks/README.md,
   serves that page and lists the gokernel kernelspec; JupyterLab's settings open Markdown rendered.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

DEFAULT_URL = "/lab/tree/notebooks/README.md"


def ok(what: str) -> None:
    print(f"ok   {what}", flush=True)


def check_commands(prefix: Path) -> None:
    for cmd in ("jupyter-lab", "jupyter-notebook", "jupyterhub-singleuser", "papermill", "gokernel"):
        found = shutil.which(cmd)
        assert found and Path(found).parent == prefix / "bin", f"{cmd} not in {prefix}/bin (found {found})"
    version = subprocess.run(["jupyter-lab", "--version"], check=True, capture_output=True, text=True).stdout.strip()
    ok(f"jupyter-lab {version}, jupyter-notebook, jupyterhub-singleuser, papermill and gokernel in {prefix}/bin")


def check_kernelspec(prefix: Path) -> None:
    out = subprocess.run(["jupyter", "kernelspec", "list", "--json"], check=True, capture_output=True, text=True)
    specs = json.loads(out.stdout)["kernelspecs"]
    go = {name: s for name, s in specs.items() if s["spec"].get("language") == "go"}
    assert list(go) == ["gokernel"], f"Go kernelspecs: {list(go)}"
    spec = go["gokernel"]
    assert Path(spec["resource_dir"]).is_relative_to(prefix), spec["resource_dir"]
    assert spec["spec"]["argv"][0] == str(prefix / "bin" / "gokernel"), spec["spec"]["argv"]
    ok(f"kernelspec gokernel in {spec['resource_dir']} runs {spec['spec']['argv'][0]}")


def check_papermill() -> None:
    code = "import papermill.translators as t; print(t.papermill_translators.find_translator('gokernel', 'go').__name__)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "GoTranslator", out
    ok("papermill finds the Go translator")


def check_notebook(home: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    notebooks = sorted((home / "notebooks").glob("*.ipynb"))
    assert notebooks, f"no notebooks in {home}/notebooks"
    path = notebooks[0]
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="gokernel", timeout=120, startup_timeout=60,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    executed = sum(1 for c in nb.cells if c.cell_type == "code" and c.get("execution_count"))
    assert executed, f"{path.name}: no cell ran"
    ok(f"{path.name} executed through the kernelspec ({executed} cells)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_server(home: Path, prefix: Path) -> None:
    port, token = free_port(), "image-check"
    cmd = ["jupyter-lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}"]
    if os.getuid() == 0:
        cmd.append("--allow-root")  # the Docker build runs this as root; the image itself runs as jovyan
    server = subprocess.Popen(cmd, cwd=home, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in server.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    log = []
    try:
        while True:  # until the server says where it listens, or exits
            line = lines.get(timeout=120)
            if line is None:
                raise AssertionError("jupyter-lab exited:\n" + "".join(log))
            log.append(line)
            if re.search(rf"http://127\.0\.0\.1:{port}/", line):
                break
        base = f"http://127.0.0.1:{port}"
        auth = {"Authorization": f"token {token}"}
        # jupyter_server prints its URL before the io loop binds the port (the bind is the loop's first callback):
        # try to connect until it accepts, taking each new log line (or a second without one) as the next try.
        for _ in range(120):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, "jupyter-lab exited:\n" + "".join(log)
            try:
                line = lines.get(timeout=1)
                if line:
                    log.append(line)
            except queue.Empty:
                pass
        else:
            raise AssertionError(f"jupyter-lab never listened on {port}:\n" + "".join(log))

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(urllib.request.Request(base + "/", headers=auth), timeout=60)
            raise AssertionError("/ did not redirect")
        except urllib.error.HTTPError as e:
            assert e.code in (301, 302, 303, 307), e.code
            location = e.headers["Location"]
        assert location.split("?")[0] == DEFAULT_URL, f"/ redirects to {location}"
        page = urllib.request.urlopen(urllib.request.Request(base + DEFAULT_URL, headers=auth), timeout=60)
        assert page.status == 200 and b"jupyter-config-data" in page.read()
        specs = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/kernelspecs", headers=auth),
                                                 timeout=60))
        assert "gokernel" in specs["kernelspecs"], list(specs["kernelspecs"])
        settings = json.load(urllib.request.urlopen(urllib.request.Request(
            base + "/lab/api/settings/@jupyterlab/docmanager-extension:plugin", headers=auth), timeout=60))
        # overrides.json becomes the schema's default (the user has no settings of their own yet)
        viewers = settings["schema"]["properties"]["defaultViewers"]["default"]
        assert viewers == {"markdown": "Markdown Preview"}, viewers
        ok(f"jupyter-lab serves / -> {DEFAULT_URL}, lists gokernel, opens Markdown rendered")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", type=Path, required=True)
    ap.add_argument("--home", type=Path, required=True)
    args = ap.parse_args()
    prefix, home = args.prefix.resolve(), args.home.resolve()
    assert Path(sys.prefix).resolve() == prefix, f"run me with {prefix}/bin/python, not {sys.executable}"
    check_commands(prefix)
    check_kernelspec(prefix)
    check_papermill()
    check_notebook(home)
    check_server(home, prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
