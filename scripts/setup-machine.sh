#!/usr/bin/env bash
# Installs the Debian packages pyhermetic's build, tests and demo need, and fetches the pinned
# CPython and MarkupSafe source tarballs into test/inputs/ by Debian's source route (offline
# mirrors of python.org's tarballs: the sha256 is checked, so the route cannot swap the bytes).
# Idempotent: a second run does nothing that is already done. Needs root (or sudo) for apt-get.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

packages=(build-essential pkg-config libssl-dev zlib1g-dev libffi-dev libsqlite3-dev liblzma-dev
  libbz2-dev libreadline-dev uuid-dev libedit-dev libncurses-dev groovy openjdk-17-jre-headless pax-utils
  binutils dpkg-dev debootstrap bubblewrap nginx libnginx-mod-http-dav-ext apache2-utils curl xz-utils
  python3-pip-whl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  # pyhermetic: allow apt-unpinned — the test machine's own tools (compiler, groovy, debootstrap, nginx) are Debian stable's of the day, as on any agent; what the demo ships is built in the pinned Debian 11 build root, and the CPython, MarkupSafe and OpenSSL inputs are checked by sha256
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

bash "$here/scripts/fetch-sources.sh"
