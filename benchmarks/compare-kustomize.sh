#!/usr/bin/env bash
# Times `gitops build` (whole JVM process) against `kubectl kustomize` on the same N-app fleet and prints the ratio.
# Usage: benchmarks/compare-kustomize.sh N [runs]
set -euo pipefail
n="${1:?usage: compare-kustomize.sh N [runs]}"; runs="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kubectl="${KUBECTL:-$HOME/.cache/gitops-oracles/bin/kubectl}"
jar="$root/gitops-examples/target/gitops.jar"
bench="$root/benchmarks/target/benchmarks.jar"
if [[ ! -f "$jar" || ! -f "$bench" ]]; then
  (cd "$root" && mvn -B -q -o -DskipTests -Dskip.javadoc=true -pl benchmarks -am package >&2)
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
java -cp "$bench" dev.gitops.benchmarks.KustomizeFleet "$n" "$work/fleet"
target="$work/fleet/clusters/production"
# Class-data sharing archive for faster JVM start-up (created once per jar).
jsa="$root/gitops-examples/target/gitops.jsa"
if [[ ! -f "$jsa" || "$jar" -nt "$jsa" ]]; then
  java -XX:ArchiveClassesAtExit="$jsa" -jar "$jar" build "$target" >/dev/null 2>&1 || rm -f "$jsa"
fi
cds=(); [[ -f "$jsa" ]] && cds=(-XX:SharedArchiveFile="$jsa")
gitops_cmd=(java "${cds[@]}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "$jar" build "$target")
# Same output?
"${gitops_cmd[@]}" > "$work/gitops.yaml"
"$kubectl" kustomize "$target" > "$work/kubectl.yaml"
if cmp -s "$work/gitops.yaml" "$work/kubectl.yaml"; then same="identical output"; else same="OUTPUT DIFFERS"; fi
best() { local b=999999; for ((i=0;i<runs;i++)); do
  local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  local ms=$(( (e-s)/1000000 )); (( ms < b )) && b=$ms; done; echo "$b"; }
g=$(best "${gitops_cmd[@]}")
k=$(best "$kubectl" kustomize "$target")
resources=$(grep -c '^kind:' "$work/gitops.yaml" || true)
ratio=$(awk -v k="$k" -v g="$g" 'BEGIN { printf "%.2f", k/g }')
echo "apps=$n resources=$resources gitops_build_ms=$g kubectl_kustomize_ms=$k speedup=${ratio}x ($same, best of $runs)"
