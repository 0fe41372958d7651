#!/usr/bin/env python3
"""Writes a git fast-import stream: N first-parent commits on main, deterministic (seeded).

Mix per first-parent commit: ~35% merge commits "Merge pull request #N from acme/feat-N" (with one
side-branch commit), ~45% squash commits "Title (#N)", ~15% direct pushes, ~4% squashed revert PRs of
a recent change (`Revert "<subject>" (#M)` with body `Reverts acme/payments#N`; shas are not known
while the stream is written), ~1% renames. Files live in a tree of ~3000 paths.
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rnd = random.Random(42)
out = sys.stdout.buffer
t0 = 1_700_000_000
dirs = [f"src/{a}/{b}" for a in ("api", "core", "web", "jobs", "payments", "ledger") for b in range(50)]
files = [f"{d}/File{i}.cs" for d in dirs for i in range(10)]
mark = 0
pr = 0
subjects = []  # (pr, subject)


def w(s):
    out.write(s.encode() if isinstance(s, str) else s)


def blob_inline(path, content):
    data = content.encode()
    w(f"M 100644 inline {path}\ndata {len(data)}\n")
    w(data)
    w("\n")


def commit(ref, msg, when, parent, merge=None, changes=()):
    global mark
    mark += 1
    m = mark
    data = msg.encode()
    w(f"commit {ref}\nmark :{m}\n")
    w(f"author Dev <dev{when % 17}@acme.test> {when} +0000\n")
    w(f"committer Dev <dev{when % 17}@acme.test> {when} +0000\n")
    w(f"data {len(data)}\n")
    w(data)
    w("\n")
    if parent:
        w(f"from :{parent}\n")
    if merge:
        w(f"merge :{merge}\n")
    for change in changes:
        if change[0] == "M":
            blob_inline(change[1], change[2])
        elif change[0] == "R":
            w(f'R {change[1]} {change[2]}\n')
    w("\n")
    return m


head = commit("refs/heads/main", "Initial import\n", t0, None, changes=[("M", f, f"// {f}\n") for f in files])
when = t0
for i in range(n - 1):
    when += rnd.randint(60, 3600)
    roll = rnd.random()
    touched = rnd.sample(files, rnd.randint(1, 3))
    edits = [("M", f, f"// {f} v{i}\n") for f in touched]
    if roll < 0.35:
        pr += 1
        side = commit(f"refs/heads/feat-{pr}", f"Work on feature {pr}\n", when - 30, head, changes=edits)
        title = f"Feature {pr} for {touched[0].split('/')[1]}"
        head = commit("refs/heads/main", f"Merge pull request #{pr} from acme/feat-{pr}\n\n{title}\n", when, head, merge=side, changes=edits)
        subjects.append((pr, f"Merge pull request #{pr} from acme/feat-{pr}"))
    elif roll < 0.80:
        pr += 1
        title = f"Change {pr} in {touched[0].split('/')[2]} (#{pr})"
        head = commit("refs/heads/main", f"{title}\n\nBody line one.\n", when, head, changes=edits)
        subjects.append((pr, title))
    elif roll < 0.95:
        head = commit("refs/heads/main", f"Direct push {i}\n", when, head, changes=edits)
    elif roll < 0.99 and subjects:
        target_pr, subject = subjects[-rnd.randint(1, min(20, len(subjects)))]
        pr += 1
        head = commit("refs/heads/main", f'Revert "{subject}" (#{pr})\n\nReverts acme/payments#{target_pr}\n', when, head, changes=edits)
    else:
        old = rnd.choice(files)
        new = old.replace(".cs", f"_r{i}.cs")
        files.remove(old)
        files.append(new)
        head = commit("refs/heads/main", f"Rename {old} (#{pr + 1})\n", when, head, changes=[("R", old, new)])
        pr += 1
w("reset refs/heads/main\n")
w(f"from :{head}\n\n")
out.flush()
