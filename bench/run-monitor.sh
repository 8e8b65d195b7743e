#!/usr/bin/env bash
# Zero lost broadcasts (issue 13): `jnl monitor route` and jnetlink's listeners against `ip monitor route`, side by
# side on the same storms, with stdout read promptly and stalled, in fresh JVMs, and in runs forced to lose.
#
#   sudo bench/run-monitor.sh
#
# A storm: WRITERS (2) parallel `ip -n NS -batch FILE` writers add EVENTS (200,000) /32 routes on lo to table TABLE
# (100) of a fresh namespace (writer w takes 10.(4w).0.0/14), so the kernel sends EVENTS RTM_NEWROUTE notifications;
# each listener counts those of TABLE. Real loss is counted from the writers' side: EVENTS less what was received
# (every writer must succeed, so every line made one notification).
#
# Phases (RUN, comma-separated, default cli,fresh,loss); each listener runs alone on its own storm in its own
# fresh namespace:
#   cli    ROUNDS (5) storms each for
#            jnl-monitor         ./jnl -n NS monitor route, stdout to a file
#            jnl-monitor-stall   the same, but nobody reads its stdout (a pipe) for STALL (3) s from the storm's start
#            ip-monitor          ip -n NS monitor route, stdout to a file
#            ip-monitor-stall    the same, stalled like jnl's
#   fresh  FRESH_RUNS (20) storms of FRESH_EVENTS (20,000) routes from one writer, each against a JVM started for it:
#            jnl-routemonitor    StormBench --mode monitor: RouteMonitor (routes, no resync) on an IPRoute
#            jnl-get             StormBench --mode reader-decode: raw get() with the reader thread
#            jnl-monitor         ./jnl monitor route
#            ip-monitor          the C floor
#   loss   LOSS_RUNS (5) storms forced to lose, each against
#            jnl-forced          StormBench --mode reader-stall --rcvbuf 1 --async-qsize LOSS_QSIZE (20000) --stall
#                                STALL: a kernel queue of two events and a buffer of 20,000 datagrams that nobody
#                                reads during the storm; it adds up the datagrams its overruns report lost
#            ip-monitor-stall    for comparison: ip says "No buffer space" without a count
# Every listener runs with its tool's defaults (jnetlink: NetlinkSocketSpec defaults, so a socket that joins groups
# asks for a 64 MiB kernel queue; iproute2: 1 MiB, doubled) except where said.
#
# For each storm it records the event rate (events / wall time of the writers), the 1-minute load average before
# it, the listener's result: received, the loss it reported (jnetlink: the sum of its overruns' counts; jnl monitor:
# the sum of its "N events lost" lines; ip: its "No buffer space" lines), the kernel drop counter of its socket,
# CPU, peak RSS, its kernel queue. Then it prints the tables. Namespaces are removed and the processes it started
# are stopped on every exit.
#
# Settings (environment): EVENTS, WRITERS, TABLE, ROUNDS, STALL, FRESH_EVENTS, FRESH_RUNS, LOSS_RUNS, LOSS_QSIZE,
# IDLE (5: a listener is done after that many seconds without output), RUN, JAVA_OPTS.
# Needs: root, iproute2, ss; the jars (built as run-storm.sh builds them) and ./jnl's start-up cache (made here).
# Raw output is kept in bench/target/monitor-<date>/.
set -euo pipefail

EVENTS=${EVENTS:-200000}
WRITERS=${WRITERS:-2}
TABLE=${TABLE:-100}
ROUNDS=${ROUNDS:-5}
STALL=${STALL:-3}
FRESH_EVENTS=${FRESH_EVENTS:-20000}
FRESH_RUNS=${FRESH_RUNS:-20}
LOSS_RUNS=${LOSS_RUNS:-5}
LOSS_QSIZE=${LOSS_QSIZE:-20000}
IDLE=${IDLE:-5}
RUN=${RUN:-cli,fresh,loss}
JAVA_OPTS=${JAVA_OPTS:-}

die() {
    echo "run-monitor.sh: $*" >&2
    exit 1
}

