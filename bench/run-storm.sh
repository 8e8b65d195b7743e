#!/usr/bin/env bash
# Broadcast storm benchmark: jnetlink's listeners against pyroute2 0.7.2 and `ip monitor`, side by side.
#
#   sudo bench/run-storm.sh
#
# A storm is EVENTS (200,000) RTM_NEWROUTE events: WRITERS (2) parallel `ip -n NS -batch FILE` writers
# each add EVENTS/WRITERS /32 routes on lo to table TABLE (100) of a fresh network namespace; writer w
# takes 10.(4w).0.0/14. Listeners (each bound to RTNLGRP_IPV4_ROUTE, counting the events of TABLE):
#   jnl-reader-decode   StormBench --mode reader-decode: jnetlink's reader thread; the consumer decodes
#                       every attribute (toMap on an rtmsg + RTA_* schema)
#   jnl-reader-stall    StormBench --mode reader-stall: the same, the consumer sleeps 2 s first
#   jnl-sync            StormBench --mode sync: no reader thread, a plain get() loop
#   py-sync             bench/py/storm_pyroute2.py --mode sync: pyroute2 0.7.2, a loop on ipr.get()
#   py-async_cache      the same with bind(async_cache=True)
#   ip-monitor          `ip -n NS monitor route` to a file; lines with "table TABLE" counted
# and variants of the jnetlink ones:
#   +warm               StormBench --prewarm: bound without groups, 500 route dumps through the socket,
#                       then the group joined; the receive path is compiled before the first event
#   @rmem_default       SO_RCVBUF 106496, which the kernel doubles to 212992 = net.core.rmem_default:
#                       the queue of a socket nobody sized
#   @rcvbuf4m           SO_RCVBUF 4 MiB (capped at net.core.rmem_max; doubled): the README's advice for
#                       loaded machines
# Every other listener keeps its library's default, SO_RCVBUF 1 MiB (2 MiB in the kernel).
#
# Phases (RUN, comma-separated, default isolated,together,sweep):
#   isolated  each listener alone in its own fresh namespace, one storm each, ROUNDS times
#   together  the first six listeners at once on one storm, as research/anchors.md measured, ROUNDS times
#   sweep     the highest event rate with zero loss: the writers are paced (bench/py/pace.py feeding
#             `ip -batch -`) at each rate of SWEEP_RATES (events/s, 0 = unpaced) for SWEEP_LISTENERS and
#             of SWEEP_PY_RATES for py-sync, SWEEP_RUNS storms per rate, each in a fresh namespace
# For each storm it records the event rate (EVENTS / wall time of the writers), the load average before it,
# and each listener's result line; then it prints the tables. Namespaces are removed and the processes it
# started are stopped on every exit, including failures and signals.
#
# Settings (environment): EVENTS (200000), WRITERS (2), TABLE (100), IDLE (5: a listener stops after
# that many seconds without an event), ROUNDS (3), RUN, LISTENERS (isolated phase, space-separated),
# SWEEP_LISTENERS ("jnl-reader-decode jnl-reader-decode+warm"), SWEEP_RATES ("50000 75000 100000 125000 0"),
# SWEEP_PY_RATES ("20000 30000 40000 50000"), SWEEP_RUNS (3),
# JAVA_OPTS (none), JAVA_HOME (used when it is a JDK 25 or later; else /usr/lib/jvm/*25* is searched).
# Needs: root, iproute2 (ip), /usr/bin/python3 with pyroute2 (apt-get install python3-pyroute2);
# Maven only when the jars must be (re)built. Raw output is kept in bench/target/storm-<date>/.
set -euo pipefail

