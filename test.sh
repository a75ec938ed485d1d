#!/usr/bin/env bash
# Runs every test (unit, bunit, integration, Playwright in headless Chromium) and ends with
#   tests: N passed, N failed, N skipped
# Exit code: 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A real Chromium for the browser tests: PLAYWRIGHT_CHROMIUM_EXECUTABLE, or Debian's package.
if [ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
      echo "Installing Debian's chromium for the browser tests…"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
      echo "error: no chromium found. Install it (sudo apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE." >&2
      exit 1
    fi
  fi
  PLAYWRIGHT_CHROMIUM_EXECUTABLE="$(command -v chromium)"
  export PLAYWRIGHT_CHROMIUM_EXECUTABLE
fi
# A PostgreSQL server for the Category=Postgres tests: CRM_TEST_POSTGRES, or (as root) Debian's package,
# started here. Without either, those tests are left out and the summary says so.
filter=()
if [ -z "${CRM_TEST_POSTGRES:-}" ] && [ "$(id -u)" = "0" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the PostgreSQL tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  service postgresql start >/dev/null
  until pg_isready -h 127.0.0.1 -q; do sleep 1; done
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'crm-test'\"" >/dev/null
  export CRM_TEST_POSTGRES="Host=127.0.0.1;Username=postgres;Password=crm-test;Database=postgres"
fi
if [ -z "${CRM_TEST_POSTGRES:-}" ]; then
  echo "note: no PostgreSQL (set CRM_TEST_POSTGRES or run as root): the Category=Postgres tests are left out." >&2
  filter=(--filter "Category!=Postgres")
fi
command -v npm >/dev/null 2>&1 || { echo "error: npm is needed to build the web app (Chart.js comes from npm)." >&2; exit 1; }

dotnet tool restore >/dev/null
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

set +e
dotnet test CrossSellCrm.sln "${filter[@]}" --logger "trx;LogFilePrefix=results" --results-directory "$results" --logger "console;verbosity=minimal"
status=$?
set -e

# The counters of every TRX file: passed, failed (+ errors, timeouts, aborted), not executed (skipped).
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
if [ "${passed:-0}" = "0" ] && [ "$status" != "0" ]; then failed=$(( ${failed:-0} > 0 ? failed : 1 )); fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" = "0" ] && [ "${failed:-0}" = "0" ]
