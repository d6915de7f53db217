#!/usr/bin/env bash
# Every step of the Docker/Binder image after the Go build, in one script: the Dockerfile runs it, and CI runs it on
# the host in a temporary prefix and HOME (scripts/test.sh, phase "image setup"), so each step is proven without
# building the image.
#
#   bash scripts/image-setup.sh --prefix DIR --home DIR --kernel BIN [--owner UID]
#
# PREFIX gets a Python venv with what scripts/lab-requirements.txt lists (JupyterLab, the notebook server, nbclient,
# nbconvert, papermill), jupyterhub (Binder starts the server through jupyterhub-singleuser) and papermill's Go
# translator (python/gokernel_jupyter). BIN becomes PREFIX/bin/gokernel, installed as the venv's "gokernel"
# kernelspec. The notebooks go to HOME/notebooks, and JupyterLab opens notebooks/README.md rendered. Then
# scripts/image_check.py checks the result with a clean environment: kernelspec, translator, a lesson executed
# through the kernelspec, and a real jupyter-lab server answering on its default URL. --owner chowns HOME last.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix= home= kernel= owner=
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --home) home=$2; shift 2 ;;
    --kernel) kernel=$2; shift 2 ;;
    --owner) owner=$2; shift 2 ;;
    *) echo "usage: $0 --prefix DIR --home DIR --kernel BIN [--owner UID]" >&2; exit 2 ;;
  esac
done
[ -n "$prefix" ] && [ -n "$home" ] && [ -x "$kernel" ] || { echo "$0: --prefix, --home and an executable --kernel are required" >&2; exit 2; }
mkdir -p "$prefix" "$home"
prefix=$(cd "$prefix" && pwd) home=$(cd "$home" && pwd)

echo "== Python environment in $prefix"
[ -x "$prefix/bin/python" ] || python3 -m venv "$prefix"
"$prefix/bin/python" -m pip install -q --disable-pip-version-check \
  -r scripts/lab-requirements.txt 'jupyterhub>=5.2' ./python/gokernel_jupyter

echo "== gokernel and its kernelspec"
install -m 0755 "$kernel" "$prefix/bin/gokernel"
"$prefix/bin/gokernel" install --prefix "$prefix"

echo "== JupyterLab opens notebooks/README.md, rendered"
# LabApp.default_url (the redirect from /) must be set in jupyter_lab_config: as the server's default extension,
# JupyterLab overrides ServerApp.default_url with its own.
mkdir -p "$prefix/etc/jupyter" "$prefix/share/jupyter/lab/settings"
cat >"$prefix/etc/jupyter/jupyter_lab_config.json" <<'JSON'
{
  "LabApp": {"default_url": "/lab/tree/notebooks/README.md"}
}
JSON
cat >"$prefix/share/jupyter/lab/settings/overrides.json" <<'JSON'
{
  "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}}
}
JSON

echo "== notebooks in $home/notebooks"
mkdir -p "$home/notebooks"
cp -R notebooks/. "$home/notebooks/"

echo "== checks"
env -i HOME="$home" PATH="$prefix/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 \
  "$prefix/bin/python" scripts/image_check.py --prefix "$prefix" --home "$home"

if [ -n "$owner" ]; then chown -R "$owner:$owner" "$home"; fi
echo "== image setup done"
