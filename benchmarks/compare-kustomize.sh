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
# Best of N runs: wall time and CPU time (user+sys; meaningful on a shared, loaded machine), in ms.
best() { local bw=999999999 bc=999999999; for ((i=0;i<runs;i++)); do
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S" "$@" >/dev/null 2>/dev/null
  local out; out=$(tail -1 "$work/time.txt")
  local w c; w=$(awk '{printf "%d", $1*1000}' <<<"$out"); c=$(awk '{printf "%d", ($2+$3)*1000}' <<<"$out")
  (( w < bw )) && bw=$w; (( c < bc )) && bc=$c; done; echo "$bw $bc"; }
read -r gw gc < <(best "${gitops_cmd[@]}")
read -r kw kc < <(best "$kubectl" kustomize "$target")
resources=$(grep -c '^kind:' "$work/gitops.yaml" || true)
rw=$(awk -v k="$kw" -v g="$gw" 'BEGIN { printf "%.2f", k/g }')
rc=$(awk -v k="$kc" -v g="$gc" 'BEGIN { printf "%.2f", k/g }')
echo "apps=$n resources=$resources wall: gitops_build=${gw}ms kubectl_kustomize=${kw}ms speedup=${rw}x;" \
  "cpu: gitops_build=${gc}ms kubectl_kustomize=${kc}ms speedup=${rc}x ($same, best of $runs; load $(cut -d' ' -f1 /proc/loadavg))"
