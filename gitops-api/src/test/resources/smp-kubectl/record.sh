#!/bin/sh
# Records expected.json for every case with the real kubectl (strategic merge patch with the built-in schema,
# offline): kubectl patch --local -f object.yaml --type strategic --patch-file patch.yaml -o json
set -eu
KUBECTL=${KUBECTL:-$HOME/.cache/gitops-oracles/bin/kubectl}
cd "$(dirname "$0")"
for c in */; do
  c=${c%/}
  "$KUBECTL" patch --local -f "$c/object.yaml" --type strategic --patch-file "$c/patch.yaml" -o json > "$c/expected.json"
done
"$KUBECTL" version --client 2>/dev/null | head -1 > KUBECTL_VERSION
