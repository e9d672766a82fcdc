#!/usr/bin/env bash
# Lighthouse for issue 9's quality targets, as one command: publishes the app in Release, starts it on a throw-away
# SQLite database with the demo content (a public news article among it), and runs Lighthouse (tests/tools, Debian's
# Chromium) on the home page, the demo news article and an editorial page — Lighthouse's default mobile settings
# (simulated slow 4G and a 4× slower CPU), several runs per page, median reported. Writes
# bench/results/<date>-lighthouse.md and .json; exits 1 when a target is missed.
#   bench/lighthouse/run.sh [runs per page, default 5]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
export DEBIAN_FRONTEND=noninteractive
runs=${1:-5}
chromium=${QN_CHROMIUM:-/usr/bin/chromium}
pages=("/" "/aktuelles/beispiel-netzwerktreffen-im-quartier" "/seiten/ueber-uns")

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

packages=()
[ -x "$chromium" ] || packages+=(chromium)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ "${#packages[@]}" -gt 0 ]; then
    as_root apt-get update -qq
    as_root apt-get install -y --no-install-recommends "${packages[@]}"
fi
[ -f tests/tools/node_modules/lighthouse/cli/index.js ] || (cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund)

work=$(mktemp -d)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== Publishing the app (Release)"
dotnet publish src/Quartiersnetz.Web -c Release -o "$work/app" --nologo -v quiet

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
echo "== Starting it at $base (SQLite, demo content)"
# "Urls" as a plain variable: appsettings.json names one of its own, which outranks ASPNETCORE_URLS.
# Started in its own folder: the content root (wwwroot, the static assets' manifest) is the working directory.
(cd "$work/app" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite \
    ConnectionStrings__Sqlite="Data Source=$work/quartiersnetz.db" DemoData__Enabled=true \
    Urls="$base" dotnet Quartiersnetz.Web.dll >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do
    curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "$base/health/ready" >/dev/null || { tail -20 "$work/app.log"; echo "The app did not start." >&2; exit 1; }

# Lighthouse replays the page's measured CPU work slowed down, so start-up work (migrations, the first index pass,
# demo content) running beside it would count against the page: wait until the app is idle (< 5 % of a core over 2 s).
ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
for _ in $(seq 1 45); do
    before=$(ticks); sleep 2; after=$(ticks)
    [ $((after - before)) -lt 10 ] && break
done

# Warm up: the first request of a page after a start builds its cache entries; a visitor meets a warm server.
for page in "${pages[@]}"; do
    for _ in 1 2 3 4 5; do curl -fsS -o /dev/null "$base$page"; done
done
# A stylesheet that does not load would make every score meaningless: stop here instead.
for asset in $(curl -fsS "$base/" | grep -o 'href="/[^"]*\.css"' | sed 's/^href="//; s/"$//'); do
    curl -fsS -o /dev/null "$base$asset" || { echo "The stylesheet $asset does not load." >&2; exit 1; }
done

for page in "${pages[@]}"; do
    name=$(echo "$page" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')
    name=${name:-startseite}
    for run in $(seq 1 "$runs"); do
        echo "== Lighthouse $page ($run of $runs)"
        node tests/tools/node_modules/lighthouse/cli/index.js "$base$page" --chrome-path="$chromium" \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
            --only-categories=performance,accessibility,best-practices,seo \
            --output=json --output-path="$work/lh-$name-$run.json" --quiet
    done
done

# The raw reports stay for a closer look (open one in https://googlechrome.github.io/lighthouse/viewer/).
mkdir -p artifacts/lighthouse-bench
cp "$work"/lh-*.json "$work/app.log" artifacts/lighthouse-bench/
node bench/lighthouse/report.mjs "$work" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "${pages[@]}"
