//! The concordance (`kwic`): every occurrence of a query's words and phrases in the token
//! sequences of the clauses it matches, sorted by document, date or the words around it; then,
//! for the lines shown only, the match placed back in the stored text of its clause with a
//! context on each side. Sorting needs tokens alone, so the stored text is read for the page
//! printed, not for every occurrence. Prints nothing.
//!
//! What an occurrence is: the query's words and phrases as a hit highlights them
//! ([`crate::search::sequences`]), longest first, so that words typed together and found
//! together are one line (`internal affairs`), and each found alone is a line of its own. A
//! Chinese word also occurs inside a longer jieba word that holds it (`内政` in `干涉内政`), as
//! the character bigrams of `query` find it: the match is then that part of the word.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use anyhow::{Context as _, Result};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::forward::{ClauseTokens, GAP, Layer, TermId, Vocab};
use super::surface;
use crate::analyze::Analyzers;
use crate::catalog::Owner;
use crate::index::schema::Fields;
use crate::index::stored::decode;
use crate::model::{DocInfo, Lang, StoredClause};

/// What to look for in the tokens of clauses: each word or phrase as a sequence of term ids
/// of its layer, longest first, and (Chinese) the longer words that hold one.
#[derive(Debug, Default, Clone)]
pub struct Needles {
    sequences: Vec<(Layer, Vec<TermId>)>,
    /// A Chinese term that holds a word of the query without being it: the characters of the
    /// term (counted in `char`s) the word takes.
    inside: HashMap<TermId, Range<usize>>,
}

impl Needles {
    /// The sequences of `per_lang` (as [`crate::search::sequences`] gives them) whose terms are
    /// all in `vocab`; a term the vocabulary lacks is in none of the clauses read.
    pub fn new(vocab: &Vocab, per_lang: &[(Lang, Vec<Vec<String>>)]) -> Needles {
        let mut needles = Needles::default();
        let mut words: Vec<String> = Vec::new();
        for (lang, sequences) in per_lang {
            let layer = Layer::of_lang(*lang);
            for terms in sequences {
                if layer == Layer::Zh {
                    words.push(terms.concat());
                }
                let ids: Option<Vec<TermId>> = terms.iter().map(|t| vocab.id(layer, t)).collect();
                if let Some(ids) = ids.filter(|ids| !ids.is_empty()) {
                    needles.sequences.push((layer, ids));
                }
            }
        }
        needles
            .sequences
            .sort_by_key(|(_, ids)| std::cmp::Reverse(ids.len()));
        needles.sequences.dedup();
        // Only words of Chinese characters are looked for inside longer words: `a` inside
        // `na` is no match.
        words.retain(|w| w.chars().count() >= 2 && w.chars().all(crate::script::is_han));
        if !words.is_empty() {
            for id in 0..vocab.len() as TermId {
                if vocab.layer(id) != Layer::Zh {
                    continue;
                }
                let term = vocab.term(id);
                for word in &words {
                    if term.len() > word.len()
                        && let Some(at) = term.find(word.as_str())
                    {
                        let from = term[..at].chars().count();
                        needles.inside.insert(id, from..from + word.chars().count());
                        break;
                    }
                }
            }
        }
        needles
    }

    /// Made from term ids (tests).
    pub fn from_ids(sequences: Vec<(Layer, Vec<TermId>)>) -> Needles {
        Needles {
            sequences,
            inside: HashMap::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sequences.is_empty() && self.inside.is_empty()
    }

    /// The occurrences in the tokens of one clause of `layer`, left to right, none
    /// overlapping: at each position the longest sequence that starts there.
    pub fn find(&self, layer: Layer, tokens: &[TermId]) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let found = self
                .sequences
                .iter()
                .find(|(l, ids)| *l == layer && tokens[i..].starts_with(ids));
            if let Some((_, ids)) = found {
                out.push(Found {
                    position: i,
                    len: ids.len(),
                    inside: None,
                });
                i += ids.len();
                continue;
            }
            if layer == Layer::Zh
                && let Some(chars) = self.inside.get(&tokens[i])
            {
                out.push(Found {
                    position: i,
                    len: 1,
                    inside: Some(chars.clone()),
                });
            }
            i += 1;
        }
        out
    }
}

/// An occurrence in one clause's tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Position of the first token.
    pub position: usize,
    /// Tokens it takes.
    pub len: usize,
    /// When the match is part of one longer word: the characters of the word it takes.
    pub inside: Option<Range<usize>>,
}

/// An occurrence in a set of clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the clause in the list the occurrences were found in.
    pub clause: usize,
    pub found: Found,
}

