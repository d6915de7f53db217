"""Loaded by Python processes that tests start (conftest puts this directory on PYTHONPATH and sets
GOKERNEL_MSGCHECK_DIR): papermill, nbconvert and other Jupyter clients run as child processes then check every
kernel message they receive against msgschema too, and report to that directory (see msghook)."""

import os

_dir = os.environ.get("GOKERNEL_MSGCHECK_DIR")
if _dir and os.path.isdir(_dir):
    try:
        import jupyter_client  # noqa: F401  (only processes that have it are Jupyter clients)
    except ImportError:
        pass
    else:
        import msghook

        msghook.install()
        msghook.report_to(_dir)
