# Sourced by ./jnl, ./run-tests and the bench scripts: finds JDK 25+ and Maven, or says what is missing.
# Sets JAVA_HOME and JAVA. Takes $JAVA_HOME when it is 25+, else the newest JDK 25+ under /usr/lib/jvm.
# Pure shell (the JDK's `release` file), so that it costs ./jnl's start nothing measurable.

# jnl_java_major DIR: sets jnl_major to the feature release of the JDK in DIR (25 for "25.0.3", 8 for
# "1.8.0_402"), or to nothing (no subshell: this runs on every ./jnl start).
jnl_java_major() {
  local line v=
  jnl_major=
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case $line in JAVA_VERSION=*) v=${line#JAVA_VERSION=}; v=${v//\"/}; break ;; esac
    done <"$1/release"
  fi
  if [ -z "$v" ] && [ -x "$1/bin/java" ]; then # no release file: ask the JVM (slow, but only then)
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  fi
  case $v in 1.*) v=${v#1.} ;; esac
  v=${v%%[.+-]*}
  case $v in '' | *[!0-9]*) return ;; esac
  jnl_major=$v
}

jnl_find_jdk() {
  local cand best= best_major=0 jnl_major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    jnl_java_major "$JAVA_HOME"
    if [ -n "$jnl_major" ] && [ "$jnl_major" -ge 25 ]; then
      JAVA="$JAVA_HOME/bin/java"
      export JAVA_HOME
      return 0
    fi
  fi
  for cand in /usr/lib/jvm/*/; do
    cand=${cand%/}
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] && [ ! -L "$cand" ] || continue
    jnl_java_major "$cand"
    if [ -n "$jnl_major" ] && [ "$jnl_major" -ge 25 ] && [ "$jnl_major" -gt "$best_major" ]; then
      best=$cand
      best_major=$jnl_major
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    JAVA="$best/bin/java"
    return 0
  fi
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
