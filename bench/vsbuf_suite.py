#!/usr/bin/env python3
"""Per-case comparison of buf's and contractctl's findings on buf's own
rule tests (bench/vs-buf-suite.sh writes the runs).

usage: vsbuf_suite.py [-v] OUT
OUT/{lint,breaking}/<case>.{buf,ours}.{out,err,rc}. A case agrees exactly
when both sides report the same multiset of (file, line, rule) over buf's
rule IDs, or both fail (compile errors, unusable configuration).
"""
import collections, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vsbuf_compare import load, records  # noqa: E402


def ranges(prefix):
    """(file, start line:col, end line:col, rule) of buf-rule findings."""
    out = collections.Counter()
    try:
        for d in records(prefix + ".out"):
            if d.get("type", "").isupper() and d.get("path"):
                out[(d["path"], d["start_line"], d["start_column"], d["end_line"], d["end_column"], d["type"])] += 1
    except (ValueError, KeyError):
        pass
    return out


def outcome(prefix, ours):
    """('ok', Counter) or ('error', first line of the error)."""
    rc = int(open(prefix + ".rc").read().strip() or 0)
    out, err = open(prefix + ".out").read(), open(prefix + ".err").read()
    if ours and rc == 2 or not ours and rc not in (0, 100):
        return "error", (err.strip().splitlines() or ["exit %d" % rc])[0]
    if not out.strip():
        return "ok", collections.Counter()
    try:
        c = load(prefix + ".out")
    except (ValueError, KeyError):
        return "error", out.strip().splitlines()[0]
    for bad in ("COMPILE", "contract-invalid"):  # buf's and contractctl's compile failures
        if any(k[2] == bad for k in c):
            return "error", "compile: " + next(k for k in c if k[2] == bad)[0]
    return "ok", collections.Counter({k: v for k, v in c.items() if k[2].isupper()})


def normalize(c, case):
    """contractctl names deleted files by their base path."""
    out = collections.Counter()
    pre = "../../previous/%s/" % case
    for (f, ln, rule), v in c.items():
        out[(f[len(pre):] if f.startswith(pre) else f, ln, rule)] += v
    return out


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    root = args[0]
    totals = {}
    same_range, buf_ranges = 0, 0
    for job in ("lint", "breaking"):
        d = os.path.join(root, job)
        cases = sorted({n.split(".")[0] for n in os.listdir(d)})
        agree = 0
        print("## %s (%d cases)" % (job, len(cases)))
        print("%-62s %5s %5s %5s %5s  %s" % ("case", "buf", "ours", "miss", "extra", "verdict"))
        for c in cases:
            bk, b = outcome(os.path.join(d, c + ".buf"), False)
            ok, o = outcome(os.path.join(d, c + ".ours"), True)
            if ok == "ok":
                o = normalize(o, c)
            if bk == "error" or ok == "error":
                same = bk == ok
                note = "both fail" if same else ("buf fails: %s" % b if bk == "error" else "contractctl fails: %s" % o)
                print("%-62s %5s %5s %5s %5s  %s" % (c, "-" if bk == "error" else sum(b.values()),
                      "-" if ok == "error" else sum(o.values()), "", "", ("exact (" + note + ")") if same else "DIFF " + note))
                agree += same
                continue
            miss, extra = b - o, o - b
            same = not miss and not extra
            br, orr = ranges(os.path.join(d, c + ".buf")), ranges(os.path.join(d, c + ".ours"))
            buf_ranges += sum(br.values())
            same_range += sum((br & orr).values())
            if verbose:
                for k in sorted((br - orr).keys()):
                    print("      range differs: buf %s:%d:%d-%d:%d %s" % k)
            agree += same
            print("%-62s %5d %5d %5d %5d  %s" % (c, sum(b.values()), sum(o.values()), sum(miss.values()),
                  sum(extra.values()), "exact" if same else "DIFF"))
            if verbose and not same:
                for title, k in (("missing", miss), ("extra", extra)):
                    for (f, ln, rule), v in sorted(k.items()):
                        print("      %s %s:%d %s x%d" % (title, f, ln, rule, v))
        totals[job] = (agree, len(cases))
        print("%s: %d of %d cases exact (%.1f %%)\n" % (job, agree, len(cases), 100.0 * agree / max(len(cases), 1)))
    a = sum(t[0] for t in totals.values())
    n = sum(t[1] for t in totals.values())
    print("total: %d of %d cases exact (%.1f %%)" % (a, n, 100.0 * a / max(n, 1)))
    print("positioned findings with buf's exact range (line:column to line:column): %d of %d" % (same_range, buf_ranges))


if __name__ == "__main__":
    main()
