#!/usr/bin/env bash
# Conntrack benchmark (issue 15): a dump of the connection tracking table decoded into ConntrackEntry records,
# side by side with conntrack-tools and pyroute2 in one run.
#
#   sudo bench/run-conntrack.sh
#
# Creates a fresh network namespace and ENTRIES (default 100,000) TCP entries in it with bench/c/ctfill.c (64
# IPCTNL_MSG_CT_NEW requests per datagram, as conntrack -I would make them one by one: ESTABLISHED, ASSURED, timeout
# 3600 s, marks 0-15), then dumps the whole table in ROUNDS rounds, each running, one process after the other:
#   - ConntrackDumpBench (stream, java -Xmx$STREAM_XMX): Conntrack.entries(query, consumer), every field of every
#     entry read and the entry dropped;
#   - ConntrackDumpBench --mode list (JVM default heap): Conntrack.entries(query), the whole table kept as a List;
#   - `conntrack -L` to /dev/null, CT_RUNS processes per round (each timed whole, RSS by /usr/bin/time);
#   - bench/py/conntrack_pyroute2.py: pyroute2 0.7.2 Conntrack().dump_entries(), every entry read, PY_RUNS dumps in
#     one process.
# Entry counts and a content checksum (source address + ports + protocol + mark) must agree between jnetlink and
# pyroute2; conntrack's lines are counted once. It prints best and median times, CPU, the ratios and peak RSS. The
# namespace is removed on every exit.
#
# Settings (environment): ENTRIES (100000), RUNS (10), WARMUP (5), ROUNDS (3), CT_RUNS (3 per round), PY_RUNS (1 per
# round; one pyroute2 dump of 100,000 entries takes about half a minute), STREAM_XMX (64m), JAVA_OPTS (none),
# JAVA_HOME (used when it is a JDK 25 or later).
# Needs: root, iproute2 (ip), conntrack (apt-get install conntrack), gcc, /usr/bin/time, /usr/bin/python3 with
# pyroute2 (apt-get install python3-pyroute2); Maven only when the jars must be (re)built.
# Raw output of every process is kept in bench/target/conntrack-<date>/.
set -euo pipefail

ENTRIES=${ENTRIES:-100000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-3}
CT_RUNS=${CT_RUNS:-3}
PY_RUNS=${PY_RUNS:-1}
STREAM_XMX=${STREAM_XMX:-64m}
JAVA_OPTS=${JAVA_OPTS:-}
PY=/usr/bin/python3

die() {
    echo "run-conntrack.sh: $*" >&2
    exit 1
}

for v in ENTRIES RUNS WARMUP ROUNDS CT_RUNS PY_RUNS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((RUNS >= 1 && ROUNDS >= 1 && CT_RUNS >= 1 && PY_RUNS >= 1)) || die "RUNS, ROUNDS, CT_RUNS and PY_RUNS must be at least 1"
((ENTRIES >= 1 && ENTRIES <= 16000000)) || die "ENTRIES must be 1..16000000"
[[ $STREAM_XMX =~ ^[0-9]+[kmgKMG]?$ ]] || die "STREAM_XMX must be a -Xmx size such as 64m, got '$STREAM_XMX'"

