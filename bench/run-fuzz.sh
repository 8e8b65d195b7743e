#!/usr/bin/env bash
# Long coverage-guided fuzzing runs (Jazzer) of every fuzz target, FUZZ_SECONDS each (default 600); the test
# suite runs the same targets for 20 s each. A target fails with the stack trace and the input in hex; a clean
# target prints libFuzzer's "Done N runs in S second(s)". Needs no root and no kernel.
#   bench/run-fuzz.sh                     # every target, 10 minutes each
#   FUZZ_SECONDS=3600 bench/run-fuzz.sh RtnlFuzzTest   # one test class, an hour per target
#   MAVEN_REPO=/path/to/m2 bench/run-fuzz.sh TcFuzzTest  # with another local Maven repository
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
jnl_find_jdk || exit 2
jnl_find_mvn || exit 2
seconds=${FUZZ_SECONDS:-600}
modules=(core route generic ynl diag netfilter)
targets=("core:FuzzTest" "route:RtnlFuzzTest" "generic:GenericFuzzTest" "ynl:YnlFuzzTest" "diag:DiagFuzzTest"
    "netfilter:ConntrackFuzzTest" "route:TcFuzzTest")
repo=()
[ -n "${MAVEN_REPO:-}" ] && repo=("-Dmaven.repo.local=$MAVEN_REPO")
if [ $# -gt 0 ]; then
    targets=()
    for t in "$@"; do
        for m in "${modules[@]}"; do
            [ -n "$(find "$m/src/test" -name "$t.java" -print -quit)" ] && targets+=("$m:$t")
        done
    done
fi
echo "building (mvn -q -DskipTests install) ..."
mvn -B -q -o "${repo[@]}" -DskipTests install >/dev/null 2>&1 || mvn -B -q "${repo[@]}" -DskipTests install
status=0
for t in "${targets[@]}"; do
    module=${t%%:*}
    test=${t#*:}
    echo "== $module $test: $seconds s per target"
    # the tests' own 10-minute @Timeout is lifted; Fuzz.run bounds each target at its time + 2 minutes
    if ! mvn -B -o "${repo[@]}" -pl "$module" surefire:test -Dtest="$test" -Djnetlink.fuzz.seconds="$seconds" \
            -Djunit.jupiter.execution.timeout.mode=disabled 2>&1 | grep -E "^fuzz |FAIL|Java Exception|^\s+at io\.jnetlink|crash-" ; then
        status=1
    fi
done
exit $status
