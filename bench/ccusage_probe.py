#!/usr/bin/env python3
"""Probe ccusage's behaviour with tiny hand-made transcripts.

Each probe writes one Claude Code config dir with a few assistant lines, runs
`ccusage daily --json --offline`, and prints what ccusage counted and charged.
The findings are recorded in docs/benchmarks.md ("What ccusage does").

Usage: bench/ccusage_probe.py [path-to-ccusage-binary]
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CCUSAGE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "node_modules", "@ccusage", "ccusage-linux-x64", "bin", "ccusage")
MODELS = ["claude-opus-4-5-20251101", "claude-opus-4-6", "claude-sonnet-4-5-20250929",
          "claude-sonnet-4-5", "claude-haiku-4-5-20251001", "claude-haiku-4-5"]


def line(msg_id, req_id, model, ts, usage, sidechain=False, extra=None):
    entry = {"parentUuid": None, "isSidechain": sidechain, "userType": "external",
             "cwd": "/home/dev/src/probe", "sessionId": "11111111-1111-4111-8111-111111111111",
             "version": "2.1.30", "gitBranch": "main",
             "message": {"id": msg_id, "type": "message", "role": "assistant", "model": model,
                         "content": [{"type": "text", "text": "x"}], "stop_reason": "end_turn",
                         "stop_sequence": None, "usage": usage},
             "type": "assistant", "uuid": "u-" + str(msg_id) + ts, "timestamp": ts}
    if req_id is not None:
        entry["requestId"] = req_id
    if extra:
        entry.update(extra)
    return json.dumps(entry, separators=(",", ":"))


def usage(inp=0, out=0, c5=0, c1=0, read=0):
    return {"input_tokens": inp, "cache_creation_input_tokens": c5 + c1, "cache_read_input_tokens": read,
            "cache_creation": {"ephemeral_5m_input_tokens": c5, "ephemeral_1h_input_tokens": c1},
            "output_tokens": out, "service_tier": "standard"}


def run(lines, *args, env_extra=None):
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "projects", "-home-dev-src-probe"))
        with open(os.path.join(root, "projects", "-home-dev-src-probe", "s.jsonl"), "w") as f:
            f.write("\n".join(lines) + "\n")
        env = {"PATH": "/usr/bin:/bin", "HOME": root, "CLAUDE_CONFIG_DIR": root}
        env.update(env_extra or {})
        done = subprocess.run([CCUSAGE, "daily", "--json", "--offline", *args], env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            return {"error": f"exit {done.returncode}: {done.stderr.strip()[:200]}", "daily": []}
        return json.loads(done.stdout)


def per_day(report):
    return {d["period"]: d for d in report["daily"]}


def probe_prices():
    print("## Price per million tokens, by kind (100k tokens of one kind per request)")
    kinds = [("input", usage(inp=100_000)), ("output", usage(out=100_000)), ("cache 5m", usage(c5=100_000)),
             ("cache 1h", usage(c1=100_000)), ("cache read", usage(read=100_000))]
    print("| model | " + " | ".join(k for k, _ in kinds) + " |")
    for model in MODELS:
        lines = [line(f"msg_{model}_{i}", f"req_{i}", model, f"2025-11-{i + 1:02d}T12:00:00.000Z", u)
                 for i, (_, u) in enumerate(kinds)]
        days = per_day(run(lines, "-z", "UTC"))
        costs = [days[f"2025-11-{i + 1:02d}"]["totalCost"] * 10 for i in range(len(kinds))]
        print(f"| {model} | " + " | ".join(f"{c:.4g}" for c in costs) + " |")


def probe_long_context():
    print("\n## Above 200k: one type over 200k, versus a prompt over 200k split across types")
    cases = [("cache read 300k", usage(read=300_000)), ("input 300k", usage(inp=300_000)),
             ("input 150k + read 150k", usage(inp=150_000, read=150_000)),
             ("read 300k, output 10k", usage(read=300_000, out=10_000))]
    for model in ["claude-sonnet-4-5-20250929", "claude-opus-4-6", "claude-opus-4-5-20251101"]:
        lines = [line(f"msg_lc_{model}_{i}", f"req_{i}", model, f"2025-11-{i + 1:02d}T12:00:00.000Z", u)
                 for i, (_, u) in enumerate(cases)]
        days = per_day(run(lines, "-z", "UTC"))
        for i, (name, _) in enumerate(cases):
            print(f"- {model}, {name}: ${days[f'2025-11-{i + 1:02d}']['totalCost']:.6f}")


def probe_dedupe():
    print("\n## Dedupe")
    m = "claude-sonnet-4-5-20250929"
    t = "2025-11-01T12:00:00.000Z"
    cases = {
        "same id+req, output 10 then 500": [line("msg_a", "req_a", m, t, usage(out=10)), line("msg_a", "req_a", m, t, usage(out=500))],
        "same id+req, output 500 then 10": [line("msg_a", "req_a", m, t, usage(out=500)), line("msg_a", "req_a", m, t, usage(out=10))],
        "same id, other req, neither sidechain": [line("msg_a", "req_a", m, t, usage(out=500)), line("msg_a", "req_b", m, t, usage(out=500))],
        "sidechain replay first, bigger (other req)": [line("msg_a", "req_b", m, t, usage(out=500, read=9000), sidechain=True), line("msg_a", "req_a", m, t, usage(out=500))],
        "sidechain replay after, bigger (other req)": [line("msg_a", "req_a", m, t, usage(out=500)), line("msg_a", "req_b", m, t, usage(out=500, read=9000), sidechain=True)],
        "same id, no requestId, twice": [line("msg_a", None, m, t, usage(out=500)), line("msg_a", None, m, t, usage(out=500))],
        "no message.id, twice": [line(None, "req_a", m, t, usage(out=500)), line(None, "req_a", m, t, usage(out=500))],
        "costUSD:null on the line": [line("msg_a", "req_a", m, t, usage(out=500), extra={"costUSD": None})],
        "costUSD:1.23 on the line (auto mode)": [line("msg_a", "req_a", m, t, usage(out=500), extra={"costUSD": 1.23})],
        "space after \"usage\":": [line("msg_a", "req_a", m, t, usage(out=500)).replace('"usage":{', '"usage": {')],
        "<synthetic> model, zero usage": [line("msg_a", None, "<synthetic>", t, usage())],
        "version not semver (\"dev\")": [line("msg_a", "req_a", m, t, usage(out=500), extra={"version": "dev"})],
    }
    for name, lines in cases.items():
        lines = [l.replace('"id":null,', "") for l in lines]
        report = run(lines, "-z", "UTC")
        print(f"- {name}: outputTokens={report['totals']['outputTokens']} "
              f"cacheRead={report['totals']['cacheReadTokens']} cost={report['totals']['totalCost']:.6f}")


def probe_timezone():
    print("\n## Timezone (one request at 2025-11-10T23:30:00Z)")
    lines = [line("msg_tz", "req_tz", "claude-haiku-4-5", "2025-11-10T23:30:00.000Z", usage(out=100))]
    for label, args, env in [("-z UTC", ["-z", "UTC"], None), ("-z Asia/Tokyo", ["-z", "Asia/Tokyo"], None),
                             ("TZ=Asia/Tokyo, no -z", [], {"TZ": "Asia/Tokyo"}),
                             ("TZ=America/Los_Angeles, -z UTC", ["-z", "UTC"], {"TZ": "America/Los_Angeles"}),
                             ("-z Not/AZone", ["-z", "Not/AZone"], {"TZ": "UTC"})]:
        report = run(lines, *args, env_extra=env)
        print(f"- {label}: {report.get('error') or [d['period'] for d in report['daily']]}")


if __name__ == "__main__":
    print(subprocess.run([CCUSAGE, "--version"], capture_output=True, text=True).stdout.strip())
    probe_prices()
    probe_long_context()
    probe_dedupe()
    probe_timezone()
