#!/usr/bin/env python3
"""Compare one benchmark run: receipts vs ccusage vs the generator's manifest.

Reads the JSON each tool printed and the `/usr/bin/time -v` logs, prints a results table and
writes the figures as JSON (for docs/benchmarks.md).

The receipts JSON shape is read loosely on purpose: a `totals` object if there is one, else the
sum of the rows; token fields are matched by name (inputTokens / input / input_tokens, ...), cache
writes either as one number or as 5m + 1h. The keys it used are printed, so a human can check.
"""
import argparse
import json
import re
from decimal import Decimal

KINDS = ["input", "output", "cacheCreation", "cacheRead", "total"]
ALIASES = {
    "input": {"input", "inputtokens"},
    "output": {"output", "outputtokens"},
    "cacheCreation": {"cachecreation", "cachecreationtokens", "cachewrite", "cachewritetokens", "cachecreationinputtokens"},
    "cacheCreation5m": {"cachewrite5m", "cachecreation5m", "cachewrite5mtokens", "cachecreation5mtokens"},
    "cacheCreation1h": {"cachewrite1h", "cachecreation1h", "cachewrite1htokens", "cachecreation1htokens"},
    "cacheRead": {"cacheread", "cachereadtokens", "cachereadinputtokens"},
    "total": {"total", "totaltokens"},
    "cost": {"cost", "totalcost", "costusd", "totalcostusd"},
}
DAY_KEYS = ["period", "date", "day", "key", "bucket"]


def norm(key):
    return re.sub(r"[^a-z0-9]", "", key.lower())


def leaves(obj, prefix=""):
    """Numeric leaves of a dict, nested dicts flattened; lists (model breakdowns) skipped."""
    for key, value in obj.items():
        if isinstance(value, dict):
            yield from leaves(value, prefix + key + ".")
        elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
            yield prefix + key, value


def pick(obj):
    """Token kinds and cost of one totals object or row, with the keys they came from."""
    found, used = {}, {}
    for path, value in leaves(obj):
        leaf = norm(path.split(".")[-1])
        for kind, names in ALIASES.items():
            if leaf in names and kind not in found:
                try:
                    found[kind] = Decimal(str(value))
                    used[kind] = path
                except ArithmeticError:
                    pass
    if "cacheCreation" not in found and ("cacheCreation5m" in found or "cacheCreation1h" in found):
        found["cacheCreation"] = found.get("cacheCreation5m", 0) + found.get("cacheCreation1h", 0)
    if "total" not in found and all(k in found for k in ["input", "output", "cacheCreation", "cacheRead"]):
        found["total"] = found["input"] + found["output"] + found["cacheCreation"] + found["cacheRead"]
    return found, used


