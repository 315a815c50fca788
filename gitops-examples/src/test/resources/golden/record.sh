#!/usr/bin/env bash
# Re-records (or with --check, re-checks) the golden outputs of `gitops build` with the real kubectl kustomize.
# Usage: record.sh [--check]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kubectl="${KUBECTL:-$HOME/.cache/gitops-oracles/bin/kubectl}"
status=0
for c in "$here"/*/; do
  c="${c%/}"; target="$(cat "$c/target")"
  out="$(mktemp)"; err="$(mktemp)"
  if (cd "$c/input" && "$kubectl" kustomize "$target" >"$out" 2>"$err"); then
    if [[ "${1:-}" == "--check" ]]; then cmp -s "$out" "$c/expected.yaml" || { echo "DIFF: $c"; status=1; }
    else cp "$out" "$c/expected.yaml"; rm -f "$c/expected.err"; fi
  else
    if [[ "${1:-}" == "--check" ]]; then [[ -f "$c/expected.err" ]] || { echo "NOW FAILS: $c"; status=1; }
    else sed -e 's/^error: //' "$err" > "$c/expected.err"; rm -f "$c/expected.yaml"; fi
  fi
  rm -f "$out" "$err"
done
exit $status
