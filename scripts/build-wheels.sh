#!/usr/bin/env bash
# Build gokernel's platform wheels (pip install without Go) into build/wheels:
#
#   bash scripts/build-wheels.sh [GOOS/GOARCH ...]    (default: linux/amd64 linux/arm64 darwin/amd64 darwin/arm64)
#
# Each is a static binary (CGO_ENABLED=0, -trimpath, stripped) with the version of `git describe` (or $VERSION),
# packed by scripts/build_wheel.py with the kernelspec and the gokernel_jupyter helpers. See README "pip install".
set -euo pipefail
cd "$(dirname "$0")/.."
platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64)
version=${VERSION:-$(git describe --tags --match 'v[0-9]*' 2>/dev/null || echo 0.1.0-dev)}
mkdir -p build/wheels build/wheel-bin
for p in "${platforms[@]}"; do
  bin="build/wheel-bin/gokernel-${p%/*}-${p#*/}"
  CGO_ENABLED=0 GOOS=${p%/*} GOARCH=${p#*/} go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$bin" .
  python3 scripts/build_wheel.py --binary "$bin" --platform "$p" --version "$version" --out build/wheels
done
