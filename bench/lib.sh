# Sourced by the bench scripts from the repository root, after they define die(): finds JDK 25 as ./jnl
# does (scripts/jdk.sh) and builds the jars when a source is newer than the bench jar.
# Sets JDK, JAVA and CP (the bench classpath), and defines the helpers fill_routes, stats, field, maxf, gcs, ratio,
# mb, and for the storm scripts reap, stop_started, new_ns and drop_ns.

# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
jnl_find_jdk || die "no JDK 25 found (see above)"
JDK=$JAVA_HOME

BENCH_JAR=$(ls bench/target/jnetlink-bench-*.jar 2>/dev/null | head -1 || true)
if [[ -z $BENCH_JAR || ! -d bench/target/lib ]] \
    || [[ -n $(find pom.xml core/pom.xml route/pom.xml netfilter/pom.xml ynl/pom.xml diag/pom.xml bench/pom.xml core/src generic/src route/src netfilter/src ynl/src diag/src bench/src -newer "$BENCH_JAR" -print -quit) ]]; then
    command -v mvn >/dev/null || die "the jars need building and Maven (mvn) is not installed"
    echo "building (mvn -q -DskipTests package) ..."
    JAVA_HOME=$JDK mvn -B -q -o -DskipTests package >/dev/null 2>&1 \
        || JAVA_HOME=$JDK mvn -B -q -DskipTests package \
        || die "the Maven build failed"
fi
[[ -d bench/target/lib ]] || die "bench/target/lib is missing after the build"
CP="bench/target/*:bench/target/lib/*"

# ---------------------------------------------------------------- shared by the run scripts

# fill_routes NS N BATCHFILE: brings lo up and adds N /32 routes on it (10.0.0.0 upwards) to namespace NS with
# `ip -batch`, then says how long that took.
fill_routes() {
    local t0 t1
    ip -n "$1" link set lo up || return
    awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
        printf "route add 10.%d.%d.%d/32 dev lo\n", int(i / 65536), int(i / 256) % 256, i % 256 }' >"$3"
    t0=$(date +%s.%N)
    ip -n "$1" -batch "$3" || return
    t1=$(date +%s.%N)
    echo "namespace $1: $2 routes added in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
}

# stats FILES...: "best median best_cpu median_cpu" over every measured run in the files
stats() {
    cat "$@" | awk 'BEGIN { n = 0 }
        $1 == "run" && $3 == "measured" {
            for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] + 0 }
            t[n] = v["time_ms"]; c[n] = v["cpu_ms"]; n++ }
        function med(a, n,   i, j, x) {
            for (i = 1; i < n; i++) { x = a[i]; for (j = i - 1; j >= 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
            return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
        END { mt = med(t, n); mc = med(c, n); printf "%.3f %.3f %.3f %.3f %d\n", t[0], mt, c[0], mc, n }'
}
field() { # field FILE KEY: KEY's value on the summary line
    awk -v k="$2" '$1 == "summary" { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' "$1"
}
maxf() { # maxf KEY FILES...: the largest summary value of KEY
    local k=$1 f
    shift
    for f in "$@"; do field "$f" "$k"; done | sort -n | tail -1
}
gcs() { # gcs FILES...: the garbage collections of the runs in FILES, summed
    for f in "$@"; do echo "$(field "$f" gc_count) $(field "$f" gc_ms)"; done \
        | awk '{ n += $1; ms += $2 } END { printf "%d collections, %d ms", n, ms }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

# ---------------------------------------------------------------- processes and namespaces of the storm scripts

declare -A PIDS # processes started and not yet waited for (listeners, writers, pacers): PIDS[$!]=1
NSS=()          # namespaces made by new_ns
NS_SEQ=0
reap() { # reap PID: waits for a process the script started; its status is the process's
    local st=0
    wait "$1" 2>/dev/null || st=$?
    unset "PIDS[$1]"
    return $st
}
stop_started() { # stops the processes not yet reaped and removes the namespaces new_ns made (for the EXIT trap)
    local p n
    for p in "${!PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${!PIDS[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    for n in "${NSS[@]}"; do
        if [[ -e /run/netns/$n ]]; then
            ip netns del "$n" 2>/dev/null || echo "${0##*/}: could not remove namespace $n; remove it with: ip netns del $n" >&2
        fi
    done
}
new_ns() { # new_ns PREFIX: makes a fresh namespace PREFIX-PID-N with lo up; its name in NS
    NS_SEQ=$((NS_SEQ + 1))
    NS=$1-$$-$NS_SEQ
    ip netns add "$NS" || die "could not create network namespace $NS"
    NSS+=("$NS")
    ip -n "$NS" link set lo up
}
drop_ns() { # drop_ns NS TABLE: removes NS, flushing TABLE first so the kernel frees its routes now, not in the next run
    ip -n "$1" route flush table "$2" 2>/dev/null || true
    ip netns del "$1" || die "could not remove namespace $1"
}
