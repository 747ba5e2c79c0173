"""Adds the grades of a judged pool to a graded set.

    python3 benches/peers/grades.py POOL GRADES [GRADES …] --into tests/relevance/graded.json

POOL is what `run.sh --pool FILE` wrote; each GRADES file is `{"grades": {"<cid>": {"grade": 0|1|2,
"note": "…"}}}` for candidates of the pool. Every graded candidate becomes a judgment
`{doc, line, text, grade, chars[, note]}` of its query (the text cut to its first 80 characters;
`chars` is the length of the whole clause, so that identical clauses can be told); a
candidate judged already is not added twice. A grade outside 0–2 or a cid not in the pool stops
the script before anything is written.
"""

import argparse
import json
import sys

TEXT_CHARS = 80


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pool")
    ap.add_argument("grades", nargs="+")
    ap.add_argument("--into", required=True)
    a = ap.parse_args()

    with open(a.pool, encoding="utf-8") as f:
        pool = json.load(f)["queries"]
    candidates = {c["cid"]: (q["id"], c) for q in pool for c in q["candidates"]}
    grades = {}
    for path in a.grades:
        with open(path, encoding="utf-8") as f:
            for cid, g in json.load(f)["grades"].items():
                if cid not in candidates:
                    sys.exit(f"grades: {path}: {cid} is not a candidate of {a.pool}")
                if g.get("grade") not in (0, 1, 2):
                    sys.exit(f"grades: {path}: {cid} has grade {g.get('grade')!r}, not 0, 1 or 2")
                grades[cid] = g
    missing = [cid for cid in candidates if cid not in grades]

    with open(a.into, encoding="utf-8") as f:
        graded = json.load(f)
    by_id = {q["id"]: q for q in graded["queries"]}
    added = 0
    for cid, g in sorted(grades.items()):
        qid, c = candidates[cid]
        if qid not in by_id:
            sys.exit(f"grades: query {qid} of the pool is not in {a.into}")
        judgments = by_id[qid]["judgments"]
        if any(j["doc"] == c["doc"] and j["line"] == c["line"] and c["text"].startswith(j["text"]) for j in judgments):
            continue
        judgment = {"doc": c["doc"], "line": c["line"], "text": c["text"][:TEXT_CHARS], "grade": g["grade"], "chars": len(c["text"])}
        if g.get("note"):
            judgment["note"] = g["note"]
        judgments.append(judgment)
        added += 1
    for q in graded["queries"]:
        q["judgments"].sort(key=lambda j: (j["doc"], j["line"]))
    with open(a.into, "w", encoding="utf-8") as f:
        json.dump(graded, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"grades: {added} judgments added to {a.into}; {len(missing)} candidates of the pool not graded", file=sys.stderr)


if __name__ == "__main__":
    main()
