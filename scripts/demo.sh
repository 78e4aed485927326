#!/usr/bin/env bash
# `npm run demo`: the whole pyhermetic pipeline on examples/demo-app, from a fresh machine.
#   1. Debian packages and pinned source tarballs (scripts/setup-machine.sh, idempotent);
#   2. the runner bundle, rebuilt when src/ is newer than it;
#   3. the CPython source, tried in this order and named: the store (the built interpreter or the
#      imported tarball is already there) → the spec's URL → scripts/fetch-cpython-source.sh (the
#      offline route: Debian's byte-identical orig tarball, imported with `pyhermetic source import`);
#   4. `pyhermetic pipeline --config examples/demo-app/pyhermetic.json`, ending with report.html's path.
# The store is the default one ($PYHERMETIC_HOME, else ~/.cache/pyhermetic), so a second run is warm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
app="$here/examples/demo-app"
runner="$here/resources/pyhermetic/runner.mjs"
started=$(date +%s)
say() { printf 'demo: %s\n' "$*" >&2; }

say "1/4 machine setup (Debian packages, source tarballs)"
bash scripts/setup-machine.sh

say "2/4 runner bundle"
if [ ! -f "$runner" ] || [ -n "$(find src package.json scripts/bundle.mjs -newer "$runner" -print -quit)" ]; then
  say "the bundle is missing or older than src/: rebuilding it"
  node scripts/bundle.mjs
else
  say "the bundle is up to date"
fi

say "3/4 CPython source for $app/python.json"
store="${PYHERMETIC_HOME:-$HOME/.cache/pyhermetic}"
source_sha="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).source.sha256)' "$app/python.json")"
had_source=no
[ -f "$store/blobs/sha256/$source_sha" ] && had_source=yes
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
# The interpreter build the pipeline starts with, done here first so the demo can say where the
# source came from; the pipeline's own interpreter stage is then a store hit.
build() { node "$runner" interpreter build --spec "$app/python.json" --out "$probe/interpreter" --json >"$probe/build.json"; }
cached() { node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cached))' "$probe/build.json"; }
set +e
build
rc=$?
set -e
if [ "$rc" = 0 ] && [ "$(cached)" = true ]; then
  say "CPython source: the store (the interpreter artifact was already built from it): nothing to fetch"
elif [ "$rc" = 0 ] && [ "$had_source" = yes ]; then
  say "CPython source: the store (the tarball had been imported before); the interpreter was built from it"
elif [ "$rc" = 0 ]; then
  say "CPython source: the spec's URL (downloaded, sha256 checked); the interpreter was built from it"
elif [ "$rc" = 3 ]; then
  say "the spec's URL is not reachable from here: taking the offline route, scripts/fetch-cpython-source.sh"
  bash scripts/fetch-cpython-source.sh --import >/dev/null
  build
  say "CPython source: scripts/fetch-cpython-source.sh (Debian's byte-identical orig tarball, imported into the store)"
else
  say "the interpreter build failed with exit $rc (see above)"
  exit "$rc"
fi

say "4/4 pyhermetic pipeline --config examples/demo-app/pyhermetic.json"
set +e
node "$runner" pipeline --config "$app/pyhermetic.json"
rc=$?
set -e
elapsed=$(( $(date +%s) - started ))
report="$app/.pyhermetic-out/report/report.html"
if [ "$rc" = 0 ]; then
  say "done in ${elapsed} s: the package is verified (parity with the tested env: no findings)"
else
  say "the pipeline stopped with exit $rc after ${elapsed} s (1 findings, 2 config, 3 tool failure)"
fi
say "the report: $report"
echo "$report"
exit "$rc"
