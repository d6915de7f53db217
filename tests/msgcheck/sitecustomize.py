"""Loaded by Python processes that tests start (conftest puts this directory on PYTHONPATH and sets
GOKERNEL_MSGCHECK_DIR): papermill, nbconvert and other Jupyter clients run as child processes then check every
kernel message they receive against msgschema too, and report to that directory (see msghook).

Jupyter servers are left alone: their IOPub rate limiter measures the pace at which the server reads the kernel's
messages, and validating each one there would change that pace (tests/test_server.py measures it)."""

import os
import sys

SERVERS = ("jupyter_server", "jupyter-server", "jupyterlab", "jupyter-lab", "notebook", "jupyter-notebook")

_dir = os.environ.get("GOKERNEL_MSGCHECK_DIR")
_argv = getattr(sys, "orig_argv", sys.argv)
if _dir and os.path.isdir(_dir) and not any(os.path.basename(a) in SERVERS for a in _argv):
    try:
        import jupyter_client  # noqa: F401  (only processes that have it are Jupyter clients)
    except ImportError:
        pass
    else:
        import msghook

        msghook.install()
        msghook.report_to(_dir)
