#!/usr/bin/env bash
# Times `gitops build` (the whole process, as users run it: the ./gitops launcher with its JVM choice and start-up
# cache) against `kubectl kustomize` on the same N-app fleet, checks the outputs are identical and prints the ratio.
# Usage: benchmarks/compare-kustomize.sh N [runs]
# The two tools run alternately, `runs` times each (default 5), after one untimed run each (which also trains the
# launcher's cache when the jar is new). Reported: the best wall and CPU (user+sys) times, and the median wall time.
# GITOPS_JAVA=/path/to/java picks the JVM (e.g. a JDK 17 to time the class-data-sharing path).
set -euo pipefail
n="${1:?usage: compare-kustomize.sh N [runs]}"; runs="${2:-5}"
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
gitops_cmd=("$root/gitops" build "$target")
kubectl_cmd=("$kubectl" kustomize "$target")
# Same output? (also the untimed first run of each)
"${gitops_cmd[@]}" > "$work/gitops.yaml"
"${kubectl_cmd[@]}" > "$work/kubectl.yaml"
if cmp -s "$work/gitops.yaml" "$work/kubectl.yaml"; then same="identical output"; else same="OUTPUT DIFFERS"; fi
jvm="$("$root/gitops" --version | sed -n 's/^java \([^ ]*\).*/\1/p')"
load_before="$(cut -d' ' -f1 /proc/loadavg)"
# One timed run: appends "wall_ms cpu_ms" to the file $1.
timed() { local f="$1"; shift
  /usr/bin/time -o "$work/time.txt" -f "%e %U %S" "$@" >/dev/null 2>/dev/null
  awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}' "$work/time.txt" >> "$f"; }
for ((i=0;i<runs;i++)); do timed "$work/g.txt" "${gitops_cmd[@]}"; timed "$work/k.txt" "${kubectl_cmd[@]}"; done
stats() { sort -n -k1 "$1" | awk '{w[NR]=$1; if (NR==1 || $2<c) c=$2} END {printf "%d %d %d\n", w[1], c, w[int((NR+1)/2)]}'; }
read -r gw gc gm < <(stats "$work/g.txt")
read -r kw kc km < <(stats "$work/k.txt")
resources=$(grep -c '^kind:' "$work/gitops.yaml" || true)
ratio() { awk -v k="$1" -v g="$2" 'BEGIN { printf "%.2f", k/g }'; }
echo "apps=$n resources=$resources best wall: gitops_build=${gw}ms kubectl_kustomize=${kw}ms speedup=$(ratio "$kw" "$gw")x;" \
  "best cpu: gitops_build=${gc}ms kubectl_kustomize=${kc}ms speedup=$(ratio "$kc" "$gc")x;" \
  "median wall: ${gm}ms vs ${km}ms speedup=$(ratio "$km" "$gm")x" \
  "($same, java $jvm, $runs runs each; load $load_before -> $(cut -d' ' -f1 /proc/loadavg))"
