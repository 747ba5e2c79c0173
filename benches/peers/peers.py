"""treatysearch beside SQLite FTS5 + jieba and Typesense on the judged queries.

Run by benches/peers/run.sh, which builds treatysearch's index, exports its clauses (JSONL
`{doc, line, lang, text, date, title}`) and starts Typesense; this script indexes the clauses
into FTS5 and Typesense, runs every judged query on the three engines, and prints nDCG@10,
recall@10 and P@10 per engine and language, build times and query latencies side by side.

Relevance is judged as examples/relevance_eval.rs judges it. The first set
(tests/relevance/judged.json): a clause is relevant when the query's `rule` holds for it (see
Rule: the rules are applied to the exported clauses, so the set stays fair when clause units
change); nDCG@10 with binary gains and the ideal list of min(10, relevant) hits, recall@10 =
relevant in the top ten / all relevant, P@10 = relevant in the top ten / 10. The graded set
(tests/relevance/graded.json): a judgment applies to a returned clause of its document that
starts on its line with its text, or that holds the judged text whole (hard-wrapped lines joined
into one clause), whitespace removed on both sides; see graded_score.
"""

import argparse
import json
import math
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

K = 10
COLLECTION = "clauses"


class Failure(Exception):
    """A step that cannot go on, with a message for the user."""


def log(message):
    print(f"peers: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Relevance, as examples/relevance_eval.rs computes it


class Rule:
    """The rule of a query of the first set, as examples/relevance_eval.rs applies it: regular
    expressions joined by ` AND `, all of which a relevant clause has (case-insensitive for
    English), on the clause with line breaks read as a space (English) or as nothing (Chinese)."""

    def __init__(self, rule, lang):
        self.zh = lang == "zh"
        flags = 0 if self.zh else re.IGNORECASE
        self.patterns = [re.compile(p, flags) for p in rule.split(" AND ")]

    def holds(self, text):
        flat = "".join(text.split()) if self.zh else " ".join(text.split())
        return all(p.search(flat) for p in self.patterns)


def score(returned, rule, relevant):
    """(nDCG@K, recall@K, P@K) of a ranked list of (doc, line, text) against the rule of a query
    of the first set, with `relevant` clauses in all; a text repeated further down counts once."""
    if not relevant:
        return (0.0, 0.0, 0.0)
    seen = set()
    dcg = 0.0
    found = 0
    for i, (_, _, text) in enumerate(returned[:K]):
        flat = squeeze(text)
        if rule.holds(text) and flat not in seen:
            seen.add(flat)
            dcg += 1.0 / math.log2(i + 2)
            found += 1
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(relevant, K)))
    return (dcg / ideal, found / relevant, found / K)


def squeeze(text):
    """Text compared for judgments: no whitespace of any kind, lower case (as examples/relevance_eval.rs)."""
    return "".join(text.split()).lower()


# A judged text shorter than this (squeezed) applies only to a clause starting on its line.
MIN_CONTAINED = 25


def grade_of(doc, line, text, judgments):
    """The grade a returned clause gets from graded judgments, `None` when none applies.

    A judgment names a document, the line where a clause starts and the start of its text. It
    applies to a returned clause of that document that starts on that line with that text, or
    whose text contains the judged text when that is long enough not to be found by chance (lines
    joined into one clause keep their grades); whitespace removed and lower-cased on both sides.
    The best grade that applies counts."""
    flat = squeeze(text)
    grades = [
        j["grade"]
        for j in judgments.get(doc, ())
        if (j["line"] == line and flat.startswith(j["squeezed"])) or (len(j["squeezed"]) >= MIN_CONTAINED and j["squeezed"] in flat)
    ]
    return max(grades) if grades else None


def index_judgments(query):
    """A graded query's judgments by document, with their squeezed text."""
    out = {}
    for j in query["judgments"]:
        out.setdefault(j["doc"], []).append(dict(j, squeezed=squeeze(j["text"])))
    return out


