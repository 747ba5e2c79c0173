//! `keywords`: the words of a focus selection that stand out against a reference selection,
//! from term counts of the two ([`super::forward::count_terms`] with one vocabulary), scored
//! with the keyness measures of [`super::measures`]. Also the small syntax the two selections
//! are written in. Prints nothing.
//!
//! A selection is a list of `key:value` items, all required (AND): `since:2018`
//! `until:2017-06` `party:Russia` `doc:004` `type:report` `lang:zh` `query:制裁`. A value that starts with a
//! double quote runs to the closing quote (`party:"Republic of Aldoria"`); for `query:` the
//! quotes are kept, so `query:"color revolution"` is the phrase, as `query` reads it; a query
//! value that starts with `(` runs to the matching `)` (`query:(民主 OR 人权)`). Two words
//! stand alone: `rest` (the selection minus the focus, only as the reference) and `all` (the
//! whole selection).

use anyhow::{Result, bail};

use super::forward::{Counts, Layer, TermId, Vocab};
use super::measures::{Keyness, keyness, per_million};
use super::stopwords::{StopWords, is_number};

/// The keys of a selection item.
pub const KEYS: [&str; 7] = ["since", "until", "party", "doc", "type", "lang", "query"];

/// A selection as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    /// Everything selected that the focus is not.
    Rest,
    /// Everything selected.
    All,
    /// `key:value` items, in the order given, each key at most once.
    Items(Vec<(String, String)>),
}

impl Spec {
    /// Reads `text`; what the values mean is checked by the caller.
    pub fn parse(text: &str) -> Result<Spec> {
        let trimmed = text.trim();
        match trimmed.to_lowercase().as_str() {
            "rest" => return Ok(Spec::Rest),
            "all" => return Ok(Spec::All),
            "" => bail!(
                "empty: give key:value items ({}), `all` or `rest`",
                KEYS.join(" ")
            ),
            _ => {}
        }
        let mut items: Vec<(String, String)> = Vec::new();
        let mut rest = trimmed;
        while !rest.is_empty() {
            let Some(colon) = rest.find(':') else {
                bail!(
                    "{:?} is not a key:value item (the keys: {})",
                    rest.split_whitespace().next().unwrap_or(rest),
                    KEYS.join(" ")
                );
            };
            let key = &rest[..colon];
            if key.is_empty() || key.contains(char::is_whitespace) {
                bail!(
                    "{:?} is not a key:value item (the keys: {})",
                    key.split_whitespace().next().unwrap_or(key),
                    KEYS.join(" ")
                );
            }
            let key = key.to_lowercase();
            if !KEYS.contains(&key.as_str()) {
                bail!("unknown key {key:?} (the keys: {})", KEYS.join(" "));
            }
            if items.iter().any(|(k, _)| *k == key) {
                bail!("{key}: given twice (each key at most once; items are all required)");
            }
            let after = &rest[colon + 1..];
            let (value, tail) = value(after, key == "query")?;
            if value.trim().is_empty() {
                bail!("{key}: has no value ({key}:VALUE, no space after the colon)");
            }
            items.push((key, value));
            rest = tail.trim_start();
        }
        Ok(Spec::Items(items))
    }
}

/// The value at the start of `text` and what follows it.
fn value(text: &str, keep_quotes: bool) -> Result<(String, &str)> {
    if let Some(inner) = text.strip_prefix('"') {
        let Some(end) = inner.find('"') else {
            bail!("a value opens a quote that does not close: {text}");
        };
        let value = if keep_quotes {
            text[..end + 2].to_string()
        } else {
            inner[..end].to_string()
        };
        return Ok((value, &inner[end + 1..]));
    }
    if keep_quotes && text.starts_with('(') {
        let mut depth = 0usize;
        for (i, c) in text.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((text[..=i].to_string(), &text[i + 1..]));
                    }
                }
                _ => {}
            }
        }
        bail!("a query opens a parenthesis that does not close: {text}");
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    Ok((text[..end].to_string(), &text[end..]))
}

/// The measure keywords are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    LogLikelihood,
    LogRatio,
    SimpleMaths,
}

/// A word with its counts and scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub term: TermId,
    pub focus: u64,
    pub focus_per_million: f64,
    pub reference: u64,
    pub reference_per_million: f64,
    pub scores: Keyness,
}

/// Which words to keep and how to order them.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Fewest occurrences in the focus (in the reference with `negative`).
    pub min_freq: u64,
    pub stop: &'a StopWords,
    pub by: Rank,
    /// n of simple maths.
    pub smoothing: f64,
    /// The words relatively rarer in the focus (underused), instead of the commoner ones.
    pub negative: bool,
}

fn layer_index(layer: Layer) -> usize {
    Layer::BOTH.iter().position(|&l| l == layer).unwrap_or(0)
}

