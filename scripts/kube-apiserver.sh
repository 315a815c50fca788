#!/usr/bin/env bash
# Builds, starts and stops a real kube-apiserver + etcd on 127.0.0.1 for the gitops-kubernetes *IT tests.
#
#   scripts/kube-apiserver.sh build   build kube-apiserver from Debian's `kubernetes` source package, offline
#                                     (GOPROXY=off, vendored deps), with Debian's golang-go; install etcd-server.
#                                     The binary is cached under $GITOPS_KUBE_HOME/bin and reused.
#   scripts/kube-apiserver.sh start   start etcd and kube-apiserver on 127.0.0.1 only (token authentication,
#                                     RBAC), write a kubeconfig; waits until /readyz answers.
#   scripts/kube-apiserver.sh stop    stop both (by the pids this script recorded).
#   scripts/kube-apiserver.sh env     print `export KUBECONFIG=...` for the running server.
#   scripts/kube-apiserver.sh status  exit 0 when the server answers.
#
# Environment: GITOPS_KUBE_HOME (default ~/.cache/gitops-kube), GITOPS_KUBE_PORT (default 16443),
# GITOPS_ETCD_PORT (default 12379). Needs root (or sudo) for apt-get when packages are missing.
set -euo pipefail

HOME_DIR="${GITOPS_KUBE_HOME:-${HOME}/.cache/gitops-kube}"
API_PORT="${GITOPS_KUBE_PORT:-16443}"
ETCD_PORT="${GITOPS_ETCD_PORT:-12379}"
ETCD_PEER_PORT="$((ETCD_PORT + 1))"
# bump BUILD_ID when the build recipe changes: cached binaries of older recipes are rebuilt
BUILD_ID=2
BIN="${HOME_DIR}/bin/kube-apiserver-${BUILD_ID}"
RUN="${HOME_DIR}/run"
PKI="${RUN}/pki"
KUBECONFIG_FILE="${RUN}/kubeconfig"
SRC_LIST=/etc/apt/sources.list.d/gitops-kube-src.sources

