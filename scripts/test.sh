#!/usr/bin/env bash
# The README's "run all tests": setup, go vet, staticcheck, the Windows and macOS builds, go test -race, the Go
# tests again beside two CPU-burning processes, brief fuzzing, the Jupyter-client tests, then the Docker/Binder
# image's setup script on the host.
# Runs every phase, prints a timing summary, and exits non-zero if any phase failed.
set -euo pipefail
bash "$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"

failed=() summary=("ok   setup ($((SECONDS))s)")
phase() {  # phase NAME CMD...: run CMD, record its time and whether it failed
  local name=$1 start=$SECONDS; shift
  echo "=== $name: $*"
  if "$@"; then summary+=("ok   $name ($((SECONDS - start))s)")
  else summary+=("FAIL $name ($((SECONDS - start))s)"); failed+=("$name"); fi
}

# staticcheck at a pinned version, installed into bin/ (fast once the module cache has it).
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2  # staticcheck 2026.2.2
staticcheck() { GOBIN="$PWD/bin" go install "$STATICCHECK" && bin/staticcheck ./...; }

# The kernel must build for Windows and macOS too (what needs Linux says so at run time).
cross_build() {
  local t
  for t in windows/amd64 windows/arm64 darwin/amd64 darwin/arm64; do
    echo "--- $t"
    GOOS=${t%/*} GOARCH=${t#*/} go build -o /dev/null ./... || return 1
  done
}

# underload CMD...: run CMD beside two CPU-burning processes (killed afterwards, also if this script is
# interrupted), so that a test that waits for time instead of an event fails here, not on a learner's
# loaded laptop.
burners=()
trap '[ ${#burners[@]} -eq 0 ] || kill "${burners[@]}" 2>/dev/null' EXIT
underload() {
  local rc=0 _
  for _ in 1 2; do (while :; do :; done) & burners+=($!); done
  "$@" || rc=$?
  kill "${burners[@]}" 2>/dev/null; wait "${burners[@]}" 2>/dev/null || true
  burners=()
  return $rc
}

phase "go vet" go vet ./...
phase "staticcheck" staticcheck
phase "build windows, darwin" cross_build
phase "go test -race" go test -race -timeout=6m ./...
# Without -race (-race is the phase above): the timing-sensitive packages on a loaded machine.
phase "go test under load" underload go test -count=1 -timeout=8m ./kernel/... ./pkg/...
# The conformance sample (conformance/sample.tsv: ~120 of Go's own test programs, each a cell in a fresh worker;
# skipped under -race above): fails if a program that passed fails now.
phase "conformance sample" go test -count=1 -timeout=8m -run '^TestSample$' ./conformance/
# Every Fuzz target in the tree, for a fixed number of inputs (FUZZ_EXECS, default 20000: 1-20 s each here).
# A count, not a duration: Go 1.26's fuzz coordinator can report a spurious "context deadline exceeded" when a
# -fuzztime duration runs out while a worker is mid-input (golang/go#75804, fixed in Go 1.27).
while IFS=: read -r file line; do
  name=$(sed -E 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/' <<<"$line")
  phase "fuzz $name" go test -run='^$' -fuzz="^$name\$" -fuzztime="${FUZZ_EXECS:-20000}x" "./$(dirname "$file")" </dev/null
done < <(grep -rE --include='*_test.go' --exclude-dir=.venv --exclude-dir=.git '^func Fuzz[A-Za-z0-9_]*\(' . | sed 's|^\./||' | sort)
# The Jupyter-client tests; tests/test_browser.py among them leaves its screenshots in build/browser/ (CI artifacts).
phase "pytest" python -m pytest tests/
# The Docker/Binder image's steps (scripts/image-setup.sh, which the Dockerfile runs) in a temporary prefix and HOME,
# ending with its checks: kernelspec, papermill translator, a notebook executed, a real jupyter-lab server.
image_tmp=$(mktemp -d)
trap 'rm -rf "$image_tmp"' EXIT
phase "image setup" bash scripts/image-setup.sh --prefix "$image_tmp/opt" --home "$image_tmp/home" --kernel bin/gokernel

printf '%s\n' "=== summary" "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then echo "FAILED: ${failed[*]}"; exit 1; fi
