#!/bin/sh
# Measures `receipts hook session-end` from process start to exit, as Claude Code runs it:
# JSON on stdin, a 200-request transcript on disk, a local server that answers 200.
# Usage: bench/hook-bench.sh [runs]   (needs hyperfine and python3)
set -eu
runs=${1:-40}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT

dotnet publish "$repo/src/Receipts.Cli" -c Release -r linux-x64 --self-contained false -o "$work/bin" >/dev/null

mkdir -p "$work/home/.claude/projects/-bench" "$work/state"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
path = f"{work}/home/.claude/projects/-bench/s1.jsonl"
with open(path, "w") as f:
    for i in range(200):
        f.write(json.dumps({"type": "user", "sessionId": "s1", "cwd": work, "timestamp": "2026-11-20T10:00:00.000Z",
                            "message": {"role": "user", "content": "x" * 500}}) + "\n")
        f.write(json.dumps({"type": "assistant", "sessionId": "s1", "cwd": work, "gitBranch": "feat/PAY-12-x", "version": "2.1.50",
                            "timestamp": "2026-11-20T10:00:01.000Z", "requestId": f"req_{i}",
                            "message": {"id": f"msg_{i}", "model": "claude-sonnet-4-5", "content": [{"type": "text", "text": "hi"}],
                                        "usage": {"input_tokens": 3, "output_tokens": 10, "cache_read_input_tokens": 1000,
                                                  "cache_creation_input_tokens": 20}}}) + "\n")
json.dump({"session_id": "s1", "transcript_path": path, "cwd": work, "hook_event_name": "SessionEnd", "reason": "other"},
          open(f"{work}/payload.json", "w"))
PY
cat > "$work/server.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$work/server.py" 18181 & server_pid=$!
sleep 1

export HOME="$work/home" XDG_STATE_HOME="$work/state"
cd "$work"
hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" \
  --prepare "rm -rf $work/state" --prepare true --prepare "rm -rf $work/state" --prepare true \
  -n 'session-end, 200 new requests, server up' "./bin/receipts hook session-end --server http://127.0.0.1:18181 < payload.json" \
  -n 'session-end, nothing new' "./bin/receipts hook session-end --server http://127.0.0.1:18181 < payload.json" \
  -n 'session-end, server down (spools)' "./bin/receipts hook session-end --server http://127.0.0.1:9 < payload.json" \
  -n 'process start only (receipts --help)' "./bin/receipts --help > /dev/null"
python3 - "$work/result.json" <<'PY'
import json, sys, statistics
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print(f'{r["command"]}: p50 {statistics.median(t)*1000:.0f} ms, p90 {t[int(len(t)*0.9)-1]*1000:.0f} ms, '
          f'user {r["user"]*1000:.0f} ms, system {r["system"]*1000:.0f} ms')
PY
uptime
