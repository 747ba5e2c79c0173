//! From tokens back to the text as written: where each token of a clause stands in its stored
//! text (for a concordance line, or a formula quoted as written), and the written form of a
//! term (an English stem shown as its most common spelling).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};
use tantivy::schema::IndexRecordOption;
use tantivy::store::StoreReader;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use super::clauses::Clauses;
use super::forward::{Layer, TermId, Vocab};
use crate::analyze::{Analyzers, HanMode, ScriptTokenizer};
use crate::index::schema::Fields;
use crate::index::stored::clause_text;

/// Clauses of a sample whose spellings decide an English stem's written form.
pub const SAMPLE: usize = 20;

/// Chinese clauses whose words could not be placed by aligning them with the text, and were
/// cut again by jieba to place them (since the process started).
static JIEBA_FALLBACKS: AtomicU64 = AtomicU64::new(0);

/// How many Chinese clauses [`spans`] had to cut again with jieba (a word that does not
/// align with the text: an index built with another dictionary, or a stale one).
pub fn jieba_fallbacks() -> u64 {
    JIEBA_FALLBACKS.load(Ordering::Relaxed)
}

/// The byte span in `text` of each position of `tokens` (the clause's tokens in `layer`, as
/// [`super::forward::Forward`] gives them); `None` where a token cannot be placed.
///
/// Chinese words are placed without jieba: the tokenizer keeps runs of one script, cuts Han
/// runs into words and folds each character on its own, so the words in order are the text's
/// Han characters and other words in order, which the same tokenizer cutting Han runs into
/// single characters gives with their offsets; each word takes as many of them as it spells.
/// English stems are placed by the English analyzer (no jieba there either), position by
/// position. An empty token (a [`super::forward::GAP`]) has no span.
pub fn spans(
    analyzers: &Analyzers,
    layer: Layer,
    text: &str,
    tokens: &[&str],
) -> Vec<Option<Range<usize>>> {
    match layer {
        Layer::Zh => align(text, tokens).unwrap_or_else(|| {
            JIEBA_FALLBACKS.fetch_add(1, Ordering::Relaxed);
            by_position(&mut analyzers.zh(), text, tokens)
        }),
        Layer::En => by_position(&mut analyzers.en(), text, tokens),
    }
}

/// The Chinese words `tokens` laid over the characters of `text`; `None` when they do not
/// spell it.
fn align(text: &str, tokens: &[&str]) -> Option<Vec<Option<Range<usize>>>> {
    let units = ScriptTokenizer::new(HanMode::Unigram).tokens(text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut next = 0;
    for token in tokens {
        if token.is_empty() {
            out.push(None);
            continue;
        }
        let first = units.get(next)?;
        let mut rest = *token;
        let mut end = first.offset_to;
        while !rest.is_empty() {
            let unit = units.get(next)?;
            rest = rest.strip_prefix(unit.text.as_str())?;
            end = unit.offset_to;
            next += 1;
        }
        out.push(Some(first.offset_from..end));
    }
    Some(out)
}

/// The span of each position as `analyzer` tokenizes `text`, where its token is the one
/// expected.
fn by_position(
    analyzer: &mut TextAnalyzer,
    text: &str,
    tokens: &[&str],
) -> Vec<Option<Range<usize>>> {
    let mut out = vec![None; tokens.len()];
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if let Some(slot) = out.get_mut(token.position)
            && !tokens[token.position].is_empty()
            && token.text == tokens[token.position]
        {
            *slot = Some(token.offset_from..token.offset_to);
        }
    }
    out
}