def rows_of(report):
    if isinstance(report, list):
        return report
    for key in ["rows", "daily", "days", "buckets", "data", "items"]:
        if isinstance(report.get(key), list):
            return report[key]
    lists = [v for v in report.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if lists else []


def totals_of(report):
    if isinstance(report, dict):
        for key in ["totals", "total", "summary"]:
            if isinstance(report.get(key), dict):
                found, used = pick(report[key])
                if found:
                    return found, {k: f"{key}.{v}" for k, v in used.items()}
    summed, used = {}, {}
    for row in rows_of(report):
        found, row_used = pick(row)
        for kind, value in found.items():
            summed[kind] = summed.get(kind, 0) + value
        used.update({k: "sum(rows[]." + v + ")" for k, v in row_used.items()})
    return summed, used


def by_day(report):
    days = {}
    for row in rows_of(report):
        day = next((str(row[k])[:10] for k in DAY_KEYS if k in row), None)
        if day:
            days[day] = pick(row)[0]
    return days


def cost_by_model(report):
    """Cost per model from per-row model breakdowns (ccusage: modelBreakdowns[].modelName/cost)."""
    costs = {}
    for row in rows_of(report):
        for key in ["modelBreakdowns", "models", "byModel"]:
            for item in row.get(key) or []:
                if not isinstance(item, dict):
                    continue
                name = item.get("modelName") or item.get("model") or item.get("name")
                cost = pick(item)[0].get("cost")
                if name is not None and cost is not None:
                    costs[name] = costs.get(name, Decimal(0)) + cost
    return costs


def time_log(path):
    if not path:
        return None
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    user = re.search(r"User time \(seconds\): (\S+)", text)
    system = re.search(r"System time \(seconds\): (\S+)", text)
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return {"seconds": round(seconds, 2), "cpuSeconds": round(float(user.group(1)) + float(system.group(1)), 2),
            "peakMiB": round(int(rss.group(1)) / 1024, 1),
            "exit": int(status.group(1)) if status else None}


def manifest_totals(manifest):
    e = manifest["expected"]
    return {"input": Decimal(e["inputTokens"]), "output": Decimal(e["outputTokens"]),
            "cacheCreation": Decimal(e["cacheCreationTokens"]), "cacheRead": Decimal(e["cacheReadTokens"]),
            "total": Decimal(e["totalTokens"])}


def diff_line(name, actual, expected):
    diffs = {k: actual.get(k, Decimal(0)) - expected[k] for k in KINDS}
    agree = all(v == 0 for v in diffs.values())
    detail = "" if agree else "  " + ", ".join(f"{k} {v:+}" for k, v in diffs.items() if v != 0)
    return agree, f"{name}: {'yes' if agree else 'NO'}{detail}"


def day_agreement(days, manifest):
    expected = manifest["expectedByDay"]
    same = sum(1 for d, e in expected.items()
               if d in days and all(days[d].get(k, -1) == Decimal(e[k + "Tokens"]) for k in ["input", "output", "cacheRead"]))
    return f"{same}/{len(expected)} days equal to the manifest (input, output, cache read)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--ccusage")
    parser.add_argument("--receipts")
    parser.add_argument("--ccusage-time")
    parser.add_argument("--import-time")
    parser.add_argument("--report-time")
    parser.add_argument("--reimport-time")
    parser.add_argument("--out")
    args = parser.parse_args()

    manifest = json.load(open(args.manifest))
    expected = manifest_totals(manifest)
    cc = json.load(open(args.ccusage)) if args.ccusage else None
    rc = json.load(open(args.receipts)) if args.receipts else None
    t_cc, t_imp, t_rep, t_re = (time_log(p) for p in [args.ccusage_time, args.import_time, args.report_time, args.reimport_time])

    load = open("/proc/loadavg").read().split()[0]
    print(f"load average at the end: {load} (timings are only comparable on a quiet machine)")
    print(f"corpus: {manifest['bytes'] / 2**20:.0f} MiB, {manifest['files']['jsonl']} files, "
          f"{manifest['lines']['total']} lines, {manifest['expected']['requests']} API responses after dedupe")
    print()
    print(f"{'':28}{'wall s':>10}{'CPU s':>10}{'peak MiB':>10}")
    rows = []
    if t_imp and t_rep:
        receipts_seconds = round(t_imp["seconds"] + t_rep["seconds"], 2)
        receipts_cpu = round(t_imp["cpuSeconds"] + t_rep["cpuSeconds"], 2)
        receipts_peak = max(t_imp["peakMiB"], t_rep["peakMiB"])
        rows += [("receipts import", t_imp), ("receipts report", t_rep),
                 ("receipts import + report", {"seconds": receipts_seconds, "cpuSeconds": receipts_cpu, "peakMiB": receipts_peak})]
    if t_cc:
        rows.append(("ccusage daily", t_cc))
    if t_re:
        rows.append(("receipts re-import", t_re))
    for name, t in rows:
        print(f"{name:28}{t['seconds']:>10.2f}{t['cpuSeconds']:>10.2f}{t['peakMiB']:>10.1f}")
    result = {"manifest": {k: manifest[k] for k in ["seed", "targetBytes", "bytes", "files", "lines"]},
              "times": {name: t for name, t in rows}}
    if t_imp and t_rep and t_cc and t_cc["seconds"] > 0:
        ratio = (t_imp["seconds"] + t_rep["seconds"]) / t_cc["seconds"]
        result["ratio"] = round(ratio, 2)
        cpu_ratio = (t_imp["cpuSeconds"] + t_rep["cpuSeconds"]) / max(t_cc["cpuSeconds"], 0.01)
        result["cpuRatio"] = round(cpu_ratio, 2)
        print(f"\nratio receipts / ccusage: {ratio:.2f} wall (target <= 1.00), {cpu_ratio:.2f} CPU")
        print(f"receipts peak memory: {receipts_peak:.0f} MiB (target < 500 MB)")
    if t_re:
        print(f"re-import with nothing new: {t_re['seconds']:.2f} s (target < 1 s)")

    print("\ntoken totals agree")
    if cc is not None:
        cc_totals, _ = totals_of(cc)
        ok, line = diff_line("  ccusage  vs manifest", cc_totals, expected)
        print(line)
        print("    " + day_agreement(by_day(cc), manifest))
        result["ccusage"] = {"agreesWithManifest": ok, "totalCost": str(cc_totals.get("cost"))}
    if rc is not None:
        rc_totals, used = totals_of(rc)
        ok, line = diff_line("  receipts vs manifest", rc_totals, expected)
        print(line)
        print("    " + day_agreement(by_day(rc), manifest))
        print(f"    (receipts fields read: {used})")
        result["receipts"] = {"agreesWithManifest": ok, "totalCost": str(rc_totals.get("cost"))}
        if cc is not None:
            ok, line = diff_line("  receipts vs ccusage ", rc_totals, {k: cc_totals.get(k, Decimal(0)) for k in KINDS})
            print(line)
            result["receiptsAgreesWithCcusage"] = ok
            if "cost" in rc_totals and "cost" in cc_totals:
                delta = rc_totals["cost"] - cc_totals["cost"]
                print(f"\ntotal cost: receipts ${rc_totals['cost']:.2f}, ccusage ${cc_totals['cost']:.2f}, "
                      f"difference ${delta:+.2f} ({'equal to the cent' if abs(delta) < Decimal('0.005') else 'differs'})")
                result["costDifference"] = str(round(delta, 4))
            cc_models, rc_models = cost_by_model(cc), cost_by_model(rc)
            if cc_models and rc_models:
                print(f"\n{'cost by model':32}{'receipts':>12}{'ccusage':>12}{'diff':>10}  prompts > 200k")
                above = manifest["shapes"].get("promptsAbove200kByModel", {})
                for model in sorted(set(cc_models) | set(rc_models)):
                    r, c = rc_models.get(model, Decimal(0)), cc_models.get(model, Decimal(0))
                    print(f"{model:32}{r:>12.2f}{c:>12.2f}{r - c:>+10.2f}  {above.get(model, 0)}")
    elif cc is not None:
        print(f"\nccusage total cost: ${cc_totals['cost']:.2f} (receipts not run)")

    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2, default=str)
            f.write("\n")


if __name__ == "__main__":
    main()
