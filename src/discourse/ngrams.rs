//! Recurring word sequences (`ngrams`): every run of n tokens inside one clause (never across
//! two), counted with the number of documents it occurs in, then ranked by documents and
//! frequency, so that the formulas several documents share come first.
//!
//! Counted over the whole index, most n-grams occur once; a table of every one would take
//! gigabytes. So an n-gram is known by a 64-bit hash of its term ids (two different sequences
//! share one with a chance of about 1 in 10¹¹ among ten million), each size is counted apart,
//! and its runs are sorted as 16-byte records (hash, place, document) rather than counted in a
//! hash table: sorting reads memory in order, where a table is read at a random place per run.
//! The written form of an n-gram is read from the stored text of its first occurrence, for
//! the n-grams shown only. Prints nothing.

use std::collections::HashMap;
use std::ops::{Range, RangeInclusive};

use anyhow::{Context as _, Result};
use tantivy::{Searcher, TantivyDocument};

use super::forward::{ClauseTokens, GAP, Vocab};
use super::kwic::Needles;
use super::surface;
use crate::analyze::Analyzers;
use crate::index::schema::Fields;
use crate::index::stored::decode;
use crate::model::{DocInfo, StoredClause};

/// The smallest and the largest n.
pub const SIZES: RangeInclusive<usize> = 2..=6;

/// `N` or `N-M`, within [`SIZES`].
pub fn parse_sizes(text: &str) -> Result<RangeInclusive<usize>, String> {
    let bad = || {
        format!(
            "--size {text:?}: give a number of words from {} to {} (3), or a range (3-5)",
            SIZES.start(),
            SIZES.end()
        )
    };
    let number = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
    let (from, to) = match text.split_once(['-', '–', '.', ':']) {
        Some((a, b)) => (number(a)?, number(b.trim_start_matches('.'))?),
        None => {
            let n = number(text)?;
            (n, n)
        }
    };
    if !SIZES.contains(&from) || !SIZES.contains(&to) {
        return Err(bad());
    }
    if from > to {
        return Err(format!(
            "--size {text:?}: the range goes down; write it {to}-{from}"
        ));
    }
    Ok(from..=to)
}

/// What to count.
#[derive(Debug, Clone)]
pub struct Options {
    pub sizes: RangeInclusive<usize>,
    pub min_freq: u64,
    pub min_docs: usize,
}

/// The document a clause belongs to, as counting needs it: an ordinal and the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClauseDoc {
    pub ordinal: u32,
    pub year: Option<u16>,
}

/// An n-gram and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ngram {
    /// Its first occurrence: the clause (index in the list counted) and the first token.
    pub clause: usize,
    pub start: usize,
    pub len: usize,
    /// Occurrences.
    pub freq: u64,
    /// Documents it occurs in.
    pub docs: usize,
    /// The first and the last year of the dated documents it occurs in.
    pub years: Option<(u16, u16)>,
}

impl Ngram {
    /// Its terms, in `clauses` as counted.
    pub fn tokens<'a>(&self, clauses: &[ClauseTokens<'a>]) -> &'a [u32] {
        &clauses[self.clause].tokens[self.start..self.start + self.len]
    }
}

/// What counting found.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    /// The n-grams that pass the minimums, most documents first, then most frequent, then in
    /// the order of their terms.
    pub ngrams: Vec<Ngram>,
    /// Clauses with at least one n-gram counted.
    pub clauses: usize,
    /// Runs of n tokens looked at.
    pub windows: u64,
}

/// splitmix64's finalizer: every bit of the input moves every bit of the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn hash(window: &[u32]) -> u64 {
    let mut h = window.len() as u64;
    for &t in window {
        h = mix(h.rotate_left(32) ^ u64::from(t) ^ 0x9e37_79b9_7f4a_7c15);
    }
    h
}