/// The written form of each term of `terms`: a Chinese word as indexed; an English stem as
/// its most common spelling (lower case) in a sample of the clauses of `within` that have it
/// (of the whole index when none of `within` has it; the stem itself when no clause does).
pub fn written_forms(
    searcher: &Searcher,
    fields: &Fields,
    analyzers: &Analyzers,
    vocab: &Vocab,
    terms: &[TermId],
    within: &Clauses,
) -> Result<Vec<String>> {
    let mut stores: HashMap<u32, StoreReader> = HashMap::new();
    let mut analyzer = analyzers.en();
    let mut all = None;
    let mut out = Vec::with_capacity(terms.len());
    for &id in terms {
        let stem = vocab.term(id);
        if vocab.layer(id) == Layer::Zh {
            out.push(stem.to_string());
            continue;
        }
        let mut form = None;
        for whole in [false, true] {
            let set = if whole {
                all.get_or_insert_with(|| Clauses::all(searcher))
            } else {
                within
            };
            let sample = sample(searcher, fields, stem, set)?;
            if sample.is_empty() {
                continue;
            }
            let mut spellings: HashMap<String, usize> = HashMap::new();
            for (segment_ord, doc) in sample {
                let store = match stores.entry(segment_ord) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(
                        searcher
                            .segment_reader(segment_ord)
                            .get_store_reader(8)
                            .context("cannot read the stored clauses")?,
                    ),
                };
                let Some(text) =
                    clause_text(store, fields, doc).context("cannot read the stored clauses")?
                else {
                    continue;
                };
                let mut stream = analyzer.token_stream(&text);
                while stream.advance() {
                    let token = stream.token();
                    if token.text == stem {
                        let written = Analyzers::folded(&text[token.offset_from..token.offset_to]);
                        *spellings.entry(written).or_default() += 1;
                    }
                }
            }
            form = spellings
                .into_iter()
                .max_by(|(a, m), (b, n)| m.cmp(n).then_with(|| b.cmp(a)));
            if form.is_some() {
                break;
            }
        }
        out.push(form.map_or_else(|| stem.to_string(), |(written, _)| written));
    }
    Ok(out)
}

