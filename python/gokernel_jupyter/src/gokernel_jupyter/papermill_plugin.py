"""papermill's entry point into gokernel_jupyter (internal: papermill loads it, nobody imports it).

papermill discovers plugins only through its "papermill.engine" and "papermill.io" entry-point groups; it has no
group for parameter translators. So this package declares an engine entry point, "gokernel", whose object is
papermill's own nbclient engine (`papermill --engine gokernel` behaves exactly like the default engine), and
loading this module registers the Go translator: every `import papermill` in an environment where the package is
installed can then parameterize Go notebooks.
"""

import sys

from papermill.engines import NBClientEngine  # noqa: F401  (the entry point's object, see pyproject.toml)


def _register() -> None:
    pending = sys.modules.get("gokernel_jupyter.translator")
    if pending is not None and not hasattr(pending, "register"):
        # gokernel_jupyter.translator is being imported and its own `import papermill` brought us here: it
        # registers the translator itself once it is complete.
        return
    from .translator import register

    register()


_register()