for v in EVENTS WRITERS TABLE ROUNDS STALL FRESH_EVENTS FRESH_RUNS LOSS_RUNS LOSS_QSIZE IDLE; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
((WRITERS >= 1 && WRITERS <= 16)) || die "WRITERS must be 1..16"
((EVENTS % WRITERS == 0 && EVENTS / WRITERS <= 262144)) || die "EVENTS must be a multiple of WRITERS, at most 262144 each"
((FRESH_EVENTS >= 1 && FRESH_EVENTS <= 262144)) || die "FRESH_EVENTS must be 1..262144"
((TABLE >= 1 && TABLE <= 252)) || die "TABLE must be 1..252"
((IDLE >= 1 && ROUNDS >= 1 && FRESH_RUNS >= 1 && LOSS_RUNS >= 1 && LOSS_QSIZE >= 1)) || die "counts must be at least 1"
IFS=, read -r -a PHASES <<<"$RUN"
for p in "${PHASES[@]}"; do
    [[ $p == cli || $p == fresh || $p == loss ]] || die "RUN lists cli, fresh and loss; got '$p'"
done
[[ $(id -u) -eq 0 ]] || die "must run as root: it creates network namespaces and adds routes (try: sudo $0)"
command -v ip >/dev/null || die "iproute2's 'ip' is not installed"
command -v ss >/dev/null || die "iproute2's 'ss' is not installed"
ip netns list >/dev/null 2>&1 || die "'ip netns' does not work here: network namespaces are needed"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
CLI_JAR=$(ls cli/target/jnetlink-cli-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)
[[ -n $CLI_JAR && -d cli/target/lib ]] || die "the cli jar is missing: build with 'mvn -DskipTests package' first"
[[ -z $(find core/src/main route/src/main cli/src/main -newer "$CLI_JAR" -print -quit) ]] \
    || die "the cli jar is older than the sources: build with 'mvn -DskipTests package' first"
./jnl help >/dev/null 2>&1 || die "./jnl does not run"
[[ -f cli/target/jnl.aot ]] || echo "run-monitor.sh: note: ./jnl has no start-up cache (cli/target/jnl.aot)" >&2

