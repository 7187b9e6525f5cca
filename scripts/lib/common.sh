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

# JVM options the server runs with (scripts/run and the benchmarks; JAVA_OPTS or SERVER_JAVA_OPTS
# come after, so they win). An object that outlives one young collection goes to the old
# generation at the next: what survives one is mostly conversations' events held in memory, which
# live for minutes, and copying them between survivor spaces several times (G1 chose 4) made its
# young pauses 8-19 ms under load; promoted early they were about 4 ms (docs/benchmarks.md).
SIGNPOST_SERVER_JVM_OPTIONS="-XX:MaxTenuringThreshold=1"

# The C library's memory arenas for the server (scripts/run and the benchmarks; a MALLOC_ARENA_MAX
# already set wins). glibc gives threads up to eight arenas a processor, and memory the JVM's
# threads free can stay with the process in each of them: with two, the WhatsApp benchmark's
# server ended at 469-474 MiB instead of 483-520 (docs/benchmarks.md).
SIGNPOST_MALLOC_ARENAS="${MALLOC_ARENA_MAX:-2}"

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

# True when a Redis server answers PING at host $1, port $2.
redis_answers() {
  local reply
  { exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 reply <&3 || reply=""
  exec 3<&- 3>&-
  [[ "$reply" == +PONG* ]]
}

# Makes REDIS_URL point at a Redis server for the tests: the one given, one on 127.0.0.1:6379,
# or a throwaway server started here (installing Debian's redis-server as root when missing).
ensure_redis() {
  # The outage test starts and stops a redis-server of its own, so the program must be here.
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "Redis: installing Debian's redis-server for the tests..."
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server; } >/dev/null 2>&1 \
        || die "could not install redis-server; install it (the tests start and stop one of their own)."
    else
      die "the tests need the redis-server program: install Debian's redis-server package."
    fi
  fi
  if [ -n "${REDIS_URL:-}" ]; then
    say "Redis: using REDIS_URL"
    return 0
  fi
  if redis_answers 127.0.0.1 6379; then
    export REDIS_URL="redis://127.0.0.1:6379"
    say "Redis: using the server on 127.0.0.1:6379"
    return 0
  fi
  local port=6390
  while redis_answers 127.0.0.1 "$port" || { (exec 3<>"/dev/tcp/127.0.0.1/$port"); } 2>/dev/null; do
    port=$((port + 1))
  done
  SIGNPOST_REDIS_DIR="$(mktemp -d)"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$SIGNPOST_REDIS_DIR" --pidfile "$SIGNPOST_REDIS_DIR/redis.pid" --logfile "$SIGNPOST_REDIS_DIR/redis.log" \
    || die "could not start redis-server on port $port"
  for _ in $(seq 1 50); do redis_answers 127.0.0.1 "$port" && break; sleep 0.1; done
  redis_answers 127.0.0.1 "$port" || die "redis-server did not answer on port $port (see $SIGNPOST_REDIS_DIR/redis.log)"
  export REDIS_URL="redis://127.0.0.1:$port"
  trap 'kill "$(cat "$SIGNPOST_REDIS_DIR/redis.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$SIGNPOST_REDIS_DIR"' EXIT
  say "Redis: started a throwaway server on port $port"
}

# Installs one of Debian's packages as root; otherwise fails (status 1) saying what to install.
try_apt_install() {
  local what="$1"; shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "$what: installing Debian's $* (once per machine)..."
    if { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >/dev/null 2>&1; then
      return 0
    fi
    echo "signpost: could not install $*." >&2
  fi
  echo "signpost: $what is missing: install Debian's $* (apt-get install -y $*) as root." >&2
  return 1
}

# Installs one of Debian's packages as root, or dies saying what to install.
apt_install() {
  try_apt_install "$@" || die "install it and try again."
}

# The phone line speaks with flite (Debian's package): the call tests and benchmark need it, and
# ./scripts/run starts the phone line only with it.
ensure_flite() {
  command -v flite >/dev/null 2>&1 || [ -x /usr/bin/flite ] || try_apt_install "flite (the phone line's voice)" flite
}

# What the browser tests need: Debian's Chromium at /usr/bin/chromium (Playwright drives it and
# never downloads a browser of its own) and axe-core from npm in web-widget/node_modules.
ensure_browser_tools() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  [ -x /usr/bin/chromium ] || apt_install "Chromium" chromium
  say "browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
  if ! command -v npm >/dev/null 2>&1; then
    apt_install "Node.js and npm" nodejs npm
  fi
  local widget="$SIGNPOST_ROOT/web-widget"
  # npm ci writes node_modules/.package-lock.json: older than the lock file means stale.
  if [ ! -f "$widget/node_modules/axe-core/axe.min.js" ] || [ ! -f "$widget/node_modules/.package-lock.json" ] \
      || [ "$widget/package-lock.json" -nt "$widget/node_modules/.package-lock.json" ]; then
    say "axe-core: npm ci in web-widget/ (the accessibility audits use it)..."
    (cd "$widget" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in web-widget/ (see above)."
  fi
}
