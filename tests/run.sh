#!/usr/bin/env bash
# The one test command. Installs what the tests need and is missing (Debian's Chromium for the browser
# tests, Debian's PostgreSQL for the tests on PostgreSQL, Debian's Redis and nginx for the tests with two nodes, which
# start a throwaway redis-server and nginx of their own on loopback ports), starts a throwaway PostgreSQL cluster on a loopback
# port for the run (removed at the end), runs every test of the solution (and the hub, page and service tests
# again with the app on PostgreSQL), and ends with the totals on a line of
# their own:
#   N passed, N failed, N skipped
# Exits non-zero when anything failed or did not build. Under CI=true a missing tool fails its tests
# instead of skipping them.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
[ -n "$(postgres_bin)" ] || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]}; the tests that need it will skip (or fail under CI=true)." >&2
  fi
fi

# The test classes that run a second time with the app on PostgreSQL.
# The engine tests have classes of their own for PostgreSQL (...OnPostgres) and ran above; the browser tests
# (Chromium, slow) stay on SQLite.
postgres_again=(
  "IbtDialogue.Tests.Hub.*" "IbtDialogue.Tests.Pages.*" "IbtDialogue.Tests.Accounts.*" "IbtDialogue.Tests.Minutes.*"
  "IbtDialogue.Tests.NationalPicture.*" "IbtDialogue.Tests.Security.*" "IbtDialogue.Tests.Privacy.*" "IbtDialogue.Tests.Voting.*"
)

log=$(mktemp)
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    as_postgres "'$(postgres_bin)/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
  rm -f "$log"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: root runs the cluster as the package's `postgres` user, anyone else as themselves.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A throwaway cluster (trust authentication on 127.0.0.1 only, superuser ibt, no fsync: nothing in it outlives
# the run) on the first free port from 55432. The tests find it in IBT_TEST_POSTGRES and make a database each.
start_postgres() {
  local bin port
  bin=$(postgres_bin)
  [ -n "$bin" ] || return 1
  pg_dir=$(mktemp -d /tmp/ibt-pg.XXXXXX)
  [ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir"
  as_postgres "'$bin/initdb' -D '$pg_dir/data' -U ibt --auth=trust -E UTF8 -N" >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; return 1; }
  for port in $(seq 55432 55499); do
    port_free "$port" || continue
    if as_postgres "'$bin/pg_ctl' -D '$pg_dir/data' -o \"-p $port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" -l '$pg_dir/log' -w start" >/dev/null; then
      export IBT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=ibt;Database=postgres"
      echo "PostgreSQL for the tests: 127.0.0.1:$port ($pg_dir)"
      return 0
    fi
  done
  return 1
}
if [ -z "${IBT_TEST_POSTGRES:-}" ] && ! start_postgres; then
  echo "Could not start PostgreSQL; the tests on PostgreSQL will skip (or fail under CI=true)." >&2
  [ -n "$pg_dir" ] && [ -f "$pg_dir/log" ] && cat "$pg_dir/log" >&2
fi

dotnet test --solution IbtDialogue.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The same tests once more on PostgreSQL: every app host of these classes gets a PostgreSQL database of its own.
echo
echo "Again on PostgreSQL (IBT_TEST_PROVIDER=Postgres): ${postgres_again[*]}"
if [ -n "${IBT_TEST_POSTGRES:-}" ]; then
  filters=()
  for class in "${postgres_again[@]}"; do filters+=(--filter-class "$class"); done
  IBT_TEST_PROVIDER=Postgres dotnet test --project tests/IbtDialogue.Tests --no-build -- "${filters[@]}" 2>&1 | tee -a "$log"
  again=${PIPESTATUS[0]}
  [ "$status" -ne 0 ] || status=$again
else
  echo "Skipped: no PostgreSQL server (the PostgreSQL tests of the first run said why)."
fi

# Microsoft.Testing.Platform ends each run with a summary: total, failed, succeeded, skipped.
count() { grep -E "^\s*$1:\s*[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ sum += $1 } END { print sum + 0 }'; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
echo
if [ "$failed" -ne 0 ]; then
  # Repeat each failure with its message at the end, where a truncated CI log still shows it.
  echo "Failed tests:"
  grep -n -E "^\s*failed " "$log" | cut -d: -f1 | while read -r line; do
    sed -n "${line},$((line + 30))p" "$log" | grep -v -E "XmlKeyManager|XML encryptor|DefaultAntiforgery|'Cache-Control'"
    echo "---"
  done
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before any test reported a failure: the build or a test host failed (see above)."
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