EVENTS=${EVENTS:-200000}
WRITERS=${WRITERS:-2}
TABLE=${TABLE:-100}
IDLE=${IDLE:-5}
ROUNDS=${ROUNDS:-3}
RUN=${RUN:-isolated,together,sweep}
DEFAULT_LISTENERS="jnl-reader-decode jnl-reader-stall jnl-sync jnl-reader-decode+warm jnl-reader-stall+warm"
DEFAULT_LISTENERS+=" py-sync py-async_cache ip-monitor jnl-reader-decode+warm@rmem_default jnl-reader-stall+warm@rmem_default"
DEFAULT_LISTENERS+=" jnl-reader-decode@rcvbuf4m jnl-reader-stall@rcvbuf4m"
LISTENERS=${LISTENERS:-$DEFAULT_LISTENERS}
TOGETHER="jnl-reader-decode jnl-reader-stall jnl-sync py-sync py-async_cache ip-monitor"
SWEEP_LISTENERS=${SWEEP_LISTENERS:-"jnl-reader-decode jnl-reader-decode+warm"}
SWEEP_RATES=${SWEEP_RATES:-"50000 75000 100000 125000 0"}
SWEEP_PY_RATES=${SWEEP_PY_RATES:-"20000 30000 40000 50000"}
SWEEP_RUNS=${SWEEP_RUNS:-3}
JAVA_OPTS=${JAVA_OPTS:-}
PY=/usr/bin/python3

die() {
    echo "run-storm.sh: $*" >&2
    exit 1
}

for v in EVENTS WRITERS TABLE IDLE ROUNDS SWEEP_RUNS; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((WRITERS >= 1 && WRITERS <= 16)) || die "WRITERS must be 1..16"
((EVENTS >= WRITERS && EVENTS / WRITERS <= 262144)) || die "EVENTS/WRITERS must be 1..262144 (each writer has a /14)"
((EVENTS % WRITERS == 0)) || die "EVENTS must be a multiple of WRITERS"
((TABLE >= 1 && TABLE <= 252)) || die "TABLE must be 1..252 (a table number that fits rtm_table)"
((IDLE >= 1 && ROUNDS >= 1 && SWEEP_RUNS >= 1)) || die "IDLE, ROUNDS and SWEEP_RUNS must be at least 1"
for r in $SWEEP_RATES $SWEEP_PY_RATES; do
    [[ $r =~ ^[0-9]+$ ]] || die "SWEEP_RATES and SWEEP_PY_RATES are whole numbers (events/s, 0 = unpaced), got '$r'"
done
for l in $LISTENERS $SWEEP_LISTENERS; do
    [[ $l =~ ^jnl-(reader-decode|reader-stall|sync)(\+warm)?(@rmem_default|@rcvbuf4m)?$|^py-(sync|async_cache)$|^ip-monitor$ ]] \
        || die "unknown listener '$l' (known: jnl-reader-decode, jnl-reader-stall, jnl-sync, each with +warm and/or @rmem_default or @rcvbuf4m; py-sync, py-async_cache, ip-monitor)"
done
IFS=, read -r -a PHASES <<<"$RUN"
for p in "${PHASES[@]}"; do
    [[ $p == isolated || $p == together || $p == sweep ]] || die "RUN lists isolated, together and sweep; got '$p'"
done

[[ $(id -u) -eq 0 ]] || die "must run as root: it creates network namespaces and adds routes (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed (apt-get install iproute2)"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"
[[ -x $PY ]] || die "$PY is missing: pyroute2's listener runs on Debian's python3 (apt-get install python3-pyroute2)"
PYROUTE2=$($PY -c 'import importlib.metadata as m, pyroute2; print(m.version("pyroute2"))' 2>/dev/null) \
    || die "pyroute2 is not installed for $PY (apt-get install python3-pyroute2)"
[[ $PYROUTE2 == 0.7.2 ]] || echo "run-storm.sh: note: pyroute2 is $PYROUTE2 here; the documented numbers are for 0.7.2" >&2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# ---------------------------------------------------------------- JDK 25 and the jars
. bench/lib.sh

