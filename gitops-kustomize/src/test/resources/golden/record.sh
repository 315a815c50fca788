#!/usr/bin/env bash
# Records (or with --check, re-checks) the golden cases of KustomizeGoldenTest with the real kubectl kustomize
# (v5.7.1). A case is a folder <feature>/<case>/ holding input/ (the files), optionally `target` (the directory to
# build inside input/, default .) and `flags` (kubectl kustomize flags, one line), and the recorded result:
# expected.yaml (stdout of a successful build) or expected.err (the message of a failed one, absolute paths of the
# case replaced by $INPUT).
# Usage: record.sh [--check] [FEATURE/CASE ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kubectl="${KUBECTL:-$HOME/.cache/gitops-oracles/bin/kubectl}"
check=false
if [[ "${1:-}" == "--check" ]]; then check=true; shift; fi
cases=()
if [[ $# -gt 0 ]]; then for c in "$@"; do cases+=("$here/${c%/}"); done
else while IFS= read -r c; do cases+=("$(dirname "$c")"); done < <(find "$here" -mindepth 3 -maxdepth 3 -type d -name input | sort); fi
status=0
for c in "${cases[@]}"; do
  target="."; [[ -f "$c/target" ]] && target="$(tr -d '\n' < "$c/target")"
  flags=(); [[ -f "$c/flags" ]] && read -r -a flags < "$c/flags"
  out="$(mktemp)"; err="$(mktemp)"
  name="${c#"$here"/}"
  if (cd "$c/input" && "$kubectl" kustomize "${flags[@]}" "$target" >"$out" 2>"$err"); then
    if $check; then
      if [[ ! -f "$c/expected.yaml" ]] || ! cmp -s "$out" "$c/expected.yaml"; then echo "DIFF: $name"; status=1; fi
    else cp "$out" "$c/expected.yaml"; rm -f "$c/expected.err"; fi
  else
    msg="$(grep -v '^# Warning' "$err" | sed -e 's/^[Ee]rror: //' -e "s|$c/input|\$INPUT|g")"
    if $check; then
      [[ -f "$c/expected.err" ]] || { echo "NOW FAILS: $name: $msg"; status=1; }
    else printf '%s\n' "$msg" > "$c/expected.err"; rm -f "$c/expected.yaml"; fi
  fi
  rm -f "$out" "$err"
done
exit $status
