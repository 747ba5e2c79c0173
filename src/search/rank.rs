//! Re-ranking: the best candidates by BM25 are scored again with what BM25 cannot see, read
//! cheaply from the index (postings, field norms, fast fields), never by analyzing stored text:
//!
//! - **proximity**: the smallest window of token positions that holds one occurrence of every
//!   query word found in the clause (a word that jieba keeps at the start of a longer word,
//!   `香港` in `香港特别行政区`, is found through the longer words of the index). For Chinese
//!   queries of several words the window is counted in characters of the clause's text (read
//!   from the store and folded as the index folds it, not cut again), so that a word inside a
//!   longer one wherever it stands (`自治` in `高度自治`) is located too;
//! - **length**: very long clauses (report paragraphs that mention every word somewhere) are
//!   damped, so that they do not win on term frequency alone;
//! - **structure**: query words in the heading the clause stands under;
//! - **kind**: a heading or a stub ranks below the body clauses that match as well.
//!
//! - **coverage**: the share of the query's words that the text has (a word may match in the
//!   heading only).
//!
//! The final score is BM25 × coverage × proximity × length × structure × kind; every factor is kept
//! in the hit's [`Explain`] for `query --explain`. Prints nothing.

use std::collections::HashMap;

use anyhow::{Context, Result};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, Term};

use crate::model::{Explain, WordPart};

/// How many of the best BM25 candidates are re-ranked (more when the page asks for more).
pub(crate) const CANDIDATES: usize = 200;

/// What the best window (every word found, adjacent) multiplies a score by: up to
/// `1 + PROXIMITY`, falling as the words stand further apart.
const PROXIMITY: f32 = 0.5;
/// Tokens of slack (window minus words) at which the proximity bonus is halved.
const SLACK_HALF: f32 = 3.0;
/// Clauses longer than this many tokens are damped (report paragraphs).
const LONG: u32 = 150;
/// How steeply a clause beyond [`LONG`] is damped: `(LONG / tokens)^LONG_POWER`.
const LONG_POWER: f32 = 0.3;
/// What all query words in the clause's heading multiply a score by (a share of them, a share).
const HEADING: f32 = 0.2;
/// What a heading or stub clause's score is multiplied by.
const FRAGMENT: f32 = 0.5;
/// Where a query's Chinese words stand in a clause's text: the start of every occurrence of
/// each word located, and the length of each located word, in characters.
type InText = (Vec<Vec<u32>>, Vec<u32>);

/// Characters per word in Chinese text, to count a window of characters in words.
const CHARS_PER_WORD: f32 = 1.7;
/// At most this many longer words stand in for a word found only inside them.
const CONTAINING_MAX: usize = 64;

/// The positive words of a query in one language, as the index's terms.
pub(crate) struct LangWords {
    /// The analyzed body field of the language.
    pub body: Field,
    /// The analyzed heading field of the language, where the index has one.
    pub heading: Option<Field>,
    /// The character-bigram field (Chinese): whether the text has a word jieba keeps inside
    /// another.
    pub bigram: Option<Field>,
    /// What the query multiplies a whole-word match by in this language (BM25 parts).
    pub boost: f32,
    /// What the query multiplies a match in the heading by.
    pub heading_boost: f32,
    pub words: Vec<Word>,
}

/// One word or phrase of the query.
pub(crate) struct Word {
    /// Its terms in the language's analyzer, in order.
    pub terms: Vec<String>,
    /// Chinese: its characters as the index folds them, to find it inside longer words.
    pub chars: Option<String>,
    /// Chinese: its character bigrams, all in a clause that has the word inside another.
    pub bigrams: Vec<String>,
}

/// A candidate after re-ranking.
pub(crate) struct Ranked {
    pub address: DocAddress,
    pub score: f32,
    pub explain: Explain,
}

/// The fields a clause's kind is read from, where the index has it.
pub(crate) struct Structure<'a> {
    /// The fast field holding the clause kind (0 body, 1 heading, 2 stub).
    pub kind: Option<&'a str>,
    /// The index's fields, to read a Chinese clause's text for where its words stand.
    pub fields: Option<&'a crate::index::schema::Fields>,
}

