#!/bin/sh
# Makes docs/dev-corpora.md (and the charts beside it) again: examples of treatysearch on the
# dev corpora, run by the release binary on the shipped corpus and ../shared/corpora/dev
# together, through a folder of symbolic links (nothing is copied into the repository).
#
#   tools/dev-examples.sh                 # from anywhere; DEV_CORPORA=DIR to use another folder
#
# The README's own examples run on the shipped corpus and are checked by
# `cargo test --test integration readme`; these need the dev corpora, so they are made here
# and dated.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
dev=${DEV_CORPORA:-$repo/../shared/corpora/dev}
if [ ! -d "$dev" ]; then
    echo "dev-examples.sh: no dev corpora at $dev (set DEV_CORPORA): nothing made" >&2
    exit 1
fi
command -v jq >/dev/null || { echo "dev-examples.sh: jq is needed" >&2; exit 1; }
dev=$(cd "$dev" && pwd)

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin_dir=$repo/target/release
version=$("$bin_dir/treatysearch" --version)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo" status --porcelain -- src 2>/dev/null)" ]; then
    commit="$commit with uncommitted changes"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
doc=$work/dev-corpora.md
PATH=$bin_dir:$PATH
NO_COLOR=1
TREATYSEARCH_FOLLOW=1
export PATH NO_COLOR TREATYSEARCH_FOLLOW

# The folder of links, as a user would make it (shown in the document as it runs here).
setup='mkdir -p all && ln -s "$REPO"/corpus/*.txt "$REPO"/corpus/*.meta all/ && for d in "$DEV"/*/; do mkdir -p "all/$(basename "$d")" && ln -s "$d"*.txt "all/$(basename "$d")/"; done'
REPO=$repo DEV=$dev sh -c "$setup"

# Runs a command line and writes it with what it prints (stdout and stderr) as a console block.
example() {
    {
        echo '```console'
        echo "\$ $1"
        sh -c "$1" 2>&1 | sed -e "s#$work/##g" -e 's/[[:space:]]*$//'
        echo '```'
    } >>"$doc"
}
text() {
    printf '%s\n' "$@" >>"$doc"
}

folders=$(for d in "$dev"/*/; do printf -- '- `%s`: %s files\n' "$(basename "$d")" "$(ls "$d" | grep -c '\.txt$')"; done)

text "# Examples on the dev corpora" "" \
    "Made by \`tools/dev-examples.sh\` on $(date -u +%Y-%m-%d) with $version (commit $commit)," \
    "release build, on the two statements of \`corpus/\` and the \`.txt\` files of" \
    "\`../shared/corpora/dev/\`:" "" "$folders" "" \
    "Do not edit by hand: run the script again (it needs the dev corpora and \`jq\`). The" \
    "timings are those of the machine it ran on; the README's own examples run on the shipped" \
    "corpus and are checked by \`cargo test\`." "" \
    "The corpora are indexed together through a folder of symbolic links, with \`--follow\` given" \
    "through the environment, so that nothing is copied:" "" \
    '```sh' "export TREATYSEARCH_FOLLOW=1" \
    "$(echo "$setup" | sed -e 's#"$REPO"#"$PWD"#g' -e 's#"$DEV"#../shared/corpora/dev#g')" '```' "" \
    "## The corpora in figures" ""
example 'treatysearch --corpus all --index all-index stats | head -9'
documents=$(treatysearch --corpus all --index all-index stats --json | jq -e '.data.document_count')
undated=$(treatysearch --corpus all --index all-index stats --json | jq -e '.data.undated.document_count')
text "" "$((documents - undated)) of the $documents documents are dated, each from evidence about the document" \
    "itself (a signing formula, a law's adoption or amendment line, a report's delivery line, a" \
    "date line under the title — \`parse --json\` shows it under \`date_evidence\`); the other" \
    "$undated state no date of their own and are undated rather than dated by a treaty or declaration" \
    "they cite (QUALITY.md measures it)." "" \
    "## A formulation over the years" "" \
    "Electronic commerce in the trade agreements, counted and then per 1,000 clauses of each year:" ""
example "treatysearch --corpus all --index all-index timeline '\"electronic commerce\"' --svg dev-corpora-ecommerce.svg"
text "" "![Clauses matching “electronic commerce”, per year](dev-corpora-ecommerce.svg)" ""
example "treatysearch --corpus all --index all-index timeline '\"electronic commerce\"' --per 1000 --svg dev-corpora-ecommerce-per-1000.svg"
text "" "![Clauses matching “electronic commerce” per 1,000 clauses of each year](dev-corpora-ecommerce-per-1000.svg)" "" \
    "A Chinese formulation in the government reports and laws:" ""
example "treatysearch --corpus all --index all-index timeline 人类命运共同体 --per 1000 --svg dev-corpora-shared-future.svg"
text "" "![Clauses matching “人类命运共同体” per 1,000 clauses of each year](dev-corpora-shared-future.svg)" "" \
    "## Two versions of a law" ""
example 'treatysearch --corpus all --index all-index compare zhlaw_野生动物保护法_2018:1 zhlaw_野生动物保护法_2022:1'

mkdir -p "$repo/docs"
cp "$doc" "$repo/docs/dev-corpora.md"
cp dev-corpora-*.svg "$repo/docs/"
echo "dev-examples.sh: wrote docs/dev-corpora.md and $(ls dev-corpora-*.svg | wc -l) charts" >&2
