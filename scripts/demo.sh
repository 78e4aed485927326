#!/usr/bin/env bash
# `npm run demo`: the whole pyhermetic pipeline on examples/demo-app, from a fresh machine.
#   1. Debian packages and pinned source tarballs (scripts/setup-machine.sh, idempotent);
#   2. the runner bundle, rebuilt when src/ is newer than it;
#   3. the two Debian 11 roots: the build root the spec pins by sha256 (`pyhermetic buildroot create
#      --suite bullseye`, made once into the store; its sha256 must equal the pin) and the production
#      host verify smoke-tests the package in (debootstrap minbase, nothing else installed);
#   4. the CPython source, tried in this order and named: the store (the built interpreter or the
#      imported tarball is already there) → the spec's URL → scripts/fetch-cpython-source.sh (the
#      offline route: Debian's byte-identical orig tarball, imported with `pyhermetic source import`);
#   5. `pyhermetic pipeline --config examples/demo-app/pyhermetic.json`, ending with report.html's path.
# The store is the default one ($PYHERMETIC_HOME, else ~/.cache/pyhermetic), so a second run is warm.
# `npm run demo -- --matrix` (scripts/demo-matrix.sh): steps 1-3, then every CPython of examples/matrix/
# (3.9, 3.11, 3.13, 3.14, 3.14t) built in the same build root, one line per version (scripts/demo-matrix.mjs).
set -euo pipefail
matrix=no
case "${1:-}" in
  --matrix) matrix=yes ;;
  "") ;;
  *) printf 'demo: unknown option %s (the only one is --matrix)\n' "$1" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
app="$here/examples/demo-app"
runner="$here/resources/pyhermetic/runner.mjs"
started=$(date +%s)
say() { printf 'demo: %s\n' "$*" >&2; }

say "1/5 machine setup (Debian packages, source tarballs)"
bash scripts/setup-machine.sh

say "2/5 runner bundle"
if [ ! -f "$runner" ] || [ -n "$(find src package.json scripts/bundle.mjs -newer "$runner" -print -quit)" ]; then
  say "the bundle is missing or older than src/: rebuilding it"
  node scripts/bundle.mjs
else
  say "the bundle is up to date"
fi

store="${PYHERMETIC_HOME:-$HOME/.cache/pyhermetic}"
say "3/5 the Debian 11 build root and production root"
json_field() { node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); process.stdout.write(String(process.argv[2].split(".").reduce((o,k)=>o==null?o:o[k],d) ?? ""))' "$1" "$2"; }
root_sha="$(json_field "$app/python.json" buildRoot.sha256)"
if [ -n "$root_sha" ] && [ ! -f "$store/blobs/sha256/$root_sha" ]; then
  say "the build root $root_sha is not in the store: making it (debootstrap bullseye + the build packages, about 2 minutes)"
  roots_tmp="$(mktemp -d)"
  node "$runner" buildroot create --suite bullseye --out "$roots_tmp" --store "$store" --json >"$roots_tmp/made.json"
  made="$(json_field "$roots_tmp/made.json" sha256)"
  rm -rf "$roots_tmp"
  if [ "$made" != "$root_sha" ]; then
    say "buildroot create made $made, but python.json pins $root_sha: Debian's archive served other packages."
    say "review the new root's buildroot.lock, then pin its sha256 in $app/python.json"
    exit 2
  fi
fi
prod_root="$here/.pyhermetic-demo/debian11-minbase"
if [ ! -f "$prod_root/etc/debian_version" ]; then
  say "making the production host: debootstrap --variant=minbase bullseye (nothing else installed)"
  mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  mkdir -p "$here/.pyhermetic-demo"
  rm -rf "$prod_root.tmp"
  debootstrap --variant=minbase bullseye "$prod_root.tmp" "$mirror" >"$here/.pyhermetic-demo/debootstrap.log" 2>&1
  mv "$prod_root.tmp" "$prod_root"
fi

if [ "$matrix" = yes ]; then
  say "4/4 the matrix: every spec of examples/matrix/ in the build root $root_sha"
  exec node scripts/demo-matrix.mjs "$store" "$prod_root"
fi

say "4/5 CPython source for $app/python.json"
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

say "5/5 pyhermetic pipeline --config examples/demo-app/pyhermetic.json"
set +e
node "$runner" pipeline --config "$app/pyhermetic.json"
rc=$?
set -e
elapsed=$(( $(date +%s) - started ))
report="$app/.pyhermetic-out/report/report.html"
if [ "$rc" = 0 ]; then
  say "done in ${elapsed} s: the package is verified (parity with the tested env, and it runs in the Debian 11 root: no findings)"
else
  say "the pipeline stopped with exit $rc after ${elapsed} s (1 findings, 2 config, 3 tool failure)"
fi
say "the report: $report"
echo "$report"
exit "$rc"