/// `candidates` (BM25 score, address) scored again and sorted best first; ties keep the BM25
/// order.
pub(crate) fn rerank(
    searcher: &Searcher,
    langs: &[LangWords],
    structure: &Structure,
    candidates: Vec<(f32, DocAddress)>,
) -> Result<Vec<Ranked>> {
    let weights = Weights::new(searcher, langs)?;
    let mut by_segment: HashMap<u32, Vec<(usize, DocId)>> = HashMap::new();
    for (i, (_, address)) in candidates.iter().enumerate() {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push((i, address.doc_id));
    }
    let mut explains: Vec<Option<Explain>> = vec![None; candidates.len()];
    for (segment_ord, mut docs) in by_segment {
        docs.sort_unstable_by_key(|&(_, doc)| doc);
        let reader = searcher.segment_reader(segment_ord);
        let mut segment = SegmentFeatures::open(reader, langs, structure)?;
        for (i, doc) in docs {
            explains[i] = Some(segment.explain(doc, candidates[i].0, langs, &weights)?);
        }
    }
    let mut ranked: Vec<Ranked> = candidates
        .into_iter()
        .zip(explains)
        .map(|((bm25, address), explain)| {
            let explain = explain.unwrap_or_else(|| Explain::neutral(bm25));
            Ranked {
                address,
                score: explain.score,
                explain,
            }
        })
        .collect();
    // A stable sort: equal scores keep tantivy's order.
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(ranked)
}

/// `[lang][word][term]`: something for each term of each word of each language.
type PerTerm<T> = Vec<Vec<Vec<T>>>;

/// The same thing for a term's body and heading fields.
type BodyAndHeading<T> = (Option<T>, Option<T>);

/// BM25 weights of every term, per language, word and field (body, heading).
struct Weights {
    /// `[lang][word][term]` → (body weight, heading weight).
    terms: PerTerm<BodyAndHeading<Bm25Weight>>,
}

impl Weights {
    fn new(searcher: &Searcher, langs: &[LangWords]) -> Result<Weights> {
        let weight = |field: Field, text: &str| -> Result<Option<Bm25Weight>> {
            let term = Term::from_field_text(field, text);
            if searcher.doc_freq(&term)? == 0 {
                return Ok(None);
            }
            Ok(Some(Bm25Weight::for_terms(searcher, &[term])?))
        };
        let mut terms = Vec::new();
        for l in langs {
            let mut words = Vec::new();
            for w in &l.words {
                let mut ts = Vec::new();
                for t in &w.terms {
                    let body = weight(l.body, t)?.map(|w| w.boost_by(l.boost));
                    let heading = match l.heading {
                        Some(h) => weight(h, t)?.map(|w| w.boost_by(l.heading_boost)),
                        None => None,
                    };
                    ts.push((body, heading));
                }
                words.push(ts);
            }
            terms.push(words);
        }
        Ok(Weights { terms })
    }
}

/// The postings and norms of one segment, opened once for all its candidates.
struct SegmentFeatures<'a> {
    reader: &'a SegmentReader,
    /// `[lang]`: the body field's norms.
    norms: Vec<Option<FieldNormReader>>,
    /// `[lang]`: the heading field's norms.
    heading_norms: Vec<Option<FieldNormReader>>,
    /// `[lang][word][term]` → (body postings with positions, heading postings).
    postings: PerTerm<BodyAndHeading<SegmentPostings>>,
    /// `[lang][word][bigram]` → the bigram's postings (documents only).
    bigram_postings: PerTerm<Option<SegmentPostings>>,
    /// `[lang][word]` → the longer words that contain it, opened on first need.
    containing: Vec<Vec<Option<Vec<SegmentPostings>>>>,
    kind: Option<tantivy::columnar::Column<u64>>,
    /// The segment's stored clauses and the fields to read them by, opened on first need.
    store: Option<tantivy::store::StoreReader>,
    fields: Option<crate::index::schema::Fields>,
}

