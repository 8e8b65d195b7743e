#!/usr/bin/env bash
# jnl as a command (issue 14): its start and a big JSON dump, side by side with ip in one run.
#
#   sudo bench/run-cli.sh
#
# 1. Start: `./jnl link show` against `ip link show` and a bare JVM (`java -Xshare:auto -version` of the same
#    JDK), in a namespace holding lo and one veth pair, RUNS runs each after WARMUP (hyperfine, alternating).
# 2. Dump: `./jnl -j route show` against `ip -j route show` on ROUTES (default 262,144) /32 routes in the main
#    table of a namespace of their own (bench/lib.sh's fill_routes), output to /dev/null, DUMP_RUNS runs each.
# Both namespaces are removed on every exit. The jars are built first when missing (./jnl --build), and the
# start-up cache is made before anything is measured. Raw output (hyperfine's JSON) in bench/target/cli-<date>/.
#
# Settings (environment): RUNS (30), WARMUP (5), ROUTES (262144), DUMP_RUNS (10), DUMP_WARMUP (2).
# Needs: root, iproute2, hyperfine (apt-get install hyperfine), Maven when the jars must be built.
set -euo pipefail

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
ROUTES=${ROUTES:-262144}
DUMP_RUNS=${DUMP_RUNS:-10}
DUMP_WARMUP=${DUMP_WARMUP:-2}

die() {
    echo "run-cli.sh: $*" >&2
    exit 1
}

for v in RUNS WARMUP ROUTES DUMP_RUNS DUMP_WARMUP; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((RUNS >= 1 && DUMP_RUNS >= 1)) || die "RUNS and DUMP_RUNS must be at least 1"
((ROUTES >= 1 && ROUTES <= 16777216)) || die "ROUTES must be 1..16777216 (they are taken from 10.0.0.0/8)"
[[ $(id -u) -eq 0 ]] || die "must run as root: it creates network namespaces and adds routes (try: sudo $0)"
command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install hyperfine)"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
jnl_find_jdk || die "no JDK 25 found (see above)"

out=bench/target/cli-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$out"
small=jnlbench-start-$$
big=jnlbench-dump-$$
cleanup() {
    ip netns del "$small" 2>/dev/null || true
    ip netns del "$big" 2>/dev/null || true
}
trap cleanup EXIT

[[ -f cli/target/jnetlink-cli-0.1.0-SNAPSHOT.jar ]] || ./jnl --build
ip netns add "$small"
ip -n "$small" link set lo up
ip -n "$small" link add v0 type veth peer name v1
./jnl -n "$small" link show >/dev/null # makes the start-up cache when the jars are newer than it
[[ -f cli/target/jnl.aot ]] || die "the start-up cache cli/target/jnl.aot was not made"

echo "== start: jnl link show, ip link show, bare JVM ($RUNS runs each)"
hyperfine -N -w "$WARMUP" -r "$RUNS" --export-json "$out/start.json" \
    "./jnl -n $small link show" "ip -n $small link show" "$JAVA -Xshare:auto -version"

ip netns add "$big"
fill_routes() {
    ip -n "$1" link set lo up
    awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
        printf "route add 10.%d.%d.%d/32 dev lo\n", int(i / 65536), int(i / 256) % 256, i % 256 }' >"$3"
    ip -n "$1" -batch "$3"
}
fill_routes "$big" "$ROUTES" "$out/routes.batch"
rm -f "$out/routes.batch"
n_ip=$(ip -n "$big" -j route show | grep -o '"dst"' | wc -l)
n_jnl=$(./jnl -n "$big" -j route show | grep -o '"dst"' | wc -l)
[[ $n_ip == "$n_jnl" ]] || die "ip printed $n_ip routes, jnl $n_jnl"
cmp <(ip -n "$big" -j route show) <(./jnl -n "$big" -j route show) || die "jnl -j route show differs from ip's"
echo "== dump: -j route show of $n_ip routes, the same bytes from both ($DUMP_RUNS runs each)"
hyperfine -N -w "$DUMP_WARMUP" -r "$DUMP_RUNS" --export-json "$out/dump.json" --output=null \
    "./jnl -n $big -j route show" "ip -n $big -j route show"

for f in start dump; do
    python3 - "$out/$f.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[1]["median"]
for x in r:
    print("%-60s median %8.1f ms  mean %8.1f ms  min %8.1f ms  user %7.1f ms  sys %6.1f ms  %6.2fx ip"
          % (x["command"][:60], x["median"] * 1e3, x["mean"] * 1e3, x["min"] * 1e3, x["user"] * 1e3,
             x["system"] * 1e3, x["median"] / base))
EOF
done
echo "raw results: $out"