def graded_score(returned, judgments):
    """(nDCG@K, judged share of the clauses returned in the top K, P@K) of a ranked list of (doc,
    line, text) against graded judgments: gains are the grades (0, 1, 2; unjudged counts 0), the
    ideal list is the best K grades of distinct judged clauses; P@K counts clauses graded 1 or 2.
    Identical clauses are one answer: a clause whose text repeats one ranked above it gains
    nothing, and copies are one entry of the ideal list (judged clauses are told apart by their
    text and length)."""
    best = {}
    for js in judgments.values():
        for j in js:
            key = (j["squeezed"], j.get("chars"))
            best[key] = max(best.get(key, 0), j["grade"])
    grades = sorted(best.values(), reverse=True)[:K]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(grades))
    if ideal == 0:
        return (0.0, 0.0, 0.0)
    dcg, judged, relevant = 0.0, 0, 0
    seen = set()
    for i, (doc, line, text) in enumerate(returned[:K]):
        g = grade_of(doc, line, text, judgments)
        flat = squeeze(text)
        repeat = flat in seen
        seen.add(flat)
        if g is None:
            continue
        judged += 1
        if repeat:
            continue
        relevant += g > 0
        dcg += g / math.log2(i + 2)
    return (dcg / ideal, judged / max(1, min(K, len(returned))), relevant / K)


# ---------------------------------------------------------------------------------------------
# The query language, for the peers: words (implicit AND), "quoted phrases", OR, -exclusion,
# parentheses, as treatysearch reads it.


def parse_query(query):
    """The query as a tree: ('and', [...]), ('or', [...]), ('not', x), ('word', s), ('phrase', s)."""
    # Split `-(` and `-"…"` and `-word` into a minus and what follows; parentheses glued to words.
    flat = []
    for t in re.findall(r'-?"[^"]*"|-?[“「][^”」]*[”」]|-?\(|\)|[^\s()"“”「」]+', query):
        if t.startswith("-") and len(t) > 1:
            flat.append("-")
            t = t[1:]
        flat.append(t)
    pos = 0

    def parse_or():
        nonlocal pos
        sides = [parse_and()]
        while pos < len(flat) and flat[pos] == "OR":
            pos += 1
            sides.append(parse_and())
        return sides[0] if len(sides) == 1 else ("or", sides)

    def parse_and():
        nonlocal pos
        items = []
        while pos < len(flat) and flat[pos] not in ("OR", ")"):
            items.append(parse_unary())
        if not items:
            raise Failure(f"cannot read the query {query!r}: an empty group or OR side")
        return items[0] if len(items) == 1 else ("and", items)

    def parse_unary():
        nonlocal pos
        if pos >= len(flat):
            raise Failure(f"cannot read the query {query!r}: it ends with a -")
        t = flat[pos]
        if t == "-":
            pos += 1
            return ("not", parse_unary())
        if t == "(":
            pos += 1
            inner = parse_or()
            if pos >= len(flat) or flat[pos] != ")":
                raise Failure(f"cannot read the query {query!r}: a ( without its )")
            pos += 1
            return inner
        pos += 1
        if t[0] in "\"“「":
            return ("phrase", t[1:-1])
        return ("word", t)

    tree = parse_or()
    if pos != len(flat):
        raise Failure(f"cannot read the query {query!r}: a ) without its (")
    return tree


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Fts5:
    """SQLite FTS5, `porter unicode61`, Chinese pre-cut by jieba's search mode, bm25."""

    def __init__(self, path):
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        self.jieba = jieba
        if os.path.exists(path):
            os.remove(path)
        self.path = path
        self.db = sqlite3.connect(path)

    def cut(self, text):
        """Chinese text as jieba's search mode cuts it, words separated by spaces."""
        return " ".join(w for w in self.jieba.cut_for_search(text) if w.strip())

    def build(self, clauses):
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'porter unicode61')")
        rows = ((i, self.cut(c["text"]) if c["lang"] == "zh" else c["text"]) for i, c in enumerate(clauses))
        self.db.executemany("INSERT INTO fts(rowid, body) VALUES (?, ?)", rows)
        self.db.commit()

    def terms(self, text):
        """FTS5 strings for one word or phrase of a query: jieba's search cut where it is Chinese."""
        if CJK.search(text):
            return [w for w in self.jieba.cut_for_search(text) if w.strip()]
        return [text]

    @staticmethod
    def quote(s):
        return '"' + s.replace('"', '""') + '"'

    def expression(self, node):
        kind = node[0]
        if kind == "word":
            parts = [self.quote(t) for t in self.terms(node[1])]
            return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
        if kind == "phrase":
            return self.quote(" ".join(self.terms(node[1])))
        if kind == "or":
            return "(" + " OR ".join(self.expression(n) for n in node[1]) + ")"
        if kind == "not":
            raise Failure("a query that only excludes cannot be run on FTS5")
        # and: FTS5's NOT is binary (a NOT b): the kept items first, then each excluded one.
        kept = [n for n in node[1] if n[0] != "not"]
        left_out = [n[1] for n in node[1] if n[0] == "not"]
        if not kept:
            raise Failure("a query that only excludes cannot be run on FTS5")
        expr = "(" + " AND ".join(self.expression(n) for n in kept) + ")"
        for n in left_out:
            expr = f"({expr} NOT {self.expression(n)})"
        return expr

    def search(self, query):
        tree = parse_query(query)
        if tree[0] == "not":
            raise Failure("a query that only excludes cannot be run on FTS5")
        expr = self.expression(tree)
        rows = self.db.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (expr, K)
        ).fetchall()
        return [r[0] for r in rows]