OUT=bench/target/monitor-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
cleanup() {
    stop_started
    rm -f "$OUT"/*.batch "$OUT"/*.fifo "$OUT"/*.go
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

batches() { # batches NAME TOTAL WRITERS: writes NAME-w.batch for each writer
    local w per=$(($2 / $3))
    for ((w = 0; w < $3; w++)); do
        awk -v n="$per" -v b=$((4 * w)) -v t="$TABLE" 'BEGIN { for (i = 0; i < n; i++)
            printf "route add 10.%d.%d.%d/32 dev lo table %d\n", b + int(i / 65536), int(i / 256) % 256, i % 256, t }' \
            >"$OUT/$1-$w.batch"
    done
}
batches big "$EVENTS" "$WRITERS"
batches small "$FRESH_EVENTS" 1

now() { date +%s.%N; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# storm NS BATCH WRITERS TOTAL GO-FILE: runs the writers; sets STORM_RATE
storm() {
    local ns=$1 name=$2 n=$3 total=$4 go=$5 w t0 t1 pids=() st=0
    t0=$(now)
    touch "$go"
    for ((w = 0; w < n; w++)); do
        ip -n "$ns" -batch "$OUT/$name-$w.batch" >"$OUT/writer$w.log" 2>&1 &
        pids+=($!)
        PIDS[$!]=1
    done
    for w in "${pids[@]}"; do
        reap "$w" || st=1
    done
    t1=$(now)
    ((st == 0)) || die "an 'ip -batch' writer failed: see $OUT/writer*.log"
    STORM_RATE=$(awk -v a="$t0" -v b="$t1" -v n="$total" 'BEGIN { printf "%d", n / (b - a) }')
}

# start LISTENER NS FILE-PREFIX TOTAL: starts it; sets LPID (and SUBPID, the reader of a stalled stdout)
start() {
    local l=$1 ns=$2 f=$3 total=$4 cmd=()
    SUBPID=
    case $l in
        jnl-monitor*) cmd=(./jnl -n "$ns" monitor route) ;;
        ip-monitor*) cmd=(ip -n "$ns" monitor route) ;;
        jnl-routemonitor) cmd=("$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.StormBench
            --netns "$ns" --mode monitor) ;;
        jnl-get) cmd=("$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.StormBench
            --netns "$ns" --mode reader-decode) ;;
        jnl-forced) cmd=("$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.jnetlink.bench.StormBench
            --netns "$ns" --mode reader-stall --rcvbuf 1 --async-qsize "$LOSS_QSIZE" --stall "$STALL") ;;
    esac
    [[ $l == jnl-routemonitor || $l == jnl-get || $l == jnl-forced ]] \
        && cmd+=(--expect "$total" --table "$TABLE" --idle-exit "$IDLE")
    if [[ $l == *-stall ]]; then
        # the pipe's reader opens it at once and reads nothing until STALL s after the storm starts
        mkfifo "$f.fifo"
        (
            exec 3<"$f.fifo"
            while [[ ! -e $f.go ]]; do sleep 0.01; done
            sleep "$STALL"
            cat <&3 >"$f.out"
        ) &
        SUBPID=$!
        PIDS[$SUBPID]=1
        "${cmd[@]}" >"$f.fifo" 2>"$f.err" &
    else
        "${cmd[@]}" >"$f.out" 2>"$f.err" &
    fi
    LPID=$!
    PIDS[$LPID]=1
}

group_sockets() { # group_sockets PID NS: "inode port drops" of the process's netlink sockets in NS bound to groups
    local pid=$1 table
    # the namespace's table: a JVM opens its socket in NS from one thread, so /proc/PID/net is not NS's
    table=$(ip netns exec "$2" cat /proc/net/netlink 2>/dev/null)
    ls -l "/proc/$pid/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\].*/\1/p' | while read -r i; do
        awk -v i="$i" '$10 == i && $4 != "00000000" { print i, $3, $9 }' <<<"$table"
    done
}

ready() { # ready LISTENER PID FILE-PREFIX NS: until its socket is bound to the group (StormBench: its READY line)
    local l=$1 pid=$2 f=$3 ns=$4 i
    for ((i = 0; i < 1200; i++)); do
        kill -0 "$pid" 2>/dev/null || die "$l exited before it was ready: see $f.err"
        if [[ $l == *monitor* && $l != jnl-routemonitor ]]; then
            [[ -n $(group_sockets "$pid" "$ns") ]] && return
        elif grep -q '^READY' "$f.out" 2>/dev/null; then
            return
        fi
        sleep 0.02
    done
    die "$l was not ready after 24 s: see $f.err"
}

rcvbuf_of() { # rcvbuf_of NS PORT: the kernel queue limit (ss's rb) of the netlink socket with that port id
    local port=$2 signed
    signed=$((port >= 2147483648 ? port - 4294967296 : port))
    ss -N "$1" -f netlink -m 2>/dev/null | awk -v p="$port" -v s="$signed" '
        { n = split($3, a, /[:\/]/) } a[n] == p || a[n] == s { if (match($0, /rb[0-9]+/)) { print substr($0, RSTART + 2, RLENGTH - 2); exit } }'
}

