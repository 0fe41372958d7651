#!/usr/bin/env bash
# Runs every test, the PostgreSQL contract suite and the dashboard's browser tests included: installs what they
# need (scripts/test-deps.sh, as root: PostgreSQL, Chromium, npm) and starts PostgreSQL, then builds and runs
# `dotnet test Receipts.slnx`. Extra arguments go to dotnet test.
# Use an existing server instead: RECEIPTS_TEST_POSTGRES="Host=…;Username=…;Password=…;Database=…" bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${RECEIPTS_TEST_POSTGRES:-}" ]; then
  RECEIPTS_TEST_POSTGRES="$(bash scripts/test-deps.sh | tail -n 1)"
  export RECEIPTS_TEST_POSTGRES
else
  bash scripts/test-deps.sh --no-postgres
fi

dotnet build Receipts.slnx
dotnet test Receipts.slnx --no-build "$@"