class Typesense:
    """Typesense over HTTP: `locale: zh` for the Chinese field, the default for English."""

    def __init__(self, url, key, pid, log_path):
        self.url = url.rstrip("/")
        self.key = key
        self.pid = pid
        self.log_path = log_path

    def request(self, method, path, body=None, content_type="application/json", timeout=600):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("X-TYPESENSE-API-KEY", self.key)
        if data is not None:
            req.add_header("Content-Type", content_type)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()

    def alive(self):
        try:
            os.kill(self.pid, 0)
            return True
        except OSError:
            return False

    def log_tail(self):
        """The server's error lines (glog's `E…`/`F…`), else the last lines of its log."""
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except OSError:
            return "(no log)"
        errors = [line for line in lines if line[:1] in ("E", "F")]
        return "".join(errors[-3:] or lines[-3:]).strip()

    def wait_ready(self, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                raise Failure(f"Typesense exited at start: {self.log_tail()}")
            try:
                health = json.loads(self.request("GET", "/health", timeout=2))
                if health.get("ok"):
                    return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.5)
        raise Failure(f"Typesense did not answer /health within {seconds} s: {self.log_tail()}")

    def version(self):
        try:
            return json.loads(self.request("GET", "/debug")).get("version", "?")
        except (urllib.error.URLError, OSError, ValueError):
            return "?"

    def build(self, clauses, batch=5000):
        schema = {
            "name": COLLECTION,
            "fields": [
                {"name": "doc", "type": "string", "index": False, "optional": True},
                {"name": "line", "type": "int32", "index": False, "optional": True},
                {"name": "text_zh", "type": "string", "locale": "zh", "optional": True},
                {"name": "text_en", "type": "string", "optional": True},
            ],
        }
        self.request("POST", "/collections", schema)
        for start in range(0, len(clauses), batch):
            lines = []
            for i in range(start, min(start + batch, len(clauses))):
                c = clauses[i]
                field = "text_zh" if c["lang"] == "zh" else "text_en"
                lines.append(json.dumps({"id": str(i), "doc": c["doc"], "line": c["line"], field: c["text"]}, ensure_ascii=False))
            answer = self.request(
                "POST",
                f"/collections/{COLLECTION}/documents/import?action=create",
                "\n".join(lines).encode(),
                content_type="text/plain",
            )
            failed = [r for r in answer.decode().splitlines() if not json.loads(r).get("success")]
            if failed:
                raise Failure(f"Typesense refused {len(failed)} clauses, first: {failed[0][:300]}")
        info = json.loads(self.request("GET", f"/collections/{COLLECTION}"))
        if info.get("num_documents") != len(clauses):
            raise Failure(f"Typesense holds {info.get('num_documents')} clauses, not {len(clauses)}")

    def search(self, query):
        # Typesense 0.24 cuts the query once, with the locale of the first `query_by` field: with
        # text_zh first, `anti-dumping` is cut into `anti dumping` and misses the English clauses,
        # which were indexed as `antidumping`. So the field of the query's script goes first.
        fields = "text_zh,text_en" if CJK.search(query) else "text_en,text_zh"
        params = urllib.parse.urlencode({"q": query, "query_by": fields, "per_page": K, "include_fields": "id"})
        answer = json.loads(self.request("GET", f"/collections/{COLLECTION}/documents/search?{params}", timeout=60))
        return [int(h["document"]["id"]) for h in answer.get("hits", [])]


