#!/usr/bin/env bash
# Raw dump benchmark of jnetlink core against a C recv loop, side by side in one run.
#
#   sudo bench/run-rawdump.sh
#
# Creates a fresh network namespace, adds ROUTES (default 262,144) /32 IPv4 routes on lo in it, then
# dumps them (RTM_GETROUTE, AF_INET) in ROUNDS rounds, each running, one process after the other,
#   - bench/c/rtdump.c: a bare recvmsg loop over a 32 KiB buffer, the floor;
#   - RawDumpBench --mode bare: the same loop in Java through FFM (what the JVM costs);
#   - RawDumpBench: jnetlink's NetlinkSocket.stream, every message split and its header read;
# with WARMUP unmeasured + RUNS measured dumps per process. Then RawDumpBench --mode replay serves
# the captured datagrams from memory (jnetlink's own cost, no kernel). It prints a table: best and
# median time per dump, the ratio jnetlink / C, datagrams, messages, a header checksum that must
# agree, and memory. The namespace is removed on every exit.
#
# Settings (environment): RUNS (10), WARMUP (5), ROUNDS (3), ROUTES (262144), JAVA_OPTS (none),
# JAVA_HOME (used when it is a JDK 25 or later; else /usr/lib/jvm/*25* is searched).
# Needs: root, iproute2 (ip), gcc; Maven only when the jars must be (re)built.
# Raw output of every process is kept in bench/target/rawdump-<date>/.
set -euo pipefail

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-3}
ROUTES=${ROUTES:-262144}
JAVA_OPTS=${JAVA_OPTS:-}

die() {
    echo "run-rawdump.sh: $*" >&2
    exit 1
}

for v in RUNS WARMUP ROUNDS ROUTES; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((RUNS >= 1 && ROUNDS >= 1)) || die "RUNS and ROUNDS must be at least 1"
((ROUTES >= 1 && ROUTES <= 16777216)) || die "ROUTES must be 1..16777216 (they are taken from 10.0.0.0/8)"

