#!/usr/bin/env bash
# The one test command. Installs what the tests need and is missing (Debian's Chromium for the browser
# tests), runs every test of the solution, and ends with the totals on a line of their own:
#   N passed, N failed, N skipped
# Exits non-zero when anything failed or did not build. Under CI=true a missing tool fails its tests
# instead of skipping them.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian's packages..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]}; the tests that need it will skip (or fail under CI=true)." >&2
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution IbtDialogue.sln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform ends with a summary: total, failed, succeeded, skipped.
count() { grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
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
