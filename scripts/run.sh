#!/usr/bin/env bash
# The README's main job: set up, then execute every notebooks/*.ipynb headless with gokernel.
# Writes build/notebooks/NAME.ipynb (executed) and build/notebooks/NAME.html.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"

mkdir -p build/notebooks
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=gokernel \
    --ExecutePreprocessor.timeout=300 --output-dir build/notebooks --output "$name" "$nb"
  jupyter nbconvert --to html --output-dir build/notebooks "build/notebooks/$name.ipynb"
done
ls -l build/notebooks
