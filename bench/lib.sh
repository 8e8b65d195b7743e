# Sourced by the bench scripts from the repository root, after they define die(): finds JDK 25 as ./jnl
# does (scripts/jdk.sh) and builds the jars when a source is newer than the bench jar.
# Sets JDK, JAVA and CP (the bench classpath).

# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
jnl_find_jdk || die "no JDK 25 found (see above)"
JDK=$JAVA_HOME

BENCH_JAR=$(ls bench/target/jnetlink-bench-*.jar 2>/dev/null | head -1 || true)
if [[ -z $BENCH_JAR || ! -d bench/target/lib ]] \
    || [[ -n $(find pom.xml core/pom.xml bench/pom.xml core/src generic/src ynl/src bench/src -newer "$BENCH_JAR" -print -quit) ]]; then
    command -v mvn >/dev/null || die "the jars need building and Maven (mvn) is not installed"
    echo "building (mvn -q -DskipTests package) ..."
    JAVA_HOME=$JDK mvn -B -q -o -DskipTests package >/dev/null 2>&1 \
        || JAVA_HOME=$JDK mvn -B -q -DskipTests package \
        || die "the Maven build failed"
fi
[[ -d bench/target/lib ]] || die "bench/target/lib is missing after the build"
CP="bench/target/*:bench/target/lib/*"