/// Up to [`SAMPLE`] clauses of `set` whose English field has `stem`, in index order.
fn sample(
    searcher: &Searcher,
    fields: &Fields,
    stem: &str,
    set: &Clauses,
) -> Result<Vec<(u32, u32)>> {
    let term = Term::from_field_text(fields.body_en, stem);
    let mut found = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(bits) = set.segment(ord as u32) else {
            continue;
        };
        if bits.len() == 0 {
            continue;
        }
        let inverted = reader
            .inverted_index(fields.body_en)
            .context("cannot read the index")?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .context("cannot read the index")?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED && doc < bits.max_value() {
            if bits.contains(doc) {
                found.push((ord as u32, doc));
                if found.len() >= SAMPLE {
                    return Ok(found);
                }
            }
            doc = postings.advance();
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::discourse::clauses::fixture::Fixture;
    use crate::discourse::forward::{Forward, GAP};

    fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    /// Spans on character boundaries, inside the text, in order, each the token's text.
    fn check(analyzers: &Analyzers, layer: Layer, text: &str, tokens: &[&str]) {
        let spans = spans(analyzers, layer, text, tokens);
        assert_eq!(spans.len(), tokens.len());
        let mut last = 0;
        for (span, token) in spans.iter().zip(tokens) {
            let Some(span) = span else {
                assert!(token.is_empty(), "{token:?} not placed in {text:?}");
                continue;
            };
            assert!(span.start < span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert!(span.start >= last, "spans out of order in {text:?}");
            last = span.start;
            let written = &text[span.clone()];
            match layer {
                Layer::Zh => assert!(
                    Analyzers::folded(written).contains(token),
                    "{written:?} is not {token:?}"
                ),
                // One character can stand for several (㍿ is 株式会社 folded).
                Layer::En => assert!(
                    words(&mut analyzers.en(), written)
                        .iter()
                        .any(|w| w == token),
                    "{written:?} is not {token:?}"
                ),
            }
        }
    }

    #[test]
    fn every_token_of_the_fixture_is_placed() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let all = Clauses::all(&searcher);
        let forward = Forward::read(
            &searcher,
            &fx.index.fields,
            &all,
            &Layer::BOTH,
            Vocab::default(),
        )
        .unwrap();
        for clause in forward.clauses() {
            let store = searcher
                .segment_reader(clause.address.segment_ord)
                .get_store_reader(1)
                .unwrap();
            let text = clause_text(&store, &fx.index.fields, clause.address.doc_id)
                .unwrap()
                .unwrap();
            let tokens: Vec<&str> = clause
                .tokens
                .iter()
                .map(|&t| if t == GAP { "" } else { forward.vocab.term(t) })
                .collect();
            if clause.layer == Layer::Zh {
                assert!(align(&text, &tokens).is_some(), "{text}");
            }
            check(&fx.analyzers, clause.layer, &text, &tokens);
        }
    }

    #[test]
    fn traditional_and_full_width_text_is_placed_as_written() {
        let analyzers = Analyzers::new();
        let text = "四、中華人民共和國與ＡＰＥＣ成員加強合作，推動「一帶一路」。";
        let tokens = words(&mut analyzers.zh(), text);
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let spans = spans(&analyzers, Layer::Zh, text, &tokens);
        let written: Vec<&str> = spans.iter().map(|s| &text[s.clone().unwrap()]).collect();
        assert!(written.contains(&"ＡＰＥＣ"), "{written:?}");
        assert!(written.contains(&"一帶"), "{written:?}");
        assert!(written.contains(&"中華人民共和國"), "{written:?}");
        check(&analyzers, Layer::Zh, text, &tokens);
    }

    #[test]
    fn words_that_do_not_spell_the_text_fall_back_to_jieba() {
        let analyzers = Analyzers::new();
        let text = "双方决定建立全面战略伙伴关系。";
        assert!(align(text, &["双方", "决定", "建立全面", "战略"]).is_some());
        assert!(align(text, &["双方", "合作"]).is_none());
        let before = jieba_fallbacks();
        let spans = spans(&analyzers, Layer::Zh, text, &["双方", "合作", "建立"]);
        assert!(jieba_fallbacks() > before);
        assert_eq!(spans[0], Some(0..6));
        assert_eq!(spans[1], None);
        // A token past the end of the text is not placed either.
        assert!(align("双方", &["双方", "合作"]).is_none());
        let english = spans_en(
            &analyzers,
            "Cooperation, cooperating!",
            &["cooper", "", "cooper"],
        );
        assert_eq!(english, [Some(0..11), None, None]);
    }

    fn spans_en(analyzers: &Analyzers, text: &str, tokens: &[&str]) -> Vec<Option<Range<usize>>> {
        spans(analyzers, Layer::En, text, tokens)
    }

    #[test]
    fn english_stems_are_written_as_their_most_common_spelling() {
        let fx = Fixture::standard();
        let searcher = fx.searcher();
        let all = Clauses::all(&searcher);
        let mut vocab = Vocab::default();
        let cooper = vocab.insert(Layer::En, "cooper");
        let belt = vocab.insert(Layer::En, "belt");
        let hezuo = vocab.insert(Layer::Zh, "合作");
        let absent = vocab.insert(Layer::En, "zzyzx");
        let forms = written_forms(
            &searcher,
            &fx.index.fields,
            &fx.analyzers,
            &vocab,
            &[cooper, belt, hezuo, absent],
            &all,
        )
        .unwrap();
        assert_eq!(forms, ["cooperation", "belt", "合作", "zzyzx"]);
        // Outside `within`, the whole index decides.
        let none = Clauses::none(&searcher);
        let forms = written_forms(
            &searcher,
            &fx.index.fields,
            &fx.analyzers,
            &vocab,
            &[cooper],
            &none,
        )
        .unwrap();
        assert_eq!(forms, ["cooperation"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn chinese_words_align_with_any_text(
            text in "[中華国國合作一帶路㍿ＡＰＥＣapecÉé 12３，。“”「」\\n\\t-]{0,40}"
        ) {
            let analyzers = Analyzers::new();
            let tokens = words(&mut analyzers.zh(), &text);
            let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
            prop_assert!(align(&text, &tokens).is_some());
            check(&analyzers, Layer::Zh, &text, &tokens);
            let stems = words(&mut analyzers.en(), &text);
            let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
            check(&analyzers, Layer::En, &text, &stems);
        }
    }
}