/// The words of `vocab` relatively more frequent in `focus` than in `reference` (rarer with
/// `negative`), each against the tokens of its own layer (a Chinese word against Chinese
/// tokens), best first; ties go to the higher focus (reference) count, then to the term.
pub fn rank(
    vocab: &Vocab,
    focus: &Counts,
    reference: &Counts,
    options: &Options<'_>,
) -> Vec<Keyword> {
    let mut out = Vec::new();
    for id in 0..vocab.len() as TermId {
        let (a, b) = (focus.of(id), reference.of(id));
        let seen = if options.negative { b } else { a };
        if seen < options.min_freq.max(1) {
            continue;
        }
        let layer = vocab.layer(id);
        let word = vocab.term(id);
        if is_number(word) || options.stop.contains(layer, word) {
            continue;
        }
        let i = layer_index(layer);
        let (ta, tb) = (focus.tokens[i], reference.tokens[i]);
        // Relatively more frequent in the focus: a/A > b/B.
        let more = (a as u128) * (tb as u128) > (b as u128) * (ta as u128);
        let less = (a as u128) * (tb as u128) < (b as u128) * (ta as u128);
        if (options.negative && !less) || (!options.negative && !more) {
            continue;
        }
        out.push(Keyword {
            term: id,
            focus: a,
            focus_per_million: per_million(a, ta),
            reference: b,
            reference_per_million: per_million(b, tb),
            scores: keyness(a, ta, b, tb, options.smoothing),
        });
    }
    let key = |k: &Keyword| match options.by {
        Rank::LogLikelihood => k.scores.log_likelihood,
        Rank::LogRatio => k.scores.log_ratio,
        Rank::SimpleMaths => k.scores.simple_maths,
    };
    let count = |k: &Keyword| {
        if options.negative {
            k.reference
        } else {
            k.focus
        }
    };
    out.sort_by(|x, y| {
        let by_score = if options.negative {
            key(x).total_cmp(&key(y))
        } else {
            key(y).total_cmp(&key(x))
        };
        by_score
            .then(count(y).cmp(&count(x)))
            .then_with(|| vocab.term(x.term).cmp(vocab.term(y.term)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(spec: &str) -> Vec<(String, String)> {
        match Spec::parse(spec).unwrap() {
            Spec::Items(items) => items,
            other => panic!("{other:?}"),
        }
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn specs_read_as_written() {
        assert_eq!(Spec::parse(" REST ").unwrap(), Spec::Rest);
        assert_eq!(Spec::parse("all").unwrap(), Spec::All);
        assert_eq!(
            items("since:2018 lang:zh"),
            vec![pair("since", "2018"), pair("lang", "zh")]
        );
        assert_eq!(
            items("party:\"Republic of Aldoria\" query:\"color revolution\" doc:004"),
            vec![
                pair("party", "Republic of Aldoria"),
                pair("query", "\"color revolution\""),
                pair("doc", "004")
            ]
        );
        assert_eq!(
            items("query:(民主 OR 人权) Until:2017"),
            vec![pair("query", "(民主 OR 人权)"), pair("until", "2017")]
        );
    }

    #[test]
    fn specs_refuse_what_they_cannot_read() {
        for bad in [
            "",
            "2018",
            "since 2018",
            "year:2018",
            "since:",
            "since:2018 since:2019",
            "party:\"Russia",
            "query:(a OR b",
            ":x",
        ] {
            assert!(Spec::parse(bad).is_err(), "{bad:?} accepted");
        }
        let e = Spec::parse("year:2018").unwrap_err().to_string();
        assert!(e.contains("since until party doc type lang query"), "{e}");
    }

    fn counts(occurrences: Vec<u64>, tokens: [u64; 2]) -> Counts {
        Counts {
            clauses: occurrences.iter().map(|&n| n as u32).collect(),
            occurrences,
            tokens,
            clause_count: 1,
        }
    }

    #[test]
    fn positive_and_negative_keywords_are_apart() {
        let mut vocab = Vocab::default();
        for w in ["制裁", "合作", "的", "2018", "and"] {
            vocab.insert(if w == "and" { Layer::En } else { Layer::Zh }, w);
        }
        // Chinese: focus 1,000 tokens, reference 10,000; English: 100 and 100.
        let focus = counts(vec![20, 10, 50, 30, 10], [1_000, 100]);
        let reference = counts(vec![10, 300, 500, 0, 5], [10_000, 100]);
        let stop = StopWords::from_text(&crate::analyze::Analyzers::new(), "的");
        let mut options = Options {
            min_freq: 3,
            stop: &stop,
            by: Rank::LogLikelihood,
            smoothing: 1.0,
            negative: false,
        };
        let words = |options: &Options<'_>| -> Vec<String> {
            rank(&vocab, &focus, &reference, options)
                .iter()
                .map(|k| vocab.term(k.term).to_string())
                .collect()
        };
        // 制裁 20/1000 vs 10/10000; "and" 10/100 vs 5/100 (its own layer's tokens).
        assert_eq!(words(&options), vec!["制裁", "and"]);
        options.negative = true;
        assert_eq!(words(&options), vec!["合作"]);
        let top = &rank(
            &vocab,
            &focus,
            &reference,
            &Options {
                negative: false,
                ..options.clone()
            },
        )[0];
        assert_eq!(top.focus_per_million, 20_000.0);
        assert_eq!(top.reference_per_million, 1_000.0);
    }
}
