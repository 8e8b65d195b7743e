#!/usr/bin/env bash
# jnl as a command (issue 14): its start and a big JSON dump, side by side with ip in one run.
#
#   sudo bench/run-cli.sh
#
# 1. Start: `./jnl link show` against `ip link show`, a bare JVM (`java -Xshare:auto -version` of the same JDK)
#    and jnl's own java command (the launcher's options) without its start-up cache (what the cache saves), in a
#    namespace holding lo and one veth pair: WARMUP rounds, then RUNS rounds, each round running the four one after
#    the other (alternating, so that a change of load hits all alike).
# 2. Dump: `./jnl -j route show` against `ip -j route show` on ROUTES (default 262,144) /32 routes in the main
#    table of a namespace of their own (fill_routes, as bench/lib.sh's), output to /dev/null, the same way with
#    DUMP_WARMUP and DUMP_RUNS rounds; first both outputs are checked to be the same bytes.
# Every measured command runs at real-time priority (`chrt -f 50`, all of them alike) so that other jobs on a
# shared machine do not preempt it; PRIO=normal measures at normal priority instead.
# Each run's wall time is taken with bash's $EPOCHREALTIME (no process around the command); CPU time (user and
# system, 10 ms resolution) from the shell's children times. Printed: median and best wall time, median CPU,
# and each median's ratio to ip's. Both namespaces are removed on every exit. The jars are built first when
# missing (./jnl --build), and the start-up cache is made before anything is measured. Raw times (one line per
# run: command index, wall ms, user ms, sys ms) in bench/target/cli-<date>/.
#
# Settings (environment): RUNS (30), WARMUP (5), ROUTES (262144), DUMP_RUNS (10), DUMP_WARMUP (2), PRIO (rt).
# Needs: root, iproute2, bash 5, python3, Maven when the jars must be built.
set -euo pipefail

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-5}
ROUTES=${ROUTES:-262144}
DUMP_RUNS=${DUMP_RUNS:-10}
DUMP_WARMUP=${DUMP_WARMUP:-2}
PRIO=${PRIO:-rt}

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
[[ -n ${EPOCHREALTIME:-} ]] || die "needs bash 5 (\$EPOCHREALTIME)"
case $PRIO in
    rt) run=(chrt -f 50) ;;
    normal) run=() ;;
    *) die "PRIO must be rt or normal, got '$PRIO'" ;;
esac
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
cpu_ms=

# cpu: sets cpu_ms to the user and system milliseconds the shell's children have used so far ("U S"); runs in
# this shell (a subshell would count its own children), through a file
cpu() {
    local self user sys
    times >"$out/.times"
    { read -r self; read -r user sys; } <"$out/.times" # "0m1.230s 0m0.450s"
    cpu_ms="$(ms "$user") $(ms "$sys")"
}
ms() { # ms 1m2.345s: 62345
    local m=${1%%m*} s=${1#*m}
    s=${s%s}
    echo $((10#$m * 60000 + 10#${s%.*} * 1000 + 10#${s#*.}))
}
# rounds FILE WARMUP RUNS CMD1 -- CMD2 -- ...: runs every command once per round, in turn; appends
# "index wall_ms user_ms sys_ms" for each measured run to FILE, then prints the summary
rounds() {
    local file=$1 warm=$2 runs=$3 i c t0 t1 c0 c1 cur=""
    shift 3
    local -a cmds=()
    for a in "$@"; do
        if [[ $a == -- ]]; then cmds+=("$cur"); cur=""; else cur+="${cur:+ }$a"; fi
    done
    cmds+=("$cur")
    for ((i = 0; i < warm + runs; i++)); do
        for c in "${!cmds[@]}"; do
            cpu
            c0=$cpu_ms
            t0=$EPOCHREALTIME
            "${run[@]}" ${cmds[c]} >/dev/null 2>&1
            t1=$EPOCHREALTIME
            cpu
            c1=$cpu_ms
            if ((i >= warm)); then
                echo "$c $t0 $t1 $c0 $c1" >>"$file.raw"
            fi
        done
    done
    # index, wall ms, user ms, sys ms
    awk '{ printf "%d %.3f %d %d\n", $1, ($3 - $2) * 1000, $6 - $4, $7 - $5 }' "$file.raw" >"$file"
    rm -f "$file.raw"
    python3 -c '
import re, statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
cmds = sys.argv[2:]
def med(i, k):
    return statistics.median(float(r[k]) for r in rows if int(r[0]) == i)
base = med(1, 1)
for i, c in enumerate(cmds):
    walls = [float(r[1]) for r in rows if int(r[0]) == i]
    c = re.sub(r"\S*/bin/java", "java", c)
    c = (c.split(" -XX:")[0] + " (jnl without its cache)") if "--enable" in c else c
    print("%-46s median %8.1f ms  best %8.1f ms  cpu %6.0f + %4.0f ms  %6.2fx ip (%d runs)"
          % (c[:46], med(i, 1), min(walls), med(i, 2), med(i, 3), med(i, 1) / base, len(walls)))
' "$file" "${cmds[@]}"
}

[[ -f cli/target/jnetlink-cli-0.1.0-SNAPSHOT.jar ]] || ./jnl --build
ip netns add "$small"
ip -n "$small" link set lo up
ip -n "$small" link add v0 type veth peer name v1
./jnl -n "$small" link show >/dev/null # makes the start-up cache when the jars are newer than it
[[ -f cli/target/jnl.aot ]] || die "the start-up cache cli/target/jnl.aot was not made"

echo "== start: $RUNS rounds, priority $PRIO (load $(cut -d' ' -f1-3 /proc/loadavg))"
t=cli/target
rounds "$out/start.txt" "$WARMUP" "$RUNS" ./jnl -n "$small" link show -- ip -n "$small" link show \
    -- "$JAVA" -Xshare:auto -version \
    -- "$JAVA" -XX:+UseSerialGC -Xmn8m -XX:TieredStopAtLevel=1 -XX:Tier3InvocationThreshold=100 \
    -XX:Tier3MinInvocationThreshold=50 -XX:Tier3CompileThreshold=1000 -XX:-UsePerfData \
    --enable-native-access=io.jnetlink.core --module-path "$t/jnetlink-cli-0.1.0-SNAPSHOT.jar:$t/lib" -m io.jnetlink.cli/io.jnetlink.cli.Main -n "$small" link show

ip netns add "$big"
ip -n "$big" link set lo up
awk -v n="$ROUTES" 'BEGIN { for (i = 0; i < n; i++)
    printf "route add 10.%d.%d.%d/32 dev lo\n", int(i / 65536), int(i / 256) % 256, i % 256 }' >"$out/routes.batch"
ip -n "$big" -batch "$out/routes.batch"
rm -f "$out/routes.batch"
cmp <(ip -n "$big" -j route show) <(./jnl -n "$big" -j route show) || die "jnl -j route show differs from ip's"
n=$(ip -n "$big" -j route show | grep -o '"dst"' | wc -l)
echo "== dump: -j route show of $n routes, the same bytes from both: $DUMP_RUNS rounds, priority $PRIO (load $(cut -d' ' -f1-3 /proc/loadavg))"
rounds "$out/dump.txt" "$DUMP_WARMUP" "$DUMP_RUNS" ./jnl -n "$big" -j route show -- ip -n "$big" -j route show
echo "raw times: $out (load at the end $(cut -d' ' -f1-3 /proc/loadavg))"
