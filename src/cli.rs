//! The command line: one clap struct per command; the doc comments are the `--help` text.
//! This module only describes arguments; `commands` validates and runs them.

mod analysis;
mod discourse;
mod export;

pub use analysis::{
    CompareArgs, CompletionsArgs, ListArgs, ManArgs, ShowArgs, SimilarArgs, SortKey, StatsArgs,
    TimelineArgs,
};
pub use discourse::{
    AssociationMeasure, CollocatesArgs, ContextUnit, FacetsArgs, KeynessMeasure, KeywordsArgs,
    KwicArgs, KwicSort, NgramsArgs, TableFormat,
};
pub use export::{ExportArgs, ExportFormat};

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Date, Lang};

/// `2013`, `2013-07`, `2013-07-16`: the first day of the period.
pub(crate) fn parse_since(s: &str) -> Result<Date, String> {
    parse_date_bound(s, false)
}

/// `2013`, `2013-07`, `2013-07-16`: the last day of the period.
pub(crate) fn parse_until(s: &str) -> Result<Date, String> {
    parse_date_bound(s, true)
}

fn parse_date_bound(s: &str, end: bool) -> Result<Date, String> {
    let bad = || format!("not a date: {s:?} (use YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<u32> = s
        .trim()
        .split('-')
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let date = match parts.as_slice() {
        [y] => Date::new(*y, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        [y, m] if end => (28..=31).rev().find_map(|d| Date::new(*y, *m, d)),
        [y, m] => Date::new(*y, *m, 1),
        [y, m, d] => Date::new(*y, *m, *d),
        _ => None,
    };
    date.ok_or_else(bad)
}

const EXAMPLES: &str = "\
Examples:
  treatysearch query \"Belt and Road\"          ranked clauses, matches highlighted
  treatysearch query 一个中国                  Chinese is segmented with jieba
  treatysearch query '\"color revolution\" -Ukraine' --json | jq .data.text
  treatysearch index                          bring the index up to date with corpus/
  treatysearch parse corpus/004_ef6e819d78f3d240.txt --json
  treatysearch list --sort date               the documents in the index
  treatysearch show 000 3                     article 3 of the document whose id starts with 000
  treatysearch similar 000 3 3 --cross-lingual   the same clause in other documents, any language
  treatysearch timeline \"color revolution\" --svg chart.svg
  treatysearch compare 004:6:4 004:14         word by word: kept, removed, added

Exit status: 0 hits found (or success), 1 no hits, 2 error.";

/// Full-text search for diplomatic documents — joint statements, treaties, communiqués — in
/// Chinese and English. Finds clauses with their document, date and article number.
#[derive(Debug, Parser)]
#[command(name = "treatysearch", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Folder of the documents to search.
    #[arg(
        long,
        global = true,
        env = "TREATYSEARCH_CORPUS",
        default_value = "corpus",
        value_name = "DIR"
    )]
    pub corpus: PathBuf,

    /// Folder of the index (created when missing).
    #[arg(
        long,
        global = true,
        env = "TREATYSEARCH_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// Follow symbolic links in the corpus (to documents, sidecars and folders), as
    /// `rg --follow` does; never into /proc, /sys or /dev. Without it, links are left out
    /// and counted in a note. Give it to every command, or set TREATYSEARCH_FOLLOW=1.
    #[arg(
        long,
        global = true,
        env = "TREATYSEARCH_FOLLOW",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub follow: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search the corpus: ranked clauses with document, date, article and highlights.
    ///
    /// The index is built or brought up to date first when the corpus changed.
    ///
    /// Query language:
    ///   Belt Road            every word required, ranked by BM25
    ///   "Belt and Road"      exact phrase, words together and in order ("…", “…”, 「…」)
    ///   sanctions OR 制裁     either side (OR in capitals)
    ///   -Ukraine             leave out clauses that have it (also -"a phrase", -(a OR b))
    ///   (民主 OR 人权) 干涉   parentheses group
    /// English is stemmed (cooperate finds cooperation); Chinese is segmented into words;
    /// traditional and simplified characters, full- and half-width forms, case and quotes
    /// are folded. A syntax error exits 2 and names the character where it is.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  treatysearch query \"Belt and Road\"\n  treatysearch query 全面战略伙伴关系 --limit 3\n  treatysearch query '\"internal affairs\" -democracy' --json\n  treatysearch query '(民主 OR 人权) 干涉' --lang zh\n  treatysearch query -- '-Ukraine sanctions'\n  treatysearch query partnership --party 白俄罗斯 --since 2020 --doc 004\n  treatysearch query 'strategic partnership' -x --lang zh"
    )]
    Query(QueryArgs),

    /// Bring the index up to date with the corpus: add new, re-index changed, remove deleted
    /// documents. Unchanged files are not read again.
    #[command(
        after_help = "Examples:\n  treatysearch index\n  treatysearch index --rebuild\n  treatysearch index --no-wait   # exit 2 if another process is updating\n  treatysearch index --check     # every index file against its checksum\n  treatysearch index --verify    # re-read every document, whatever its time says\n  treatysearch --corpus corpus --index index-2 index   # other folders (also TREATYSEARCH_CORPUS, TREATYSEARCH_INDEX)"
    )]
    Index(IndexArgs),

    /// Show what the ingester understands of one file (title, language, dates, parties,
    /// articles, clauses) without touching the index.
    #[command(
        after_help = "Examples:\n  treatysearch parse corpus/000_73d20a8071c9b808.txt\n  treatysearch parse corpus/004_ef6e819d78f3d240.txt --json | jq 'select(.type==\"document\") | .data.articles[].number'"
    )]
    Parse(ParseArgs),

    /// List the documents in the index: id, date, language, parties, title, number of
    /// articles and clauses.
    #[command(
        after_help = "Examples:\n  treatysearch list\n  treatysearch list --sort title\n  treatysearch list --json | jq -r 'select(.type==\"document\") | .data.id'"
    )]
    List(ListArgs),

    /// Show a document, or one article of it: title, dates, parties, and its clauses under
    /// their articles (the first 1000 unless --limit says otherwise).
    #[command(
        after_help = "Examples:\n  treatysearch show 000_73d20a8071c9b808\n  treatysearch show 004 2            article 2 of the document whose id starts with 004\n  treatysearch show corpus/000_73d20a8071c9b808.txt 三\n  treatysearch show 004 preamble --json\n  treatysearch show 004 --articles 2-4\n  treatysearch show 000 --limit 5 --offset 5   clauses 6 to 10"
    )]
    Show(ShowArgs),

    /// Find clauses in other documents that say the same thing as an article, one of its
    /// clauses, or a text: ranked by similarity (0–1), with their documents and dates.
    ///
    /// With --cross-lingual, Chinese clauses also find English ones and the other way round,
    /// through a glossary of diplomatic terms (corpus/glossary.tsv, extendable).
    #[command(
        after_help = "Examples:\n  treatysearch similar 004 2 1 -x                clauses like paragraph 1 of article 2, in either language\n  treatysearch similar 000 3 3 --cross-lingual   a Chinese clause, English counterparts too\n  treatysearch similar 000 4 --since 2020 -x     only in documents dated 2020 or later\n  treatysearch similar --text \"opposes interference in internal affairs\"\n  treatysearch similar 004 11 -x --json | jq 'select(.type==\"match\") | .data.score'"
    )]
    Similar(SimilarArgs),

    /// How often a formulation appears per year: clauses and documents, first and last use,
    /// a bar chart in the terminal, optionally an SVG chart.
    #[command(
        after_help = "Examples:\n  treatysearch timeline \"color revolution\"\n  treatysearch timeline 全面战略伙伴关系 --svg partnership.svg\n  treatysearch timeline '\"internal affairs\"' --json | jq -c .data\n  treatysearch timeline partnership -x --until 2020   both languages, up to 2020"
    )]
    Timeline(TimelineArgs),

    /// Compare two clauses or articles word by word (jieba words for Chinese): what was kept,
    /// removed and added, and the changes (支持 → 坚定支持).
    #[command(
        after_help = "Examples:\n  treatysearch compare 004:2 004:11              two whole articles\n  treatysearch compare 000:4:1 000:7:1           paragraph 1 of articles 4 and 7\n  treatysearch compare 004:2:1 004:2:2 --json | jq -c 'select(.type==\"compare\") | .data.changes'"
    )]
    Compare(CompareArgs),

    /// A concordance: every occurrence of a word or phrase with its left and right context,
    /// aligned, each line with its document, date and article.
    #[command(
        after_help = "Examples:\n  treatysearch kwic 内政 --sort L1\n  treatysearch kwic '\"internal affairs\"' --width 40 --sort date\n  treatysearch kwic cooperation --unit words --width 6 --csv > cooperation.csv"
    )]
    Kwic(KwicArgs),

    /// Collocates of a word: the words within a window around it, with their frequency and
    /// logDice, MI, log-likelihood and t-score.
    #[command(
        after_help = "Examples:\n  treatysearch collocates 合作 --stopwords default\n  treatysearch collocates cooperation --by ll --window 3 --stopwords default\n  treatysearch collocates \"internal affairs\" --lang en --min-freq 2\n  treatysearch collocates 合作 --since 2013 --json | jq -c .data\n  treatysearch collocates 发展 --csv > development.csv\n\nThe columns: window = times in the windows (left + right), selection = times in all selected\nclauses; logDice = 14 + log2(2·window / (node + selection)), MI = log2(window / expected),\nLL = signed G² (negative: fewer than expected), t = (window − expected) / √window.\nNumbers (years, article numbers) are left out."
    )]
    Collocates(CollocatesArgs),

    /// Keywords: the words of a focus selection that stand out against a reference selection
    /// (log-likelihood, log ratio, simple maths).
    #[command(
        after_help = "Selections (--focus, --ref): key:value items, all required, on top of the selection flags:\n  since:2018  until:2017-06  party:Russia  doc:004  type:treaty  lang:zh  query:制裁\n  party:\"Republic of Aldoria\"   a value with spaces, between double quotes\n  query:\"color revolution\"     a phrase; query:(民主 OR 人权) any query between parentheses\n  rest   (--ref only, the default) every selected clause not in the focus\n  all    every selected clause\nOne period against another: --focus since:2018 --ref until:2017; one party against another:\n--focus party:Canada --ref party:Korea; a query's clauses against the rest: --focus query:制裁.\n\nExamples:\n  treatysearch keywords --lang zh --focus query:合作 --stopwords default\n  treatysearch keywords --lang en --focus 'query:(security OR terrorism)' --min-freq 2\n  treatysearch keywords --lang en --focus 'query:\"Belt and Road\"' --by log-ratio --min-freq 2\n  treatysearch keywords --lang zh --focus query:合作 --negative --min-freq 2   words used less there\n  treatysearch keywords --lang zh --focus query:合作 --csv > keywords.csv"
    )]
    Keywords(KeywordsArgs),

    /// Recurring word sequences (2–6 words; jieba words for Chinese) with their frequency and
    /// the number of documents they occur in.
    #[command(
        after_help = "Examples:\n  treatysearch ngrams --size 4 --lang en --min-docs 1\n  treatysearch ngrams 合作 --size 3-5 --min-docs 1\n  treatysearch ngrams cooperation --min-docs 1 --csv > formulas.csv"
    )]
    Ngrams(NgramsArgs),

    /// Matching clauses and documents counted by year, party, language and document type,
    /// with the clauses without a value (undated, no party, untyped) counted apart.
    #[command(
        after_help = "Examples:\n  treatysearch facets 合作\n  treatysearch facets partnership -x --limit 0      both languages, every value\n  treatysearch facets sanctions --since 2020 --json | jq -c .data\n  treatysearch facets 合作 --csv > facets.csv\n  treatysearch query 内政 --facets                   the hits, then their facets"
    )]
    Facets(FacetsArgs),

    /// Every selected clause, already analyzed by treatysearch's analyzers (jieba words with
    /// the user dictionary, character bigrams, English stems, each space-joined), with its
    /// text, document, dates, parties and article, for a distributed search engine:
    /// OpenSearch/Elasticsearch `_bulk` NDJSON, Quickwit NDJSON or Typesense JSONL.
    ///
    /// Without --out the data goes to stdout (pipe it to gzip or curl); with --out DIR the
    /// index definition (mapping, index config or collection schema) and LOAD.md are written
    /// beside it. The engine's whitespace tokenizer then indexes the very terms treatysearch
    /// does; queries must be analyzed the same way.
    #[command(
        after_help = "Examples:\n  treatysearch export --format typesense --out export-ts\n  treatysearch export --format opensearch --out export-os --lang zh --since 2010\n  treatysearch export --format quickwit | gzip > clauses.ndjson.gz\n  treatysearch export --format opensearch --doc 004 | head -2"
    )]
    Export(ExportArgs),

    /// Figures of the corpus and the index: documents, clauses, per language, per year, size
    /// of the index on disk.
    #[command(
        after_help = "Examples:\n  treatysearch stats\n  treatysearch stats --json | jq .data.years"
    )]
    Stats(StatsArgs),

    /// Print a completion script for a shell.
    #[command(
        after_help = "Examples:\n  treatysearch completions bash > ~/.local/share/bash-completion/completions/treatysearch\n  treatysearch completions zsh > ~/.zfunc/_treatysearch\n  treatysearch completions fish > ~/.config/fish/completions/treatysearch.fish"
    )]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), generated from these definitions.
    #[command(
        after_help = "Examples:\n  treatysearch man | man -l -\n  treatysearch man similar | man -l -\n  treatysearch man --dir /usr/local/share/man/man1"
    )]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// What to look for; several arguments are joined with spaces. To start a query with an
    /// exclusion, put `--` before it: `query -- -Ukraine sanctions`.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Print NDJSON: one `hit` object per line, then a `summary`.
    #[arg(long)]
    pub json: bool,

    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Require every word, always. Without it, when fewer than 3 clauses have all the words,
    /// clauses with fewer of them follow (the most common word is dropped first), and the
    /// summary says so.
    #[arg(long)]
    pub strict: bool,

    /// Show every copy of identical clauses as a hit of its own. Without it, clauses with the
    /// same text (whitespace and case aside) are one hit, the best-ranked copy, with the
    /// number of the others; `--limit` and `--offset` count such hits.
    #[arg(long)]
    pub no_collapse: bool,

    /// Show under each hit what made its score: the BM25 part of each word and field, how
    /// close the words stand, the length, heading and kind factors.
    #[arg(long)]
    pub explain: bool,

    /// After the hits, count every clause with all the query's words (not only the hits
    /// shown) by year, party, language and document type, as `facets` does.
    #[arg(long)]
    pub facets: bool,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// The heading of the selection flags in `--help`.
