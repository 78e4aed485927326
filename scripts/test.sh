#!/usr/bin/env bash
# The README's test command runs `npm ci && npm test`; npm test lands here. It installs the Debian
# packages and source tarballs the tests need (idempotent), rebuilds the bundle the black-box tests
# run, then runs the whole mocha suite with one store shared by every test of this run.
set -euo pipefail
# --fast: the developer loop (npm run test:fast): every test without @slow in its title, i.e. the unit
# tests and the e2e tests that need no compiler (no CPython build, no debootstrap); see docs/developing.md.
fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/setup-machine.sh
node scripts/bundle.mjs
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
# Everything the tests write (temp trees, envs, packages, interpreter extractions, the run's store)
# goes under one directory of this run, removed when the run ends, pass or fail: a full run writes
# several GB, and CI's machine is kept for later sessions.
run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/pyhermetic-test-run.XXXXXX")"
trap 'rm -rf "$run_tmp"' EXIT
export TMPDIR="$run_tmp"
# One store for the run: interpreters built by one test are reused by the next. A fresh one per run
# unless the caller names one (PYHERMETIC_TEST_STORE) to keep builds across runs on a dev machine.
if [ -z "${PYHERMETIC_TEST_STORE:-}" ]; then
  PYHERMETIC_TEST_STORE="$run_tmp/store"
  mkdir -m 700 "$PYHERMETIC_TEST_STORE"
  export PYHERMETIC_TEST_STORE
fi
# Debian roots (debootstrap) and other slow fixtures: made once per run unless the caller keeps them
# across runs (PYHERMETIC_TEST_CACHE).
if [ -z "${PYHERMETIC_TEST_CACHE:-}" ]; then
  PYHERMETIC_TEST_CACHE="$run_tmp/cache"
  mkdir -m 700 "$PYHERMETIC_TEST_CACHE"
  export PYHERMETIC_TEST_CACHE
fi
if [ "$#" -eq 0 ]; then
  set -- "test/unit/**/*.test.ts" "test/e2e/**/*.test.ts" "test/groovy/**/*.test.ts"
fi
filter=()
if [ "$fast" = 1 ]; then
  # The helpers that build interpreters and roots refuse under this variable: an untagged slow test fails fast.
  export PYHERMETIC_TEST_FAST=1
  filter=(--grep @slow --invert)
fi
status=0
npx mocha "${filter[@]}" "$@" || status=$?
exit "$status"
