#!/usr/bin/env bash
# The scale benchmark of BENCHMARKS.md: treatysearch on ~100 MB of Chinese and English text
# (../shared/corpora/bench/zh_lawref + ../shared/corpora/dev/tota_en), side by side in one run
# with a bare jieba cut and with `rg -F`, at 10%, 30% and 100% of the corpus. Prints Markdown.
#
#   benches/scale.sh                         # needs rg and /usr/bin/time (apt-get install ripgrep time)
#   benches/scale.sh --query-runs 50 --build-rounds 7
#   benches/scale.sh --max 1G                # and the scale curve to 1 GB (copies of all the
#                                            # corpora, in a temporary folder: ~2.5 GB of disk)
#   benches/scale.sh --curve-only --max 1G --curve-runs 10   # only the curve
#
# Without the corpora it says so and exits 0. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
for corpus in ../shared/corpora/bench/zh_lawref ../shared/corpora/dev/tota_en; do
    if [ ! -d "$corpus" ]; then
        echo "scale: $corpus is not there (the corpora are not part of the repository): nothing to measure"
        exit 0
    fi
done
command -v rg >/dev/null || { echo "scale: rg is not installed (apt-get install ripgrep)" >&2; exit 2; }
cargo build --release --quiet --bin treatysearch --example bare_cut --example bench_driver --example scale_corpus
exec target/release/examples/bench_driver "$@"
