#!/usr/bin/env bash
# Records (or with --check, verifies) the golden outputs of `helm template` for the cases in
# src/test/resources/golden/cases.txt, using the real Helm v4 binary (HELM, default ~/.cache/gitops-oracles/bin/helm).
# Output: src/test/resources/golden/<name>.out (stdout) or <name>.err (first line of stderr, without "Error: ").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../resources"
helm="${HELM:-$HOME/.cache/gitops-oracles/bin/helm}"
check=false
[[ "${1:-}" == "--check" ]] && check=true
status=0
cd "$res"
while IFS='|' read -r name release chart args; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  release="$(echo "$release" | xargs)"; chart="$(echo "$chart" | xargs)"
  # shellcheck disable=SC2086
  eval "set -- $args"
  tmp_out="$(mktemp)"; tmp_err="$(mktemp)"
  if "$helm" template "$release" "charts/$chart" "$@" >"$tmp_out" 2>"$tmp_err"; then
    kind=out; src="$tmp_out"
  else
    kind=err; sed -e '1s/^Error: //' "$tmp_err" | sed -e '/^Use --debug flag/,$d' | sed -e '${/^$/d}' >"$tmp_out.e"; src="$tmp_out.e"
  fi
  if $check; then
    # Helm lists schema violations in Go map order, which varies from run to run: errors compare as line sets
    if [[ $kind == err ]]; then
      if ! cmp -s <(sort "$src") <(sort "golden/$name.$kind" 2>/dev/null); then echo "DIFFERS: $name"; status=1; fi
    elif ! cmp -s "$src" "golden/$name.$kind"; then echo "DIFFERS: $name"; status=1; fi
  else
    cp "$src" "golden/$name.$kind"; rm -f "golden/$name.$([[ $kind == out ]] && echo err || echo out)"
  fi
  rm -f "$tmp_out" "$tmp_err" "$tmp_out.e"
done < golden/cases.txt
exit $status