# ---------------------------------------------------------------- clean-up
OUT=bench/target/storm-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
cleanup() {
    stop_started
    rm -f "$OUT"/*.batch "$OUT"/*.fifo
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- writers' input
PER=$((EVENTS / WRITERS))
for ((w = 0; w < WRITERS; w++)); do
    awk -v n="$PER" -v b=$((4 * w)) -v t="$TABLE" 'BEGIN { for (i = 0; i < n; i++)
        printf "route add 10.%d.%d.%d/32 dev lo table %d\n", b + int(i / 65536), int(i / 256) % 256, i % 256, t }' \
        >"$OUT/w$w.batch"
done

now() { date +%s.%N; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# storm NS RATE: runs the writers (RATE events/s in total, 0 = as fast as they go); sets STORM_S and STORM_RATE
storm() {
    local ns=$1 rate=$2 w t0 t1 pids=() pacers=() st=0
    t0=$(now)
    for ((w = 0; w < WRITERS; w++)); do
        if ((rate == 0)); then
            ip -n "$ns" -batch "$OUT/w$w.batch" >"$OUT/writer$w.log" 2>&1 &
            pids+=($!)
            PIDS[$!]=1
        else
            rm -f "$OUT/w$w.fifo"
            mkfifo "$OUT/w$w.fifo"
            ip -n "$ns" -batch "$OUT/w$w.fifo" >"$OUT/writer$w.log" 2>&1 &
            pids+=($!)
            PIDS[$!]=1
            $PY bench/py/pace.py --rate "$(awk -v r="$rate" -v n="$WRITERS" 'BEGIN { print r / n }')" "$OUT/w$w.batch" \
                >"$OUT/w$w.fifo" &
            pacers+=($!)
            PIDS[$!]=1
        fi
    done
    for w in "${pids[@]}"; do
        reap "$w" || st=1
    done
    for w in "${pacers[@]}"; do
        reap "$w" || st=1
    done
    t1=$(now)
    ((st == 0)) || die "an 'ip -batch' writer failed: see $OUT/writer*.log"
    STORM_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    STORM_RATE=$(awk -v s="$STORM_S" -v n="$EVENTS" 'BEGIN { printf "%d", n / s }')
}

# start LISTENER NS FILE-PREFIX: starts it in the background; sets LPID
start() {
    local l=$1 ns=$2 f=$3 args=()
    case $l in
        jnl-*)
            local mode=${l#jnl-}
            mode=${mode%@*}
            mode=${mode%+warm}
            args=(--netns "$ns" --mode "$mode" --expect "$EVENTS" --table "$TABLE" --idle-exit "$IDLE")
            [[ $l == *@rmem_default ]] && args+=(--rcvbuf 106496)
            [[ $l == *@rcvbuf4m ]] && args+=(--rcvbuf 4194304)
            [[ $l == *+warm* ]] && args+=(--prewarm)
            # shellcheck disable=SC2086
            "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.StormBench "${args[@]}" \
                >"$f.out" 2>"$f.err" &
            ;;
        py-*)
            $PY bench/py/storm_pyroute2.py --netns "$ns" --mode "${l#py-}" --expect "$EVENTS" --table "$TABLE" \
                --idle-exit "$IDLE" >"$f.out" 2>"$f.err" &
            ;;
        ip-monitor)
            ip -n "$ns" monitor route >"$f.out" 2>"$f.err" &
            ;;
    esac
    LPID=$!
    PIDS[$LPID]=1
}

netlink_inodes() { # the inodes of the netlink sockets of process $1 that are bound to groups, one per line
    local pid=$1
    ls -l "/proc/$pid/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p' | while read -r i; do
        awk -v i="$i" '$10 == i && $4 != "00000000" { print i }' "/proc/$pid/net/netlink" 2>/dev/null
    done
}

# ready LISTENER PID FILE-PREFIX: waits until it is bound (READY line, or for ip monitor a bound socket)
ready() {
    local l=$1 pid=$2 f=$3 i
    for ((i = 0; i < 1200; i++)); do
        kill -0 "$pid" 2>/dev/null || die "$l exited before it was ready: see $f.err"
        if [[ $l == ip-monitor ]]; then
            [[ -n $(netlink_inodes "$pid") ]] && { now >"$f.ready"; return; }
        elif grep -q '^READY' "$f.out" 2>/dev/null; then
            now >"$f.ready"
            return
        fi
        sleep 0.05
    done
    die "$l was not ready after 60 s: see $f.err"
}

proc_field() { # proc_field PID KEY: KEY's kB value in /proc/PID/status
    awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null
}

# finish LISTENER PID FILE-PREFIX NS: waits for the listener's end and writes its result line into FILE-PREFIX.result
finish() {
    local l=$1 pid=$2 f=$3 ns=$4 i
    if [[ $l != ip-monitor ]]; then
        for ((i = 0; i < (IDLE + 120) * 10; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        local why=no_result_line
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            why=no_result_after_$((IDLE + 120))s
        fi
        reap "$pid" || true
        grep '^result' "$f.out" >"$f.result" || echo "result received=0 error=$why" >"$f.result"
        return
    fi
    # ip monitor never exits by itself: stop it once it has every event or its output stopped growing for IDLE s
    local got size last_size=-1 still=0 inode drops tick stat cpu hwm wall rb
    for ((i = 0; i < (IDLE + 120) * 10; i++)); do
        got=$(grep -c " table $TABLE " "$f.out" || true)
        ((got >= EVENTS)) && break
        size=$(stat -c %s "$f.out")
        if ((size == last_size)); then
            still=$((still + 1))
            ((still >= IDLE * 10)) && break
        else
            still=0
            last_size=$size
        fi
        sleep 0.1
    done
    inode=$(netlink_inodes "$pid" | head -1)
    drops=$(awk -v i="$inode" '$10 == i { print $9 }' "/proc/$pid/net/netlink" 2>/dev/null)
    tick=$(getconf CLK_TCK)
    stat=$(sed 's/.*) //' "/proc/$pid/stat")
    cpu=$(awk -v t="$tick" '{ printf "user_s=%.2f sys_s=%.2f cpu_s=%.2f", $12 / t, $13 / t, ($12 + $13) / t }' <<<"$stat")
    hwm=$(proc_field "$pid" VmHWM)
    rb=$(ss -N "$ns" -f netlink -m -p 2>/dev/null | grep -m1 "ip/$pid" | sed -n 's/.*,rb\([0-9]*\),.*/\1/p' || true)
    kill "$pid" 2>/dev/null || true
    reap "$pid" || true
    got=$(grep -c " table $TABLE " "$f.out" || true)
    wall=$(awk -v a="$(cat "$f.ready")" -v b="$(stat -c %.9Y "$f.out")" 'BEGIN { printf "%.3f", b - a }')
    echo "result received=$got expected=$EVENTS overruns=$(grep -c 'No buffer space' "$f.err" || true)" \
        "kernel_drops=${drops:--} queue_drops=- other=$(($(wc -l <"$f.out") - got)) $cpu reader_cpu_s=- wall_s=$wall" \
        "rss_kb=${hwm:--} rcvbuf=${rb:--} decoded=-" >"$f.result"
}