impl<'a> SegmentFeatures<'a> {
    fn open(
        reader: &'a SegmentReader,
        langs: &[LangWords],
        structure: &Structure,
    ) -> Result<SegmentFeatures<'a>> {
        let mut norms = Vec::new();
        let mut heading_norms = Vec::new();
        let mut postings = Vec::new();
        let mut bigram_postings = Vec::new();
        let mut containing = Vec::new();
        for l in langs {
            norms.push(reader.get_fieldnorms_reader(l.body).ok());
            heading_norms.push(l.heading.and_then(|h| reader.get_fieldnorms_reader(h).ok()));
            let body = reader.inverted_index(l.body)?;
            let heading = match l.heading {
                Some(h) => Some(reader.inverted_index(h)?),
                None => None,
            };
            let mut words = Vec::new();
            for w in &l.words {
                let mut ts = Vec::new();
                for t in &w.terms {
                    let b = body.read_postings(
                        &Term::from_field_text(l.body, t),
                        IndexRecordOption::WithFreqsAndPositions,
                    )?;
                    let h = match (&heading, l.heading) {
                        (Some(index), Some(field)) => index.read_postings(
                            &Term::from_field_text(field, t),
                            IndexRecordOption::WithFreqs,
                        )?,
                        _ => None,
                    };
                    ts.push((b, h));
                }
                words.push(ts);
            }
            postings.push(words);
            let bigram_index = match l.bigram {
                Some(b) => Some((b, reader.inverted_index(b)?)),
                None => None,
            };
            let mut bigram_words = Vec::new();
            for w in &l.words {
                let mut bs = Vec::new();
                if let Some((field, index)) = &bigram_index {
                    for b in &w.bigrams {
                        bs.push(index.read_postings(
                            &Term::from_field_text(*field, b),
                            IndexRecordOption::Basic,
                        )?);
                    }
                }
                bigram_words.push(bs);
            }
            bigram_postings.push(bigram_words);
            containing.push(l.words.iter().map(|_| None).collect());
        }
        let kind = match structure.kind {
            Some(name) => reader.fast_fields().u64(name).ok(),
            None => None,
        };
        Ok(SegmentFeatures {
            reader,
            norms,
            heading_norms,
            postings,
            bigram_postings,
            containing,
            kind,
            store: None,
            fields: structure.fields.copied(),
        })
    }

    /// The features of `doc` (whose BM25 score is `bm25`) and its new score. Documents must
    /// come in increasing order: postings only move forward.
    fn explain(
        &mut self,
        doc: DocId,
        bm25: f32,
        langs: &[LangWords],
        weights: &Weights,
    ) -> Result<Explain> {
        // A clause has tokens in the body field of its own language only.
        let Some(li) = (0..langs.len()).find(|&li| {
            self.norms[li]
                .as_ref()
                .is_some_and(|n| n.fieldnorm_id(doc) > 0)
        }) else {
            return Ok(Explain::neutral(bm25));
        };
        let lang = &langs[li];
        let norm_id = self.norms[li].as_ref().map_or(0, |n| n.fieldnorm_id(doc));
        let tokens = self.norms[li].as_ref().map_or(0, |n| n.fieldnorm(doc));
        let heading_norm_id = self.heading_norms[li]
            .as_ref()
            .map_or(0, |n| n.fieldnorm_id(doc));

        let mut parts = Vec::new();
        let mut elements: Vec<Vec<u32>> = Vec::new();
        let mut in_heading = 0usize;
        let mut in_text = 0usize;
        for (wi, word) in lang.words.iter().enumerate() {
            let mut positions = Vec::new();
            let mut heading_hit = false;
            for (ti, term) in word.terms.iter().enumerate() {
                let (body, heading) = &mut self.postings[li][wi][ti];
                let (body_weight, heading_weight) = &weights.terms[li][wi][ti];
                if let Some(p) = body
                    && p.doc() <= doc
                    && p.seek(doc) == doc
                {
                    let mut at = Vec::new();
                    p.positions(&mut at);
                    positions.extend(at);
                    if let Some(w) = body_weight {
                        parts.push(WordPart {
                            word: term.clone(),
                            field: "body".into(),
                            score: w.score(norm_id, p.term_freq()),
                        });
                    }
                }
                if let Some(p) = heading
                    && p.doc() <= doc
                    && p.seek(doc) == doc
                {
                    heading_hit = true;
                    if let Some(w) = heading_weight {
                        parts.push(WordPart {
                            word: term.clone(),
                            field: "heading".into(),
                            score: w.score(heading_norm_id, p.term_freq()),
                        });
                    }
                }
            }
            if positions.is_empty()
                && let Some(chars) = &word.chars
            {
                positions = self.containing_positions(doc, li, wi, lang.body, chars)?;
            }
            if heading_hit {
                in_heading += 1;
            }
            let bigrams = &mut self.bigram_postings[li][wi];
            let in_bigrams = !bigrams.is_empty()
                && bigrams.iter_mut().all(|p| {
                    p.as_mut()
                        .is_some_and(|p| p.doc() <= doc && p.seek(doc) == doc)
                });
            if !positions.is_empty() || in_bigrams {
                in_text += 1;
            }
            if !positions.is_empty() {
                positions.sort_unstable();
                positions.dedup();
                elements.push(positions);
            }
        }

        // One word located is a window of one token: a one-word query (or a language of the
        // query with one word, with `-x`) is as together as it can be.
        let mut window = (!elements.is_empty()).then(|| min_window(&elements));
        let mut slack = window.map(|w| w.saturating_sub(elements.len() as u32) as f32);
        let mut located = elements.len();
        let mut window_in_chars = false;
        // Chinese words of several characters: where they stand in the text, in characters,
        // when that locates more of them than the words of the index do.
        if lang.bigram.is_some()
            && lang.words.len() > 1
            && let Some((starts, lengths)) = self.located_in_text(doc, &lang.words)?
            && starts.len() >= located
        {
            let w = min_window(&starts);
            let total: u32 = lengths.iter().sum();
            let average = total as f32 / lengths.len() as f32;
            // From the first word's start to the last word's end, less the words themselves.
            let spare = (w as f32 - 1.0 + average - total as f32).max(0.0);
            window = Some(w);
            window_in_chars = true;
            slack = Some(spare / CHARS_PER_WORD);
            located = starts.len();
        }
        // A word the text lacks (found in the heading only, or an alternative of an OR) is no
        // part of the window: the bonus shrinks with the share of words located.
        let share = located as f32 / lang.words.len().max(1) as f32;
        let proximity = match slack {
            Some(slack) => 1.0 + PROXIMITY * share * share / (1.0 + slack / SLACK_HALF),
            None => 1.0,
        };
        let length = length_factor(tokens);
        let words = lang.words.len().max(1) as f32;
        // A word found only in the heading (or an alternative of an OR the clause lacks)
        // counts for less than a word of the text: squared, a clause that lacks one of four
        // words keeps 56% of its score (linear, 75% let headings outrank the text on the
        // judged set).
        let share_in_text = in_text as f32 / words;
        let coverage = share_in_text * share_in_text;
        let kind_value = self.kind.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        let kind = if kind_value == 0 { 1.0 } else { FRAGMENT };
        // A heading line stands under its own heading: its words are no sign that it is about
        // them more than the text under it is.
        let structure = if kind_value == 0 {
            1.0 + HEADING * in_heading as f32 / words
        } else {
            1.0
        };

        let score = bm25 * coverage * proximity * length * structure * kind;
        Ok(Explain {
            bm25,
            words: parts,
            window,
            window_in_chars,
            located,
            in_text,
            coverage,
            proximity,
            tokens,
            length,
            heading_words: in_heading,
            structure,
            kind,
            score,
        })
    }

    /// Where the query's Chinese words of two characters or more stand in the text of `doc`
    /// (folded as the index folds it): the start of each occurrence per word located, and each
    /// located word's length in characters. `None` when the text cannot be read or fewer than
    /// two such words are in the query.
    fn located_in_text(&mut self, doc: DocId, words: &[Word]) -> Result<Option<InText>> {
        let needles: Vec<Vec<char>> = words
            .iter()
            .filter_map(|w| w.chars.as_ref())
            .map(|c| c.chars().collect())
            .collect();
        let Some(fields) = self.fields else {
            return Ok(None);
        };
        if needles.len() < 2 {
            return Ok(None);
        }
        if self.store.is_none() {
            self.store = Some(self.reader.get_store_reader(16)?);
        }
        let Some(store) = &self.store else {
            return Ok(None);
        };
        let Some(text) = crate::index::stored::clause_text(store, &fields, doc)? else {
            return Ok(None);
        };
        let hay: Vec<char> = crate::analyze::Analyzers::folded(&text).chars().collect();
        let mut starts = Vec::new();
        let mut lengths = Vec::new();
        for needle in &needles {
            let at: Vec<u32> = hay
                .windows(needle.len())
                .enumerate()
                .filter(|(_, w)| *w == needle.as_slice())
                .map(|(i, _)| i as u32)
                .collect();
            if !at.is_empty() {
                starts.push(at);
                lengths.push(needle.len() as u32);
            }
        }
        Ok(Some((starts, lengths)))
    }

    /// Positions in `doc` of the longer words of the index that start with `chars`
    /// (`香港特别行政区` for `香港`): where a Chinese word stands when jieba keeps it inside
    /// another.
    fn containing_positions(
        &mut self,
        doc: DocId,
        li: usize,
        wi: usize,
        field: Field,
        chars: &str,
    ) -> Result<Vec<u32>> {
        if self.containing[li][wi].is_none() {
            let index = self.reader.inverted_index(field)?;
            // Only the words that start with it (`香港特别行政区` for `香港`): a range of the
            // term dictionary. Words that end with it would need a scan of the whole
            // dictionary, tens of milliseconds on the development corpora.
            let mut upper = chars.as_bytes().to_vec();
            upper.push(0xFF);
            let mut stream = index
                .terms()
                .range()
                .gt(chars.as_bytes())
                .lt(&upper)
                .into_stream()
                .context("cannot read the terms")?;
            let mut terms = Vec::new();
            while stream.advance() && terms.len() < CONTAINING_MAX {
                terms.push(stream.value().clone());
            }
            let mut postings = Vec::new();
            for info in terms {
                postings.push(index.read_postings_from_terminfo(
                    &info,
                    IndexRecordOption::WithFreqsAndPositions,
                )?);
            }
            self.containing[li][wi] = Some(postings);
        }
        let mut out = Vec::new();
        for p in self.containing[li][wi].iter_mut().flatten() {
            if p.doc() <= doc && p.seek(doc) == doc {
                p.positions(&mut out);
            }
        }
        Ok(out)
    }
}

