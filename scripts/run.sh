#!/usr/bin/env bash
# The main job, on the embedded store (a DuckDB file under ~/.local/share/receipts/):
# import this machine's AI coding-agent logs (Claude Code, Codex) and print the usage report.
# On a machine with no agent logs, build the demo company instead and print its CPVO report.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet publish src/Receipts.Cli -c Release -o artifacts/receipts --nologo -v quiet
receipts=artifacts/receipts/receipts

has_logs() { [ -d "$1" ] && [ -n "$(find "$1" -name '*.jsonl' -print -quit 2>/dev/null)" ]; }

claude_roots=()
IFS=',' read -r -a configured <<< "${CLAUDE_CONFIG_DIR:-}"
for d in "${configured[@]}" "${XDG_CONFIG_HOME:-$HOME/.config}/claude" "$HOME/.claude"; do
  if [ -n "$d" ] && has_logs "$d/projects"; then claude_roots+=("$d"); fi
done
codex_home="${CODEX_HOME:-$HOME/.codex}"
codex_logs=false
if has_logs "$codex_home/sessions" || has_logs "$codex_home/archived_sessions"; then codex_logs=true; fi

if [ ${#claude_roots[@]} -eq 0 ] && [ "$codex_logs" = false ]; then
  echo "No Claude Code or Codex logs on this machine (looked in \$CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude, ${codex_home})."
  echo "Building the demo company instead: real git repositories, agent transcripts, seats and a directory file."
  echo
  exec "$receipts" demo "$@"
fi

if [ ${#claude_roots[@]} -gt 0 ]; then "$receipts" import claude-code; fi
if [ "$codex_logs" = true ]; then "$receipts" import codex; fi
"$receipts" report usage --by day "$@"