[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace and conntrack entries (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed (apt-get install iproute2)"
command -v conntrack >/dev/null || die "'conntrack' is not installed (apt-get install conntrack)"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"
command -v gcc >/dev/null || die "gcc is not installed (apt-get install gcc): it builds bench/c/ctfill.c"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (apt-get install time): it measures conntrack's peak RSS"
[[ -x $PY ]] || die "$PY is missing"
PYROUTE2=$("$PY" -c 'import importlib.metadata as m; print(m.version("pyroute2"))' 2>/dev/null) \
    || die "pyroute2 is not installed for $PY (apt-get install python3-pyroute2)"
[[ $PYROUTE2 == 0.7.2 ]] || echo "run-conntrack.sh: note: pyroute2 $PYROUTE2 (the documented results are for 0.7.2)" >&2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ---------------------------------------------------------------- JDK 25, the jars, the C filler
. bench/lib.sh

if [[ ! -x bench/target/ctfill || bench/c/ctfill.c -nt bench/target/ctfill ]]; then
    gcc -O2 -Wall -Wextra -o bench/target/ctfill bench/c/ctfill.c || die "gcc could not build bench/c/ctfill.c"
fi

# ---------------------------------------------------------------- namespace and table
NS=jnl-conntrack-$$
OUT=bench/target/conntrack-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
cleanup() {
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-conntrack.sh: could not remove namespace $NS; remove it with: ip netns del $NS" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS" || die "could not create network namespace $NS"
NS_MADE=1
MAX=$(ip netns exec "$NS" cat /proc/sys/net/netfilter/nf_conntrack_max)
if ((MAX < ENTRIES)); then
    # writable from the initial namespace only (kernel 6.x); it is a global limit
    sysctl -q -w net.netfilter.nf_conntrack_max="$ENTRIES" || die "nf_conntrack_max is $MAX, below $ENTRIES"
fi
t0=$(date +%s.%N)
ip netns exec "$NS" bench/target/ctfill "$ENTRIES" || die "ctfill could not make the entries"
t1=$(date +%s.%N)
COUNT=$(ip netns exec "$NS" conntrack -C)
[[ $COUNT == "$ENTRIES" ]] || die "the table has $COUNT entries, not $ENTRIES"
echo "namespace $NS: $ENTRIES entries made in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"

{
    echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:      $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "kernel:    $(uname -r)"
    echo "java:      $("$JAVA" -version 2>&1 | head -1); $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "jvm:       ${JAVA_OPTS:-(no JAVA_OPTS)}; stream mode -Xmx$STREAM_XMX"
    echo "conntrack: $(conntrack --version 2>&1 | head -1)"
    echo "pyroute2:  $PYROUTE2 ($("$PY" --version 2>&1))"
    echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

java_run() { # java_run CLASS [JVM options --] ARGS...
    local cls=$1 jvm=()
    shift
    while [[ $# -gt 0 && $1 != -- ]]; do jvm+=("$1"); shift; done
    shift
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS "${jvm[@]}" --enable-native-access=ALL-UNNAMED -cp "$CP" "io.jnetlink.bench.$cls" "$@"
}

# ct_runs N: N timed `conntrack -L` processes, in the other readers' line shapes.
ct_runs() {
    local i t0 t1 rss=0 r u s
    for ((i = 1; i <= $1; i++)); do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$OUT/ct-time.txt" ip netns exec "$NS" conntrack -L >/dev/null 2>"$OUT/ct-err.txt" \
            || die "conntrack -L failed: $(cat "$OUT/ct-err.txt")"
        t1=$(date +%s%N)
        read -r r u s <"$OUT/ct-time.txt"
        ((r > rss)) && rss=$r
        awk -v i="$i" -v t="$(((t1 - t0) / 1000))" -v u="$u" -v s="$s" \
            'BEGIN { printf "run %d measured time_ms=%.3f cpu_ms=%.3f\n", i, t / 1000, (u + s) * 1000 }'
    done
    echo "summary max_rss_kb=$rss"
}

# ---------------------------------------------------------------- dumps
for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r/$ROUNDS: jnetlink Conntrack.entries, streaming, -Xmx$STREAM_XMX ..."
    java_run ConntrackDumpBench "-Xmx$STREAM_XMX" -- --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" >"$OUT/stream-$r.txt" \
        || die "ConntrackDumpBench failed (see $OUT/stream-$r.txt)"
    echo "round $r/$ROUNDS: jnetlink Conntrack.entries, list, default heap ..."
    java_run ConntrackDumpBench -- --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" --mode list >"$OUT/list-$r.txt" \
        || die "ConntrackDumpBench --mode list failed (see $OUT/list-$r.txt)"
    echo "round $r/$ROUNDS: conntrack -L ..."
    ct_runs "$CT_RUNS" >"$OUT/ct-$r.txt"
    echo "round $r/$ROUNDS: pyroute2 Conntrack.dump_entries ..."
    ip netns exec "$NS" "$PY" bench/py/conntrack_pyroute2.py --runs "$PY_RUNS" >"$OUT/py-$r.txt" \
        || die "conntrack_pyroute2.py failed (see $OUT/py-$r.txt)"
done
CT_MSG=$(ip netns exec "$NS" conntrack -L 2>/dev/null | wc -l)
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- table
read -r S_BEST S_MED _ S_CMED _ < <(stats "$OUT"/stream-*.txt)
read -r L_BEST L_MED _ L_CMED _ < <(stats "$OUT"/list-*.txt)
read -r C_BEST C_MED _ C_CMED _ < <(stats "$OUT"/ct-*.txt)
read -r P_BEST P_MED _ P_CMED _ < <(stats "$OUT"/py-*.txt)
S_MSG=$(field "$OUT/stream-1.txt" messages)
L_MSG=$(field "$OUT/list-1.txt" messages)
P_MSG=$(field "$OUT/py-1.txt" messages)
S_SUM=$(field "$OUT/stream-1.txt" checksum)
L_SUM=$(field "$OUT/list-1.txt" checksum)
P_SUM=$(field "$OUT/py-1.txt" checksum)
MATCH=yes
[[ $S_MSG == "$ENTRIES" && $L_MSG == "$ENTRIES" && $P_MSG == "$ENTRIES" && $CT_MSG == "$ENTRIES" \
    && $S_SUM == "$L_SUM" && $S_SUM == "$P_SUM" ]] || MATCH=NO

{
    echo
    echo "Conntrack dump, $ENTRIES TCP entries, $ROUNDS rounds; Java $RUNS measured dumps after $WARMUP warm-up per"
    echo "process, conntrack -L $CT_RUNS processes per round, pyroute2 $PY_RUNS dump(s) per round"
    echo
    row() { printf "| %-28s | %16s | %14s | %13s | %12s |\n" "$@"; }
    row "" "Conntrack stream" "Conntrack list" "conntrack -L" "pyroute2"
    row "--------------------------" "------------" "----------" "-----------" "----------"
    row "best time per dump (ms)" "$S_BEST" "$L_BEST" "$C_BEST" "$P_BEST"
    row "median time per dump (ms)" "$S_MED" "$L_MED" "$C_MED" "$P_MED"
    row "median CPU per dump (ms)" "$S_CMED" "$L_CMED" "$C_CMED" "$P_CMED"
    row "this / conntrack -L (median)" "$(ratio "$S_MED" "$C_MED")" "$(ratio "$L_MED" "$C_MED")" "1.00x" \
        "$(ratio "$P_MED" "$C_MED")"
    row "pyroute2 / this (median)" "$(ratio "$P_MED" "$S_MED")" "$(ratio "$P_MED" "$L_MED")" \
        "$(ratio "$P_MED" "$C_MED")" "1.00x"
    row "entries per dump" "$S_MSG" "$L_MSG" "$CT_MSG" "$P_MSG"
    row "Java heap peak" "$(mb "$(maxf heap_peak_kb "$OUT"/stream-*.txt)")" "$(mb "$(maxf heap_peak_kb "$OUT"/list-*.txt)")" \
        "-" "-"
    row "peak RSS of the process" "$(mb "$(maxf max_rss_kb "$OUT"/stream-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/list-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/ct-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/py-*.txt)")"
    row "allocated per dump" "$(mb "$(field "$OUT/stream-1.txt" alloc_per_run_kb)")" \
        "$(mb "$(field "$OUT/list-1.txt" alloc_per_run_kb)")" "-" "-"
    echo
    echo "Content checksum: Conntrack stream $S_SUM, list $L_SUM, pyroute2 $P_SUM; entry counts and checksums match: $MATCH."
    echo "GC during the measured dumps: stream (-Xmx$STREAM_XMX) $(gcs "$OUT"/stream-*.txt); list $(gcs "$OUT"/list-*.txt)."
    echo -n "Median per round, Conntrack stream / conntrack -L (ms):"
    for ((r = 1; r <= ROUNDS; r++)); do
        echo -n " [$r] $(field "$OUT/stream-$r.txt" median_ms) / $(stats "$OUT/ct-$r.txt" | cut -d' ' -f2)"
    done
    echo
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"

[[ $MATCH == yes ]] || die "the readers disagree on the entries (count or checksum): see $OUT"
