#!/usr/bin/env bash
# Times `receipts import git` against `git log --first-parent --name-status` on a generated repository
# with 20k+ first-parent commits (merge commits, squash commits, direct pushes, reverts, renames),
# then a re-import with nothing new. Prints wall and CPU (user+sys, git's included) times and ratios.
#
# Usage: bench/run-git-bench.sh [COMMITS]   (default 20000; needs git, python3, dotnet, GNU time)
# RUNS=N sets the repetitions (the median of N is reported: the machine this runs on is usually shared).
# The CLI is published ReadyToRun, as it ships.
set -euo pipefail

COMMITS="${1:-20000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/out/git"
REPO="$OUT/repo"
DB="$OUT/bench.duckdb"
BIN="$OUT/cli"
RUNS="${RUNS:-5}"

mkdir -p "$OUT"
if [ ! -d "$REPO/.git" ] || [ "$(git -C "$REPO" rev-list --first-parent --count main 2>/dev/null || echo 0)" -lt "$COMMITS" ]; then
  rm -rf "$REPO"
  git init -q -b main "$REPO"
  echo "generating $COMMITS first-parent commits with git fast-import…" >&2
  python3 "$ROOT/bench/gen-git-history.py" "$COMMITS" | git -C "$REPO" fast-import --quiet
  git -C "$REPO" for-each-ref --format='delete %(refname)' 'refs/heads/feat-*' | git -C "$REPO" update-ref --stdin
  git -C "$REPO" reset -q --hard main
fi
FP=$(git -C "$REPO" rev-list --first-parent --count main)
ALL=$(git -C "$REPO" rev-list --count main)
echo "repository: $REPO ($FP first-parent commits, $ALL commits)" >&2

RID="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
dotnet publish "$ROOT/src/Receipts.Cli" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$BIN" -v q -nologo >/dev/null
RECEIPTS="$BIN/receipts"

# measure SETUP COMMAND...: median wall and median CPU (user+sys, children included) of $RUNS runs, as "wall cpu".
measure() {
  local setup="$1"; shift
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    eval "$setup"
    /usr/bin/time -o "$OUT/time.txt" -f "%e %U %S" "$@" >/dev/null 2>&1
    local wall user sys
    read -r wall user sys < <(tail -1 "$OUT/time.txt")
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
  done
  echo "$(median "${walls[@]}") $(median "${cpus[@]}")"
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%.2f", (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}

read -r base_w base_c < <(measure ":" git -C "$REPO" log --first-parent --name-status main)
read -r ours_w ours_c < <(measure ":" git -C "$REPO" log --first-parent --diff-merges=first-parent -M --name-status -z --decorate-refs=refs/tags/ '--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cI%x1f%D%x1f%B%x1f' main)
read -r full_w full_c < <(measure 'rm -f "$DB" "$DB.wal"' "$RECEIPTS" import git --repo "$REPO" --db "$DB")
read -r again_w again_c < <(measure ":" "$RECEIPTS" import git --repo "$REPO" --db "$DB")
read -r report_w report_c < <(measure ":" "$RECEIPTS" report changes --db "$DB" --json)

printf 'first-parent commits: %s (all commits: %s); median of %s runs; load average: %s\n' "$FP" "$ALL" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
printf '%-48s %8s %8s\n' "" "wall s" "cpu s"
printf '%-48s %8s %8s\n' "git log --first-parent --name-status" "$base_w" "$base_c"
printf '%-48s %8s %8s\n' "git log as the importer runs it" "$ours_w" "$ours_c"
printf '%-48s %8s %8s\n' "receipts import git (full, fresh store)" "$full_w" "$full_c"
printf '%-48s %8s %8s\n' "receipts import git (nothing new)" "$again_w" "$again_c"
printf '%-48s %8s %8s\n' "receipts report changes --json (all changes)" "$report_w" "$report_c"
printf 'ratio import / git log: wall %sx, cpu %sx (target <= 2x); re-import %ss (target < 1 s)\n' \
  "$(echo "scale=2; $full_w / $base_w" | bc)" "$(echo "scale=2; $full_c / $base_c" | bc)" "$again_w"
