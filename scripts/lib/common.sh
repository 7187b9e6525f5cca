# Shared by the scripts in scripts/: find the repository, check the JDK, build when needed.
# shellcheck shell=bash

SIGNPOST_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf 'signpost: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# A JDK 17 or newer is the one thing a machine must have.
require_jdk() {
  command -v java >/dev/null 2>&1 || die "no 'java' found. Install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless) and try again."
  command -v javac >/dev/null 2>&1 || die "found java but not javac: a full JDK 17+ is needed, not only a JRE (Debian: apt-get install openjdk-17-jdk-headless)."
  local version major
  version="$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${version%%.*}"
  [ "$major" = "1" ] && major="$(echo "$version" | cut -d. -f2)"
  if [ -z "$major" ] || [ "$major" -lt 17 ] 2>/dev/null; then
    die "Java ${version:-unknown} found; Signpost needs Java 17 or newer."
  fi
}

mvnw() { "$SIGNPOST_ROOT/mvnw" -B --no-transfer-progress "$@"; }

SIGNPOST_BUILT_MARKER="$SIGNPOST_ROOT/server/target/.signpost-built"

# True when sources, content or build files changed since the last build by these scripts.
build_is_stale() {
  [ -f "$SIGNPOST_BUILT_MARKER" ] || return 0
  [ -n "$(cd "$SIGNPOST_ROOT" && find . -path ./data -prune -o -path '*/target' -prune -o -path ./.git -prune \
        -o -type f \( -name '*.java' -o -name '*.yml' -o -name '*.yaml' -o -name '*.html' -o -name '*.js' \
        -o -name '*.css' -o -name 'pom.xml' -o -name '*.xml' \) -newer "$SIGNPOST_BUILT_MARKER" -print -quit)" ]
}

# Builds every module (without tests) when anything changed; prints Maven's module progress.
build_if_stale() {
  if ! build_is_stale; then
    return 0
  fi
  say "building (the first build downloads Maven and the dependencies: allow a few minutes)..."
  local log
  log="$(mktemp)"
  if ! mvnw -DskipTests install 2>&1 | tee "$log" | grep --line-buffered -E '^\[INFO\] Building Signpost|BUILD (SUCCESS|FAILURE)'; then
    :
  fi
  if ! grep -q 'BUILD SUCCESS' "$log"; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "the build failed (the end of Maven's output is above)."
  fi
  rm -f "$log"
  touch "$SIGNPOST_BUILT_MARKER"
}