log() { printf '[kube-apiserver.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

ensure_deb_src() {
  if ! apt-cache showsrc kubernetes >/dev/null 2>&1 || [ -z "$(apt-cache showsrc kubernetes 2>/dev/null)" ]; then
    if [ ! -f "$SRC_LIST" ]; then
      local codename
      codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
      log "adding deb-src entry ${SRC_LIST} (${codename})"
      as_root tee "$SRC_LIST" >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${codename}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    as_root apt-get update -q >&2
  fi
}

# kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, whose map iteration links against the pre-Go-1.18
# reflect.mapiterinit signature; built with a newer Go (bookworm has 1.19) kube-apiserver crashes with
# "unexpected fault address" as soon as it serialises a map through json-iterator (e.g. on the first apply of a
# custom resource). Apply the fix of reflect2 v1.0.2: the three-argument mapiterinit and the full hiter layout.
patch_reflect2() {
  local d="$1/vendor/github.com/modern-go/reflect2"
  [ -f "$d/unsafe_link.go" ] || return 0
  if grep -q 'func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer, it \*hiter)' "$d/unsafe_link.go"; then
    return 0
  fi
  grep -q 'func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer) \*hiter' "$d/unsafe_link.go" \
    || die "unexpected vendored reflect2 in $d: cannot apply the Go 1.18 map iteration fix"
  log "patching vendored reflect2 for Go >= 1.18 map iteration"
  perl -0pi -e 's/func mapiterinit\(rtype unsafe\.Pointer, m unsafe\.Pointer\) \*hiter/func mapiterinit(rtype unsafe.Pointer, m unsafe.Pointer, it *hiter)/' "$d/unsafe_link.go"
  perl -0pi -e 's/type hiter struct \{.*?\n\}/type hiter struct {\n\tkey         unsafe.Pointer\n\tvalue       unsafe.Pointer\n\tt           unsafe.Pointer\n\th           unsafe.Pointer\n\tbuckets     unsafe.Pointer\n\tbptr        unsafe.Pointer\n\toverflow    *[]unsafe.Pointer\n\toldoverflow *[]unsafe.Pointer\n\tstartBucket uintptr\n\toffset      uint8\n\twrapped     bool\n\tB           uint8\n\ti           uint8\n\tbucket      uintptr\n\tcheckBucket uintptr\n}/s' "$d/unsafe_link.go"
  perl -0pi -e 's/return &UnsafeMapIterator\{\n\t\thiter:      mapiterinit\(type2\.rtype, \*\(\*unsafe\.Pointer\)\(obj\)\),/var it hiter\n\tmapiterinit(type2.rtype, *(*unsafe.Pointer)(obj), &it)\n\treturn &UnsafeMapIterator{\n\t\thiter:      &it,/' "$d/unsafe_map.go"
  grep -q 'mapiterinit(type2.rtype, \*(\*unsafe.Pointer)(obj), &it)' "$d/unsafe_map.go" || die "reflect2 patch failed"
  grep -q 'checkBucket uintptr' "$d/unsafe_link.go" || die "reflect2 patch failed"
}

cmd_build() {
  if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
    log "cached: $("$BIN" --version) at $BIN"
  else
    local start=$SECONDS
    if ! dpkg -s golang-go >/dev/null 2>&1 || ! dpkg -s dpkg-dev >/dev/null 2>&1; then
      as_root apt-get update -q >&2 || true
    fi
    apt_install golang-go dpkg-dev rsync make jq etcd-server openssl curl ca-certificates
    ensure_deb_src
    mkdir -p "${HOME_DIR}/src" "${HOME_DIR}/bin"
    local dir
    dir="$(find "${HOME_DIR}/src" -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -n1 || true)"
    if [ -z "$dir" ]; then
      log "apt-get source kubernetes"
      (cd "${HOME_DIR}/src" && apt-get source -q kubernetes >&2)
      dir="$(find "${HOME_DIR}/src" -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -n1)"
    fi
    [ -n "$dir" ] || die "apt-get source kubernetes produced no source tree"
    patch_reflect2 "$dir"
    log "building cmd/kube-apiserver in $dir (offline: GOPROXY=off, vendored modules)"
    # KUBE_GIT_* give the binary a version without needing a git checkout.
    (cd "$dir" && env GOPROXY=off GOFLAGS=-mod=vendor GO111MODULE=on GOTOOLCHAIN=local \
        GOCACHE="${HOME_DIR}/gocache" GOPATH="${HOME_DIR}/gopath" \
        KUBE_GIT_VERSION="v1.20.2" KUBE_GIT_TREE_STATE=clean KUBE_GIT_COMMIT=debian \
        make all WHAT=cmd/kube-apiserver >&2)
    local out
    out="$(find "$dir/_output" -type f -name kube-apiserver -perm -u+x | head -n1)"
    [ -n "$out" ] || die "build finished but no kube-apiserver binary under $dir/_output"
    install -m 0755 "$out" "$BIN"
    log "built $("$BIN" --version) in $((SECONDS - start))s"
  fi
  apt_install etcd-server openssl curl
}

etcd_bin() {
  command -v etcd 2>/dev/null || { [ -x /usr/bin/etcd ] && echo /usr/bin/etcd; } || die "etcd not found (apt-get install etcd-server)"
}

gen_pki() {
  mkdir -p "$PKI"
  [ -f "$PKI/apiserver.crt" ] && return 0
  log "generating CA, serving certificate, service-account key and tokens in $PKI"
  (cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=gitops-test-ca" 2>/dev/null
    cat > san.cnf <<CNF
[req]
distinguished_name = dn
[dn]
[ext]
subjectAltName = IP:127.0.0.1,DNS:localhost
basicConstraints = CA:FALSE
keyUsage = digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
CNF
    openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 3650 \
      -extfile san.cnf -extensions ext 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    # admin: system:masters; nobody: authenticated but without any RBAC binding (for Forbidden tests)
    echo "$(openssl rand -hex 24),admin,admin,system:masters" > tokens.csv
    echo "$(openssl rand -hex 24),nobody,nobody" >> tokens.csv
    chmod 600 ./*.key tokens.csv)
}

write_kubeconfig() {
  local token user=$1 file=$2
  token="$(awk -F, -v u="$user" '$2==u {print $1}' "$PKI/tokens.csv")"
  cat > "$file" <<KC
apiVersion: v1
kind: Config
clusters:
- name: gitops-test
  cluster:
    server: https://127.0.0.1:${API_PORT}
    certificate-authority: ${PKI}/ca.crt
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: gitops-test
  context:
    cluster: gitops-test
    user: ${user}
current-context: gitops-test
KC
  chmod 600 "$file"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ready() {
  curl -fsS --max-time 3 --cacert "$PKI/ca.crt" \
    -H "Authorization: Bearer $(awk -F, '$2=="admin" {print $1}' "$PKI/tokens.csv")" \
    "https://127.0.0.1:${API_PORT}/readyz" >/dev/null 2>&1
}

cmd_start() {
  [ -x "$BIN" ] || die "no kube-apiserver at $BIN: run '$0 build' first"
  local etcd; etcd="$(etcd_bin)"
  mkdir -p "$RUN"
  gen_pki
  if alive "$RUN/etcd.pid"; then log "etcd already running"; else
    rm -rf "$RUN/etcd-data"
    log "starting etcd on 127.0.0.1:${ETCD_PORT}"
    nohup "$etcd" --name gitops-test --data-dir "$RUN/etcd-data" \
      --listen-client-urls "http://127.0.0.1:${ETCD_PORT}" --advertise-client-urls "http://127.0.0.1:${ETCD_PORT}" \
      --listen-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" --initial-advertise-peer-urls "http://127.0.0.1:${ETCD_PEER_PORT}" \
      --initial-cluster "gitops-test=http://127.0.0.1:${ETCD_PEER_PORT}" \
      --listen-metrics-urls "" --quota-backend-bytes 1073741824 \
      >"$RUN/etcd.log" 2>&1 < /dev/null &
    echo $! > "$RUN/etcd.pid"
  fi
  if alive "$RUN/apiserver.pid"; then log "kube-apiserver already running"; else
    log "starting kube-apiserver on https://127.0.0.1:${API_PORT}"
    nohup "$BIN" \
      --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="${API_PORT}" --insecure-port=0 \
      --etcd-servers="http://127.0.0.1:${ETCD_PORT}" \
      --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
      --client-ca-file="$PKI/ca.crt" --token-auth-file="$PKI/tokens.csv" \
      --authorization-mode=RBAC --anonymous-auth=false \
      --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$PKI/sa.pub" \
      --service-account-signing-key-file="$PKI/sa.key" \
      --service-cluster-ip-range=10.96.0.0/24 --disable-admission-plugins=ServiceAccount \
      --allow-privileged=true --profiling=false --cert-dir="$RUN/certs" \
      >"$RUN/apiserver.log" 2>&1 < /dev/null &
    echo $! > "$RUN/apiserver.pid"
  fi
  write_kubeconfig admin "$KUBECONFIG_FILE"
  write_kubeconfig nobody "$RUN/kubeconfig-nobody"
  local i
  for i in $(seq 1 120); do
    if ready; then log "ready after ${i}s; export KUBECONFIG=${KUBECONFIG_FILE}"; return 0; fi
    alive "$RUN/apiserver.pid" || { tail -n 30 "$RUN/apiserver.log" >&2; die "kube-apiserver exited"; }
    alive "$RUN/etcd.pid" || { tail -n 30 "$RUN/etcd.log" >&2; die "etcd exited"; }
    sleep 1
  done
  tail -n 30 "$RUN/apiserver.log" >&2
  die "kube-apiserver not ready after 120s"
}

stop_pid() {
  local f=$1 name=$2 pid
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name ($pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

cmd_stop() {
  stop_pid "$RUN/apiserver.pid" kube-apiserver
  stop_pid "$RUN/etcd.pid" etcd
  rm -rf "$RUN/etcd-data"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) echo "export KUBECONFIG=${KUBECONFIG_FILE}"; echo "export GITOPS_KUBECONFIG_NOBODY=${RUN}/kubeconfig-nobody" ;;
  status) ready ;;
  *) echo "usage: $0 {build|start|stop|env|status}" >&2; exit 2 ;;
esac
