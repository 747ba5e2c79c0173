#!/usr/bin/env bash
# Where a cold `treatysearch query` process spends its time (issue 16), on a corpus of your
# choice: the whole process against its floor (`--version`: exec, dynamic loading, page faults of
# the binary), the stages inside it (TREATYSEARCH_TIMINGS=1: user dictionary, index open,
# freshness check, search, stored hits, output), the freshness check's three ways (file times,
# folder times alone, a full walk), and the kernel's view (perf stat, strace -c, GNU time).
#
#   benches/cold_profile.sh --corpus DIR --index DIR [--follow] [--runs N] [QUERY …]
#
# The index is built (or brought up to date) first with `index`; its folder must be one of
# treatysearch's or not exist. Needs hyperfine; perf, strace and GNU time are used when present.
# Prints Markdown tables on stdout (progress on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=""
index=""
follow=()
runs=30
queries=()
die() {
    echo "cold_profile: $*" >&2
    exit 2
}
while [[ $# -gt 0 ]]; do
    case "$1" in
        --corpus) [[ $# -ge 2 ]] || die "--corpus needs a folder"; corpus="$2"; shift 2 ;;
        --index) [[ $# -ge 2 ]] || die "--index needs a folder"; index="$2"; shift 2 ;;
        --follow) follow=(--follow); shift ;;
        --runs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"; runs="$2"; shift 2 ;;
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --*) die "unknown option $1 (see --help)" ;;
        *) queries+=("$1"); shift ;;
    esac
done
[[ -n "$corpus" && -n "$index" ]] || die "give --corpus DIR and --index DIR (see --help)"
[[ -d "$corpus" ]] || { echo "cold_profile: skipped: no corpus folder at $corpus" >&2; exit 1; }
command -v hyperfine >/dev/null || die "hyperfine is not installed (apt-get install hyperfine)"
[[ ${#queries[@]} -gt 0 ]] || queries=("Belt and Road" "一带一路" "national treatment investors" "不干涉 内政")

export RUST_BACKTRACE=0
cargo build --release --quiet --bin treatysearch
bin="$PWD/target/release/treatysearch"
at=(--corpus "$corpus" --index "$index" "${follow[@]}")
echo "cold_profile: indexing $corpus into $index" >&2
"$bin" index --quiet "${at[@]}"
# The record of the walk is only written for folders that have settled (two seconds).
sleep 3
"$bin" query "${at[@]}" --json --limit 1 x >/dev/null 2>&1 || true

q="${queries[0]}"
query=("$bin" query "${at[@]}" --json --limit 10 --)
echo
echo "## $(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') · load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "corpus $corpus ($(du -shL "$corpus" 2>/dev/null | cut -f1)), index $(du -sh "$index" | cut -f1), binary $(du -h "$bin" | cut -f1)"
echo

# 1. Stages inside the process, median of `runs` runs each.
echo "### Stages inside the process (TREATYSEARCH_TIMINGS=1, median of $runs runs, ms)"
echo
for query_text in "${queries[@]}"; do
    for _ in $(seq 1 "$runs"); do
        TREATYSEARCH_TIMINGS=1 "${query[@]}" "$query_text" 2>&1 >/dev/null | grep 'treatysearch: timing:' || true
    done | python3 -c '
import re, statistics, sys
stages, order = {}, []
for line in sys.stdin:
    m = re.match(r"treatysearch: timing: (.+?)\s+([\d.]+) ms wall\s+([\d.]+) ms cpu", line)
    if m:
        if m.group(1) not in stages:
            stages[m.group(1)] = []
            order.append(m.group(1))
        stages[m.group(1)].append((float(m.group(2)), float(m.group(3))))
print(f"| `{sys.argv[1]}` | wall ms | CPU ms |")
print("|---|---|---|")
for s in order:
    v = stages[s]
    print(f"| {s} | {statistics.median(x[0] for x in v):.3f} | {statistics.median(x[1] for x in v):.3f} |")
print()
' "$query_text"
done

# 2. The whole process against its floor and the three freshness checks, side by side.
echo "### Whole process (hyperfine -N, warm page cache, $runs runs each)"
echo
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
record="$index/corpus-folders.json"
hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$json" \
    -n "treatysearch --version (exec, loader, start-up floor)" "$bin --version" \
    -n "query, files and folders checked (default)" "${query[*]@Q} ${q@Q}" \
    -n "query, folder times alone (TREATYSEARCH_TRUST_FOLDERS_FROM=0)" "env TREATYSEARCH_TRUST_FOLDERS_FROM=0 ${query[*]@Q} ${q@Q}" \
    >/dev/null 2>&1 || die "hyperfine failed"
# A walk on every run: the record (a cache of treatysearch's own, rebuilt by any walk) removed
# before each.
hyperfine -N --warmup 1 --runs "$runs" --style none --export-json "$json.walk" \
    --prepare "rm -f $record" \
    -n "query, full walk (no record)" "${query[*]@Q} ${q@Q}" >/dev/null 2>&1 || die "hyperfine failed"
python3 - "$json" "$json.walk" <<'EOF'
import json, statistics, sys
print("| process | median | mean ± σ | min |")
print("|---|---|---|---|")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        t = r["times"]
        print(f"| {r['command']} | {statistics.median(t)*1e3:.2f} ms | {r['mean']*1e3:.2f} ± {r['stddev']*1e3:.2f} ms | {min(t)*1e3:.2f} ms |")
EOF
rm -f "$json.walk"
# The record back as the walk left it.
"${query[@]}" "$q" >/dev/null 2>&1 || true
echo

# 3. The kernel's view.
if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
    echo "### perf stat, $runs runs of \`query $q\`"
    echo
    echo '```'
    perf stat -r "$runs" -e task-clock,page-faults,minor-faults,major-faults,context-switches,cpu-migrations \
        "${query[@]}" "$q" 2>&1 >/dev/null | sed -n '/Performance/,$p' | sed '/^$/d'
    perf stat -r "$runs" -e task-clock,page-faults "$bin" --version 2>&1 >/dev/null | sed -n '/Performance/,$p' | sed '/^$/d' | sed 's/^/--version: /'
    echo '```'
    echo
fi
if command -v strace >/dev/null; then
    echo "### System calls of one \`query $q\` (strace -f -c)"
    echo
    echo '```'
    strace -f -c -o /dev/stdout "${query[@]}" "$q" 2>/dev/null | grep -v '^$' | head -25 || true
    echo '```'
    echo
fi
if [[ -x /usr/bin/time ]]; then
    echo "### GNU time of one \`query $q\`"
    echo
    echo '```'
    /usr/bin/time -v "${query[@]}" "$q" 2>&1 >/dev/null |
        grep -E 'Maximum resident|page faults|Elapsed|context switches' || true
    echo '```'
fi
