#!/usr/bin/env bash
# The matrix demo: every CPython of examples/matrix/ (3.9, 3.11, 3.13, 3.14, 3.14t) built in the pinned
# Debian 11 build root, one line per version. The same as `npm run demo -- --matrix`.
set -euo pipefail
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/demo.sh" --matrix
