#!/usr/bin/env bash
# Captures real kernel replies as the fuzz tests' seeds: makes a namespace, runs io.jnetlink.bench.CaptureSeeds in it
# (links of every kind, addresses, routes, neighbours, rules, refusals, generic netlink families, policies, ethtool,
# taskstats; sock_diag dumps of TCP, UDP and UNIX sockets; conntrack dumps and events; tc qdiscs, classes, filters and
# their notifications; each received datagram one file), and copies the datagrams into the modules' test resources:
#   core/src/test/resources/fuzz/MarshalFuzzer/      the rtnetlink and generic netlink ones
#   route/src/test/resources/fuzz/RtnlFuzzer/        the rtnetlink ones
#   generic/src/test/resources/fuzz/GenericFuzzer/   the generic netlink ones
#   ynl/src/test/resources/fuzz/YnlValuesFuzzer/     the rtnetlink and generic netlink ones
#   diag/src/test/resources/fuzz/DiagFuzzer/         the sock_diag ones (inet_diag and unix_diag)
#   netfilter/src/test/resources/fuzz/ConntrackFuzzer/ the ctnetlink ones
#   route/src/test/resources/fuzz/TcFuzzer/          the traffic-control ones
# Old seeds are replaced. Needs root. Usage: sudo bench/capture-seeds.sh
set -euo pipefail
die() {
    echo "capture-seeds.sh: $*" >&2
    exit 1
}
[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace (try: sudo $0)"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
NS=jnl-seeds-$$
TMP=$(mktemp -d)
cleanup() {
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT
ip netns add "$NS" || die "could not create network namespace $NS"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.CaptureSeeds "$NS" "$TMP" \
    || die "the capture failed"
copy() { # copy DEST SRC...
    local dest=$1
    shift
    rm -rf "$dest"
    mkdir -p "$dest"
    for src in "$@"; do cp "$src"/* "$dest"/; done
    echo "$(ls "$dest" | wc -l) seeds in $dest"
}
copy core/src/test/resources/fuzz/MarshalFuzzer "$TMP/rtnl" "$TMP/genl"
copy route/src/test/resources/fuzz/RtnlFuzzer "$TMP/rtnl"
copy generic/src/test/resources/fuzz/GenericFuzzer "$TMP/genl"
copy ynl/src/test/resources/fuzz/YnlValuesFuzzer "$TMP/rtnl" "$TMP/genl"
copy diag/src/test/resources/fuzz/DiagFuzzer "$TMP/diag"
copy netfilter/src/test/resources/fuzz/ConntrackFuzzer "$TMP/ct"
copy route/src/test/resources/fuzz/TcFuzzer "$TMP/tc"