RESULTS=$OUT/results.txt
: >"$RESULTS"
# record PHASE ROUND LISTENER RATE-TARGET FILE-PREFIX LOAD
record() {
    echo "phase=$1 round=$2 listener=$3 target=$4 rate=$STORM_RATE storm_s=$STORM_S load=$6 $(sed 's/^result //' "$5.result")" \
        >>"$RESULTS"
}

# one storm with LISTENERS... in one fresh namespace
run_storm() { # run_storm PHASE ROUND RATE LISTENER...
    local phase=$1 round=$2 rate=$3 l i load
    shift 3
    local names=("$@") pids=() files=()
    new_ns jnl-storm
    for l in "${names[@]}"; do
        files+=("$OUT/$phase-$round-$rate-${l//@/-}")
        start "$l" "$NS" "${files[-1]}"
        pids+=("$LPID")
    done
    for i in "${!names[@]}"; do
        ready "${names[$i]}" "${pids[$i]}" "${files[$i]}"
    done
    load=$(loadavg)
    storm "$NS" "$rate"
    for i in "${!names[@]}"; do
        finish "${names[$i]}" "${pids[$i]}" "${files[$i]}" "$NS"
        record "$phase" "$round" "${names[$i]}" "$rate" "${files[$i]}" "$load"
        echo "  $(printf "%-36s" "${names[$i]}") $(grep -o 'received=[0-9]*' "${files[$i]}.result")/$EVENTS" \
            "at $STORM_RATE events/s (load $load)"
    done
    drop_ns "$NS" "$TABLE"
}

