"""Compares Spectral's and contractctl's findings written by vs-spectral.sh."""
import json, os, sys

out, rsdir = sys.argv[1], sys.argv[2]
builtin = set(open(os.path.join(out, "builtin.txt")).read().split())
# Spectral's own diagnostics, not rules of the ruleset under test.
spectral_meta = {"invalid-ref", "unrecognized-format", "parser", "invalid-ruleset"}
sev = {0: "error", 1: "warn", 2: "info", 3: "info"}
total = agree = extra = 0
report = []
for name in sorted(f[:-5] for f in os.listdir(rsdir) if f.endswith(".yaml")):
    sp_path = os.path.join(out, name + ".spectral.json")
    cc_path = os.path.join(out, name + ".contractctl.json")
    if not os.path.exists(sp_path) or os.path.getsize(sp_path) == 0:
        err = open(os.path.join(out, name + ".spectral.err")).read().strip().splitlines()
        report.append(f"{name}: Spectral did not run: {err[0] if err else '?'}")
        continue
    if not os.path.exists(cc_path):
        err = open(os.path.join(out, name + ".contractctl.err")).read().strip()
        report.append(f"{name}: contractctl did not run: {err}")
        continue
    S = set()
    for r in json.load(open(sp_path)):
        if r["code"] in spectral_meta:
            continue
        S.add((os.path.realpath(r.get("source", "<none>")), r["range"]["start"]["line"] + 1, r["code"], sev[r["severity"]]))
    C = set()
    for f in json.load(open(cc_path))["findings"]:
        rule = f["rule"]
        if rule.startswith("spectral/"):
            rule = rule[len("spectral/"):]
        elif rule in builtin:
            continue
        C.add((os.path.realpath(f["file"]), f["line"], rule, f["severity"]))
    both = S & C
    total += len(S); agree += len(both); extra += len(C - S)
    line = f"{name}: spectral {len(S)}, contractctl {len(C)}, agree {len(both)}"
    report.append(line)
    for t in sorted(S - C)[:8]:
        report.append(f"   only spectral:    {os.path.relpath(t[0])}:{t[1]} {t[2]} {t[3]}")
    for t in sorted(C - S)[:8]:
        report.append(f"   only contractctl: {os.path.relpath(t[0])}:{t[1]} {t[2]} {t[3]}")
print("\n".join(report))
pct = 100.0 * agree / total if total else 0
print(f"\nTOTAL: {agree} of Spectral's {total} findings agree ({pct:.1f}%); contractctl has {extra} findings Spectral does not")