/// Every occurrence in `clauses`, clause by clause.
pub fn occurrences(needles: &Needles, clauses: &[ClauseTokens<'_>]) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for (i, c) in clauses.iter().enumerate() {
        out.extend(
            needles
                .find(c.layer, c.tokens)
                .into_iter()
                .map(|found| Occurrence { clause: i, found }),
        );
    }
    out
}

/// The order of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Document id, then the clause's place in the index, then position.
    Doc,
    /// The document's date, undated last; ties by document.
    Date,
    /// The n-th word left of the match (1: the word just before it).
    Left(usize),
    /// The n-th word right of the match.
    Right(usize),
}

/// Sorts occurrences by `key`; ties by document, clause and position. Words compare as the
/// index holds them (folded Chinese words, English stems) in Unicode order, and a side with no
/// n-th word (the clause starts or ends first) comes last.
/// `owner` gives the document of a clause ([`crate::catalog::ClauseOwners::owner`]).
pub fn sort<'a>(
    occurrences: &mut [Occurrence],
    clauses: &[ClauseTokens<'_>],
    vocab: &Vocab,
    owner: &dyn Fn(DocAddress) -> Option<&'a Owner>,
    key: SortKey,
) {
    let owner = |o: &Occurrence| owner(clauses[o.clause].address);
    let doc = |o: &Occurrence| owner(o).map(|w| w.id.as_str());
    let word = |o: &Occurrence| -> Option<&str> {
        let tokens = clauses[o.clause].tokens;
        let at = match key {
            SortKey::Left(n) => o.found.position.checked_sub(n)?,
            SortKey::Right(n) => o.found.position + o.found.len - 1 + n,
            _ => return None,
        };
        let id = *tokens.get(at)?;
        (id != GAP).then(|| vocab.term(id))
    };
    let by_doc = |a: &Occurrence, b: &Occurrence| {
        doc(a)
            .cmp(&doc(b))
            .then_with(|| clauses[a.clause].address.cmp(&clauses[b.clause].address))
            .then_with(|| a.found.position.cmp(&b.found.position))
    };
    // `None` last.
    let last = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match key {
        SortKey::Doc => occurrences.sort_by(by_doc),
        SortKey::Date => occurrences.sort_by(|a, b| {
            let date = |o: &Occurrence| owner(o).and_then(|w| w.date);
            match (date(a), date(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| by_doc(a, b))
        }),
        SortKey::Left(_) | SortKey::Right(_) => {
            // The key word of each occurrence, looked up once.
            let mut keyed: Vec<(Option<&str>, Occurrence)> =
                occurrences.iter().map(|o| (word(o), o.clone())).collect();
            keyed.sort_by(|(ka, a), (kb, b)| last(*ka, *kb).then_with(|| by_doc(a, b)));
            for (slot, (_, o)) in occurrences.iter_mut().zip(keyed) {
                *slot = o;
            }
        }
    }
}

/// How much context a line has on each side of the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Terminal columns (a Chinese character takes two, a run of spaces and line breaks one).
    Columns(usize),
    /// Tokens of the clause.
    Words(usize),
}

/// A concordance line: the clause as stored, and where the match and its context are in it.
#[derive(Debug, Clone)]
pub struct Line {
    pub doc: DocInfo,
    pub clause: StoredClause,
    pub layer: Layer,
    /// Token position of the match in the clause.
    pub position: usize,
    /// Byte spans in `clause.text`.
    pub matched: Range<usize>,
    pub left: Range<usize>,
    pub right: Range<usize>,
}

impl Line {
    pub fn left_text(&self) -> &str {
        &self.clause.text[self.left.clone()]
    }

    pub fn matched_text(&self) -> &str {
        &self.clause.text[self.matched.clone()]
    }

    pub fn right_text(&self) -> &str {
        &self.clause.text[self.right.clone()]
    }
}

/// A clause read back for the lines that are in it.
struct Read {
    doc: DocInfo,
    clause: StoredClause,
    spans: Vec<Option<Range<usize>>>,
}

