#!/usr/bin/env bash
# Fetches the pinned source tarballs through Debian's source packages into test/inputs/ (or $1),
# then checks each sha256. Debian's orig tarballs are byte-identical to the upstream releases.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$here/test/inputs}"
mkdir -p "$dest"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# file name | sha256 | Debian source package
wanted=(
  "python3.11_3.11.2.orig.tar.gz|2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849|python3.11"
  "markupsafe_2.1.2.orig.tar.gz|abcabc8c2b26036d62d4c746381a6f7cf60aafcc653198ad678306986b09450d|markupsafe"
  # OpenSSL 3 for static interpreters (src/core/interpreter/openssl.ts pins it); bookworm's source package.
  "openssl_3.0.22.orig.tar.gz|67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81|openssl"
)

ok() { [ -f "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "$2" ]; }

need_fetch=0
for w in "${wanted[@]}"; do IFS='|' read -r f h _ <<<"$w"; ok "$f" "$h" || need_fetch=1; done
[ "$need_fetch" = 0 ] && { echo "fetch-sources: all source tarballs present in $dest" >&2; exit 0; }

if [ ! -f /etc/apt/sources.list.d/pyhermetic-src.sources ]; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    | $SUDO tee /etc/apt/sources.list.d/pyhermetic-src.sources >/dev/null
  $SUDO apt-get update -qq
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for w in "${wanted[@]}"; do
  IFS='|' read -r f h pkg <<<"$w"
  ok "$f" "$h" && continue
  # apt-get source may fail on an unrelated file (a .debian.tar or .dsc); the orig tarball's hash decides.
  (cd "$work" && apt-get source --download-only "$pkg" >/dev/null 2>&1) || true
  if [ -f "$work/$f" ] && [ "$(sha256sum "$work/$f" | cut -d' ' -f1)" = "$h" ]; then
    mv "$work/$f" "$dest/$f"
    echo "fetch-sources: $f ok ($h)" >&2
  else
    echo "fetch-sources: could not get $f with sha256 $h through 'apt-get source $pkg'; check the deb-src entry" >&2
    exit 3
  fi
done
