#!/usr/bin/env bash
# Nexthop and FDB dumps (issue 15, measured because it was cheap; not a goal of the issue): IPRoute.nexthops() and
# IPRoute.fdb() into typed objects, side by side with iproute2 and pyroute2 on the same namespace and data.
#
#   sudo bench/run-nexthop-fdb.sh
#
# Creates a fresh network namespace holding NEXTHOPS nexthop objects (gateways on a veth, one in eight a group of
# two) and FDB static entries on a bridge port (bridge -batch), then in ROUNDS rounds, one process after the other:
#   - BridgeNexthopDumpBench --what nexthop / --what fdb: one IPRoute, RUNS dumps after WARMUP, every field read;
#   - `ip -j nexthop show` and `bridge -j fdb show` to /dev/null, TOOL_RUNS processes each (timed whole, RSS by
#     /usr/bin/time);
#   - bench/py/fdb_pyroute2.py: pyroute2 0.7.2 ipr.fdb('dump'), every attribute read, PY_RUNS dumps in one process
#     (pyroute2 0.7.2 has no nexthop objects).
# Counts must agree (ip's and bridge's JSON arrays are counted once). Prints best and median per side, the ratios
# to jnetlink and the peak RSS. The namespace is removed on every exit. Raw output: bench/target/nhfdb-<date>/.
#
# Settings (environment): NEXTHOPS (20000), FDB (20000), RUNS (10), WARMUP (5), ROUNDS (3), TOOL_RUNS (3),
# PY_RUNS (3), JAVA_OPTS (none). Needs: root, iproute2 (ip, bridge), /usr/bin/time, /usr/bin/python3 with pyroute2.
set -euo pipefail