/// The lines of `page`: the stored text of each clause read once, its tokens placed in it.
/// `columns` is the terminal width of a character. An occurrence whose tokens cannot be placed
/// in the text is left out (counted in the second value).
#[allow(clippy::too_many_arguments)]
pub fn lines(
    searcher: &Searcher,
    fields: &Fields,
    analyzers: &Analyzers,
    vocab: &Vocab,
    clauses: &[ClauseTokens<'_>],
    page: &[Occurrence],
    context: Context,
    columns: &dyn Fn(char) -> usize,
) -> Result<(Vec<Line>, usize)> {
    let mut read: HashMap<DocAddress, Read> = HashMap::new();
    let mut out = Vec::with_capacity(page.len());
    let mut unplaced = 0;
    for o in page {
        let c = &clauses[o.clause];
        if let std::collections::hash_map::Entry::Vacant(slot) = read.entry(c.address) {
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
            slot.insert(Read { doc, clause, spans });
        }
        let r = &read[&c.address];
        let Some(matched) = place(r, &o.found) else {
            unplaced += 1;
            continue;
        };
        let text = &r.clause.text;
        let (left, right) = match context {
            Context::Columns(n) => (
                left_columns(text, matched.start, n, columns)..matched.start,
                matched.end..right_columns(text, matched.end, n, columns),
            ),
            Context::Words(n) => {
                let from = o.found.position.checked_sub(n);
                let to = o.found.position + o.found.len - 1 + n;
                let start = match from {
                    Some(i) => span_start(&r.spans, i, matched.start),
                    None => 0,
                };
                let end = match r.spans.get(to) {
                    Some(_) => span_end(&r.spans, to, matched.end),
                    None => text.len(),
                };
                (
                    start.min(matched.start)..matched.start,
                    matched.end..end.max(matched.end),
                )
            }
        };
        out.push(Line {
            doc: r.doc.clone(),
            clause: r.clause.clone(),
            layer: c.layer,
            position: o.found.position,
            matched,
            left,
            right,
        });
    }
    Ok((out, unplaced))
}

/// The byte span of an occurrence in its clause's text.
fn place(r: &Read, found: &Found) -> Option<Range<usize>> {
    let first = r.spans.get(found.position)?.clone()?;
    let last = r.spans.get(found.position + found.len - 1)?.clone()?;
    let span = first.start..last.end;
    let Some(chars) = &found.inside else {
        return Some(span);
    };
    // Part of one word: its characters, when the text writes the word with as many
    // characters as the index folds it to (it does but for compatibility forms).
    let word = &r.clause.text[span.clone()];
    let offsets: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    match (offsets.get(chars.start), offsets.get(chars.end)) {
        (Some(&a), Some(&b)) if chars.end < offsets.len() => Some(span.start + a..span.start + b),
        _ => Some(span),
    }
}

/// The start of the token at `i`, or of the nearest placed token after it (before `limit`).
fn span_start(spans: &[Option<Range<usize>>], i: usize, limit: usize) -> usize {
    spans[i..]
        .iter()
        .flatten()
        .next()
        .map_or(limit, |s| s.start.min(limit))
}

/// The end of the token at `i`, or of the nearest placed token before it (after `limit`).
fn span_end(spans: &[Option<Range<usize>>], i: usize, limit: usize) -> usize {
    spans[..=i]
        .iter()
        .rev()
        .flatten()
        .next()
        .map_or(limit, |s| s.end.max(limit))
}

/// Where a left context of at most `n` columns starts, going back from `at`. A run of
/// whitespace counts as one column (it shows as one space).
pub fn left_columns(text: &str, at: usize, n: usize, columns: &dyn Fn(char) -> usize) -> usize {
    let mut used = 0;
    let mut start = at;
    let mut after_space = false;
    for (i, c) in text[..at].char_indices().rev() {
        let w = if c.is_whitespace() {
            if after_space { 0 } else { 1 }
        } else {
            columns(c)
        };
        if used + w > n {
            break;
        }
        after_space = c.is_whitespace();
        used += w;
        start = i;
    }
    start
}

/// Where a right context of at most `n` columns ends, going on from `at`.
pub fn right_columns(text: &str, at: usize, n: usize, columns: &dyn Fn(char) -> usize) -> usize {
    let mut used = 0;
    let mut end = at;
    let mut after_space = false;
    for (i, c) in text[at..].char_indices() {
        let w = if c.is_whitespace() {
            if after_space { 0 } else { 1 }
        } else {
            columns(c)
        };
        if used + w > n {
            break;
        }
        after_space = c.is_whitespace();
        used += w;
        end = at + i + c.len_utf8();
    }
    end
}

/// Counts of a concordance: lines, clauses and documents with a line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub lines: usize,
    pub clauses: usize,
    pub documents: usize,
}

