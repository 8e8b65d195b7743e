#!/usr/bin/env bash
# Socket dump benchmark (issue 15): 10,000 TCP sockets listed by jnetlink's SockDiag, by ss and by pyroute2's
# DiagSocket, side by side on the same namespace and the same sockets.
#
#   sudo bench/run-ss.sh
#
# Creates a fresh network namespace, brings lo up and starts bench/py/ss_sockets.py in it, which holds PAIRS
# (default 5,000) connected TCP pairs over lo plus their listener: 2 * PAIRS + 1 sockets. Then, in ROUNDS rounds,
# for the plain dump (every TCP socket in every state, IPv4 then IPv6: `ss -tan`) and the dump with tcp_info
# (`ss -tain`), one process after the other:
#   - ss: SS_RUNS processes `ss -N NS -tan` (or -tain) to /dev/null, each timed whole (start-up, the two
#     dumps and its formatting), RSS by /usr/bin/time;
#   - SockDumpBench: SockDiag.inetSockets(query, consumer), every field of every InetSocket read (and TcpInfo
#     with --info), RUNS dumps after WARMUP in one JVM;
#   - bench/py/ss_pyroute2.py: pyroute2 0.7.2 DiagSocket.get_sock_stats for AF_INET and AF_INET6, every field
#     read, PY_RUNS dumps in one process.
# The socket counts of the three and the checksums of jnetlink and pyroute2 (ports + state, + snd_cwnd with
# tcp_info) must agree. It prints best and median per dump, the ratios and peak RSS; the namespace and the
# socket holder are removed on every exit.
#
# Settings (environment): PAIRS (5000), ROUNDS (3), RUNS (20), WARMUP (10), SS_RUNS (5 per round), PY_RUNS
# (3 per round), JAVA_OPTS (none; added to the JVM), JAVA_HOME (used when it is a JDK 25 or later).
# Needs: root, iproute2 (ip, ss), /usr/bin/time, /usr/bin/python3 with pyroute2 (apt-get install python3-pyroute2);
# Maven only when the jars must be (re)built. Raw output of every process is kept in bench/target/ss-<date>/.
set -euo pipefail

