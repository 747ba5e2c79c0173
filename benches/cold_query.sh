#!/usr/bin/env bash
# Whole-process timing of `treatysearch query` on the shipped corpus, cold process, warm
# page cache, side by side with `rg -F` over the same files (see BENCHMARKS.md).
#
#   benches/cold_query.sh            # needs hyperfine and rg (apt-get install hyperfine ripgrep)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg; do
    command -v "$tool" >/dev/null || { echo "cold_query: $tool is not installed (apt-get install hyperfine ripgrep)" >&2; exit 2; }
done
cargo build --release --quiet
bin=target/release/treatysearch
"$bin" index --quiet
hyperfine --warmup 3 --runs "${RUNS:-30}" -N \
    "$bin query --json 'Belt and Road'" \
    "$bin query --json 一个中国" \
    "rg -F 'Belt and Road' corpus" \
    "rg -F 一个中国 corpus"