[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace and adds routes (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed (apt-get install iproute2)"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"
command -v gcc >/dev/null || die "gcc is not installed (apt-get install gcc): it builds the C floor bench/c/rtdump.c"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ---------------------------------------------------------------- JDK 25 and the jars
. bench/lib.sh

RTDUMP=bench/target/rtdump
if [[ ! -x $RTDUMP || bench/c/rtdump.c -nt $RTDUMP || bench/c/floor.h -nt $RTDUMP ]]; then
    gcc -O2 -Wall -Wextra -o "$RTDUMP" bench/c/rtdump.c || die "gcc could not build bench/c/rtdump.c"
fi

# ---------------------------------------------------------------- namespace
NS=jnl-bench-$$
OUT=bench/target/rawdump-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
cleanup() {
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-rawdump.sh: could not remove namespace $NS; remove it with: ip netns del $NS" >&2
    fi
    rm -f "$OUT/routes.batch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS" || die "could not create network namespace $NS"
NS_MADE=1
fill_routes "$NS" "$ROUTES" "$OUT/routes.batch" || die "adding the routes failed"

# ---------------------------------------------------------------- runs
{
    echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:    $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "kernel:  $(uname -r)"
    echo "java:    $("$JAVA" -version 2>&1 | head -1); $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "jvm:     ${JAVA_OPTS:-(no JAVA_OPTS)}; ergonomics: $("$JAVA" $JAVA_OPTS -XX:+PrintCommandLineFlags -version 2>/dev/null \
        | head -1 | tr ' ' '\n' | grep -E 'Use.*GC|HeapSize=|CICompilerCount' | tr '\n' ' ')"
    echo "gcc:     $(gcc --version | head -1)"
    echo "ip:      $(ip -V)"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

java_bench() {
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.RawDumpBench \
        --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" "$@"
}
for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS: C ..."
    ip netns exec "$NS" "$RTDUMP" "$RUNS" "$WARMUP" >"$OUT/c-$r.txt" || die "rtdump failed (see $OUT/c-$r.txt)"
    echo "round $r/$ROUNDS: Java bare FFM loop ..."
    java_bench --mode bare >"$OUT/bare-$r.txt" || die "RawDumpBench --mode bare failed (see $OUT/bare-$r.txt)"
    echo "round $r/$ROUNDS: jnetlink ..."
    java_bench >"$OUT/java-$r.txt" || die "RawDumpBench failed (see $OUT/java-$r.txt)"
done
echo "jnetlink, replayed datagrams ..."
java_bench --mode replay >"$OUT/replay.txt" || die "RawDumpBench --mode replay failed (see $OUT/replay.txt)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- table
read -r C_BEST C_MED C_CBEST C_CMED C_N < <(stats "$OUT"/c-*.txt)
read -r B_BEST B_MED B_CBEST B_CMED B_N < <(stats "$OUT"/bare-*.txt)
read -r J_BEST J_MED J_CBEST J_CMED J_N < <(stats "$OUT"/java-*.txt)
read -r R_BEST R_MED R_CBEST R_CMED R_N < <(stats "$OUT"/replay.txt)
C_DG=$(field "$OUT/c-1.txt" datagrams)
C_MSG=$(field "$OUT/c-1.txt" messages)
C_SUM=$(field "$OUT/c-1.txt" checksum)
C_RSS=$(for f in "$OUT"/c-*.txt; do field "$f" max_rss_kb; done | sort -n | tail -1)
B_DG=$(field "$OUT/bare-1.txt" datagrams)
B_MSG=$(field "$OUT/bare-1.txt" messages)
B_SUM=$(field "$OUT/bare-1.txt" checksum)
B_RSS=$(for f in "$OUT"/bare-*.txt; do field "$f" max_rss_kb; done | sort -n | tail -1)
J_DG=$(field "$OUT/java-1.txt" datagrams)
J_MSG=$(field "$OUT/java-1.txt" messages)
J_SUM=$(field "$OUT/java-1.txt" checksum)
J_RSS=$(for f in "$OUT"/java-*.txt; do field "$f" max_rss_kb; done | sort -n | tail -1)
J_HEAP=$(for f in "$OUT"/java-*.txt; do field "$f" heap_peak_kb; done | sort -n | tail -1)
J_ALLOC=$(field "$OUT/java-1.txt" alloc_per_run_kb)
J_GC=$(for f in "$OUT"/java-*.txt; do echo "$(field "$f" gc_count) $(field "$f" gc_ms)"; done \
    | awk '{ n += $1; ms += $2 } END { printf "%d collections, %d ms", n, ms }')

MATCH=yes
[[ $C_MSG == "$J_MSG" && $C_SUM == "$J_SUM" && $C_MSG == "$B_MSG" && $C_SUM == "$B_SUM" ]] || MATCH=NO

{
    echo
    echo "Raw route dump, $ROUTES routes (IPv4 dump of $C_MSG messages), $ROUNDS rounds x $RUNS measured dumps after $WARMUP warm-up each"
    echo
    row() { printf "| %-26s | %12s | %12s | %12s | %10s |\n" "$@"; }
    row "" "C recv loop" "Java bare FFM" "jnetlink" "jnetlink/C"
    row "--------------------------" "------------" "------------" "------------" "----------"
    row "best time per dump (ms)" "$C_BEST" "$B_BEST" "$J_BEST" "$(ratio "$J_BEST" "$C_BEST")"
    row "median time per dump (ms)" "$C_MED" "$B_MED" "$J_MED" "$(ratio "$J_MED" "$C_MED")"
    row "median CPU per dump (ms)" "$C_CMED" "$B_CMED" "$J_CMED" "$(ratio "$J_CMED" "$C_CMED")"
    row "datagrams per dump" "$C_DG" "$B_DG" "$J_DG" ""
    row "messages per dump" "$C_MSG" "$B_MSG" "$J_MSG" ""
    row "header checksum" "$C_SUM" "$B_SUM" "$J_SUM" "match: $MATCH"
    row "peak RSS of the process" "$(mb "$C_RSS")" "$(mb "$B_RSS")" "$(mb "$J_RSS")" ""
    row "Java heap peak" "-" "" "$(mb "$J_HEAP")" ""
    row "allocated per dump" "-" "" "$(mb "$J_ALLOC")" ""
    echo
    echo "Measured dumps: C $C_N, Java bare $B_N, jnetlink $J_N; jnetlink GC during them: $J_GC."
    echo -n "Median per round, C / Java bare / jnetlink (ms):"
    for ((r = 1; r <= ROUNDS; r++)); do
        echo -n " [$r] $(field "$OUT/c-$r.txt" median_ms) / $(field "$OUT/bare-$r.txt" median_ms) / $(field "$OUT/java-$r.txt" median_ms)"
    done
    echo
    echo "jnetlink alone (replayed datagrams, no kernel): best $R_BEST ms, median $R_MED ms per dump."
    echo "Goal jnetlink <= 1.2x C: median $(ratio "$J_MED" "$C_MED"), best $(ratio "$J_BEST" "$C_BEST") -> $(awk -v a="$J_MED" -v b="$C_MED" 'BEGIN { print (a <= 1.2 * b) ? "met" : "not met" }') (on the median)."
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"

[[ $MATCH == yes ]] || die "C and jnetlink disagree on the messages (count or checksum): see $OUT"