/// The totals of `occurrences`.
pub fn totals<'a>(
    occurrences: &[Occurrence],
    clauses: &[ClauseTokens<'_>],
    owner: &dyn Fn(DocAddress) -> Option<&'a Owner>,
) -> Totals {
    let mut seen_clauses = std::collections::HashSet::new();
    let mut docs = std::collections::HashSet::new();
    for o in occurrences {
        let address = clauses[o.clause].address;
        if seen_clauses.insert(o.clause) {
            docs.insert(owner(address).map(|w| w.id.as_str()));
        }
    }
    Totals {
        lines: occurrences.len(),
        clauses: seen_clauses.len(),
        documents: docs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discourse::forward::Forward;

    fn vocab(words: &[(Layer, &str)]) -> Vocab {
        let mut v = Vocab::default();
        for (layer, w) in words {
            v.insert(*layer, w);
        }
        v
    }

    #[test]
    fn the_longest_sequence_wins_and_none_overlap() {
        // internal=0 affair=1 of=2
        let needles = Needles::from_ids(vec![(Layer::En, vec![0, 1]), (Layer::En, vec![1])]);
        let found = needles.find(Layer::En, &[2, 0, 1, 2, 1, 1]);
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.position, f.len)).collect();
        assert_eq!(at, [(1, 2), (4, 1), (5, 1)]);
        // Another layer's sequences are not looked for.
        assert!(needles.find(Layer::Zh, &[0, 1]).is_empty());
        assert!(needles.find(Layer::En, &[]).is_empty());
    }

    #[test]
    fn a_chinese_word_is_found_inside_a_longer_one() {
        let v = vocab(&[
            (Layer::Zh, "干涉"),
            (Layer::Zh, "内政"),
            (Layer::Zh, "干涉内政"),
            (Layer::En, "内政x"),
        ]);
        let needles = Needles::new(&v, &[(Lang::Zh, vec![vec!["内政".to_string()]])]);
        let found = needles.find(Layer::Zh, &[0, 1, 2]);
        assert_eq!(found[0].position, 1);
        assert_eq!(found[0].inside, None);
        assert_eq!(found[1].position, 2);
        assert_eq!(found[1].inside, Some(2..4));
        // English terms are not searched inside.
        assert_eq!(needles.find(Layer::En, &[3]), Vec::<Found>::new());
    }

    #[test]
    fn a_word_absent_from_the_vocabulary_finds_nothing() {
        let v = vocab(&[(Layer::En, "cooper")]);
        let needles = Needles::new(&v, &[(Lang::En, vec![vec!["sovereignti".to_string()]])]);
        assert!(needles.is_empty());
    }

    #[test]
    fn contexts_are_cut_on_the_side_away_from_the_match() {
        let one = |_: char| 1;
        let two = |c: char| if crate::script::is_han(c) { 2 } else { 1 };
        let text = "abc  def\n ghi";
        let at = text.find("ghi").unwrap();
        // "def" + one column for the run of spaces and the break.
        assert_eq!(&text[left_columns(text, at, 4, &one)..at], "def\n ");
        assert_eq!(&text[left_columns(text, at, 100, &one)..at], "abc  def\n ");
        assert_eq!(left_columns(text, at, 0, &one), at);
        let zh = "互不干涉内政原则";
        let m = zh.find("内政").unwrap();
        assert_eq!(&zh[left_columns(zh, m, 5, &two)..m], "干涉");
        let end = m + "内政".len();
        assert_eq!(&zh[end..right_columns(zh, end, 4, &two)], "原则");
        assert_eq!(&zh[end..right_columns(zh, end, 3, &two)], "原");
    }

    #[test]
    fn lines_sort_by_the_word_left_of_the_match_then_by_place() {
        use tantivy::DocAddress;
        let v = vocab(&[
            (Layer::En, "b"),
            (Layer::En, "a"),
            (Layer::En, "x"),
            (Layer::En, "c"),
        ]);
        let forward = Forward::from_parts(
            v,
            vec![
                (DocAddress::new(0, 0), Layer::En, vec![0, 2, 1, 2]),
                (DocAddress::new(0, 1), Layer::En, vec![2, 3]),
            ],
        );
        let clauses: Vec<ClauseTokens> = forward.clauses().collect();
        let needles = Needles::from_ids(vec![(Layer::En, vec![2])]);
        let mut found = occurrences(&needles, &clauses);
        assert_eq!(found.len(), 3);
        let owners = |_: DocAddress| -> Option<&Owner> { None };
        sort(
            &mut found,
            &clauses,
            &forward.vocab,
            &owners,
            SortKey::Left(1),
        );
        let order: Vec<(usize, usize)> =
            found.iter().map(|o| (o.clause, o.found.position)).collect();
        // "a x", "b x", then the x with nothing before it.
        assert_eq!(order, [(0, 3), (0, 1), (1, 0)]);
        sort(
            &mut found,
            &clauses,
            &forward.vocab,
            &owners,
            SortKey::Right(1),
        );
        let order: Vec<(usize, usize)> =
            found.iter().map(|o| (o.clause, o.found.position)).collect();
        // "x a", "x c", then the x that ends its clause.
        assert_eq!(order, [(0, 1), (1, 0), (0, 3)]);
        sort(&mut found, &clauses, &forward.vocab, &owners, SortKey::Doc);
        let order: Vec<(usize, usize)> =
            found.iter().map(|o| (o.clause, o.found.position)).collect();
        assert_eq!(order, [(0, 1), (0, 3), (1, 0)]);
    }
}