# finish LISTENER PID FILE-PREFIX NS TOTAL: waits for its end; writes FILE-PREFIX.result
finish() {
    local l=$1 pid=$2 f=$3 ns=$4 total=$5 i
    if [[ $l == jnl-routemonitor || $l == jnl-get || $l == jnl-forced ]]; then
        for ((i = 0; i < (IDLE + STALL + 120) * 10; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null
        reap "$pid" || true
        grep '^result' "$f.out" | sed 's/^result //' >"$f.result" || echo "received=0 error=no_result_line" >"$f.result"
        return
    fi
    # a monitor never exits: stop it once it printed every event, or printed nothing for IDLE s (after the stall)
    local got size last_size=-1 still=0 sock port drops tick stat cpu hwm rb reported episodes
    [[ $l == *-stall ]] && sleep "$STALL"
    for ((i = 0; i < (IDLE + 120) * 10; i++)); do
        got=$(grep -c " table $TABLE " "$f.out" 2>/dev/null || true)
        ((got >= total)) && break
        size=$(stat -c %s "$f.out" 2>/dev/null || echo 0)
        if ((size == last_size)); then
            still=$((still + 1))
            ((still >= IDLE * 10)) && break
        else
            still=0
            last_size=$size
        fi
        sleep 0.1
    done
    sock=$(group_sockets "$pid" "$ns" | head -1)
    port=$(cut -d' ' -f2 <<<"$sock")
    drops=$(cut -d' ' -f3 <<<"$sock")
    rb=$(rcvbuf_of "$ns" "$port")
    tick=$(getconf CLK_TCK)
    stat=$(sed 's/.*) //' "/proc/$pid/stat")
    cpu=$(awk -v t="$tick" '{ printf "cpu_s=%.2f", ($12 + $13) / t }' <<<"$stat")
    hwm=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")
    kill "$pid" 2>/dev/null || true
    reap "$pid" || true
    if [[ -n $SUBPID ]]; then
        reap "$SUBPID" || true
    fi
    got=$(grep -c " table $TABLE " "$f.out" || true)
    if [[ $l == jnl-* ]]; then
        reported=$(sed -n 's/^jnl: monitor: \([0-9]*\) events lost.*/\1/p' "$f.err" | awk '{ s += $1 } END { print s + 0 }')
        episodes=$(grep -c 'events lost' "$f.err" || true)
    else
        reported=-
        episodes=$(grep -c 'No buffer space' "$f.err" || true)
    fi
    echo "received=$got expected=$total overruns=$episodes kernel_drops=${drops:--} reported_lost=$reported $cpu" \
        "rss_kb=${hwm:--} rcvbuf=${rb:--}" >"$f.result"
}

RESULTS=$OUT/results.txt
: >"$RESULTS"

run_one() { # run_one PHASE ROUND LISTENER BATCH WRITERS TOTAL
    local phase=$1 round=$2 l=$3 name=$4 n=$5 total=$6 f load
    new_ns jnl-mon
    f="$OUT/$phase-$round-$l"
    start "$l" "$NS" "$f" "$total"
    ready "$l" "$LPID" "$f" "$NS"
    load=$(loadavg)
    storm "$NS" "$name" "$n" "$total" "$f.go"
    finish "$l" "$LPID" "$f" "$NS" "$total"
    echo "phase=$phase round=$round listener=$l rate=$STORM_RATE load=$load $(cat "$f.result")" >>"$RESULTS"
    echo "  $(printf "%-18s" "$l") $(grep -o 'received=[0-9]*' "$f.result")/$total," \
        "$(grep -o 'reported_lost=[0-9-]*' "$f.result"), $(grep -o 'kernel_drops=[0-9-]*' "$f.result")" \
        "at $STORM_RATE events/s (load $load)"
    drop_ns "$NS" "$TABLE"
}

{
    echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:      $(nproc) ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "kernel:    $(uname -r); net.core.rmem_default $(cat /proc/sys/net/core/rmem_default), rmem_max $(cat /proc/sys/net/core/rmem_max)"
    echo "java:      $("$JAVA" -version 2>&1 | head -1); jnl: ./jnl (its start-up cache $([[ -f cli/target/jnl.aot ]] && echo present || echo missing))"
    echo "ip:        $(ip -V)"
    echo "storms:    $EVENTS events from $WRITERS writers (cli), $FRESH_EVENTS from 1 (fresh), stall $STALL s"
    echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
} | tee "$OUT/machine.txt"

for p in "${PHASES[@]}"; do
    case $p in
        cli)
            for ((r = 1; r <= ROUNDS; r++)); do
                echo "cli, round $r/$ROUNDS:"
                for l in jnl-monitor jnl-monitor-stall ip-monitor ip-monitor-stall; do
                    run_one cli "$r" "$l" big "$WRITERS" "$EVENTS"
                done
            done
            ;;
        fresh)
            for ((r = 1; r <= FRESH_RUNS; r++)); do
                echo "fresh JVM, run $r/$FRESH_RUNS:"
                for l in jnl-routemonitor jnl-get jnl-monitor ip-monitor; do
                    run_one fresh "$r" "$l" small 1 "$FRESH_EVENTS"
                done
            done
            ;;
        loss)
            for ((r = 1; r <= LOSS_RUNS; r++)); do
                echo "forced loss, run $r/$LOSS_RUNS:"
                for l in jnl-forced ip-monitor-stall; do
                    run_one loss "$r" "$l" big "$WRITERS" "$EVENTS"
                done
            done
            ;;
    esac