/// What a clause of `tokens` tokens is multiplied by: 1 up to [`LONG`], less beyond. Short
/// clauses are not damped here: headings and stubs are recognized by their kind, and damping
/// every short clause cost more than it gained on the judged sets (issue 14).
fn length_factor(tokens: u32) -> f32 {
    if tokens > LONG {
        (LONG as f32 / tokens as f32).powf(LONG_POWER)
    } else {
        1.0
    }
}

/// The smallest number of consecutive positions that holds one position of every element
/// (each sorted, none empty).
fn min_window(elements: &[Vec<u32>]) -> u32 {
    let mut all: Vec<(u32, usize)> = elements
        .iter()
        .enumerate()
        .flat_map(|(e, ps)| ps.iter().map(move |&p| (p, e)))
        .collect();
    all.sort_unstable();
    let mut counts = vec![0usize; elements.len()];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut left = 0;
    for right in 0..all.len() {
        let e = all[right].1;
        if counts[e] == 0 {
            covered += 1;
        }
        counts[e] += 1;
        while covered == elements.len() {
            best = best.min(all[right].0 - all[left].0 + 1);
            let l = all[left].1;
            counts[l] -= 1;
            if counts[l] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_closest_cover() {
        let cases: &[(&[&[u32]], u32)] = &[
            (&[&[0], &[1]], 2),
            (&[&[0, 50], &[48]], 3),
            (&[&[3, 40], &[10, 41], &[39]], 3),
            (&[&[5], &[5]], 1),
            (&[&[0], &[100]], 101),
        ];
        for (elements, want) in cases {
            let elements: Vec<Vec<u32>> = elements.iter().map(|e| e.to_vec()).collect();
            assert_eq!(min_window(&elements), *want, "{elements:?}");
        }
    }

    #[test]
    fn length_damps_long_clauses_only() {
        assert_eq!(length_factor(2), 1.0);
        assert_eq!(length_factor(LONG), 1.0);
        assert!(length_factor(1000) < length_factor(300));
        assert!(length_factor(300) < 1.0);
    }
}