const SELECTION: &str = "Selection";

/// The selection flags: which clauses a command looks at. The same on every command that
/// selects clauses (`query`, `timeline`, `similar`); `request::Selection` is what they become.
#[derive(Debug, Clone, Default, Args)]
pub struct SelectionArgs {
    /// Only documents in this language.
    #[arg(long, value_enum, ignore_case = true, value_name = "LANG", help_heading = SELECTION)]
    pub lang: Option<LangChoice>,

    /// Only documents with this party, in either language (China, 白俄罗斯, Belarus …).
    #[arg(long, value_name = "NAME", help_heading = SELECTION)]
    pub party: Option<String>,

    /// Only this document: its id as hits show it, a unique prefix of it, or the path of its
    /// file.
    #[arg(long = "doc", id = "only_doc", value_name = "DOC", help_heading = SELECTION)]
    pub doc: Option<String>,

    /// Only documents of this type, as `facets` and `parse` name them: treaty, "joint
    /// statement", communiqué, declaration, statement, resolution, law, report, speech (case,
    /// hyphens and underscores aside: joint-statement).
    #[arg(long = "type", id = "doc_type", value_name = "TYPE", help_heading = SELECTION)]
    pub doc_type: Option<String>,

    /// Only documents dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_since, help_heading = SELECTION)]
    pub since: Option<Date>,

