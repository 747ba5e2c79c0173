#!/usr/bin/env bash
# The corpus-analysis benchmark of BENCHMARKS.md: every analysis command (kwic, collocates,
# keywords, ngrams, facets, timeline) for a common Chinese and a common English word, as whole
# cold processes on the shipped corpus plus the development corpora, side by side in one run with
# a cold `query` (the fixed cost of any process) and `rg` (what a grep user would run for a
# concordance: every matching line, no document, date or article). Prints Markdown: the median
# wall time and the largest peak resident memory of each command.
#
#   benches/analysis.sh                      # needs rg and GNU time (apt-get install ripgrep time)
#   benches/analysis.sh --runs 9
#   benches/analysis.sh --corpus DIR [--corpus DIR …]   # other folders than the dev corpora
#
# Without the corpora it says so and exits 0. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
corpora=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --corpus) corpora+=("${2:?--corpus needs a folder}"); shift 2 ;;
        *) echo "analysis: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [[ ${#corpora[@]} -eq 0 ]]; then
    for d in ../shared/corpora/dev/*/; do
        [[ -d "$d" ]] && corpora+=("${d%/}")
    done
fi
if [[ ${#corpora[@]} -eq 0 ]]; then
    echo "analysis: ../shared/corpora/dev is not there (the corpora are not part of the repository): nothing to measure"
    exit 0
fi
command -v rg >/dev/null || { echo "analysis: rg is not installed (apt-get install ripgrep)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "analysis: GNU time is not installed (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin treatysearch
bin="$PWD/target/release/treatysearch"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
# The shipped corpus and each development folder, through links (nothing is copied).
for f in corpus/*; do ln -s "$PWD/$f" "$work/corpus/"; done
for d in "${corpora[@]}"; do ln -s "$(cd "$d" && pwd)" "$work/corpus/$(basename "$d")"; done
ts=("$bin" --corpus "$work/corpus" --index "$work/index" --follow)
"${ts[@]}" index --quiet
clauses=$("${ts[@]}" stats --json | grep -o '"clause_count":[0-9]*' | head -n 1 | cut -d: -f2)

# One cold process: "wall_seconds max_rss_kb", output thrown away. A command that fails (exit 2
# or more: 1 is "nothing found") stops the benchmark, so that a broken path cannot look fast.
measure() {
    /usr/bin/time -f "%e %M %x" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
    local wall kb code
    read -r wall kb code < <(tail -n 1 "$work/time")
    if (( code >= 2 )); then
        echo "analysis: \`$*\` failed (exit $code): $(head -c 300 "$work/stderr")" >&2
        exit 2
    fi
    echo "$wall $kb"
}

# Median wall time (ms) and largest peak RSS (MB) of `runs` runs of a command.
row() {
    local label="$1"; shift
    measure "$@" >/dev/null || exit 2 # warm the page cache
    local walls=() rss=0
    for _ in $(seq "$runs"); do
        local timed
        timed=$(measure "$@") || exit 2
        read -r wall kb <<<"$timed"
        walls+=("$wall")
        (( kb > rss )) && rss=$kb
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    awk -v l="$label" -v w="$median" -v r="$rss" 'BEGIN { printf "| %s | %.0f ms | %.0f MB |\n", l, w * 1000, r / 1024 }'
}

echo "## Corpus analyses, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start · $clauses clauses · $runs runs each, cold process, warm page cache"
echo
echo "| command | median wall | peak RSS |"
echo "|---|---|---|"
for word in 合作 cooperation; do
    row "\`query $word --json\` (reference: any cold process)" "${ts[@]}" query "$word" --json
    row "\`rg -c -F $word\` (reference: lines only)" rg -c -F --follow "$word" "$work/corpus"
    row "\`kwic $word\`" "${ts[@]}" kwic "$word"
    row "\`kwic $word --sort L1\`" "${ts[@]}" kwic "$word" --sort L1
    row "\`kwic $word --limit 0 --csv\` (every line)" "${ts[@]}" kwic "$word" --limit 0 --csv
    row "\`collocates $word\`" "${ts[@]}" collocates "$word"
    row "\`ngrams $word --size 4\`" "${ts[@]}" ngrams "$word" --size 4
    row "\`facets $word\`" "${ts[@]}" facets "$word"
    row "\`query $word --facets --json\`" "${ts[@]}" query "$word" --facets --json
    row "\`timeline $word --per 1000\`" "${ts[@]}" timeline "$word" --per 1000
done
row "\`keywords --lang zh --focus since:2018 --ref until:2017\`" "${ts[@]}" keywords --lang zh --focus since:2018 --ref until:2017
row "\`keywords --lang en --focus since:2010\`" "${ts[@]}" keywords --lang en --focus since:2010
row "\`keywords --focus 'query:cooperation'\`" "${ts[@]}" keywords --focus query:cooperation
row "\`ngrams --size 4\` (the whole corpus)" "${ts[@]}" ngrams --size 4
row "\`ngrams --size 2-6 --lang zh\`" "${ts[@]}" ngrams --size 2-6 --lang zh
