# Sourced by ./jnl, ./run-tests and the bench scripts: finds JDK 25+ and Maven, or says what is missing.
# Sets JAVA_HOME and JAVA. Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first).

jnl_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

jnl_find_jdk() {
  local cand major
  for cand in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    cand=${cand%/}
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(jnl_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$cand"
      JAVA="$cand/bin/java"
      return 0
    fi
  done
  echo "jnetlink needs a JDK 25 or newer: none found in JAVA_HOME (${JAVA_HOME:-unset}) or under /usr/lib/jvm." >&2
  echo "Install one (e.g. Temurin 25 into /usr/lib/jvm) or point JAVA_HOME at it." >&2
  return 1
}

jnl_find_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "jnetlink builds with Maven 3.8+: 'mvn' is not on PATH (apt-get install maven)." >&2
    return 1
  fi
}
