#!/usr/bin/env bash
# The full conformance run: every `// run` program of $(go env GOROOT)/test (951 for Go 1.26), each pasted as one
# cell into a fresh gokernel worker, and (with --yaegi) also run by plain yaegi, 2 at a time, 10 s each.
# Writes conformance/results/results.tsv (one line per program: status and cause for gokernel and plain yaegi)
# and conformance/results/summary.md (passes by directory, failures by cause, the kernel-only failures).
# Takes about 6 minutes for gokernel alone on 2 free cores, twice that with --yaegi. Without --yaegi the plain
# yaegi columns are taken from the committed results.tsv (yaegi does not change with our code).
#
#   bash conformance/run.sh [--yaegi] [conform flags...]   (e.g. -timeout 20s, -only LIST)
set -euo pipefail
cd "$(dirname "$0")/.."
out=conformance/results
mkdir -p "$out" bin
go build -o bin/conform ./conformance/cmd/conform
yaegi=(-yaegi-from "$out/results.tsv")
if [ "${1:-}" = "--yaegi" ]; then yaegi=(-yaegi); shift; fi
if [ ! -f "$out/results.tsv" ] && [ "${yaegi[0]}" != -yaegi ]; then yaegi=(-yaegi); fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
bin/conform -j 2 -timeout 10s "${yaegi[@]}" -results "$tmp" -summary "$out/summary.md" "$@" >/dev/null
mv "$tmp" "$out/results.tsv"
trap - EXIT
head -1 "$out/summary.md"
