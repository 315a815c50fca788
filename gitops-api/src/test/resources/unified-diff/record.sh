#!/bin/sh
# Records expected.diff for every case with GNU diff (hunks only: the two header lines carry timestamps).
set -eu
cd "$(dirname "$0")"
for c in */; do
  c=${c%/}
  diff -u "$c/a.txt" "$c/b.txt" | tail -n +3 > "$c/expected.diff" || true
done
diff --version | head -1 > DIFF_VERSION
