#!/usr/bin/env bash
# Whole-process timing of a cold `treatysearch query` (a new process, warm page cache) side by
# side with `rg -F` over the same files, in one hyperfine run per query (see BENCHMARKS.md).
#
#   benches/cold_query.sh                                   # the shipped corpus
#   benches/cold_query.sh --corpus DIR --index DIR [--follow] [--runs N] [QUERY …]
#
# The index folder must be treatysearch's or not exist; it is built or brought up to date
# first. rg reads the corpus folder as treatysearch does (`-L` with --follow). Needs hyperfine
# and rg (apt-get install hyperfine ripgrep). Prints one Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=corpus
index=""
follow=()
rg_follow=()
runs=30
queries=()
die() {
    echo "cold_query: $*" >&2
    exit 2
}
while [[ $# -gt 0 ]]; do
    case "$1" in
        --corpus) [[ $# -ge 2 ]] || die "--corpus needs a folder"; corpus="$2"; shift 2 ;;
        --index) [[ $# -ge 2 ]] || die "--index needs a folder"; index="$2"; shift 2 ;;
        --follow) follow=(--follow); rg_follow=(-L); shift ;;
        --runs) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"; runs="$2"; shift 2 ;;
        -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --*) die "unknown option $1 (see --help)" ;;
        *) queries+=("$1"); shift ;;
    esac
done
[[ -d "$corpus" ]] || { echo "cold_query: skipped: no corpus folder at $corpus" >&2; exit 1; }
for tool in hyperfine rg; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install hyperfine ripgrep)"
done
[[ ${#queries[@]} -gt 0 ]] || queries=("Belt and Road" "一个中国")

export RUST_BACKTRACE=0
cargo build --release --quiet --bin treatysearch
bin="$PWD/target/release/treatysearch"
at=(--corpus "$corpus" "${follow[@]}")
[[ -n "$index" ]] && at+=(--index "$index")
"$bin" index --quiet "${at[@]}"
# A walk records the corpus for later queries once its folders are two seconds old.
sleep 3
"$bin" query "${at[@]}" --json --limit 1 -- x >/dev/null 2>&1 || true

echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') · load $(cut -d' ' -f1-3 /proc/loadavg) · corpus $corpus ($(du -shL "$corpus" | cut -f1))"
echo
echo "| query | treatysearch median | rg -F median | rg / treatysearch |"
echo "|---|---|---|---|"
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
for q in "${queries[@]}"; do
    # The output goes to a pipe: rg stops at the first match when it sees /dev/null.
    hyperfine -N -i --warmup 3 --runs "$runs" --output pipe --style none --export-json "$json" \
        "$bin query ${at[*]@Q} --json --limit 10 -- ${q@Q}" \
        "rg ${rg_follow[*]} -F -- ${q@Q} ${corpus@Q}" >/dev/null 2>&1 ||
        die "hyperfine failed on $q (does the query find nothing? rg exits 1 then)"
    python3 - "$json" "$q" <<'EOF'
import json, statistics, sys
ours, rg = (statistics.median(r["times"]) * 1e3 for r in json.load(open(sys.argv[1]))["results"])
print(f"| `{sys.argv[2]}` | {ours:.2f} ms | {rg:.2f} ms | {rg / ours:.1f}× |")
EOF
done
