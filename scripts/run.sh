#!/usr/bin/env bash
# The README's main command: set up (the .venv with JupyterLab, bin/gokernel, the kernelspec), then execute every
# notebooks/*.ipynb headless -> build/notebooks/NAME.ipynb and NAME.html, with a summary table at the end.
#   bash scripts/run.sh                       all notebooks
#   bash scripts/run.sh 01_iterators          some of them
#   bash scripts/run.sh --update-notebooks    also write the fresh outputs back into notebooks/
# Options are those of scripts/run_notebooks.py (--help).
set -euo pipefail
bash "$(dirname "$0")/setup.sh" >/dev/null
source "$(dirname "$0")/env.sh"
exec python scripts/run_notebooks.py "$@"
