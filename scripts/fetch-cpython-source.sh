#!/usr/bin/env bash
# The offline route to the pinned CPython 3.11.2 source (DESIGN.md, "Where the real components come
# from"): Debian's python3.11_3.11.2.orig.tar.gz is byte-identical to python.org's Python-3.11.2.tgz.
# Fetches it with scripts/fetch-sources.sh (apt-get source, sha256 checked) into DIR (default
# test/inputs) and prints the tarball's path on stdout; with --import it also stores it in the
# pyhermetic store (`pyhermetic source import`, --store DIR or the default store), so that
# `interpreter build` finds it without any URL; --import also stores the pinned OpenSSL 3 source
# (openssl_3.0.22.orig.tar.gz), which a static interpreter build links in.
#
#   scripts/fetch-cpython-source.sh [--import] [--store STORE] [DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sha256=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849
file=python3.11_3.11.2.orig.tar.gz

import=0
store=()
dest="$here/test/inputs"
while [ $# -gt 0 ]; do
  case "$1" in
    --import) import=1; shift ;;
    --store) [ $# -ge 2 ] || { echo "fetch-cpython-source: --store needs a directory" >&2; exit 2; }; store=(--store "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" >&2; exit 0 ;;
    -*) echo "fetch-cpython-source: unknown option $1 (usage: [--import] [--store STORE] [DIR])" >&2; exit 2 ;;
    *) dest="$1"; shift ;;
  esac
done

bash "$here/scripts/fetch-sources.sh" "$dest" >&2
tarball="$dest/$file"
actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
  echo "fetch-cpython-source: $tarball has sha256 $actual, expected $sha256; delete it and run again" >&2
  exit 3
fi
if [ "$import" = 1 ]; then
  node "$here/resources/pyhermetic/runner.mjs" source import "$tarball" "${store[@]}" >&2
  node "$here/resources/pyhermetic/runner.mjs" source import "$dest/openssl_3.0.22.orig.tar.gz" "${store[@]}" >&2
fi
printf '%s\n' "$tarball"