PAIRS=${PAIRS:-5000}
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-10}
SS_RUNS=${SS_RUNS:-5}
PY_RUNS=${PY_RUNS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
PY=/usr/bin/python3

die() {
    echo "run-ss.sh: $*" >&2
    exit 1
}

for v in PAIRS ROUNDS RUNS WARMUP SS_RUNS PY_RUNS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((ROUNDS >= 1 && RUNS >= 1 && SS_RUNS >= 1 && PY_RUNS >= 1)) || die "ROUNDS, RUNS, SS_RUNS and PY_RUNS must be at least 1"
((PAIRS >= 1 && PAIRS <= 30000)) || die "PAIRS must be 1..30000 (one listener, client ports from the ephemeral range)"

[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed (apt-get install iproute2)"
command -v ss >/dev/null || die "iproute2's 'ss' is not installed (apt-get install iproute2)"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (apt-get install time): it measures ss's peak RSS"
[[ -x $PY ]] || die "$PY is missing"
PYROUTE2=$("$PY" -c 'import importlib.metadata as m; print(m.version("pyroute2"))' 2>/dev/null) \
    || die "pyroute2 is not installed for $PY (apt-get install python3-pyroute2)"
[[ $PYROUTE2 == 0.7.2 ]] || echo "run-ss.sh: note: pyroute2 $PYROUTE2 (the documented results are for 0.7.2)" >&2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ---------------------------------------------------------------- JDK 25 and the jars
. bench/lib.sh

# ---------------------------------------------------------------- namespace and sockets
NS=jnl-ss-$$
OUT=bench/target/ss-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
HOLDER=
cleanup() {
    if [[ -n $HOLDER ]]; then
        exec 3>&- || true
        kill "$HOLDER" 2>/dev/null || true
        wait "$HOLDER" 2>/dev/null || true
    fi
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-ss.sh: could not remove namespace $NS; remove it with: ip netns del $NS" >&2
    fi
    rm -f "$OUT/hold.fifo"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS" || die "could not create network namespace $NS"
NS_MADE=1
ip -n "$NS" link set lo up
mkfifo "$OUT/hold.fifo"
t0=$(date +%s.%N)
ip netns exec "$NS" "$PY" bench/py/ss_sockets.py --pairs "$PAIRS" <"$OUT/hold.fifo" >"$OUT/hold.txt" 2>&1 &
HOLDER=$!
exec 3>"$OUT/hold.fifo"        # the holder keeps its sockets until this descriptor closes
for _ in $(seq 600); do
    grep -q '^ready' "$OUT/hold.txt" 2>/dev/null && break
    kill -0 "$HOLDER" 2>/dev/null || die "ss_sockets.py failed: $(cat "$OUT/hold.txt")"
    sleep 0.1
done
grep -q '^ready' "$OUT/hold.txt" || die "ss_sockets.py did not get ready in 60 s"
SOCKETS=$(awk '/^ready/ { print $2 }' "$OUT/hold.txt")
echo "namespace $NS: $SOCKETS TCP sockets held ($PAIRS pairs and a listener) in $(awk -v a="$t0" -v b="$(date +%s.%N)" \
    'BEGIN { printf "%.1f", b - a }') s"

{
    echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:     $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "kernel:   $(uname -r)"
    echo "java:     $("$JAVA" -version 2>&1 | head -1); $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "jvm:      ${JAVA_OPTS:-(no JAVA_OPTS)}"
    echo "ss:       $(ss -V)"
    echo "pyroute2: $PYROUTE2 ($("$PY" --version 2>&1))"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

# ss_runs N FLAGS: N timed `ss -N NS FLAGS` processes, in the line shapes of the other readers.
ss_runs() {
    local i t0 t1 rss=0 r u s
    for ((i = 1; i <= $1; i++)); do
        t0=$(date +%s%N)
        /usr/bin/time -f '%M %U %S' -o "$OUT/ss-time.txt" ss -N "$NS" "$2" >/dev/null || die "ss $2 failed"
        t1=$(date +%s%N)
        read -r r u s <"$OUT/ss-time.txt"
        ((r > rss)) && rss=$r
        awk -v i="$i" -v t="$(((t1 - t0) / 1000))" -v u="$u" -v s="$s" \
            'BEGIN { printf "run %d measured time_ms=%.3f cpu_ms=%.3f\n", i, t / 1000, (u + s) * 1000 }'
    done
    echo "summary max_rss_kb=$rss messages=$(ss -N "$NS" -H "$2" | grep -vc '^	')"
}

java_run() {
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.SockDumpBench "$@"
}

for ((r = 1; r <= ROUNDS; r++)); do
    for mode in plain info; do
        flags=-tan
        extra=()
        if [[ $mode == info ]]; then
            flags=-tain
            extra=(--info)
        fi
        echo "round $r/$ROUNDS, $mode: ss $flags ..."
        ss_runs "$SS_RUNS" "$flags" >"$OUT/ss-$mode-$r.txt"
        echo "round $r/$ROUNDS, $mode: jnetlink SockDiag ..."
        java_run --netns "$NS" --runs "$RUNS" --warmup "$WARMUP" "${extra[@]}" >"$OUT/jnl-$mode-$r.txt" \
            || die "SockDumpBench failed (see $OUT/jnl-$mode-$r.txt)"
        echo "round $r/$ROUNDS, $mode: pyroute2 DiagSocket ..."
        ip netns exec "$NS" "$PY" bench/py/ss_pyroute2.py --runs "$PY_RUNS" "${extra[@]}" >"$OUT/py-$mode-$r.txt" \
            || die "ss_pyroute2.py failed (see $OUT/py-$mode-$r.txt)"
    done
done
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- table
MATCH=yes
{
    echo
    echo "Socket dump, $SOCKETS TCP sockets (IPv4 and IPv6 dumps, every state), $ROUNDS rounds: ss $SS_RUNS processes"
    echo "per round, jnetlink $RUNS dumps after $WARMUP warm-up in one JVM, pyroute2 $PY_RUNS dumps in one process"
    echo
    row() { printf "| %-34s | %12s | %12s | %12s | %12s | %12s | %12s |\n" "$@"; }
    row "" "ss -tan" "SockDiag" "pyroute2" "ss -tain" "SockDiag -i" "pyroute2 -i"
    row "----------------------------------" "----------" "----------" "----------" "----------" "----------" "----------"
    declare -A B M C
    for mode in plain info; do
        for who in ss jnl py; do
            read -r B[$who-$mode] M[$who-$mode] _ C[$who-$mode] _ < <(stats "$OUT"/$who-$mode-*.txt)
        done
    done
    row "best time per dump (ms)" "${B[ss-plain]}" "${B[jnl-plain]}" "${B[py-plain]}" "${B[ss-info]}" "${B[jnl-info]}" "${B[py-info]}"
    row "median time per dump (ms)" "${M[ss-plain]}" "${M[jnl-plain]}" "${M[py-plain]}" "${M[ss-info]}" "${M[jnl-info]}" "${M[py-info]}"
    row "median CPU per dump (ms)" "${C[ss-plain]}" "${C[jnl-plain]}" "${C[py-plain]}" "${C[ss-info]}" "${C[jnl-info]}" "${C[py-info]}"
    row "median / SockDiag median" "$(ratio "${M[ss-plain]}" "${M[jnl-plain]}")" "1.00x" \
        "$(ratio "${M[py-plain]}" "${M[jnl-plain]}")" "$(ratio "${M[ss-info]}" "${M[jnl-info]}")" "1.00x" \
        "$(ratio "${M[py-info]}" "${M[jnl-info]}")"
    row "sockets per dump" "$(field "$OUT/ss-plain-1.txt" messages)" "$(field "$OUT/jnl-plain-1.txt" messages)" \
        "$(field "$OUT/py-plain-1.txt" messages)" "$(field "$OUT/ss-info-1.txt" messages)" \
        "$(field "$OUT/jnl-info-1.txt" messages)" "$(field "$OUT/py-info-1.txt" messages)"
    row "peak RSS of the process" "$(mb "$(maxf max_rss_kb "$OUT"/ss-plain-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/jnl-plain-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/py-plain-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/ss-info-*.txt)")" "$(mb "$(maxf max_rss_kb "$OUT"/jnl-info-*.txt)")" \
        "$(mb "$(maxf max_rss_kb "$OUT"/py-info-*.txt)")"
    row "Java heap peak" "-" "$(mb "$(maxf heap_peak_kb "$OUT"/jnl-plain-*.txt)")" "-" "-" \
        "$(mb "$(maxf heap_peak_kb "$OUT"/jnl-info-*.txt)")" "-"
    echo
    for mode in plain info; do
        n=$(field "$OUT/ss-$mode-1.txt" messages)
        j=$(field "$OUT/jnl-$mode-1.txt" messages)
        p=$(field "$OUT/py-$mode-1.txt" messages)
        jc=$(field "$OUT/jnl-$mode-1.txt" checksum)
        pc=$(field "$OUT/py-$mode-1.txt" checksum)
        agree=yes
        [[ $n == "$j" && $j == "$p" && $jc == "$pc" ]] || agree=NO
        [[ $agree == yes ]] || MATCH=NO
        echo "$mode: sockets ss $n, jnetlink $j, pyroute2 $p; checksum jnetlink $jc, pyroute2 $pc; agree: $agree"
    done
    echo "ss's time is a whole process each (start-up, the IPv4 and IPv6 dumps, formatting to /dev/null); jnetlink's"
    echo "and pyroute2's are per dump in a running process."
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"

[[ $MATCH == yes ]] || die "the readers disagree on the sockets (count or checksum): see $OUT"
