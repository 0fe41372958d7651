#!/usr/bin/env bash
# The main job, on the embedded store (a DuckDB file under ~/.local/share/receipts/):
# import this machine's AI coding-agent logs (Claude Code, Codex) and print the usage report.
# On a machine with no agent logs, build the demo company instead and print its CPVO report.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet publish src/Receipts.Cli -c Release -o artifacts/receipts --nologo -v quiet
receipts=artifacts/receipts/receipts

claude_roots=()
if [ -n "${CLAUDE_CONFIG_DIR:-}" ]; then claude_roots+=("$CLAUDE_CONFIG_DIR"); fi
for d in "${XDG_CONFIG_HOME:-$HOME/.config}/claude" "$HOME/.claude"; do
  if [ -d "$d/projects" ]; then claude_roots+=("$d"); fi
done
codex_home="${CODEX_HOME:-$HOME/.codex}"

if [ ${#claude_roots[@]} -eq 0 ] && [ ! -d "$codex_home/sessions" ]; then
  echo "No Claude Code or Codex logs on this machine (looked in \$CLAUDE_CONFIG_DIR, ~/.config/claude, ~/.claude, ${codex_home})."
  echo "Building the demo company instead: real git repositories, agent transcripts, seats and a directory file."
  echo
  exec "$receipts" demo "$@"
fi

if [ ${#claude_roots[@]} -gt 0 ]; then "$receipts" import claude-code; fi
if [ -d "$codex_home/sessions" ]; then "$receipts" import codex; fi
"$receipts" report usage --by day "$@"
