# Sourced by the other scripts: use the project-local venv and its Jupyter data dir.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
export JUPYTER_PATH="$VIRTUAL_ENV/share/jupyter"   # the venv's kernelspecs win over user/system ones
export JUPYTER_PLATFORM_DIRS=1
export PYTHONDONTWRITEBYTECODE=1
cd "$ROOT"
