#!/usr/bin/env bash
# Idempotent setup: the .venv (Jupyter clients from PyPI), bin/gokernel, and the gokernel kernelspec in the venv.
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.requirements.sha256
want=$(sha256sum tests/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
  echo "$want" >"$stamp"
fi

CGO_ENABLED=0 go build -o bin/gokernel .
bin/gokernel install --sys-prefix
jupyter kernelspec list
