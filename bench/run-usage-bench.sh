#!/usr/bin/env bash
# Usage benchmark (issue 2): receipts import + report against ccusage daily, on one generated corpus.
#
#   bench/run-usage-bench.sh [SIZE] [SEED]        e.g. bench/run-usage-bench.sh 1GB 42
#
# Environment:
#   ONLY=ccusage|receipts|both   which side to run (default both; receipts is skipped with a note
#                                when its commands are not there yet)
#   REGEN=1                      regenerate the corpus even if bench/out has it
#   RECEIPTS_TZ_ARGS             how to ask receipts for UTC days (default "--tz UTC")
#
# Everything it writes goes to bench/out/ (git-ignored): corpus, manifest, JSON outputs, time logs, results.
set -euo pipefail

SIZE="${1:-1GB}"
SEED="${2:-42}"
ONLY="${ONLY:-both}"
RECEIPTS_TZ_ARGS="${RECEIPTS_TZ_ARGS:---tz UTC}"

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
OUT="$BENCH/out"
LABEL="$SIZE-s$SEED"
CORPUS="$OUT/corpus-$LABEL"
MANIFEST="$OUT/corpus-$LABEL.manifest.json"
RUN="$OUT/run-$LABEL"
CCUSAGE_VERSION="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["dependencies"]["ccusage"])' "$BENCH/package.json")"
CCUSAGE_BIN="$BENCH/node_modules/@ccusage/ccusage-linux-x64/bin/ccusage"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools --------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time (for wall time and peak RSS)"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

if [ "$ONLY" != "receipts" ]; then
  # ccusage 20.x is a Rust binary shipped in a per-platform npm package; the `ccusage` package is a
  # small Node launcher that execs it. Both are pinned to the same version in bench/package.json.
  if [ -f "$CCUSAGE_BIN" ] && [ ! -x "$CCUSAGE_BIN" ]; then chmod +x "$CCUSAGE_BIN"; fi
  if [ "$("$CCUSAGE_BIN" --version 2>/dev/null || true)" != "ccusage $CCUSAGE_VERSION" ]; then
    say "installing ccusage $CCUSAGE_VERSION + @ccusage/ccusage-linux-x64 $CCUSAGE_VERSION into bench/node_modules"
    # npm 11 refuses `npm ci` here: the lock lists ccusage's other-platform optional packages without
    # versions (they were never published for 20.0.24). `npm install` honours the same pins.
    (cd "$BENCH" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
                      || npm install --no-audit --no-fund --loglevel=error; })
  fi
  # npm unpacks the binary without its execute bit; the Node launcher would chmod it on first use.
  [ -x "$CCUSAGE_BIN" ] || chmod +x "$CCUSAGE_BIN"
  launcher="$("$BENCH/node_modules/.bin/ccusage" --version)"
  native="$("$CCUSAGE_BIN" --version)"
  [ "$launcher" = "ccusage $CCUSAGE_VERSION" ] && [ "$native" = "ccusage $CCUSAGE_VERSION" ] \
    || { echo "ccusage launcher says '$launcher', native binary says '$native'; expected $CCUSAGE_VERSION" >&2; exit 1; }
fi

# --- builds -------------------------------------------------------------------------------------
say "building bench/CorpusGen (Release)"
dotnet build "$BENCH/CorpusGen/CorpusGen.csproj" -c Release -o "$OUT/corpusgen" -v quiet -nologo | tail -n 3 >&2

RECEIPTS="$OUT/receipts-cli/receipts"
if [ "$ONLY" != "ccusage" ]; then
  say "publishing the receipts CLI (Release)"
  dotnet publish "$ROOT/src/Receipts.Cli/Receipts.Cli.csproj" -c Release -o "$OUT/receipts-cli" -v quiet -nologo | tail -n 3 >&2
  # --help on an unknown subcommand still exits 0, so look for the subcommands in the groups' help.
  if ! "$RECEIPTS" import --help 2>/dev/null | grep -q 'claude-code' \
     || ! "$RECEIPTS" report --help 2>/dev/null | grep -qw 'usage'; then
    echo "note: this receipts build has no 'import claude-code' / 'report usage' yet; running ccusage only" >&2
    [ "$ONLY" = "receipts" ] && exit 1
    ONLY=ccusage
  fi