done
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (after the runs)" | tee -a "$OUT/machine.txt"

summary() { # summary PHASE: per listener, complete storms, received, reported against real loss
    awk -v phase="$1" '
        { delete f; for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
        f["phase"] == phase {
            l = f["listener"]; if (!(l in runs)) order[++k] = l
            n = f["expected"] + 0; got = f["received"] + 0; real = n - got
            runs[l]++; if (got == n) full[l]++
            recv[l] = recv[l] (recv[l] == "" ? "" : ", ") got
            if (f["reported_lost"] != "-") { rep[l] = rep[l] (rep[l] == "" ? "" : ", ") f["reported_lost"] "/" real
                if (f["reported_lost"] + 0 == real) exact[l]++ } else rep[l] = "-"
            kd[l] = kd[l] (kd[l] == "" ? "" : ", ") f["kernel_drops"]
            rates[l] = rates[l] (rates[l] == "" ? "" : ", ") f["rate"]
            loads[l] = loads[l] (loads[l] == "" ? "" : ", ") f["load"]
            cpu[l] = cpu[l] (cpu[l] == "" ? "" : ", ") f["cpu_s"]
            rss[l] = rss[l] (rss[l] == "" ? "" : ", ") (f["rss_kb"] == "-" ? "-" : int(f["rss_kb"] / 1024))
            rb[l] = (f["rcvbuf"] == "-" ? "-" : f["rcvbuf"] >= 1048576 ? int(f["rcvbuf"] / 1048576) " MiB" \
                : int(f["rcvbuf"] / 1024) " KiB")
        }
        END {
            printf "| listener | all %s | received | reported / real loss | exact | kernel drops | kernel queue | CPU s | RSS MB | events/s | load |\n", n
            print "|---|---:|---|---|---:|---|---:|---|---|---|---|"
            for (i = 1; i <= k; i++) { l = order[i]
                printf "| %s | %d of %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", l, full[l] + 0, runs[l], recv[l],
                    rep[l], (rep[l] == "-" ? "-" : (exact[l] + 0) " of " runs[l]), kd[l], rb[l], cpu[l], rss[l], rates[l], loads[l] }
        }' "$RESULTS"
}
{
    for p in "${PHASES[@]}"; do
        echo
        case $p in
            cli) echo "jnl monitor and ip monitor, $EVENTS events from $WRITERS unpaced writers, stdout read promptly or stalled $STALL s:" ;;
            fresh) echo "Fresh JVMs against a $FRESH_EVENTS-route ip -batch:" ;;
            loss) echo "Forced to lose (jnetlink: kernel queue of two events, $LOSS_QSIZE-datagram buffer, consumer stalled $STALL s):" ;;
        esac
        echo
        summary "$p"
    done
    echo
    echo "received: events of table $TABLE counted; reported / real loss: what the listener said it lost (jnetlink: the"
    echo "sum of its overruns' counts) against the events sent less those received; ip monitor reports no count;"
    echo "kernel drops: the socket's drop counter; kernel queue: the socket's SO_RCVBUF as the kernel reports it;"
    echo "CPU s and RSS: the listener process; events/s: events / the writers' wall time; load: before the storm."
    echo "Raw output: $OUT"
} | tee "$OUT/table.md"
