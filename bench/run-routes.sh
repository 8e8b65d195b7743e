#!/usr/bin/env bash
# IPRoute benchmark (issues 4 and 12): a route dump decoded into Route objects, and sequential single-link gets,
# side by side with C, iproute2 and pyroute2 in one run.
#
#   sudo bench/run-routes.sh
#
# Creates a fresh network namespace, adds ROUTES (default 262,144) /32 IPv4 routes on lo in it, then dumps
# every IPv4 route of every table (262,147 with the local table's 3) in ROUNDS rounds, each running, one
# process after the other:
#   - bench/c/rtdump.c: a bare recvmsg loop reading every header, the floor (RUNS dumps after WARMUP);
#   - RawDumpBench: jnetlink core alone, NetlinkSocket.stream with every header read (no decoding), to split
#     the time between the core's receive path and the route decoding;
#   - RouteDumpBench (stream, java -Xmx$STREAM_XMX): IPRoute.routes(query, consumer), every field of every
#     Route read and the route dropped: the streaming mode the heap goal is about;
#   - RouteDumpBench --mode list (JVM default heap): IPRoute.routes(query), the whole table kept as a List;
#   - `ip -4 -j route show table all` to /dev/null, IP_RUNS processes (each timed whole, RSS by /usr/bin/time);
#   - bench/py/routes_pyroute2.py: pyroute2 0.7.2 get_routes(family=AF_INET), every attribute read, PY_RUNS
#     dumps in one process.
# Route counts and a content checksum (dst + dst_len + table + oif + proto + scope + type) must agree between
# jnetlink and pyroute2; ip's JSON array is counted once. Then, GET_ROUNDS rounds of sequential single-link
# gets of lo (ifindex 1) in the same namespace: bench/c/linkget.c (RTM_GETLINK + ACK, GET_COUNT requests per
# run) against LinkGetBench (IPRoute.link(1), every field of the Link read). It prints both tables: best and
# median, ratios to C and pyroute2/jnetlink, heap peak and peak RSS. The namespace is removed on every exit.
#
# Settings (environment): RUNS (10), WARMUP (5), ROUNDS (3), ROUTES (262144), IP_RUNS (3 per round),
# PY_RUNS (1 per round), STREAM_XMX (64m), GET_COUNT (10000), GET_RUNS (10), GET_WARMUP (5), GET_ROUNDS (3),
# JAVA_OPTS (none; added to every JVM), JAVA_HOME (used when it is a JDK 25 or later).
# Needs: root, iproute2 (ip), gcc, /usr/bin/time, /usr/bin/python3 with pyroute2 (apt-get install
# python3-pyroute2); Maven only when the jars must be (re)built.
# Raw output of every process is kept in bench/target/routes-<date>/.
set -euo pipefail

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-3}
ROUTES=${ROUTES:-262144}
IP_RUNS=${IP_RUNS:-3}
PY_RUNS=${PY_RUNS:-1}
STREAM_XMX=${STREAM_XMX:-64m}
GET_COUNT=${GET_COUNT:-10000}
GET_RUNS=${GET_RUNS:-10}
GET_WARMUP=${GET_WARMUP:-5}
GET_ROUNDS=${GET_ROUNDS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
PY=/usr/bin/python3

die() {
    echo "run-routes.sh: $*" >&2
    exit 1
}

for v in RUNS WARMUP ROUNDS ROUTES IP_RUNS PY_RUNS GET_COUNT GET_RUNS GET_WARMUP GET_ROUNDS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((RUNS >= 1 && ROUNDS >= 1 && IP_RUNS >= 1 && PY_RUNS >= 1)) || die "RUNS, ROUNDS, IP_RUNS and PY_RUNS must be at least 1"
((GET_COUNT >= 1 && GET_RUNS >= 1 && GET_ROUNDS >= 1)) || die "GET_COUNT, GET_RUNS and GET_ROUNDS must be at least 1"
((ROUTES >= 1 && ROUTES <= 16777216)) || die "ROUTES must be 1..16777216 (they are taken from 10.0.0.0/8)"
[[ $STREAM_XMX =~ ^[0-9]+[kmgKMG]?$ ]] || die "STREAM_XMX must be a -Xmx size such as 64m, got '$STREAM_XMX'"

[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace and adds routes (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed (apt-get install iproute2)"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"
command -v gcc >/dev/null || die "gcc is not installed (apt-get install gcc): it builds bench/c/rtdump.c and linkget.c"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (apt-get install time): it measures ip's peak RSS"
[[ -x $PY ]] || die "$PY is missing"
PYROUTE2=$("$PY" -c 'import importlib.metadata as m; print(m.version("pyroute2"))' 2>/dev/null) \
    || die "pyroute2 is not installed for $PY (apt-get install python3-pyroute2)"
[[ $PYROUTE2 == 0.7.2 ]] || echo "run-routes.sh: note: pyroute2 $PYROUTE2 (the documented results are for 0.7.2)" >&2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ---------------------------------------------------------------- JDK 25, the jars, the C programs
. bench/lib.sh

for prog in rtdump linkget; do
    if [[ ! -x bench/target/$prog || bench/c/$prog.c -nt bench/target/$prog || bench/c/floor.h -nt bench/target/$prog ]]; then
        gcc -O2 -Wall -Wextra -o "bench/target/$prog" "bench/c/$prog.c" || die "gcc could not build bench/c/$prog.c"
    fi
done

# ---------------------------------------------------------------- namespace
NS=jnl-routes-$$
OUT=bench/target/routes-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
cleanup() {
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-routes.sh: could not remove namespace $NS; remove it with: ip netns del $NS" >&2
    fi
    rm -f "$OUT/routes.batch" "$OUT/ip.json"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS" || die "could not create network namespace $NS"
NS_MADE=1
fill_routes "$NS" "$ROUTES" "$OUT/routes.batch" || die "adding the routes failed"

{
    echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:     $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "kernel:   $(uname -r)"
    echo "java:     $("$JAVA" -version 2>&1 | head -1); $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "jvm:      ${JAVA_OPTS:-(no JAVA_OPTS)}; stream mode -Xmx$STREAM_XMX; ergonomics: $("$JAVA" $JAVA_OPTS \
        -XX:+PrintCommandLineFlags -version 2>/dev/null | head -1 | tr ' ' '\n' | grep -E 'Use.*GC|HeapSize=' | tr '\n' ' ')"
    echo "gcc:      $(gcc --version | head -1)"
    echo "ip:       $(ip -V)"
    echo "pyroute2: $PYROUTE2 ($("$PY" --version 2>&1))"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

java_run() { # java_run CLASS [JVM options --] ARGS...
    local cls=$1 jvm=()
    shift
    while [[ $# -gt 0 && $1 != -- ]]; do jvm+=("$1"); shift; done
    shift
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS "${jvm[@]}" --enable-native-access=ALL-UNNAMED -cp "$CP" "io.jnetlink.bench.$cls" "$@"
}

# ip_runs N FILE: N timed `ip -4 -j route show table all` processes, in rtdump's line shapes.
ip_runs() {
    local i t0 t1 rss=0 r u s
    for ((i = 1; i <= $1; i++)); do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$OUT/ip-time.txt" ip -n "$NS" -4 -j route show table all >/dev/null \
            || die "ip -j route show failed"
        t1=$(date +%s%N)
        read -r r u s <"$OUT/ip-time.txt"
        ((r > rss)) && rss=$r
        awk -v i="$i" -v t="$(((t1 - t0) / 1000))" -v u="$u" -v s="$s" \
            'BEGIN { printf "run %d measured time_ms=%.3f cpu_ms=%.3f\n", i, t / 1000, (u + s) * 1000 }'
    done
    echo "summary max_rss_kb=$rss"
}

# ---------------------------------------------------------------- route dump
for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS: C recv loop ..."
    ip netns exec "$NS" bench/target/rtdump "$RUNS" "$WARMUP" >"$OUT/c-$r.txt" || die "rtdump failed (see $OUT/c-$r.txt)"
    echo "round $r/$ROUNDS: jnetlink core, headers only ..."
    java_run RawDumpBench -- --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" >"$OUT/raw-$r.txt" \
        || die "RawDumpBench failed (see $OUT/raw-$r.txt)"
    echo "round $r/$ROUNDS: jnetlink IPRoute.routes, streaming, -Xmx$STREAM_XMX ..."
    java_run RouteDumpBench "-Xmx$STREAM_XMX" -- --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" >"$OUT/stream-$r.txt" \
        || die "RouteDumpBench failed (see $OUT/stream-$r.txt)"
    echo "round $r/$ROUNDS: jnetlink IPRoute.routes, list, default heap ..."
    java_run RouteDumpBench -- --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" --mode list >"$OUT/list-$r.txt" \
        || die "RouteDumpBench --mode list failed (see $OUT/list-$r.txt)"
    echo "round $r/$ROUNDS: ip -j route show ..."
    ip_runs "$IP_RUNS" >"$OUT/ip-$r.txt"
    echo "round $r/$ROUNDS: pyroute2 get_routes ..."
    ip netns exec "$NS" "$PY" bench/py/routes_pyroute2.py --runs "$PY_RUNS" >"$OUT/py-$r.txt" \
        || die "routes_pyroute2.py failed (see $OUT/py-$r.txt)"
done
ip -n "$NS" -4 -j route show table all >"$OUT/ip.json"
IP_MSG=$("$PY" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$OUT/ip.json")

# ---------------------------------------------------------------- single-link get
for ((r = 1; r <= GET_ROUNDS; r++)); do
    echo "get round $r/$GET_ROUNDS: C request loop ..."
    ip netns exec "$NS" bench/target/linkget 1 "$GET_COUNT" "$GET_RUNS" "$GET_WARMUP" >"$OUT/getc-$r.txt" \
        || die "linkget failed (see $OUT/getc-$r.txt)"
    echo "get round $r/$GET_ROUNDS: jnetlink IPRoute.link ..."
    java_run LinkGetBench -- --netns "$NS" --index 1 --count "$GET_COUNT" --runs "$GET_RUNS" --warmup "$GET_WARMUP" \
        >"$OUT/getj-$r.txt" || die "LinkGetBench failed (see $OUT/getj-$r.txt)"
done
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- tables
read -r C_BEST C_MED _ C_CMED C_N < <(stats "$OUT"/c-*.txt)
read -r W_BEST W_MED _ W_CMED W_N < <(stats "$OUT"/raw-*.txt)
read -r S_BEST S_MED _ S_CMED S_N < <(stats "$OUT"/stream-*.txt)
read -r L_BEST L_MED _ L_CMED L_N < <(stats "$OUT"/list-*.txt)
read -r I_BEST I_MED _ I_CMED I_N < <(stats "$OUT"/ip-*.txt)
read -r P_BEST P_MED _ P_CMED P_N < <(stats "$OUT"/py-*.txt)
C_MSG=$(field "$OUT/c-1.txt" messages)
S_MSG=$(field "$OUT/stream-1.txt" messages)
L_MSG=$(field "$OUT/list-1.txt" messages)
P_MSG=$(field "$OUT/py-1.txt" messages)
S_SUM=$(field "$OUT/stream-1.txt" checksum)
L_SUM=$(field "$OUT/list-1.txt" checksum)
P_SUM=$(field "$OUT/py-1.txt" checksum)
MATCH=yes
[[ $C_MSG == "$S_MSG" && $S_MSG == "$L_MSG" && $S_MSG == "$P_MSG" && $S_MSG == "$IP_MSG" \
    && $S_SUM == "$L_SUM" && $S_SUM == "$P_SUM" ]] || MATCH=NO

{
    echo
    echo "Route dump, $ROUTES routes ($C_MSG IPv4 routes of every table), $ROUNDS rounds; C and Java $RUNS measured dumps"
    echo "after $WARMUP warm-up per process, ip $IP_RUNS processes per round, pyroute2 $PY_RUNS dump(s) per round"
    echo
    row() { printf "| %-25s | %11s | %10s | %14s | %12s | %10s | %10s |\n" "$@"; }
    row "" "C recv loop" "core only" "IPRoute stream" "IPRoute list" "ip -j" "pyroute2"
    row "------------------------" "----------" "----------" "----------" "----------" "----------" "----------"
    row "best time per dump (ms)" "$C_BEST" "$W_BEST" "$S_BEST" "$L_BEST" "$I_BEST" "$P_BEST"
    row "median time per dump (ms)" "$C_MED" "$W_MED" "$S_MED" "$L_MED" "$I_MED" "$P_MED"
    row "median CPU per dump (ms)" "$C_CMED" "$W_CMED" "$S_CMED" "$L_CMED" "$I_CMED" "$P_CMED"
    row "median / C median" "1.00x" "$(ratio "$W_MED" "$C_MED")" "$(ratio "$S_MED" "$C_MED")" \
        "$(ratio "$L_MED" "$C_MED")" "$(ratio "$I_MED" "$C_MED")" "$(ratio "$P_MED" "$C_MED")"
    row "pyroute2 / this (median)" "$(ratio "$P_MED" "$C_MED")" "" "$(ratio "$P_MED" "$S_MED")" \
        "$(ratio "$P_MED" "$L_MED")" "$(ratio "$P_MED" "$I_MED")" "1.00x"
    row "routes per dump" "$C_MSG" "$(field "$OUT/raw-1.txt" messages)" "$S_MSG" "$L_MSG" "$IP_MSG" "$P_MSG"
    row "Java heap peak" "-" "$(mb "$(maxf heap_peak_kb "$OUT"/raw-*.txt)")" "$(mb "$(maxf heap_peak_kb "$OUT"/stream-*.txt)")" \
        "$(mb "$(maxf heap_peak_kb "$OUT"/list-*.txt)")" "-" "-"
    row "peak RSS of the process" "$(mb "$(maxf max_rss_kb "$OUT"/c-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/raw-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/stream-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/list-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/ip-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/py-*.txt)")"
    row "allocated per dump" "-" "$(mb "$(field "$OUT/raw-1.txt" alloc_per_run_kb)")" \
        "$(mb "$(field "$OUT/stream-1.txt" alloc_per_run_kb)")" "$(mb "$(field "$OUT/list-1.txt" alloc_per_run_kb)")" "-" "-"
    per_msg() { awk -v kb="$(field "$1" alloc_per_run_kb)" -v n="$(field "$1" messages)" 'BEGIN { printf "%.0f B", kb * 1024 / n }'; }
    row "allocated per route" "-" "$(per_msg "$OUT/raw-1.txt")" "$(per_msg "$OUT/stream-1.txt")" \
        "$(per_msg "$OUT/list-1.txt")" "-" "-"
    echo
    echo "Content checksum: IPRoute stream $S_SUM, list $L_SUM, pyroute2 $P_SUM; route counts and checksums match: $MATCH."
    echo "GC during the measured dumps: stream (-Xmx$STREAM_XMX) $(gcs "$OUT"/stream-*.txt); list $(gcs "$OUT"/list-*.txt)."
    echo -n "Median per round, C / core only / IPRoute stream (ms):"
    for ((r = 1; r <= ROUNDS; r++)); do
        echo -n " [$r] $(field "$OUT/c-$r.txt" median_ms) / $(field "$OUT/raw-$r.txt" median_ms) / $(field "$OUT/stream-$r.txt" median_ms)"
    done
    echo
    goal() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { print (a <= f * b) ? "met" : "not met" }'; }
    echo "Goals (issue 12, on the medians): core only <= 1.2x C: $(ratio "$W_MED" "$C_MED") -> $(goal "$W_MED" "$C_MED" 1.2);" \
        "IPRoute stream <= 1.5x C: $(ratio "$S_MED" "$C_MED") -> $(goal "$S_MED" "$C_MED" 1.5);" \
        ">= 150x faster than pyroute2: $(ratio "$P_MED" "$S_MED") -> $(awk -v a="$P_MED" -v b="$S_MED" \
        'BEGIN { print (a >= 150 * b) ? "met" : "not met" }'); heap peak <= 64 MB streaming:" \
        "$(mb "$(maxf heap_peak_kb "$OUT"/stream-*.txt)") under -Xmx$STREAM_XMX -> $(awk -v k="$(maxf heap_peak_kb "$OUT"/stream-*.txt)" \
        'BEGIN { print (k <= 65536) ? "met" : "not met" }')."

    read -r GC_BEST GC_MED _ GC_CMED GC_N < <(stats "$OUT"/getc-*.txt)
    read -r GJ_BEST GJ_MED _ GJ_CMED GJ_N < <(stats "$OUT"/getj-*.txt)
    us() { awk -v ms="$1" -v n="$GET_COUNT" 'BEGIN { printf "%.2f", ms * 1000 / n }'; }
    echo
    echo "Single-link get (RTM_GETLINK of lo + ACK), $GET_COUNT sequential requests per run, $GET_ROUNDS rounds x $GET_RUNS runs"
    echo
    grow() { printf "| %-26s | %14s | %15s | %10s |\n" "$@"; }
    grow "" "C request loop" "IPRoute.link(1)" "jnetlink/C"
    grow "--------------------------" "------------" "--------------" "----------"
    grow "best per get (us)" "$(us "$GC_BEST")" "$(us "$GJ_BEST")" "$(ratio "$GJ_BEST" "$GC_BEST")"
    grow "median per get (us)" "$(us "$GC_MED")" "$(us "$GJ_MED")" "$(ratio "$GJ_MED" "$GC_MED")"
    grow "median CPU per get (us)" "$(us "$GC_CMED")" "$(us "$GJ_CMED")" "$(ratio "$GJ_CMED" "$GC_CMED")"
    grow "peak RSS of the process" "$(mb "$(maxf max_rss_kb "$OUT"/getc-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/getj-*.txt)")" ""
    echo
    echo "Reply: $(field "$OUT/getc-1.txt" reply_bytes) bytes. Goal jnetlink <= 1.5x C (median): $(ratio "$GJ_MED" "$GC_MED") -> $(awk \
        -v a="$GJ_MED" -v b="$GC_MED" 'BEGIN { print (a <= 1.5 * b) ? "met" : "not met" }')."
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"

[[ $MATCH == yes ]] || die "the readers disagree on the routes (count or checksum): see $OUT"
