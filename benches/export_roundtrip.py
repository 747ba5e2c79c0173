"""The Typesense export of treatysearch, loaded into a real Typesense and queried beside
treatysearch: for each judged query (as words, and as a phrase when it has several tokens), the
overlap of the two top-10 clause sets.

Run by benches/export_roundtrip.sh, which builds the index, writes the export
(`treatysearch export --format typesense --out DIR`), analyzes the queries with treatysearch's
own analyzers (each query a one-line document of a small corpus, exported the same way) and
starts Typesense. This script creates the collection from the export's schema.json, imports
documents.jsonl, runs the queries on both engines and prints a Markdown table.

Typesense is asked for our tokens, every one required, exactly: `prefix=false`, `num_typos=0`,
`drop_tokens_threshold=0`, `typo_tokens_threshold=0`; a phrase is `"tokens"`. treatysearch is
asked as a user asks it: `query --json --limit 10` (and again with `--strict`, which turns off
the fallback tiers, to tell matching from ranking apart).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

K = 10


class Failure(Exception):
    pass


def log(message):
    print(f"export_roundtrip: {message}", file=sys.stderr, flush=True)


class Typesense:
    def __init__(self, url, key, pid):
        self.url = url.rstrip("/")
        self.key = key
        self.pid = pid

    def request(self, method, path, body=None, content_type="application/json", timeout=600):
        req = urllib.request.Request(self.url + path, data=body, method=method)
        req.add_header("X-TYPESENSE-API-KEY", self.key)
        if body is not None:
            req.add_header("Content-Type", content_type)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()

    def wait_ready(self, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except OSError:
                raise Failure("Typesense exited at start (see its log)")
            try:
                if json.loads(self.request("GET", "/health", timeout=2)).get("ok"):
                    return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.5)
        raise Failure(f"Typesense did not answer /health within {seconds} s")

    def version(self):
        try:
            return json.loads(self.request("GET", "/debug")).get("version", "?")
        except (urllib.error.URLError, OSError, ValueError):
            return "?"

    def load(self, export_dir, batch_lines=20000):
        with open(os.path.join(export_dir, "schema.json"), "rb") as f:
            schema = f.read()
        name = json.loads(schema)["name"]
        self.request("POST", "/collections", schema)
        total = 0
        failed = []
        with open(os.path.join(export_dir, "documents.jsonl"), "rb") as f:
            while True:
                lines = [line for _, line in zip(range(batch_lines), f)]
                if not lines:
                    break
                answer = self.request(
                    "POST",
                    f"/collections/{name}/documents/import?action=create",
                    b"".join(lines),
                    content_type="text/plain",
                )
                for r in answer.decode().splitlines():
                    if not json.loads(r).get("success"):
                        failed.append(r)
                total += len(lines)
        if failed:
            raise Failure(f"Typesense refused {len(failed)} of {total} clauses, first: {failed[0][:300]}")
        held = json.loads(self.request("GET", f"/collections/{name}")).get("num_documents")
        if held != total:
            raise Failure(f"Typesense holds {held} clauses, not {total}")
        return name, total

    def search(self, collection, q, fields):
        params = urllib.parse.urlencode(
            {
                "q": q,
                "query_by": fields,
                "per_page": K,
                "include_fields": "id",
                "prefix": "false",
                "num_typos": 0,
                "typo_tokens_threshold": 0,
                "drop_tokens_threshold": 0,
            }
        )
        start = time.perf_counter()
        answer = json.loads(
            self.request("GET", f"/collections/{collection}/documents/search?{params}", timeout=60)
        )
        ms = (time.perf_counter() - start) * 1000
        return [h["document"]["id"] for h in answer.get("hits", [])], answer.get("found", 0), ms


def treatysearch(binary, corpus, index, query, strict):
    command = [binary, "query", "--json", "--follow", "--limit", str(K), "--corpus", corpus, "--index", index]
    if strict:
        command.append("--strict")
    run = subprocess.run(command + ["--", query], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise Failure(f"treatysearch query {query!r} exited {run.returncode}: {run.stderr.strip()}")
    ids, total, tier = [], 0, None
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        if obj["type"] == "hit":
            d = obj["data"]
            ids.append(f'{d["doc"]["id"]}:{d["clause"]}')
        elif obj["type"] == "summary":
            total = obj["data"].get("hit_count", 0)
    return ids, total


def overlap(a, b):
    if not a and not b:
        return None, None
    common = len(set(a) & set(b))
    smaller = min(len(a), len(b))
    return common / K, (common / smaller if smaller else 0.0)


def fmt(x):
    return "–" if x is None else f"{x:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--export", required=True, help="the --out folder of the corpus's export")
    ap.add_argument("--query-tokens", required=True, help="the export (JSONL) of the query corpus")
    ap.add_argument("--judged", required=True)
    ap.add_argument("--treatysearch", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--typesense-url", required=True)
    ap.add_argument("--typesense-key", required=True)
    ap.add_argument("--typesense-pid", type=int, required=True)
    ap.add_argument("--results", required=True, help="where to write the Markdown table")
    a = ap.parse_args()

    with open(a.judged, encoding="utf-8") as f:
        queries = json.load(f)["queries"]
    tokens = {}
    with open(a.query_tokens, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            tokens[r["doc_id"]] = (
                r["lang"],
                r.get("body_zh") or r.get("body_en") or "",
                r.get("body_zh_bigram") or "",
            )

    ts = Typesense(a.typesense_url, a.typesense_key, a.typesense_pid)
    ts.wait_ready()
    start = time.perf_counter()
    collection, loaded = ts.load(a.export)
    load_s = time.perf_counter() - start
    log(f"Typesense {ts.version()} holds {loaded} clauses (loaded in {load_s:.1f} s)")

    rows = []
    for q in queries:
        lang, words, bigrams = tokens[q["id"]]
        # Where Typesense looks: our words (and the heading's); for Chinese also the character
        # bigrams alone, all required, which is how treatysearch finds a word inside a compound
        # that jieba keeps whole (its bigram side has no positions, so a phrase is the same).
        sides = [("words", words, "body_zh,heading_zh" if lang == "zh" else "body_en,heading_en")]
        if lang == "zh":
            sides.append(("bigrams", bigrams, "body_zh_bigram"))
        kinds = [("word", q["query"], False)]
        if len(words.split()) > 1:
            kinds.append(("phrase", f'"{q["query"]}"', True))
        for kind, ours_q, phrase in kinds:
            ours, ours_total = treatysearch(a.treatysearch, a.corpus, a.index, ours_q, False)
            strict, strict_total = treatysearch(a.treatysearch, a.corpus, a.index, ours_q, True)
            for side, toks, fields in sides:
                ts_q = f'"{toks}"' if phrase and side == "words" else toks
                theirs, found, ms = ts.search(collection, ts_q, fields)
                o10, omin = overlap(ours, theirs)
                s10, smin = overlap(strict, theirs)
                rows.append(
                    {
                        "id": q["id"],
                        "lang": lang,
                        "kind": kind,
                        "side": side,
                        "query": ours_q,
                        "tokens": ts_q,
                        "ours": len(ours),
                        "ours_total": ours_total,
                        "strict_total": strict_total,
                        "typesense_found": found,
                        "overlap10": o10,
                        "overlap_min": omin,
                        "strict10": s10,
                        "strict_min": smin,
                        "ms": ms,
                    }
                )
                log(f"{q['id']} {kind} {ours_q} on {side}: overlap {fmt(o10)} ({fmt(omin)} of the smaller); "
                    f"treatysearch {ours_total} (strict {strict_total}), Typesense {found}")

    lines = [
        "| query | kind | Typesense field: tokens | treatysearch matches (strict) | Typesense found | overlap /min | overlap /10 | strict overlap /min |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['id']} {r['query']} | {r['kind']} | {r['side']}: `{r['tokens']}` | {r['ours_total']} ({r['strict_total']}) | "
            f"{r['typesense_found']} | {fmt(r['overlap_min'])} | {fmt(r['overlap10'])} | {fmt(r['strict_min'])} |"
        )

    def mean(key, kind=None, lang=None, side=None):
        xs = [
            r[key]
            for r in rows
            if r[key] is not None and (kind is None or r["kind"] == kind)
            and (lang is None or r["lang"] == lang)
            and (side is None or r["side"] == side)
        ]
        return (statistics.mean(xs), len(xs)) if xs else (None, 0)

    lines.append("")
    lines.append("| mean over | Typesense field | queries | overlap /min | overlap /10 | strict overlap /min | strict overlap /10 |")
    lines.append("|---|---|---|---|---|---|---|")
    for label, kind, lang, side in [
        ("Chinese word queries", "word", "zh", "words"),
        ("Chinese word queries", "word", "zh", "bigrams"),
        ("Chinese phrase queries", "phrase", "zh", "words"),
        ("Chinese phrase queries", "phrase", "zh", "bigrams"),
        ("English word queries", "word", "en", "words"),
        ("English phrase queries", "phrase", "en", "words"),
        ("all, words", None, None, "words"),
    ]:
        mmin, n = mean("overlap_min", kind, lang, side)
        m10, _ = mean("overlap10", kind, lang, side)
        smin, _ = mean("strict_min", kind, lang, side)
        s10, _ = mean("strict10", kind, lang, side)
        lines.append(f"| {label} | {side} | {n} | {fmt(mmin)} | {fmt(m10)} | {fmt(smin)} | {fmt(s10)} |")
    # Where both engines find at most ten clauses, the two sets are the whole match sets:
    # ranking plays no part, only what matches.
    lines.append("")
    for side in ("words", "bigrams"):
        of_side = [r for r in rows if r["side"] == side]
        equal = [r for r in of_side if r["strict_total"] == r["typesense_found"]]
        small = [r for r in of_side if r["strict_total"] <= K and r["typesense_found"] <= K and r["strict_min"] is not None]
        same = [r for r in small if r["strict_total"] == r["typesense_found"] and r["strict_min"] == 1.0]
        lines.append(
            f"Typesense on {side}: the same number of matches as `query --strict` for {len(equal)} of "
            f"{len(of_side)} queries; where both find at most {K} (the top 10 is the whole match set): "
            f"{len(small)}, the same set for {len(same)}."
        )
    ms = sorted(r["ms"] for r in rows)
    lines.append(f"Typesense load: {loaded} clauses in {load_s:.1f} s; search median {statistics.median(ms):.1f} ms.")
    table = "\n".join(lines) + "\n"
    with open(a.results, "w", encoding="utf-8") as f:
        f.write(table)
    with open(a.results + ".json", "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
    print(table)


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        log(f"error: {e}")
        sys.exit(2)
