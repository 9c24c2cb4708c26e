#!/usr/bin/env bash
# Flags suspicious patterns in a folder; it only searches, it never executes what it finds.
set -euo pipefail
target="${1:-.}"
grep -rnE 'curl[^|]*\|[[:space:]]*(ba)?sh' "$target" || true
grep -rnE 'base64 (-d|--decode)' "$target" || true
grep -rnE '/dev/tcp/' "$target" || true
grep -rnE 'id_rsa|Login Data|wallet\.dat' "$target" || true
