//! Arguments of the corpus analyses: `kwic`, `collocates`, `keywords`, `ngrams`, `facets`.
//! Each takes the selection flags of `query` and prints aligned text, `--json` NDJSON or
//! `--csv`. Descriptions only; the commands validate and run them.

use clap::{Args, ValueEnum};

use super::{ColorChoice, SelectionArgs};

/// How a table is printed: aligned text (the default), NDJSON or CSV.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct TableFormat {
    /// Print NDJSON: one object per row, then a `summary`.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV (RFC 4180, a header line first) for spreadsheets and R. A text cell that
    /// starts with =, +, -, @ is prefixed with ' so that no spreadsheet runs it as a formula.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// What to look for, in the query language of `query` (words, "exact phrase", OR,
    /// -exclusion); every occurrence of its words or phrases in a matching clause is a line.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Context on each side of the match: terminal columns (the default; a Chinese character
    /// takes two), or words with --unit words. At most 1000.
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub width: usize,

    /// What --width counts.
    #[arg(long, value_enum, default_value_t = ContextUnit::Chars, value_name = "UNIT")]
    pub unit: ContextUnit,

    /// Order of the lines: by document (then position), by date (undated last), or by the
    /// 1st–3rd word left or right of the match (L1 L2 L3 R1 R2 R3), as the index holds it
    /// (Chinese folded to simplified, English stems) in Unicode order.
    #[arg(long, value_enum, ignore_case = true, default_value_t = KwicSort::Doc, value_name = "KEY")]
    pub sort: KwicSort,

    /// Number of lines to print (0: all).
    #[arg(long, short = 'n', default_value_t = 50, value_name = "N")]
    pub limit: usize,

    /// Skip this many lines first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    #[command(flatten)]
    pub format: TableFormat,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContextUnit {
    Chars,
    Words,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSort {
    Doc,
    Date,
    L1,
    L2,
    L3,
    R1,
    R2,
    R3,
}

/// An association measure of `collocates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssociationMeasure {
    /// logDice (Rychlý 2008, Sketch Engine): 14 + log2(2·f(xy) / (f(x) + f(y))).
    #[value(name = "logdice")]
    LogDice,
    /// Mutual information: log2(observed / expected).
    Mi,
    /// Log-likelihood (Dunning's G²), signed: negative when the pair meets less often than
    /// chance would have it.
    #[value(name = "ll", alias = "g2")]
    LogLikelihood,
    /// t-score: (observed − expected) / √observed.
    #[value(name = "t")]
    TScore,
    /// Frequency in the window.
    Freq,
}

#[derive(Debug, Args)]
pub struct CollocatesArgs {
    /// The node: a word, or a phrase of several (its words must stand together).
    #[arg(required = true, value_name = "WORD")]
    pub word: Vec<String>,

    /// Words on each side of the node that count (inside the clause), from 1 to 50.
    #[arg(long, short = 'w', default_value_t = 5, value_name = "N")]
    pub window: usize,

    /// The measure to rank by.
    #[arg(long, value_enum, default_value_t = AssociationMeasure::LogDice, value_name = "MEASURE")]
    pub by: AssociationMeasure,

    /// Leave out collocates seen fewer times than this in the window.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_freq: u64,

    /// Leave out the words of this file (one per line, either language, analyzed as the index
    /// is), or `default` for the built-in lists of Chinese and English function words.
    /// Numbers are always left out.
    #[arg(long, value_name = "FILE|default")]
    pub stopwords: Option<String>,

    /// Number of collocates to print (0: all).
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub format: TableFormat,

    #[command(flatten)]
    pub select: SelectionArgs,
}

#[derive(Debug, Args)]
pub struct KeywordsArgs {
    /// The focus selection (see the selection syntax below).
    #[arg(long, value_name = "SPEC")]
    pub focus: String,

    /// The reference selection; `rest` (the default) is everything selected that the focus
    /// is not, `all` everything selected.
    #[arg(long = "ref", default_value = "rest", value_name = "SPEC")]
    pub reference: String,

    /// The measure to rank by.
    #[arg(long, value_enum, default_value_t = KeynessMeasure::LogLikelihood, value_name = "MEASURE")]
    pub by: KeynessMeasure,

    /// N of Sketch Engine's simple maths: (per million in focus + N) / (per million in
    /// reference + N); small N favours rare words, large N common ones.
    #[arg(long, default_value_t = 1.0, value_name = "N")]
    pub smoothing: f64,

    /// Leave out words seen fewer times than this in the focus (in the reference with
    /// --negative).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_freq: u64,

    /// List the words the focus uses relatively less than the reference (underused),
    /// the most underused first, instead of those it uses more.
    #[arg(long)]
    pub negative: bool,

    /// Leave out the words of this file (one per line), or `default` for the built-in lists.
    #[arg(long, value_name = "FILE|default")]
    pub stopwords: Option<String>,

    /// Number of keywords to print (0: all).
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub format: TableFormat,

    #[command(flatten)]
    pub select: SelectionArgs,
}

/// A keyness measure of `keywords`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeynessMeasure {
    /// Log-likelihood (G²), positive words (more frequent in the focus) first.
    #[value(name = "ll", alias = "g2")]
    LogLikelihood,
    /// Log ratio (Hardie 2014): log2 of the ratio of relative frequencies.
    #[value(name = "log-ratio")]
    LogRatio,
    /// Sketch Engine's simple maths score.
    #[value(name = "simple-maths")]
    SimpleMaths,
}

#[derive(Debug, Args)]
pub struct NgramsArgs {
    /// Only n-grams that contain this word or phrase (all n-grams of the selection without).
    /// N-grams never span two clauses; one that runs across the end of a sentence (。；;？！?!)
    /// where it first occurs is left out, but one may run across a comma: the index keeps no
    /// punctuation.
    #[arg(value_name = "WORD")]
    pub word: Vec<String>,

    /// Words per n-gram: N, or a range N-M, from 2 to 6.
    #[arg(long, short = 's', default_value = "3", value_name = "N|N-M")]
    pub size: String,

    /// Leave out n-grams found in fewer documents than this.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_docs: usize,

    /// Leave out n-grams seen fewer times than this.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_freq: u64,

    /// Number of n-grams to print (0: all).
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub format: TableFormat,

    #[command(flatten)]
    pub select: SelectionArgs,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// What to count, in the query language of `query`.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Values to print per facet, the largest first (0: all); the others are summed on one
    /// line.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    #[command(flatten)]
    pub format: TableFormat,

    #[command(flatten)]
    pub select: SelectionArgs,
}