fi

# --- corpus -------------------------------------------------------------------------------------
if [ "${REGEN:-0}" = 1 ] || [ ! -s "$MANIFEST" ] || [ ! -d "$CORPUS/projects" ]; then
  say "generating a $SIZE corpus (seed $SEED) into $CORPUS"
  rm -rf "$CORPUS" "$MANIFEST"
  "$OUT/corpusgen/corpusgen" --size "$SIZE" --seed "$SEED" --out "$CORPUS" --manifest "$MANIFEST" >/dev/null
else
  say "reusing $CORPUS (REGEN=1 to rebuild)"
fi

rm -rf "$RUN" && mkdir -p "$RUN/home"
say "warming the page cache (both tools then read the corpus from memory)"
find "$CORPUS/projects" -name '*.jsonl' -print0 | xargs -0 cat >/dev/null

# --- receipts -----------------------------------------------------------------------------------
receipts_args=()
if [ "$ONLY" != "ccusage" ]; then
  DB="$RUN/receipts.duckdb"
  say "receipts: cold import"
  TZ=UTC /usr/bin/time -v -o "$RUN/import.time" \
    "$RECEIPTS" import claude-code --path "$CORPUS" --db "$DB" >"$RUN/import.out" 2>"$RUN/import.err" \
    || { cat "$RUN/import.err" >&2; exit 1; }
  say "receipts: report usage --by day --json"
  # shellcheck disable=SC2086 # RECEIPTS_TZ_ARGS is a flag and its value
  TZ=UTC /usr/bin/time -v -o "$RUN/report.time" \
    "$RECEIPTS" report usage --by day --json $RECEIPTS_TZ_ARGS --db "$DB" >"$RUN/receipts.json" 2>"$RUN/report.err" \
    || { cat "$RUN/report.err" >&2; exit 1; }
  say "receipts: re-import with nothing new"
  TZ=UTC /usr/bin/time -v -o "$RUN/reimport.time" \
    "$RECEIPTS" import claude-code --path "$CORPUS" --db "$DB" >"$RUN/reimport.out" 2>"$RUN/reimport.err" \
    || { cat "$RUN/reimport.err" >&2; exit 1; }
  receipts_args=(--receipts "$RUN/receipts.json" --import-time "$RUN/import.time"
                 --report-time "$RUN/report.time" --reimport-time "$RUN/reimport.time")
fi

# --- ccusage ------------------------------------------------------------------------------------
ccusage_args=()
if [ "$ONLY" != "receipts" ]; then
  say "ccusage $CCUSAGE_VERSION: daily --json --offline -z UTC"
  # A clean environment: an empty HOME so ccusage finds no other agent's logs (Codex, OpenCode, ...),
  # and CLAUDE_CONFIG_DIR so it reads only the corpus. The native binary is timed directly; the Node
  # launcher (node_modules/.bin/ccusage) only adds Node's start-up.
  env -i PATH=/usr/bin:/bin HOME="$RUN/home" CLAUDE_CONFIG_DIR="$CORPUS" TZ=UTC \
    /usr/bin/time -v -o "$RUN/ccusage.time" \
    "$CCUSAGE_BIN" daily --json --offline -z UTC >"$RUN/ccusage.json" 2>"$RUN/ccusage.err" \
    || { cat "$RUN/ccusage.err" >&2; exit 1; }
  ccusage_args=(--ccusage "$RUN/ccusage.json" --ccusage-time "$RUN/ccusage.time")
fi

# --- results ------------------------------------------------------------------------------------
say "results ($LABEL, $(nproc) cores, $(uname -m))"
python3 "$BENCH/compare_usage.py" --manifest "$MANIFEST" "${ccusage_args[@]}" "${receipts_args[@]}" \
  --out "$RUN/results.json"
echo >&2
echo "outputs, time logs and results.json are in $RUN" >&2