NEXTHOPS=${NEXTHOPS:-20000}
FDB=${FDB:-20000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-3}
TOOL_RUNS=${TOOL_RUNS:-3}
PY_RUNS=${PY_RUNS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
PY=/usr/bin/python3

die() {
    echo "run-nexthop-fdb.sh: $*" >&2
    exit 1
}

for v in NEXTHOPS FDB RUNS WARMUP ROUNDS TOOL_RUNS PY_RUNS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((NEXTHOPS >= 1 && NEXTHOPS <= 1000000 && FDB >= 1 && FDB <= 1000000)) || die "NEXTHOPS and FDB must be 1..1000000"
((RUNS >= 1 && ROUNDS >= 1 && TOOL_RUNS >= 1 && PY_RUNS >= 1)) || die "RUNS, ROUNDS, TOOL_RUNS and PY_RUNS must be at least 1"
[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace (try: sudo $0)"
command -v ip >/dev/null && command -v bridge >/dev/null || die "iproute2's ip and bridge are needed (apt-get install iproute2)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (apt-get install time)"
"$PY" -c 'import pyroute2' 2>/dev/null || die "pyroute2 is not installed for $PY (apt-get install python3-pyroute2)"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/lib.sh

NS=jnl-nhfdb-$$
OUT=bench/target/nhfdb-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
cleanup() {
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-nexthop-fdb.sh: could not remove namespace $NS" >&2
    fi
    rm -f "$OUT"/*.batch
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS" || die "could not create namespace $NS"
NS_MADE=1
ip -n "$NS" link set lo up
ip -n "$NS" link add v0 type veth peer name v1
ip -n "$NS" addr add 10.0.0.1/8 dev v0
ip -n "$NS" link set v0 up
ip -n "$NS" link set v1 up
ip -n "$NS" link add br0 type bridge
ip -n "$NS" link add w0 type veth peer name w1
ip -n "$NS" link set w0 master br0
for d in br0 w0 w1; do ip -n "$NS" link set "$d" up; done
# nexthops: singles with a gateway each, every eighth id a group of the two singles before it
awk -v n="$NEXTHOPS" 'BEGIN { for (i = 1; i <= n; i++) {
        if (i % 8 == 0) printf "nexthop add id %d group %d/%d,2\n", i, i - 2, i - 1
        else printf "nexthop add id %d via 10.%d.%d.%d dev v0\n", i, int(i / 65536) % 256, int(i / 256) % 256, 2 + i % 250 } }' \
    >"$OUT/nh.batch"
t0=$(date +%s.%N)
ip -n "$NS" -batch "$OUT/nh.batch" || die "adding nexthops failed"
echo "namespace $NS: $NEXTHOPS nexthops added in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
awk -v n="$FDB" 'BEGIN { for (i = 0; i < n; i++)
        printf "fdb add 02:00:%02x:%02x:%02x:%02x dev w0 master static\n", int(i / 16777216) % 256, int(i / 65536) % 256, int(i / 256) % 256, i % 256 }' \
    >"$OUT/fdb.batch"
t0=$(date +%s.%N)
ip netns exec "$NS" bridge -batch "$OUT/fdb.batch" || die "adding fdb entries failed"
echo "namespace $NS: $FDB fdb entries added in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

NH_COUNT=$(ip -n "$NS" -j nexthop show | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')
FDB_COUNT=$(ip netns exec "$NS" bridge -j fdb show | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "ip -j nexthop show: $NH_COUNT objects; bridge -j fdb show: $FDB_COUNT entries"

java_run() {
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.BridgeNexthopDumpBench "$@"
}

# tool_runs N COMMAND...: N timed processes of COMMAND (stdout to /dev/null), in the benches' line shapes.
tool_runs() {
    local n=$1 i t0 t1 rss=0 r u s
    shift
    for ((i = 1; i <= n; i++)); do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$OUT/time.txt" "$@" >/dev/null || die "$* failed"
        t1=$(date +%s%N)
        read -r r u s <"$OUT/time.txt"
        ((r > rss)) && rss=$r
        awk -v i="$i" -v t="$(((t1 - t0) / 1000))" -v u="$u" -v s="$s" \
            'BEGIN { printf "run %d measured time_ms=%.3f cpu_ms=%.3f\n", i, t / 1000, (u + s) * 1000 }'
    done
    echo "summary max_rss_kb=$rss"
}

for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r of $ROUNDS"
    java_run --netns "$NS" --what nexthop --runs "$RUNS" --warmup "$WARMUP" >"$OUT/jnh-$r.txt"
    tool_runs "$TOOL_RUNS" ip -n "$NS" -j nexthop show >"$OUT/ipnh-$r.txt"
    java_run --netns "$NS" --what fdb --runs "$RUNS" --warmup "$WARMUP" >"$OUT/jfdb-$r.txt"
    tool_runs "$TOOL_RUNS" ip netns exec "$NS" bridge -j fdb show >"$OUT/brfdb-$r.txt"
    ip netns exec "$NS" "$PY" bench/py/fdb_pyroute2.py --runs "$PY_RUNS" --warmup 1 >"$OUT/pyfdb-$r.txt"
done

for f in jnh jfdb pyfdb; do
    n=$(field "$OUT/$f-1.txt" messages)
    want=$([[ $f == jnh ]] && echo "$NH_COUNT" || echo "$FDB_COUNT")
    [[ $n == "$want" ]] || die "$f dumped $n objects, the tools $want"
done

maxrss() { cat "$@" | awk '$1 == "summary" { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "max_rss_kb" && kv[2] > m) m = kv[2] } } END { print m + 0 }'; }
read -r JN_BEST JN_MED _ JN_CMED _ < <(stats "$OUT"/jnh-*.txt)
read -r IN_BEST IN_MED _ IN_CMED _ < <(stats "$OUT"/ipnh-*.txt)
read -r JF_BEST JF_MED _ JF_CMED _ < <(stats "$OUT"/jfdb-*.txt)
read -r BF_BEST BF_MED _ BF_CMED _ < <(stats "$OUT"/brfdb-*.txt)
read -r PF_BEST PF_MED _ PF_CMED _ < <(stats "$OUT"/pyfdb-*.txt)

echo
echo "Nexthop dump: $NH_COUNT objects (best / median ms, median CPU ms, peak RSS)"
printf '  %-34s %9.1f %9.1f %9.1f  %s\n' "jnetlink IPRoute.nexthops()" "$JN_BEST" "$JN_MED" "$JN_CMED" "$(mb "$(maxrss "$OUT"/jnh-*.txt)")"
printf '  %-34s %9.1f %9.1f %9.1f  %s   (median: %s of jnetlink)\n' "ip -j nexthop show (process)" "$IN_BEST" "$IN_MED" "$IN_CMED" "$(mb "$(maxrss "$OUT"/ipnh-*.txt)")" "$(ratio "$IN_MED" "$JN_MED")"
echo "FDB dump: $FDB_COUNT entries"
printf '  %-34s %9.1f %9.1f %9.1f  %s\n' "jnetlink IPRoute.fdb()" "$JF_BEST" "$JF_MED" "$JF_CMED" "$(mb "$(maxrss "$OUT"/jfdb-*.txt)")"
printf '  %-34s %9.1f %9.1f %9.1f  %s   (%s)\n' "bridge -j fdb show (process)" "$BF_BEST" "$BF_MED" "$BF_CMED" "$(mb "$(maxrss "$OUT"/brfdb-*.txt)")" "$(ratio "$BF_MED" "$JF_MED")"
printf '  %-34s %9.1f %9.1f %9.1f  %s   (%s)\n' "pyroute2 0.7.2 fdb('dump')" "$PF_BEST" "$PF_MED" "$PF_CMED" "$(mb "$(maxrss "$OUT"/pyfdb-*.txt)")" "$(ratio "$PF_MED" "$JF_MED")"
echo "raw output: $OUT"
