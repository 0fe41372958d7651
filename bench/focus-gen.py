#!/usr/bin/env python3
"""Generate an N-row FOCUS 1.0 CSV in the shape of the FinOps Foundation FOCUS sample data (CC BY 4.0).

Each output row is a sample row with its charge period moved to another hour of the billing month and
its ResourceId made unique, so the file looks like a month of hourly cloud billing, not one row repeated.

    python3 bench/focus-gen.py /work/shared/data/focus/focus_sample.csv /tmp/focus-1m.csv 1000000
"""
import csv
import re
import sys
from datetime import datetime, timedelta

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
sample, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(sample, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)

start_i = header.index("ChargePeriodStart")
end_i = header.index("ChargePeriodEnd")
res_i = header.index("ResourceId")
month = datetime(2024, 9, 1)
with open(out, "w", newline="") as f:
    # Quote like the sample does: every string double-quoted, NULL and numbers bare.
    def cell(v):
        if v == "NULL" or NUMBER.fullmatch(v):
            return v
        return '"' + v.replace('"', '""') + '"'

    f.write(",".join(cell(h) for h in header) + "\n")
    for n in range(count):
        row = list(rows[n % len(rows)])
        hour = month + timedelta(hours=(n * 7919) % (30 * 24))
        row[start_i] = hour.strftime("%Y-%m-%d %H:%M:%S")
        row[end_i] = (hour + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
        if row[res_i] != "NULL":
            row[res_i] = f"{row[res_i]}-{n // len(rows)}"
        f.write(",".join(cell(v) for v in row) + "\n")
