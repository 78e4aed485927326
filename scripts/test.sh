#!/usr/bin/env bash
# The README's test command runs `npm ci && npm test`; npm test lands here. It installs the Debian
# packages and source tarballs the tests need (idempotent), rebuilds the bundle the black-box tests
# run, then runs the whole mocha suite with one store shared by every test of this run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/setup-machine.sh
node scripts/bundle.mjs
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
# One store for the run: interpreters built by one test are reused by the next. A fresh one per run
# unless the caller names one (PYHERMETIC_TEST_STORE) to keep builds across runs on a dev machine.
if [ -z "${PYHERMETIC_TEST_STORE:-}" ]; then
  PYHERMETIC_TEST_STORE="$(mktemp -d "${TMPDIR:-/tmp}/pyhermetic-test-store.XXXXXX")"
  export PYHERMETIC_TEST_STORE
  trap 'rm -rf "$PYHERMETIC_TEST_STORE"' EXIT
fi
if [ "$#" -eq 0 ]; then
  set -- "test/unit/**/*.test.ts" "test/e2e/**/*.test.ts" "test/groovy/**/*.test.ts"
fi
npx mocha "$@"