/// Calls `f(clause, start, len)` for every n-gram of `options.sizes` of the clauses, clause by
/// clause in the order of `order`; with `needles`, only the n-grams that hold an occurrence of
/// them, each once.
fn windows(
    clauses: &[ClauseTokens<'_>],
    order: &[usize],
    sizes: &RangeInclusive<usize>,
    needles: Option<&Needles>,
    mut f: impl FnMut(usize, usize, usize),
) {
    let mut starts: Vec<usize> = Vec::new();
    for &i in order {
        let c = &clauses[i];
        let tokens = c.tokens;
        let found = needles.map(|n| n.find(c.layer, tokens));
        for n in sizes.clone() {
            if tokens.len() < n {
                break;
            }
            starts.clear();
            match &found {
                None => starts.extend(0..=tokens.len() - n),
                Some(found) => {
                    for o in found.iter().filter(|o| o.len <= n) {
                        let last = o.position.min(tokens.len() - n);
                        let first = (o.position + o.len).saturating_sub(n);
                        starts.extend(first..=last);
                    }
                    starts.sort_unstable();
                    starts.dedup();
                }
            }
            for &s in &starts {
                if !tokens[s..s + n].contains(&GAP) {
                    f(i, s, n);
                }
            }
        }
    }
}

/// An n-gram that reaches the minimums, as compact as counting can keep it.
struct Kept {
    offset: u32,
    freq: u32,
    docs: u32,
    years: Option<(u16, u16)>,
    len: u8,
}

/// Bits of the hash that choose a run's bucket.
const BUCKET_BITS: u32 = 8;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// One run of n tokens: its hash, where it starts (in the tokens of all clauses laid end to
/// end in the order counted) and its document.
#[derive(Clone, Copy)]
struct Window {
    hash: u64,
    offset: u32,
    doc: u32,
}

/// Counts the n-grams of `clauses`; `docs[i]` is the document of clause `i`. With `needles`,
/// only n-grams that hold one of them.
///
/// Each size is counted apart: the runs of that size are listed as (hash, place, document),
/// 16 bytes each, and sorted, so that the occurrences of an n-gram lie together in the order
/// of their documents; frequencies, documents and the first occurrence are then read off in
/// one sweep. Sorting moves through memory in order, where a table of counts would be read at
/// a random place per run (ten million cache misses over the whole index).
pub fn count(
    clauses: &[ClauseTokens<'_>],
    docs: &[Option<ClauseDoc>],
    needles: Option<&Needles>,
    options: &Options,
) -> Counted {
    // Clauses grouped by document, so that the occurrences of an n-gram in one document are
    // neighbours once sorted.
    let mut order: Vec<usize> = (0..clauses.len()).collect();
    order.sort_by_key(|&i| docs[i].map_or(u32::MAX, |d| d.ordinal));
    // Where each clause starts in the tokens laid end to end in that order.
    let mut starts: Vec<u32> = Vec::with_capacity(order.len());
    let mut at: u64 = 0;
    for &i in &order {
        starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        at += clauses[i].tokens.len() as u64;
    }
    let place = |offset: u32| -> (usize, usize) {
        let k = starts.partition_point(|&s| s <= offset) - 1;
        (order[k], (offset - starts[k]) as usize)
    };
    let mut position_of: Vec<u32> = vec![0; clauses.len()];
    for (k, &i) in order.iter().enumerate() {
        position_of[i] = starts[k];
    }
    // The year of each document, by ordinal.
    let documents = docs
        .iter()
        .flatten()
        .map(|d| d.ordinal as usize + 1)
        .max()
        .unwrap_or(0);
    let mut year_of: Vec<Option<u16>> = vec![None; documents];
    for d in docs.iter().flatten() {
        year_of[d.ordinal as usize] = d.year;
    }
    // The n-grams kept, 16 bytes each while the runs of the next size are counted.
    let mut kept: Vec<Kept> = Vec::new();
    let mut seen_clauses = vec![false; clauses.len()];
    let mut total: u64 = 0;
    // The runs of one size, in buckets by the top bits of their hash: each bucket is sorted
    // apart, in a piece of memory the cache holds.
    let mut buckets: Vec<Vec<Window>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    let tokens: usize = clauses.iter().map(|c| c.tokens.len()).sum();
    for n in options.sizes.clone() {
        for b in &mut buckets {
            b.clear();
            if needles.is_none() {
                b.reserve(tokens / BUCKETS + tokens / BUCKETS / 8);
            }
        }
        windows(clauses, &order, &(n..=n), needles, |c, s, len| {
            seen_clauses[c] = true;
            let hash = hash(&clauses[c].tokens[s..s + len]);
            buckets[(hash >> (64 - BUCKET_BITS)) as usize].push(Window {
                hash,
                offset: position_of[c] + s as u32,
                doc: docs[c].map_or(u32::MAX, |d| d.ordinal),
            });
        });
        for runs in &mut buckets {
            total += runs.len() as u64;
            runs.sort_unstable_by_key(|w| (w.hash, w.offset));
            let mut i = 0;
            while i < runs.len() {
                let h = runs[i].hash;
                let j = i + runs[i..].iter().take_while(|w| w.hash == h).count();
                let freq = (j - i) as u64;
                // Most n-grams occur once: their documents need no counting.
                if freq < options.min_freq || (j - i) < options.min_docs {
                    i = j;
                    continue;
                }
                let mut doc_count = 0usize;
                let mut last_doc = None;
                let mut years: Option<(u16, u16)> = None;
                for w in &runs[i..j] {
                    if last_doc != Some(w.doc) {
                        last_doc = Some(w.doc);
                        doc_count += 1;
                        if let Some(y) = year_of.get(w.doc as usize).copied().flatten() {
                            years = Some(years.map_or((y, y), |(a, b)| (a.min(y), b.max(y))));
                        }
                    }
                }
                if doc_count >= options.min_docs {
                    kept.push(Kept {
                        offset: runs[i].offset,
                        freq: u32::try_from(freq).unwrap_or(u32::MAX),
                        docs: u32::try_from(doc_count).unwrap_or(u32::MAX),
                        years,
                        len: n as u8,
                    });
                }
                i = j;
            }
        }
    }
    // The runs take the most memory: gone before the n-grams are made whole.
    drop(buckets);
    let mut ngrams: Vec<Ngram> = kept
        .into_iter()
        .map(|k| {
            let (clause, start) = place(k.offset);
            Ngram {
                clause,
                start,
                len: usize::from(k.len),
                freq: u64::from(k.freq),
                docs: k.docs as usize,
                years: k.years,
            }
        })
        .collect();
    // By the counts only: ordering the ties by their words costs string comparisons, done
    // for the ties shown only ([`order_ties`]).
    ngrams.sort_unstable_by_key(|g| (std::cmp::Reverse(g.docs), std::cmp::Reverse(g.freq)));
    Counted {
        ngrams,
        clauses: seen_clauses.iter().filter(|&&s| s).count(),
        windows: total,
    }
}

/// Orders by their words (as indexed, in Unicode order) the n-grams from `at` that have the
/// same counts as the one at `at`, and returns where they end: ties are broken only for the
/// n-grams shown, the large groups of rare ones never need it.
pub fn order_ties(
    ngrams: &mut [Ngram],
    at: usize,
    clauses: &[ClauseTokens<'_>],
    vocab: &Vocab,
) -> usize {
    let Some(first) = ngrams.get(at) else {
        return at;
    };
    let key = (first.docs, first.freq);
    let end = at
        + ngrams[at..]
            .iter()
            .take_while(|g| (g.docs, g.freq) == key)
            .count();
    let words = |g: &Ngram| g.tokens(clauses).iter().map(|&t| vocab.term(t));
    ngrams[at..end].sort_by(|a, b| words(a).cmp(words(b)));
    end
}

/// The n-gram as written in the stored text of its first occurrence, from its first token's
/// start to its last token's end, and that clause's document and clause. `None` when its
/// tokens cannot be placed in the text.
pub struct Written {
    pub text: String,
    pub doc: DocInfo,
    pub clause: StoredClause,
    /// The byte span of the n-gram in `clause.text`.
    pub span: Range<usize>,
}

/// Characters that end a sentence or a clause of one: an n-gram whose example holds one runs
/// from one sentence into the next (the index keeps no punctuation).
pub const SENTENCE_ENDS: &[char] = &['。', '；', ';', '？', '！', '?', '!'];

impl Written {
    /// Whether the n-gram runs across the end of a sentence in its example.
    pub fn crosses_a_sentence(&self) -> bool {
        self.text.contains(SENTENCE_ENDS)
    }
}

/// A stored clause read back, with the byte span of each of its tokens.
type Placed = (DocInfo, StoredClause, Vec<Option<Range<usize>>>);

/// The stored clauses read so far for written forms, with their tokens placed: the n-grams
/// of one formula share their first occurrence.
#[derive(Default)]
pub struct Texts {
    read: HashMap<usize, Placed>,
}

impl Texts {
    /// The written form of `ngram`; `None` when its tokens cannot be placed in the text.
    pub fn written(
        &mut self,
        searcher: &Searcher,
        fields: &Fields,
        analyzers: &Analyzers,
        vocab: &Vocab,
        clauses: &[ClauseTokens<'_>],
        ngram: &Ngram,
    ) -> Result<Option<Written>> {
        let c = &clauses[ngram.clause];
        if let std::collections::hash_map::Entry::Vacant(slot) = self.read.entry(ngram.clause) {
            let stored: TantivyDocument = searcher
                .doc(c.address)
                .context("cannot read a stored clause")?;
            let (doc, clause) = decode(fields, &stored);
            let terms: Vec<&str> = c
                .tokens
                .iter()
                .map(|&id| if id == GAP { "" } else { vocab.term(id) })
                .collect();
            let spans = surface::spans(analyzers, c.layer, &clause.text, &terms);
            slot.insert((doc, clause, spans));
        }
        let (doc, clause, spans) = &self.read[&ngram.clause];
        let first = spans.get(ngram.start).cloned().flatten();
        let last = spans.get(ngram.start + ngram.len - 1).cloned().flatten();
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(None);
        };
        if last.end < first.start {
            return Ok(None);
        }
        let span = first.start..last.end;
        Ok(Some(Written {
            text: clause.text[span.clone()].to_string(),
            doc: doc.clone(),
            clause: clause.clone(),
            span,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discourse::forward::{Forward, Layer};
    use tantivy::DocAddress;

    #[test]
    fn sizes_are_one_number_or_a_range_from_2_to_6() {
        assert_eq!(parse_sizes("3"), Ok(3..=3));
        assert_eq!(parse_sizes("2-6"), Ok(2..=6));
        assert_eq!(parse_sizes(" 3 - 5 "), Ok(3..=5));
        assert_eq!(parse_sizes("3..5"), Ok(3..=5));
        for bad in ["1", "7", "0", "", "x", "2-7", "-3", "3-"] {
            assert!(parse_sizes(bad).is_err(), "{bad}");
        }
        assert!(parse_sizes("5-3").unwrap_err().contains("3-5"));
    }

    /// Three clauses of two documents: `a b c d`, `a b c`, `x a b`.
    fn fixture() -> (Forward, Vec<Option<ClauseDoc>>) {
        let mut v = Vocab::default();
        for t in ["a", "b", "c", "d", "x"] {
            v.insert(Layer::En, t);
        }
        let forward = Forward::from_parts(
            v,
            vec![
                (DocAddress::new(0, 0), Layer::En, vec![0, 1, 2, 3]),
                (DocAddress::new(0, 1), Layer::En, vec![0, 1, 2]),
                (DocAddress::new(0, 2), Layer::En, vec![4, 0, GAP, 1]),
            ],
        );
        let doc = |ordinal, year| Some(ClauseDoc { ordinal, year });
        (
            forward,
            vec![doc(0, Some(2013)), doc(0, Some(2013)), doc(1, Some(2020))],
        )
    }

    fn shown(forward: &Forward, clauses: &[ClauseTokens], counted: &Counted) -> Vec<String> {
        let mut ngrams = counted.ngrams.clone();
        let mut at = 0;
        while at < ngrams.len() {
            at = order_ties(&mut ngrams, at, clauses, &forward.vocab);
        }
        ngrams
            .iter()
            .map(|g| {
                let words: Vec<&str> = g
                    .tokens(clauses)
                    .iter()
                    .map(|&t| forward.vocab.term(t))
                    .collect();
                format!("{} {}/{}", words.join(" "), g.freq, g.docs)
            })
            .collect()
    }

    #[test]
    fn ngrams_are_counted_within_clauses_and_documents_once() {
        let (forward, docs) = fixture();
        let clauses: Vec<ClauseTokens> = forward.clauses().collect();
        let options = |sizes, min_freq, min_docs| Options {
            sizes,
            min_freq,
            min_docs,
        };
        let counted = count(&clauses, &docs, None, &options(2..=3, 2, 1));
        assert_eq!(
            shown(&forward, &clauses, &counted),
            ["a b 2/1", "a b c 2/1", "b c 2/1"]
        );
        // The gap breaks `a _ b` of the third clause; nothing spans two clauses (`d a`).
        let all = count(&clauses, &docs, None, &options(2..=2, 1, 1));
        assert_eq!(
            shown(&forward, &clauses, &all),
            ["a b 2/1", "b c 2/1", "c d 1/1", "x a 1/1"]
        );
        assert_eq!(all.ngrams[0].years, Some((2013, 2013)));
        let shared = count(&clauses, &docs, None, &options(2..=2, 1, 2));
        assert!(shared.ngrams.is_empty());
    }

    #[test]
    fn with_a_word_only_the_ngrams_that_hold_it_count() {
        let (forward, docs) = fixture();
        let clauses: Vec<ClauseTokens> = forward.clauses().collect();
        let needles = Needles::from_ids(vec![(Layer::En, vec![2])]);
        let options = Options {
            sizes: 2..=3,
            min_freq: 1,
            min_docs: 1,
        };
        let counted = count(&clauses, &docs, Some(&needles), &options);
        assert_eq!(
            shown(&forward, &clauses, &counted),
            ["a b c 2/1", "b c 2/1", "b c d 1/1", "c d 1/1"]
        );
        assert_eq!(counted.clauses, 2);
    }

    #[test]
    fn counts_hold_over_many_clauses() {
        // Many clauses of one n-gram each, and one n-gram in every clause.
        let mut v = Vocab::default();
        let mut parts = Vec::new();
        let common = v.insert(Layer::En, "common");
        for i in 0..5000u32 {
            let t = v.insert(Layer::En, &format!("w{i}"));
            parts.push((DocAddress::new(0, i), Layer::En, vec![t, common, common]));
        }
        let forward = Forward::from_parts(v, parts);
        let clauses: Vec<ClauseTokens> = forward.clauses().collect();
        let docs: Vec<Option<ClauseDoc>> = (0..5000)
            .map(|i| {
                Some(ClauseDoc {
                    ordinal: i / 2,
                    year: None,
                })
            })
            .collect();
        let options = Options {
            sizes: 2..=2,
            min_freq: 3,
            min_docs: 2,
        };
        let counted = count(&clauses, &docs, None, &options);
        assert_eq!(counted.ngrams.len(), 1);
        assert_eq!(
            (counted.ngrams[0].freq, counted.ngrams[0].docs),
            (5000, 2500)
        );
        assert_eq!(counted.windows, 10000);
    }
}
