#!/usr/bin/env bash
# YNL dump benchmark, side by side in one run: a full IPv4 route dump (ROUTES /32 routes, default 262,144) decoded
#   - through the kernel's rt_route spec by jnetlink (YnlDumpBench --mode spec),
#   - through a hand-written rtmsg definition on the same codec (YnlDumpBench --mode hand),
#   - by the kernel's own Python CLI (tools/net/ynl/cli.py --dump getroute --output-json, from linux-source-6.12).
#
#   sudo bench/run-ynldump.sh
#
# Needs: root, ip, python3-yaml, linux-doc-6.12 (the spec) and linux-source-6.12 (the Python CLI; unpacked under
# /tmp/ksrc if not already). Settings: ROUTES, RUNS (5), WARMUP (3), JAVA_OPTS.
set -euo pipefail
ROUTES=${ROUTES:-262144}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-3}
JAVA_OPTS=${JAVA_OPTS:-}
die() { echo "run-ynldump.sh: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "must run as root"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. bench/lib.sh

SPEC=/usr/share/doc/linux-doc-6.12/Documentation/netlink/specs/rt_route.yaml.gz
[[ -f $SPEC ]] || die "no $SPEC (apt-get install linux-doc-6.12)"
KSRC=${KSRC:-/tmp/ksrc/linux-source-6.12}
if [[ ! -f $KSRC/tools/net/ynl/cli.py ]]; then
    [[ -f /usr/src/linux-source-6.12.tar.xz ]] || die "no kernel source (apt-get install linux-source-6.12)"
    mkdir -p /tmp/ksrc && tar -C /tmp/ksrc -xf /usr/src/linux-source-6.12.tar.xz \
        --wildcards 'linux-source-6.12/tools/net/ynl/*' 'linux-source-6.12/Documentation/netlink/*'
fi
OUT=bench/target/ynldump-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
zcat "$SPEC" >"$OUT/rt_route.yaml"

NS=jnl-ynlbench-$$
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$NS"
fill_routes "$NS" "$ROUTES" "$OUT/routes.batch"
rm -f "$OUT/routes.batch"

for mode in spec hand; do
    echo "jnetlink --mode $mode ..."
    # shellcheck disable=SC2086
    ip netns exec "$NS" /usr/bin/time -f "max_rss_kb=%M" "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" \
        io.jnetlink.bench.YnlDumpBench --mode "$mode" --spec "$OUT/rt_route.yaml" --runs "$RUNS" --warmup "$WARMUP" \
        >"$OUT/$mode.txt" 2>"$OUT/$mode.err"
done
echo "Python cli.py ..."
for ((r = 0; r < 3; r++)); do
    ip netns exec "$NS" /usr/bin/time -f "time_s=%e max_rss_kb=%M" python3 "$KSRC/tools/net/ynl/cli.py" --no-schema \
        --spec "$OUT/rt_route.yaml" --dump getroute --json '{"rtm-family": 2}' --output-json \
        >"$OUT/python-$r.json" 2>>"$OUT/python.txt"
done
best() { awk '$1 == "run" && $3 == "measured" { split($4, kv, "="); if (b == "" || kv[2] < b) b = kv[2] } END { print b }' "$1"; }
median() { awk '$1 == "run" && $3 == "measured" { split($4, kv, "="); print kv[2] }' "$1" | sort -n \
    | awk '{ v[n++] = $1 } END { print (n % 2) ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2 }'; }
S_BEST=$(best "$OUT/spec.txt"); S_MED=$(median "$OUT/spec.txt")
H_BEST=$(best "$OUT/hand.txt"); H_MED=$(median "$OUT/hand.txt")
P_BEST=$(awk -F'[ =]' '/time_s=/ { t = $2 * 1000; if (b == "" || t < b) b = t } END { print b }' "$OUT/python.txt")
P_RSS=$(awk -F'max_rss_kb=' '/max_rss_kb=/ { if ($2 + 0 > m) m = $2 + 0 } END { print m }' "$OUT/python.txt")
S_RSS=$(sed -n 's/.*max_rss_kb=//p' "$OUT/spec.err" | tail -1); H_RSS=$(sed -n 's/.*max_rss_kb=//p' "$OUT/hand.err" | tail -1)
S_HEAP=$(sed -n 's/.*summary.*heap_peak_mb=\([0-9]*\).*/\1/p' "$OUT/spec.txt"); H_HEAP=$(sed -n 's/.*summary.*heap_peak_mb=\([0-9]*\).*/\1/p' "$OUT/hand.txt")
MSGS=$(awk '$1 == "run" { m = $5; sub(/messages=/, "", m) } END { print m }' "$OUT/spec.txt")
PY_N=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT/python-0.json" 2>/dev/null || echo "?")
{
    echo "routes: $ROUTES; messages decoded per dump: jnetlink $MSGS, python $PY_N; kernel $(uname -r); $(nproc) cpus"
    printf "%-34s %10s %10s %12s %12s\n" "" "best ms" "median ms" "peak heap" "max RSS"
    printf "%-34s %10s %10s %12s %12s\n" "jnetlink, rt_route spec" "$S_BEST" "$S_MED" "${S_HEAP} MB" "$((S_RSS / 1024)) MB"
    printf "%-34s %10s %10s %12s %12s\n" "jnetlink, hand-written rtmsg" "$H_BEST" "$H_MED" "${H_HEAP} MB" "$((H_RSS / 1024)) MB"
    printf "%-34s %10s %10s %12s %12s\n" "kernel cli.py --output-json (6.12)" "$P_BEST" "-" "-" "$((P_RSS / 1024)) MB"
    awk -v s="$S_BEST" -v h="$H_BEST" -v p="$P_BEST" 'BEGIN { printf "spec / hand-written: %.2fx; python / spec: %.1fx\n", s / h, p / s }'
} | tee "$OUT/table.txt"
rm -f "$OUT"/python-*.json
