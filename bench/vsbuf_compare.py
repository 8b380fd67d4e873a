#!/usr/bin/env python3
"""Compare buf's and contractctl's JSON-lines findings by (file, line, rule).

usage: vsbuf_compare.py BUF.jsonl OURS.json [--rules R1,R2] [--show N]
OURS is `contractctl lint|diff --format json` output (buf's JSON lines work too).
Only buf rule IDs (UPPER_CASE) are compared; contractctl's house rules are
counted separately. Deleted-file findings (no path in buf's output) are
keyed by the file named in the message.
"""
import collections, json, re, sys

def records(p):
    """buf's JSON lines, or contractctl's JSON report turned into the same."""
    text = open(p).read()
    if text.lstrip().startswith('{"findings"') or text.lstrip().startswith('{\n  "findings"'):
        for f in json.loads(text)["findings"]:
            yield {"path": f["file"], "start_line": f.get("line", 0), "start_column": f.get("column", 0),
                   "end_line": f.get("end_line", f.get("line", 0)), "end_column": f.get("end_column", f.get("column", 0)),
                   "type": f["rule"], "message": f["message"]}
        return
    for line in text.splitlines():
        line = line.strip()
        if line:
            yield json.loads(line)

def load(p):
    out = collections.Counter()
    for d in records(p):
        rule = d.get("type", "")
        path = d.get("path", "")
        ln = d.get("start_line", 0)
        if rule == "FILE_NO_DELETE":
            m = re.search(r'file "([^"]+)"', d.get("message", ""))
            path, ln = (m.group(1) if m else path), 0
        if rule == "PACKAGE_NO_DELETE":
            path, ln = "", 0  # buf names no file; contractctl names the deleted package's first file
        if ln == 1 and d.get("end_line", 1) == 1 and d.get("end_column", 1) == 1:
            ln = 0  # "no location" is 1:1 in buf's JSON and ours
        out[(path, ln, rule)] += 1
    return out

def main():
    args = sys.argv[1:]
    show = 15
    only = None
    if "--show" in args:
        i = args.index("--show"); show = int(args[i+1]); del args[i:i+2]
    if "--rules" in args:
        i = args.index("--rules"); only = set(args[i+1].split(",")); del args[i:i+2]
    buf, ours = load(args[0]), load(args[1])
    house = collections.Counter(k[2] for k in ours if not k[2].isupper())
    ours = collections.Counter({k: v for k, v in ours.items() if k[2].isupper()})
    if only:
        buf = collections.Counter({k: v for k, v in buf.items() if k[2] in only})
        ours = collections.Counter({k: v for k, v in ours.items() if k[2] in only})
    missing, extra = buf - ours, ours - buf
    rules = sorted(set(k[2] for k in buf) | set(k[2] for k in ours))
    print("%-45s %8s %8s %8s %8s" % ("rule", "buf", "ours", "missing", "extra"))
    for r in rules:
        b = sum(v for k, v in buf.items() if k[2] == r)
        o = sum(v for k, v in ours.items() if k[2] == r)
        mi = sum(v for k, v in missing.items() if k[2] == r)
        ex = sum(v for k, v in extra.items() if k[2] == r)
        print("%-45s %8d %8d %8d %8d" % (r, b, o, mi, ex))
    tb, to = sum(buf.values()), sum(ours.values())
    agree = tb - sum(missing.values())
    print("total: buf %d, contractctl %d, agree %d (%.2f%% of buf), missing %d, extra %d"
          % (tb, to, agree, 100.0 * agree / max(tb, 1), sum(missing.values()), sum(extra.values())))
    if house:
        print("house rules (not in buf):", dict(house))
    for title, c in (("missing (buf only)", missing), ("extra (contractctl only)", extra)):
        if c:
            print("--", title)
            for k, v in sorted(c.items())[:show]:
                print("  %s:%d %s x%d" % (k[0], k[1], k[2], v))
    return 0

if __name__ == "__main__":
    sys.exit(main())