# ---------------------------------------------------------------- machine
{
    echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:      $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "kernel:    $(uname -r); net.core.rmem_default $(cat /proc/sys/net/core/rmem_default), rmem_max $(cat /proc/sys/net/core/rmem_max)"
    echo "java:      $("$JAVA" -version 2>&1 | head -1); $("$JAVA" -version 2>&1 | sed -n 2p)"
    echo "jvm:       ${JAVA_OPTS:-(no JAVA_OPTS)}"
    echo "python:    $($PY --version 2>&1), pyroute2 $PYROUTE2"
    echo "ip:        $(ip -V)"
    echo "storm:     $EVENTS events, $WRITERS writers of $PER routes, table $TABLE; idle exit $IDLE s"
    echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

for p in "${PHASES[@]}"; do
    case $p in
        isolated)
            for ((r = 1; r <= ROUNDS; r++)); do
                echo "isolated, round $r/$ROUNDS:"
                for l in $LISTENERS; do
                    run_storm isolated "$r" 0 "$l"
                done
            done
            ;;
        together)
            for ((r = 1; r <= ROUNDS; r++)); do
                echo "together, round $r/$ROUNDS:"
                # shellcheck disable=SC2086
                run_storm together "$r" 0 $TOGETHER
            done
            ;;
        sweep)
            for l in $SWEEP_LISTENERS; do
                for rate in $SWEEP_RATES; do
                    for ((r = 1; r <= SWEEP_RUNS; r++)); do
                        echo "sweep $l, target $rate events/s (0 = unpaced), run $r/$SWEEP_RUNS:"
                        run_storm sweep "$r" "$rate" "$l"
                    done
                done
            done
            for rate in $SWEEP_PY_RATES; do
                for ((r = 1; r <= SWEEP_RUNS; r++)); do
                    echo "sweep py-sync, target $rate events/s (0 = unpaced), run $r/$SWEEP_RUNS:"
                    run_storm sweep "$r" "$rate" py-sync
                done
            done
            ;;
    esac
done
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

