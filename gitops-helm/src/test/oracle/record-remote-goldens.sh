#!/usr/bin/env bash
# Records helm template output for charts fetched from a chart repository (index.yaml over HTTP) and from an OCI
# registry (the real docker-registry, charts pushed with the real `helm push`), into
# src/test/resources/remote/golden/<case>.yaml. The chart sources are src/test/resources/remote/charts/<name>-<version>.
#   src/test/oracle/record-remote-goldens.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/../../.."
HELM=${HELM:-$HOME/.cache/gitops-oracles/bin/helm}
REGISTRY=${REGISTRY:-/usr/bin/docker-registry}
CHECK=${1:-}
res=src/test/resources/remote
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT
export HELM_CONFIG_HOME=$tmp/hc HELM_CACHE_HOME=$tmp/cache HELM_DATA_HOME=$tmp/data

freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
waitfor() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }

mkdir -p "$tmp/repo"
for d in "$res"/charts/web-*; do "$HELM" package "$d" -d "$tmp/repo" >/dev/null; done
"$HELM" repo index "$tmp/repo" >/dev/null
port=$(freeport)
(cd "$tmp/repo" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
waitfor "http://127.0.0.1:$port/index.yaml"
repo="http://127.0.0.1:$port"

rport=$(freeport)
cat > "$tmp/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $tmp/storage
http:
  addr: 127.0.0.1:$rport
YML
"$REGISTRY" serve "$tmp/registry.yml" >"$tmp/registry.log" 2>&1 & pids+=($!)
waitfor "http://127.0.0.1:$rport/v2/"
mkdir -p "$tmp/oci"
for d in "$res"/charts/api-*; do
  "$HELM" package "$d" -d "$tmp/oci" >/dev/null
done
for t in "$tmp"/oci/*.tgz; do "$HELM" push "$t" "oci://127.0.0.1:$rport/charts" --plain-http >/dev/null 2>&1; done
oci="oci://127.0.0.1:$rport/charts/api"

record() { # case, helm args...
  local name=$1; shift
  local out="$res/golden/$name.yaml"
  if [ "$CHECK" = --check ]; then
    diff -u "$out" <("$HELM" template "$@" 2>/dev/null) && echo "ok $name"
  else
    "$HELM" template "$@" >"$out" 2>/dev/null
    echo "recorded $name"
  fi
}
record http-range rel --repo "$repo" web --version '>=1.0.0 <2.0.0'
record http-latest rel --repo "$repo" web
record http-exact rel --repo "$repo" web --version 1.0.0 -n prod
record http-prerelease rel --repo "$repo" web --version '>=1.6.0-0 <2.0.0' --set replicaCount=5
record oci-range rel "$oci" --version '>=0.1.0' --plain-http
record oci-exact rel "$oci" --version 0.2.0 --plain-http -n prod
record oci-latest rel "$oci" --plain-http
echo "--- helm's messages for failures (for comparison):"
"$HELM" template rel --repo "$repo" web --version '>=3.0.0' 2>&1 | head -2 || true
"$HELM" template rel --repo "$repo" nope 2>&1 | head -2 || true
"$HELM" template rel --repo "http://127.0.0.1:$port/missing" web 2>&1 | head -2 || true
"$HELM" template rel "$oci" --version '>=3.0.0' --plain-http 2>&1 | head -2 || true
"$HELM" template rel "oci://127.0.0.1:$rport/charts/nope" --plain-http 2>&1 | head -2 || true
