#!/usr/bin/env bash
# Fetches the pinned source tarballs through Debian's source packages into test/inputs/ (or $1),
# then checks each sha256. Debian's orig tarballs are byte-identical to the upstream releases: each
# CPython one below has the sha256 python.org publishes for Python-X.Y.Z.tar.xz / .tgz
# (docs/python-versions.md lists them).
#
# Suites other than the host's (bookworm) get deb-src entries of their own: source indexes only, so
# what the host installs does not change (no deb line, no pinning, the default release untouched).
# sid moves: when its index has moved past the pinned version, the pinned file is taken from the
# archive's pool by its name, and when the pool no longer has it either, the script stops (exit 3)
# saying which file is gone and how to pin the version sid serves now.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$here/test/inputs}"
mkdir -p "$dest"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# file name | sha256 | Debian source package | what apt-get source is given after the name: '' (the
# host's suite), '/suite', or '=version' (a security update: without the version apt picks the
# highest one of every suite it knows, sid's included)
wanted=(
  "python3.11_3.11.2.orig.tar.gz|2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849|python3.11|"
  "markupsafe_2.1.2.orig.tar.gz|abcabc8c2b26036d62d4c746381a6f7cf60aafcc653198ad678306986b09450d|markupsafe|"
  # OpenSSL 3 for static interpreters (src/core/interpreter/openssl.ts pins it); bookworm's source package.
  "openssl_3.0.22.orig.tar.gz|67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81|openssl|=3.0.22-1~deb12u2"
  # The matrix (docs/python-versions.md): Debian 11's 3.9, Debian 13's 3.13, sid's 3.14.
  "python3.9_3.9.2.orig.tar.xz|3c2034c54f811448f516668dce09d24008a0716c3a794dd8639b5388cbde247d|python3.9|/bullseye"
  "python3.13_3.13.5.orig.tar.xz|93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640|python3.13|/trixie"
  "python3.14_3.14.7.orig.tar.xz|3b48dac8fb59f62eaa67ac83c1eb12bda1b7a08406dd286e252c11a66be27f81|python3.14|/sid"
)

ok() { [ -f "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "$2" ]; }

need_fetch=0
for w in "${wanted[@]}"; do IFS='|' read -r f h _ _ <<<"$w"; ok "$f" "$h" || need_fetch=1; done
[ "$need_fetch" = 0 ] && { echo "fetch-sources: all source tarballs present in $dest" >&2; exit 0; }

# The archive apt uses here: the first deb822 stanza of debian.sources that is not the security one.
host_sources=/etc/apt/sources.list.d/debian.sources
first_stanza() { awk 'BEGIN{RS=""} !/-security/ {print; exit}' "$host_sources"; }
mirror="$(first_stanza | sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p')"

changed=0
if [ ! -f /etc/apt/sources.list.d/pyhermetic-src.sources ]; then
  sed 's/^Types: deb$/Types: deb-src/' "$host_sources" | $SUDO tee /etc/apt/sources.list.d/pyhermetic-src.sources >/dev/null
  changed=1
fi
if [ ! -f /etc/apt/sources.list.d/pyhermetic-src-suites.sources ]; then
  first_stanza | sed -e 's/^Types:.*/Types: deb-src/' -e 's/^Suites:.*/Suites: bullseye trixie sid/' \
    | $SUDO tee /etc/apt/sources.list.d/pyhermetic-src-suites.sources >/dev/null
  changed=1
fi
[ "$changed" = 1 ] && $SUDO apt-get update -qq

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for w in "${wanted[@]}"; do
  IFS='|' read -r f h pkg sel <<<"$w"
  ok "$f" "$h" && continue
  # apt-get source may fail on an unrelated file (a .debian.tar or .dsc); the orig tarball's hash decides.
  (cd "$work" && apt-get source --download-only "$pkg$sel" >/dev/null 2>&1) || true
  if [ ! -f "$work/$f" ] && [ -n "$mirror" ]; then
    # The suite's index has moved on (sid): the pinned file by its name in the archive's pool.
    curl -fsS -o "$work/$f" "$mirror/pool/main/${pkg:0:1}/$pkg/$f" 2>/dev/null || rm -f "$work/$f"
  fi
  if [ -f "$work/$f" ] && [ "$(sha256sum "$work/$f" | cut -d' ' -f1)" = "$h" ]; then
    mv "$work/$f" "$dest/$f"
    echo "fetch-sources: $f ok ($h)" >&2
  elif [ -f "$work/$f" ]; then
    echo "fetch-sources: $f has sha256 $(sha256sum "$work/$f" | cut -d' ' -f1), not the pinned $h: refusing it" >&2
    exit 3
  else
    where="${sel#/}"; [ "${sel:0:1}" = / ] || where=bookworm
    echo "fetch-sources: $f (sha256 $h) is gone from $where: neither 'apt-get source $pkg$sel' nor the archive's pool serves it." >&2
    echo "  $where has moved on. Pin the version it serves now: apt-cache showsrc $pkg, check its orig tarball's sha256 against python.org's, and update this table, the spec in examples/matrix/ and test/fixtures/specs/." >&2
    exit 3
  fi
done