    /// Only documents dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_until, help_heading = SELECTION)]
    pub until: Option<Date>,

    /// Cross-lingual: Chinese also finds English and the other way round, through the
    /// glossary of diplomatic terms (`comprehensive strategic partnership` also finds
    /// 全面战略伙伴关系). The glossary is the built-in one, plus the corpus's glossary.tsv, plus
    /// --glossary.
    #[arg(long, short = 'x', help_heading = SELECTION)]
    pub cross_lingual: bool,

    /// An extra glossary file for --cross-lingual (Chinese<TAB>English per line).
    #[arg(
        long,
        value_name = "FILE",
        requires = "cross_lingual",
        help_heading = SELECTION
    )]
    pub glossary: Option<std::path::PathBuf>,
}

/// A language on the command line: `zh` or `en` (completed by the shell), or one of the
/// usual spellings of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    /// Chinese.
    #[value(alias = "zh-cn", alias = "zh-hans", alias = "zh-hant", alias = "zh-tw")]
    #[value(alias = "chinese", alias = "cn")]
    Zh,
    /// English.
    #[value(alias = "en-us", alias = "en-gb", alias = "english")]
    En,
}

impl From<LangChoice> for Lang {
    fn from(choice: LangChoice) -> Lang {
        match choice {
            LangChoice::Zh => Lang::Zh,
            LangChoice::En => Lang::En,
        }
    }
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Build the index again from every file (the old one answers queries until the new one is
    /// committed; a damaged one is deleted first).
    #[arg(long)]
    pub rebuild: bool,

    /// Print nothing but warnings and errors.
    #[arg(long, short)]
    pub quiet: bool,

    /// When another process is updating the index, fail (exit 2) instead of waiting for it.
    #[arg(long)]
    pub no_wait: bool,

    /// Check every index file against its checksum and report what is damaged (exit 2 with
    /// the file names; 0 when all are intact), changing nothing. Every `index` run checks
    /// too, and rebuilds a damaged index.
    #[arg(long, conflicts_with_all = ["rebuild", "verify"])]
    pub check: bool,

    /// Read every document again and compare its content hash, instead of trusting an
    /// unchanged size and modification time (an edit that kept both is found).
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The document file to parse.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Print NDJSON: the document model as a `document` object, then a `summary`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}
