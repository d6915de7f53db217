#!/usr/bin/env bash
# Idempotent setup: the .venv (Jupyter clients and JupyterLab from PyPI, the local papermill translator),
# bin/gokernel, and the gokernel kernelspec in the venv. A second run only rebuilds what changed.
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.requirements.sha256
want=$(cat tests/requirements.txt scripts/lab-requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  python -m pip install -q --disable-pip-version-check -r tests/requirements.txt -r scripts/lab-requirements.txt
  echo "$want" >"$stamp"
fi

# python/gokernel_jupyter (papermill's Go translator, the nbconvert exporter), reinstalled when one of its files changes.
stamp=.venv/.gokernel-jupyter.sha256
want=$(find python/gokernel_jupyter -type f \( -name '*.py' -o -name '*.toml' -o -name '*.md' \) -not -path '*/build/*' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  python -m pip install -q --disable-pip-version-check ./python/gokernel_jupyter
  echo "$want" >"$stamp"
fi

CGO_ENABLED=0 go build -o bin/gokernel .
bin/gokernel install --sys-prefix
jupyter kernelspec list
