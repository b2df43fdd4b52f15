#!/usr/bin/env bash
# Runs the whole test suite: starts a throwaway PostgreSQL on 127.0.0.1:55432 (installing Debian's server if it is
# missing), installs Debian's chromium for the browser tests if it is missing (never a downloaded browser), runs every
# test against SQLite and PostgreSQL, and prints "N passed, N failed".
# Exits non-zero on any failure, when no test ran, or when PostgreSQL or chromium cannot be had.
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  else sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2; fi
}
PGPORT="${CHOKEPOINT_PG_PORT:-55432}"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
  echo "PostgreSQL server not found; installing Debian's postgresql package..." >&2
  apt_install postgresql || true
fi
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "Debian's chromium (or the DejaVu fonts) not found; installing them for the browser tests..." >&2
  apt_install chromium fonts-dejavu-core || true
fi
[ -x /usr/bin/chromium ] || { echo "FATAL: Debian's chromium could not be installed; the browser tests cannot run." >&2; exit 1; }
PGBIN="$(pg_bin)"
[ -x "$PGBIN/initdb" ] || { echo "FATAL: PostgreSQL could not be installed; the PostgreSQL tests cannot run." >&2; exit 1; }

PGDATA="$(mktemp -d /tmp/chokepoint-pg-XXXXXX)"
RESULTS="$(mktemp -d /tmp/chokepoint-results-XXXXXX)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDATA" "$RESULTS"; }
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=/tmp -c fsync=off -c max_connections=300" start >/dev/null \
  || { echo "FATAL: PostgreSQL did not start:" >&2; cat "$PGDATA/log" >&2; exit 1; }
export CHOKEPOINT_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

set +e
dotnet test --project tests/Chokepoint.Tests/Chokepoint.Tests.csproj --report-xunit-trx --results-directory "$RESULTS" "$@"
status=$?
set -e

# The counts, and each failed test's name and message again at the very end, where a log's tail shows them.
python3 - "$RESULTS" > "$RESULTS/summary" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
p = f = t = 0
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    c = root.find(".//t:ResultSummary/t:Counters", ns)
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); t += int(c.get("total", 0))
    for r in root.iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") not in ("Failed", "Error"): continue
        message = r.find(".//t:ErrorInfo/t:Message", ns)
        text = (message.text or "").strip() if message is not None else ""
        print("FAILED " + r.get("testName", "?") + ": " + text[:1500].replace("\n", "\n    "), file=sys.stderr)
print(p, f, t)
PY
read -r passed failed total < "$RESULTS/summary"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
