#!/usr/bin/env bash
# One command for the benchmark (bench/README.md): installs what is missing (wrk, PostgreSQL), builds the harness
# and runs it on SQLite and PostgreSQL. The harness publishes the app, starts and stops its own PostgreSQL
# cluster, and writes bench/results/<date>-<scale>-<provider>.md and .json.
#   bench/run.sh [small|national] [more options for "bench run", e.g. --provider sqlite --duration 10]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
export DEBIAN_FRONTEND=noninteractive

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
if [ "${#packages[@]}" -gt 0 ]; then
    echo "== Installing ${packages[*]}"
    as_root apt-get update -qq
    as_root apt-get install -y --no-install-recommends "${packages[@]}"
fi

scale=small
if [ "$#" -gt 0 ] && [[ "$1" != --* ]]; then
    scale=$1
    shift
fi

dotnet build bench/Quartiersnetz.Bench -c Release --nologo -v quiet
exec dotnet bench/Quartiersnetz.Bench/bin/Release/net10.0/Quartiersnetz.Bench.dll run --scale "$scale" "$@"
