#!/bin/sh
# Records expected.yaml of every case with the real tools: helm template, then each post-renderer's kustomization
# (kustomization-N.yaml, written as helm-controller generates it) built by kustomize (kubectl kustomize).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${ORACLES:-$HOME/.cache/gitops-oracles/bin}
for c in "$here"/cases/*/; do
  work=$(mktemp -d)
  "$bin/helm" template app "$here/repo/charts/app" --namespace web -f "$c/values.yaml" > "$work/in.yaml"
  for k in "$c"/kustomization-*.yaml; do
    mkdir -p "$work/k"
    cp "$work/in.yaml" "$work/k/helm-output.yaml"
    cp "$k" "$work/k/kustomization.yaml"
    "$bin/kubectl" kustomize "$work/k" > "$work/in.yaml"
    rm -rf "$work/k"
  done
  cp "$work/in.yaml" "$c/expected.yaml"
  rm -rf "$work"
done