class Treatysearch:
    """The release binary, one cold process per query, `query --json`."""

    def __init__(self, binary, corpus, index):
        self.command = [binary, "query", "--json", "--follow", "--limit", str(K), "--corpus", corpus, "--index", index, "--"]
        self.warned = False

    def search(self, query):
        """((doc, line, text) of the hits, elapsed_ms reported by the summary)."""
        run = subprocess.run(self.command + [query], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            raise Failure(f"treatysearch query {query!r} exited {run.returncode}: {run.stderr.strip()}")
        if run.stderr.strip() and not self.warned:
            # The index was built just before: anything said here (an update) is worth seeing.
            log(f"treatysearch said on stderr: {run.stderr.strip()[:300]}")
            self.warned = True
        hits, elapsed = [], None
        for line in run.stdout.splitlines():
            obj = json.loads(line)
            if obj["type"] == "hit":
                d = obj["data"]
                hits.append((d["doc"]["id"], d["line"], d["text"]))
            elif obj["type"] == "summary":
                elapsed = obj["data"]["elapsed_ms"]
        return hits, elapsed


def write_pool(path, queries, clauses, engines, ours, typesense, fts, as_returned):
    """TREC pooling: the top ten of every engine for each query, less what is judged already,
    shuffled so that a judge cannot tell which engine returned what, written as JSON for
    judging; which engines returned each clause goes in a separate key."""
    titles = {(c["doc"], c["line"]): c.get("title") for c in clauses}
    pool = []
    for q in queries:
        judgments = index_judgments(q)
        lists = {
            engines[0]: ours.search(q["query"])[0],
            engines[1]: as_returned(typesense.search(q["query"])),
            engines[2]: as_returned(fts.search(q["query"])),
        }
        found = {}
        for engine, returned in lists.items():
            for rank, (doc, line, text) in enumerate(returned[:K], 1):
                if grade_of(doc, line, text, judgments) is not None:
                    continue
                entry = found.setdefault(
                    (doc, line), {"doc": doc, "line": line, "title": titles.get((doc, line)), "text": text, "engines": {}}
                )
                entry["engines"][engine] = rank
        candidates = list(found.values())
        random.Random(q["id"]).shuffle(candidates)
        for i, c in enumerate(candidates, 1):
            c["cid"] = f"{q['id']}-{i:02d}"
        pool.append({"id": q["id"], "query": q["query"], "lang": q["lang"], "need": q.get("need", ""), "candidates": candidates})
        log(f"{q['id']} {q['query']}: {len(candidates)} clauses to judge")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"queries": pool}, f, ensure_ascii=False, indent=1)
    log(f"pool written to {path}: {sum(len(p['candidates']) for p in pool)} clauses to judge")


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def resident_bytes(pid):
    """The resident memory of a process (Typesense keeps its whole index in memory)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def quantiles(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, (time.perf_counter() - start) * 1000.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clauses", required=True)
    ap.add_argument("--judged", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--treatysearch", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--treatysearch-build", type=float, required=True)
    ap.add_argument("--typesense-url", required=True)
    ap.add_argument("--typesense-key", required=True)
    ap.add_argument("--typesense-pid", type=int, required=True)
    ap.add_argument("--typesense-log", required=True)
    ap.add_argument("--typesense-data", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pool", help="write the unjudged top ten of every engine per query to this file and stop")
    a = ap.parse_args()

    with open(a.clauses, encoding="utf-8") as f:
        clauses = [json.loads(line) for line in f]
    if not clauses:
        raise Failure(f"no clauses in {a.clauses}")
    with open(a.judged, encoding="utf-8") as f:
        queries = json.load(f)["queries"]
    # A graded set (tests/relevance/graded.json) judges clauses 0/1/2; the first set lists the
    # relevant clauses only.
    graded = bool(queries) and "judgments" in queries[0]
    if a.pool and not graded:
        raise Failure("--pool needs a graded set (queries with `judgments`, as tests/relevance/graded.json)")
    documents = len({c["doc"] for c in clauses})
    log(f"{len(clauses):,} clauses of {documents:,} documents, {len(queries)} judged queries")

    typesense = Typesense(a.typesense_url, a.typesense_key, a.typesense_pid, a.typesense_log)
    typesense.wait_ready()
    ts_version = typesense.version()
    log(f"Typesense {ts_version} is up; indexing into FTS5")
    fts = Fts5(os.path.join(a.work, "fts5.sqlite"))
    _, fts_build = timed(fts.build, clauses)
    log(f"FTS5 built in {fts_build / 1000:.1f} s; indexing into Typesense")
    _, ts_build = timed(typesense.build, clauses)
    log(f"Typesense built in {ts_build / 1000:.1f} s; running the queries")

    ours = Treatysearch(a.treatysearch, a.corpus, a.index)

    def as_returned(ids):
        return [(clauses[i]["doc"], clauses[i]["line"], clauses[i]["text"]) for i in ids]

    engines = ["treatysearch", f"Typesense {ts_version}", "SQLite FTS5 + jieba"]
    if a.pool:
        write_pool(a.pool, queries, clauses, engines, ours, typesense, fts, as_returned)
        return
    per_query = []
    latency = {"treatysearch (cold process)": [], "treatysearch (elapsed_ms)": [], engines[1] + " (HTTP)": [], "SQLite FTS5 + jieba (in-process)": []}
    # One pass to warm every engine's caches, then `repeat` timed passes.
    for rnd in range(a.repeat + 1):
        for q in queries:
            (hits, elapsed), cold = timed(ours.search, q["query"])
            ts_ids, ts_ms = timed(typesense.search, q["query"])
            fts_ids, fts_ms = timed(fts.search, q["query"])
            if rnd == 0:
                if graded and not any(j["grade"] > 0 for j in q["judgments"]):
                    # No clause graded 1 or 2: the query cannot be scored (trec_eval leaves such
                    # topics out too); it is still timed.
                    continue
                if graded:
                    judgments = index_judgments(q)
                    relevant = sum(j["grade"] > 0 for j in q["judgments"])
                    rate = lambda returned: graded_score(returned, judgments)  # noqa: E731
                else:
                    rule = Rule(q["rule"], q["lang"])
                    relevant = len({squeeze(c["text"]) for c in clauses if rule.holds(c["text"])})
                    rate = lambda returned: score(returned, rule, relevant)  # noqa: E731
                per_query.append(
                    {
                        "id": q["id"],
                        "query": q["query"],
                        "lang": q["lang"],
                        "relevant": relevant,
                        "scores": {
                            engines[0]: rate(hits),
                            engines[1]: rate(as_returned(ts_ids)),
                            engines[2]: rate(as_returned(fts_ids)),
                        },
                    }
                )
                continue
            latency["treatysearch (cold process)"].append(cold)
            if elapsed is not None:
                latency["treatysearch (elapsed_ms)"].append(elapsed)
            latency[engines[1] + " (HTTP)"].append(ts_ms)
            latency["SQLite FTS5 + jieba (in-process)"].append(fts_ms)

    quality = {}
    for engine in engines:
        quality[engine] = {}
        for lang in ("zh", "en", "all"):
            rows = [r["scores"][engine] for r in per_query if lang == "all" or r["lang"] == lang]
            n = len(rows)
            quality[engine][lang] = {
                "n": n,
                "ndcg": sum(r[0] for r in rows) / n if n else 0.0,
                "recall": sum(r[1] for r in rows) / n if n else 0.0,
                "p": sum(r[2] for r in rows) / n if n else 0.0,
            }
    mb = 1024 * 1024
    ts_rss = resident_bytes(a.typesense_pid)
    sizes = {
        engines[0]: f"{folder_bytes(a.index) / mb:.0f} MB on disk",
        engines[1]: f"{folder_bytes(a.typesense_data) / mb:.0f} MB on disk, "
        + (f"{ts_rss / mb:.0f} MB resident" if ts_rss else "resident size unknown"),
        engines[2]: f"{os.path.getsize(fts.path) / mb:.0f} MB on disk",
    }
    builds = {engines[0]: a.treatysearch_build, engines[1]: ts_build / 1000, engines[2]: fts_build / 1000}
    lat = {name: dict(zip(("median", "p95"), quantiles(s))) | {"n": len(s)} for name, s in latency.items() if s}

    out = []
    out.append(f"{len(clauses):,} clauses of {documents:,} documents · {len(queries)} judged queries ({sum(q['lang'] == 'zh' for q in queries)} zh, {sum(q['lang'] == 'en' for q in queries)} en)\n")
    second = "judged@10" if graded else "recall@10"
    out.append(f"| engine | nDCG@10 all | zh | en | {second} all | zh | en | P@10 all | zh | en | index build | index size |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for engine in engines:
        qd = quality[engine]
        cells = [f"{qd[l][m]:.3f}" for m in ("ndcg", "recall", "p") for l in ("all", "zh", "en")]
        out.append(f"| {engine} | " + " | ".join(cells) + f" | {builds[engine]:.1f} s | {sizes[engine]} |")
    out.append("")
    out.append(f"| query latency ({a.repeat} timed passes over the judged queries after one warm-up) | median | p95 |")
    out.append("|---|---|---|")
    for name, v in lat.items():
        out.append(f"| {name} | {v['median']:.1f} ms | {v['p95']:.1f} ms |")
    out.append("")
    out.append(f"| id | query | relevant | " + " | ".join(f"{e} nDCG@10" for e in engines) + " |")
    out.append("|---|---|---|" + "---|" * len(engines))
    for r in per_query:
        out.append(f"| {r['id']} | {r['query']} | {r['relevant']} | " + " | ".join(f"{r['scores'][e][0]:.3f}" for e in engines) + " |")
    table = "\n".join(out)
    print(table)

    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
    os.makedirs(a.results, exist_ok=True)
    md_path = os.path.join(a.results, f"peers-{stamp}.md")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(f"# peers · {stamp} · load average {os.getloadavg()[0]:.2f} · {os.cpu_count()} cores\n\n{table}\n")
    json_path = os.path.join(a.results, f"peers-{stamp}.json")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(
            {
                "date": stamp,
                "clauses": len(clauses),
                "documents": documents,
                "cores": os.cpu_count(),
                "loadavg": os.getloadavg(),
                "repeat": a.repeat,
                "quality": quality,
                "build_seconds": builds,
                "index_size": sizes,
                "latency_ms": lat,
                "queries": per_query,
            },
            f,
            ensure_ascii=False,
            indent=1,
        )
    log(f"written {md_path} and {json_path}")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        log(str(e))
        sys.exit(2)
    except (urllib.error.URLError, OSError, sqlite3.Error) as e:
        log(f"failed: {e}")
        sys.exit(2)
