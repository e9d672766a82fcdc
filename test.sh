#!/usr/bin/env bash
# Runs every test suite of Quartiersnetz on a fresh Debian 12 machine with the .NET 10 SDK (as root, with
# CI=true and no stdin) as well as on a developer machine: installs what is missing, builds once, starts a
# throw-away PostgreSQL cluster, runs unit, integration (SQLite and PostgreSQL) and browser tests, and ends
# with the line "ci: N passed, N failed" summed over all of them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
readonly CONFIGURATION=Release
readonly RESULTS=artifacts/test-results
# A hung suite must end the run, but the browser suite alone (crawls included) now takes over 10 minutes on 2 cores.
readonly SUITE_TIMEOUT=30m

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes left behind after the build (they would outlive the script in CI).
export MSBUILDDISABLENODEREUSE=1
export DEBIAN_FRONTEND=noninteractive

log() { printf '\n== %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Prerequisites -------------------------------------------------------------------------------
install_prerequisites() {
    local packages=()
    [ -x /usr/bin/chromium ] || packages+=(chromium)
    command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
    # pdftotext reads generated PDFs (name badges, attendance lists) back in the integration tests.
    command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
    if [ "${#packages[@]}" -gt 0 ]; then
        log "Installing ${packages[*]}"
        as_root apt-get update -qq
        as_root apt-get install -y --no-install-recommends "${packages[@]}"
    fi

    if [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tests/tools/node_modules/lighthouse/cli/index.js ]; then
        log "Installing the Nu HTML checker, Lighthouse and ical.js (tests/tools)"
        # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the system Java runs the jar.
        (cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund)
    fi
}

# --- Throw-away PostgreSQL -----------------------------------------------------------------------
PG_DIR=""
PG_BIN=""
PG_STARTED=0

as_postgres() {
    # initdb refuses to run as root; a developer running as themselves owns the cluster directly.
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

stop_postgres() {
    if [ "$PG_STARTED" = 1 ]; then
        as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
        PG_STARTED=0
    fi
    if [ -n "$PG_DIR" ]; then
        rm -rf "$PG_DIR"
        PG_DIR=""
    fi
}

start_postgres() {
    local initdb port attempt
    initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)
    PG_BIN=$(dirname "$initdb")
    PG_DIR=$(mktemp -d /tmp/qn-postgres.XXXXXX)
    chmod 755 "$PG_DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
    as_postgres "'$PG_BIN/initdb' -D '$PG_DIR/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$RESULTS/postgres-initdb.log" 2>&1

    # Try random high ports until one is free: pg_ctl fails fast when the port is taken.
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 30000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi
        if as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/log' -o \"-p $port -k $PG_DIR -c listen_addresses=127.0.0.1\" -w -t 30 start" >/dev/null 2>&1; then
            PG_STARTED=1
            break
        fi
        echo "PostgreSQL did not start on port $port (attempt $attempt), trying another." >&2
    done
    if [ "$PG_STARTED" != 1 ]; then
        cat "$PG_DIR/log" >&2 || true
        return 1
    fi

    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB" >/dev/null
    export QN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=app;Password=app;Database=postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

cleanup() {
    stop_postgres
    # The C# compiler server would outlive a CI run; a developer's machine restarts it on demand.
    if [ "${CI:-}" = true ]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Test runs -----------------------------------------------------------------------------------
TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()

# Reads passed="N" (or failed="N", …) from the trx file's <Counters .../> element.
counter() {
    local file=$1 name=$2
    grep -o '<Counters [^>]*>' "$file" | head -n 1 | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}

run_suite() {
    local name=$1 project=$2
    shift 2
    local trx="$RESULTS/$name.trx" rc=0 passed=0 failed=0 total=0 started=$SECONDS
    log "$name"
    env "$@" timeout --kill-after=30s "$SUITE_TIMEOUT" \
        dotnet test "$project" -c "$CONFIGURATION" --no-build \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" </dev/null || rc=$?

    if [ -f "$trx" ]; then
        passed=$(counter "$trx" passed)
        total=$(counter "$trx" total)
        # Errors, timeouts and aborts are failures too, though the runner rarely reports them.
        failed=$(($(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
        # A non-zero exit without a failed test means the run itself broke (crash, hang, no tests found).
        if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
        if [ "$total" = 0 ]; then failed=$((failed + 1)); fi
    else
        # No trx: the test host crashed or the run was killed.
        failed=1
    fi

    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    SUMMARY+=("$(printf '%-22s %4d passed, %3d failed  (%ds, exit %d)' "$name:" "$passed" "$failed" $((SECONDS - started)) "$rc")")
    printf '%s: %d passed, %d failed (exit %d)\n' "$name" "$passed" "$failed" "$rc"
}

main() {
    rm -rf "$RESULTS"
    mkdir -p "$RESULTS"

    install_prerequisites

    log "Building Quartiersnetz.slnx ($CONFIGURATION)"
    if ! dotnet build Quartiersnetz.slnx -c "$CONFIGURATION" </dev/null; then
        echo "The build failed; no tests ran."
        echo "ci: 0 passed, 1 failed"
        exit 1
    fi

    log "Starting a throw-away PostgreSQL cluster"
    start_postgres

    run_suite unit tests/Quartiersnetz.UnitTests
    run_suite integration-sqlite tests/Quartiersnetz.IntegrationTests QN_TEST_PROVIDER=Sqlite
    run_suite integration-postgres tests/Quartiersnetz.IntegrationTests QN_TEST_PROVIDER=Postgres
    # Browser tests run on SQLite only; screenshots go to artifacts/screenshots.
    run_suite browser tests/Quartiersnetz.BrowserTests QN_TEST_PROVIDER=Sqlite

    log "Summary (trx files in $RESULTS)"
    printf '%s\n' "${SUMMARY[@]}"
    echo "ci: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
    [ "$TOTAL_FAILED" = 0 ]
}

main
