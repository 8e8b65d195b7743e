#!/usr/bin/env bash
# Sequential do-requests and close() with the reader thread (issue 11), side by side with an older build.
#
#   sudo bench/run-requests.sh                 # this tree against the C request loop
#   sudo BASE=/path/to/old/tree bench/run-requests.sh
#
# BASE is another checkout of jnetlink whose jars are built (`mvn -q -DskipTests -pl bench -am package` in it), for
# a before/after comparison in one run; e.g. `git worktree add /tmp/base 8969974` (main before issue 11).
# Creates a namespace and, in ROUNDS rounds, one process after the other:
#   - bench/c/linkget.c: GET_COUNT sequential RTM_GETLINK of lo + ACK, the floor;
#   - LinkGetBench of this tree: IPRoute.link(1), every field of the Link read;
#   - LinkGetBench of BASE (when set): the same class as that build has it;
#   - CloseBench with this tree's classes, and with BASE's: CLOSES sockets bound with the reader thread, each
#     left idle for a few ms, then closed; the time of each close().
# Prints best and median time per get, ratios to C and this/BASE, and close() percentiles. The namespace is removed
# on every exit. Settings (environment): ROUNDS (3), GET_COUNT (10000), GET_RUNS (10), GET_WARMUP (5), CLOSES (200),
# JAVA_OPTS. Raw output in bench/target/requests-<date>/.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
GET_COUNT=${GET_COUNT:-10000}
GET_RUNS=${GET_RUNS:-10}
GET_WARMUP=${GET_WARMUP:-5}
CLOSES=${CLOSES:-200}
JAVA_OPTS=${JAVA_OPTS:-}
BASE=${BASE:-}

die() {
    echo "run-requests.sh: $*" >&2
    exit 1
}

for v in ROUNDS GET_COUNT GET_RUNS GET_WARMUP CLOSES; do
    [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 ]] || die "$v must be a whole number of at least 1, got '${!v}'"
done
[[ $(id -u) -eq 0 ]] || die "must run as root: it creates a network namespace (try: sudo $0)"
command -v gcc >/dev/null || die "gcc is not installed (apt-get install gcc): it builds bench/c/linkget.c"
if [[ -n $BASE ]]; then
    BASE=$(cd "$BASE" && pwd) || die "BASE=$BASE is not a directory"
    ls "$BASE"/bench/target/jnetlink-bench-*.jar >/dev/null 2>&1 && [[ -d $BASE/bench/target/lib ]] \
        || die "BASE has no built jars: run 'mvn -q -DskipTests -pl bench -am package' in $BASE"
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
if [[ ! -x bench/target/linkget || bench/c/linkget.c -nt bench/target/linkget || bench/c/floor.h -nt bench/target/linkget ]]; then
    gcc -O2 -Wall -Wextra -o bench/target/linkget bench/c/linkget.c || die "gcc could not build bench/c/linkget.c"
fi
BASE_CP=${BASE:+$BASE/bench/target/*:$BASE/bench/target/lib/*}
# CloseBench is this tree's class; with BASE's jars first on the path it measures BASE's socket
BENCH_JAR=$(ls bench/target/jnetlink-bench-*.jar | head -1)

NS=jnl-req-$$
OUT=bench/target/requests-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
NS_MADE=0
cleanup() {
    if ((NS_MADE)); then
        ip netns del "$NS" 2>/dev/null || echo "run-requests.sh: could not remove namespace $NS" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
ip netns add "$NS" || die "could not create network namespace $NS"
NS_MADE=1
ip -n "$NS" link set lo up

{
    echo "date:   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpus:   $(nproc); kernel $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java:   $("$JAVA" -version 2>&1 | sed -n 2p); JAVA_OPTS=${JAVA_OPTS:-none}"
    echo "tree:   $(git rev-parse --short HEAD 2>/dev/null || echo '?')${BASE:+; BASE $BASE at $(git -C "$BASE" rev-parse --short HEAD 2>/dev/null || echo '?')}"
} | tee "$OUT/machine.txt"

jrun() { # jrun CLASSPATH CLASS ARGS...
    local cp=$1 cls=$2
    shift 2
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$cp" "io.jnetlink.bench.$cls" "$@"
}

for ((r = 1; r <= ROUNDS; r++)); do
    echo "round $r of $ROUNDS ..."
    ip netns exec "$NS" bench/target/linkget 1 "$GET_COUNT" "$GET_RUNS" "$GET_WARMUP" >"$OUT/getc-$r.txt" \
        || die "linkget failed (see $OUT/getc-$r.txt)"
    jrun "$CP" LinkGetBench --netns "$NS" --index 1 --count "$GET_COUNT" --runs "$GET_RUNS" --warmup "$GET_WARMUP" \
        >"$OUT/getj-$r.txt" || die "LinkGetBench failed (see $OUT/getj-$r.txt)"
    if [[ -n $BASE ]]; then
        jrun "$BASE_CP" LinkGetBench --netns "$NS" --index 1 --count "$GET_COUNT" --runs "$GET_RUNS" --warmup "$GET_WARMUP" \
            >"$OUT/getb-$r.txt" || die "BASE's LinkGetBench failed (see $OUT/getb-$r.txt)"
    fi
    jrun "$CP" CloseBench --netns "$NS" --count "$CLOSES" >"$OUT/closej-$r.txt" || die "CloseBench failed"
    if [[ -n $BASE ]]; then
        jrun "$BASE_CP:$BENCH_JAR" CloseBench --netns "$NS" --count "$CLOSES" >"$OUT/closeb-$r.txt" \
            || die "CloseBench on BASE failed"
    fi
done

read -r cb cm _ _ _ < <(stats "$OUT"/getc-*.txt)
read -r jb jm _ _ _ < <(stats "$OUT"/getj-*.txt)
per() { awk -v ms="$1" -v n="$GET_COUNT" 'BEGIN { printf "%.2f", ms * 1000 / n }'; }
echo
echo "sequential RTM_GETLINK of lo ($GET_COUNT per run, $GET_RUNS runs x $ROUNDS rounds):"
printf '%-24s %12s %12s %10s\n' "" "best us/get" "median us/get" "median/C"
printf '%-24s %12s %12s %10s\n' "C request loop" "$(per "$cb")" "$(per "$cm")" "1.00x"
printf '%-24s %12s %12s %10s\n' "jnetlink (this tree)" "$(per "$jb")" "$(per "$jm")" "$(ratio "$jm" "$cm")"
if [[ -n $BASE ]]; then
    read -r bb bm _ _ _ < <(stats "$OUT"/getb-*.txt)
    printf '%-24s %12s %12s %10s\n' "jnetlink (BASE)" "$(per "$bb")" "$(per "$bm")" "$(ratio "$bm" "$cm")"
    echo "this tree / BASE, median: $(ratio "$jm" "$bm") (below 1.00x: faster)"
fi
echo
echo "close() with the reader thread ($CLOSES per round; each round's line):"
for f in "$OUT"/closej-*.txt; do echo "  this tree: $(cat "$f")"; done
if [[ -n $BASE ]]; then
    for f in "$OUT"/closeb-*.txt; do echo "  BASE:      $(cat "$f")"; done
fi
echo "raw output: $OUT"