# ---------------------------------------------------------------- tables
table() { # table PHASE: one row per storm and listener
    awk -v phase="$1" -v n="$EVENTS" '
        function v(k) { return (k in f) ? f[k] : "-" }
        function mb(k) { return (k in f && f[k] != "-") ? sprintf("%.0f MB", f[k] / 1024) : "-" }
        function kib(k) { return (k in f && f[k] != "-") ? sprintf("%d KiB", f[k] / 1024) : "-" }
        BEGIN {
            printf "| %-44s | %5s | %16s | %8s | %9s | %7s | %7s | %7s | %8s | %13s | %4s |\n", "listener", "round",
                "received", "ENOBUFS", "k. drops", "CPU s", "wall s", "RSS", "rcvbuf", "events/s", "load"
            printf "| %-44s | %5s | %16s | %8s | %9s | %7s | %7s | %7s | %8s | %13s | %4s |\n", "---", "---:", "---:",
                "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"
        }
        { delete f; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = substr($i, length(kv[1]) + 2) } }
        f["phase"] == phase {
            note = ("aborted" in f) ? " (" f["aborted"] ")" : (("error" in f) ? " (error)" : "")
            if (f["buffer_thread"] == "stopped") note = note " (thread stopped)"
            printf "| %-44s | %5s | %16s | %8s | %9s | %7s | %7s | %7s | %8s | %13s | %4s |\n", f["listener"] note, f["round"],
                v("received") " / " n, v("overruns"), v("kernel_drops"), v("cpu_s"), v("wall_s"), mb("rss_kb"),
                kib("rcvbuf"), v("rate"), v("load")
        }' "$RESULTS"
}
summary() { # summary PHASE: per listener, storms with every event and the range received
    awk -v phase="$1" -v n="$EVENTS" '
        { delete f; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
        f["phase"] == phase {
            l = f["listener"]; if (!(l in runs)) order[++k] = l
            runs[l]++; if (f["received"] + 0 == n) full[l]++
            if (!(l in lo) || f["received"] + 0 < lo[l]) lo[l] = f["received"] + 0
            if (!(l in hi) || f["received"] + 0 > hi[l]) hi[l] = f["received"] + 0
        }
        END { for (i = 1; i <= k; i++) { l = order[i]
            printf "  %-36s all %d events in %d of %d storms; received %d..%d\n", l, n, full[l] + 0, runs[l], lo[l], hi[l] } }' "$RESULTS"
}
sweep_table() {
    awk -v n="$EVENTS" '
        { delete f; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
        f["phase"] == "sweep" {
            key = f["listener"] " " f["target"]; if (!(key in runs)) order[++k] = key
            runs[key]++; if (f["received"] + 0 == n) full[key]++
            rates[key] = rates[key] (rates[key] == "" ? "" : ", ") f["rate"]
            got[key] = got[key] (got[key] == "" ? "" : ", ") f["received"]
            loads[key] = loads[key] (loads[key] == "" ? "" : ", ") f["load"]
        }
        END {
            printf "| %-24s | %9s | %-24s | %-24s | %8s | %-16s |\n", "listener", "target /s", "achieved events/s",
                "received", "lossless", "load"
            printf "| %-24s | %9s | %-24s | %-24s | %8s | %-16s |\n", "---", "---:", "---", "---", "---:", "---"
            for (i = 1; i <= k; i++) { key = order[i]; split(key, p, " ")
                printf "| %-24s | %9s | %-24s | %-24s | %8s | %-16s |\n", p[1], p[2] == 0 ? "unpaced" : p[2],
                    rates[key], got[key], (full[key] + 0) "/" runs[key], loads[key]
                # the highest achieved rate of a target whose every storm was lossless
                if (full[key] == runs[key]) { split(rates[key], rr, ", "); m = rr[1]
                    for (j in rr) if (rr[j] + 0 < m + 0) m = rr[j]
                    if (m + 0 > best[p[1]] + 0) best[p[1]] = m }
            }
            for (l in best) printf "highest rate with zero loss in every storm, %s: %d events/s (the slowest storm of that target)\n", l, best[l]
        }' "$RESULTS"
}
{
    for p in "${PHASES[@]}"; do
        echo
        case $p in
            isolated) echo "Each listener alone, one storm of $EVENTS route events ($WRITERS ip -batch writers, unpaced):" ;;
            together) echo "All six listeners at once on one storm of $EVENTS route events:" ;;
            sweep) echo "Paced storms of $EVENTS events, one listener each (zero-loss rate):" ;;
        esac
        echo
        if [[ $p == sweep ]]; then
            sweep_table
        else
            table "$p"
            echo
            summary "$p"
        fi
    done
    echo
    echo "received: events of table $TABLE counted; ENOBUFS: overruns the listener saw (jnetlink: OverrunException;"
    echo "pyroute2: OSError ENOBUFS; ip monitor: 'No buffer space' lines); k. drops: the socket's kernel drop counter;"
    echo "CPU s: user + sys of the whole process from READY; wall s: READY to the last counted event; RSS: peak;"
    echo "rcvbuf: the socket's effective SO_RCVBUF (the kernel's queue limit, double what was asked for);"
    echo "events/s: $EVENTS / the writers' wall time; load: 1-minute load average before the storm."
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"
