//! The token sequence of each selected clause, rebuilt from the positions of the index (the
//! inverted index read the other way round), and how often each term occurs in a selection,
//! summed from postings. Chinese tokens are the jieba words of `body_zh` (folded: simplified,
//! half-width, lower case); English tokens are the stems of `body_en`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use super::clauses::Clauses;
use crate::index::schema::Fields;
use crate::model::Lang;

/// Which analyzed text of a clause: the jieba words of a Chinese document, or the stems of an
/// English one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Zh,
    En,
}

impl Layer {
    pub const BOTH: [Layer; 2] = [Layer::Zh, Layer::En];

    /// The field of the index that holds this layer's tokens with their positions.
    pub fn field(self, fields: &Fields) -> Field {
        match self {
            Layer::Zh => fields.body_zh,
            Layer::En => fields.body_en,
        }
    }

    pub fn of_lang(lang: Lang) -> Layer {
        match lang {
            Lang::Zh => Layer::Zh,
            Lang::En => Layer::En,
        }
    }

    pub fn lang(self) -> Lang {
        match self {
            Layer::Zh => Lang::Zh,
            Layer::En => Lang::En,
        }
    }
}

/// A term's number in a [`Vocab`].
pub type TermId = u32;

/// A position of a clause that no term of the index fills.
pub const GAP: TermId = TermId::MAX;

/// The terms met so far, numbered across segments and layers.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    terms: Vec<(Layer, String)>,
    ids: HashMap<(Layer, String), TermId>,
}

impl Vocab {
    /// The id of `term`, adding it when new.
    pub fn insert(&mut self, layer: Layer, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(&(layer, term.to_string())) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push((layer, term.to_string()));
        self.ids.insert((layer, term.to_string()), id);
        id
    }

    pub fn id(&self, layer: Layer, term: &str) -> Option<TermId> {
        self.ids.get(&(layer, term.to_string())).copied()
    }

    /// The term as indexed (a folded jieba word, an English stem).
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize].1
    }

    pub fn layer(&self, id: TermId) -> Layer {
        self.terms[id as usize].0
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The tokens of one clause.
#[derive(Debug, Clone, Copy)]
pub struct ClauseTokens<'a> {
    pub address: DocAddress,
    pub layer: Layer,
    /// The term at each position, [`GAP`] where none is.
    pub tokens: &'a [TermId],
}

/// The token sequences of a set of clauses.
#[derive(Debug, Default)]
pub struct Forward {
    pub vocab: Vocab,
    tokens: Vec<TermId>,
    clauses: Vec<(DocAddress, Layer, Range<usize>)>,
}

impl Forward {
    /// The tokens of every clause of `clauses` that has tokens in one of `layers`, in index
    /// order. Terms are added to `vocab`, which the result then owns.
    pub fn read(
        searcher: &Searcher,
        fields: &Fields,
        clauses: &Clauses,
        layers: &[Layer],
        vocab: Vocab,
    ) -> Result<Forward> {
        let jobs = jobs(searcher, clauses, layers);
        let parts = run_jobs(&jobs, |job| read_segment(job, clauses, fields))?;
        let mut forward = Forward {
            vocab,
            ..Forward::default()
        };
        forward
            .tokens
            .reserve(parts.iter().map(|p| p.tokens.len()).sum());
        for (job, part) in jobs.iter().zip(parts) {
            let ids: Vec<TermId> = part
                .terms
                .iter()
                .map(|term| forward.vocab.insert(job.layer, term))
                .collect();
            let base = forward.tokens.len();
            forward.tokens.extend(
                part.tokens
                    .iter()
                    .map(|&t| if t == GAP { GAP } else { ids[t as usize] }),
            );
            let mut start = base;
            for (doc, len) in part.docs {
                let address = DocAddress::new(job.segment_ord, doc);
                let end = start + len as usize;
                forward.clauses.push((address, job.layer, start..end));
                start = end;
            }
        }
        forward
            .clauses
            .sort_unstable_by_key(|(address, layer, _)| (*address, *layer));
        Ok(forward)
    }

    /// Made from plain sequences (tests, fixtures).
    pub fn from_parts(vocab: Vocab, clauses: Vec<(DocAddress, Layer, Vec<TermId>)>) -> Forward {
        let mut forward = Forward {
            vocab,
            ..Forward::default()
        };
        for (address, layer, tokens) in clauses {
            let start = forward.tokens.len();
            forward.tokens.extend(tokens);
            forward
                .clauses
                .push((address, layer, start..forward.tokens.len()));
        }
        forward
    }

    /// Every clause with its tokens, in index order.
    pub fn clauses(&self) -> impl Iterator<Item = ClauseTokens<'_>> + '_ {
        self.clauses
            .iter()
            .map(|(address, layer, range)| ClauseTokens {
                address: *address,
                layer: *layer,
                tokens: &self.tokens[range.clone()],
            })
    }

    /// The tokens of the clause at `address` (in its first layer with tokens), if it has any.
    pub fn tokens_of(&self, address: DocAddress) -> Option<ClauseTokens<'_>> {
        let i = self.clauses.partition_point(|(a, _, _)| *a < address);
        let (a, layer, range) = self.clauses.get(i)?;
        (*a == address).then(|| ClauseTokens {
            address: *a,
            layer: *layer,
            tokens: &self.tokens[range.clone()],
        })
    }

    /// The `i`-th clause, in index order.
    pub fn clause(&self, i: usize) -> ClauseTokens<'_> {
        let (address, layer, range) = &self.clauses[i];
        ClauseTokens {
            address: *address,
            layer: *layer,
            tokens: &self.tokens[range.clone()],
        }
    }

    /// Every place `id` stands: the clause's number (as [`Forward::clause`] takes it) and the
    /// position in it, in index order.
    pub fn positions_of(&self, id: TermId) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.clauses
            .iter()
            .enumerate()
            .flat_map(move |(i, (_, _, range))| {
                self.tokens[range.clone()]
                    .iter()
                    .enumerate()
                    .filter(move |(_, t)| **t == id)
                    .map(move |(at, _)| (i, at))
            })
    }

    /// Number of positions of all clauses (gaps included).
    pub fn token_count(&self) -> usize {
        self.tokens.len()
    }

    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.clauses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// One field of one segment: a unit of work.
struct Job<'a> {
    layer: Layer,
    segment_ord: u32,
    reader: &'a SegmentReader,
}

/// The (layer, segment) pairs that hold clauses of `clauses`, layers first.
fn jobs<'a>(searcher: &'a Searcher, clauses: &Clauses, layers: &[Layer]) -> Vec<Job<'a>> {
    let mut layers = layers.to_vec();
    layers.sort_unstable();
    layers.dedup();
    let mut jobs = Vec::new();
    for layer in layers {
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            if clauses.len_in(ord as u32) > 0 {
                jobs.push(Job {
                    layer,
                    segment_ord: ord as u32,
                    reader,
                });
            }
        }
    }
    jobs
}

/// `work` on every job, on up to two threads (the jobs are few and long: a field of a
/// segment), the results in the order of the jobs.
fn run_jobs<T: Send>(
    jobs: &[Job<'_>],
    work: impl Fn(&Job<'_>) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_THREADS)
        .min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(&work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let result = work(job);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// Threads for reading postings: the work splits by field and segment, and more threads than
/// cores would only contend.
const MAX_THREADS: usize = 2;

/// A set sparser than one clause in this many is walked by seeking the postings to each of
/// its clauses rather than reading every posting.
const SPARSE: usize = 16;

/// The tokens of the clauses of one job, with terms numbered in the job's own order.
struct SegmentTokens {
    /// The terms that occur, by local number.
    terms: Vec<String>,
    /// The clauses that have tokens, in order, each with its number of positions.
    docs: Vec<(DocId, u32)>,
    /// Their tokens, one clause after another (local numbers, [`GAP`] where none).
    tokens: Vec<TermId>,
}

/// Calls `f` for every document of `postings` that is in `set`: by reading them all when the
/// set is dense, by seeking from one member to the next when it is sparse.
fn for_members(
    postings: &mut SegmentPostings,
    set: &BitSet,
    sparse: bool,
    mut f: impl FnMut(DocId, &mut SegmentPostings),
) {
    let max = set.max_value();
    let mut doc = postings.doc();
    while doc != TERMINATED && doc < max {
        if set.contains(doc) {
            f(doc, postings);
            doc = postings.advance();
        } else if sparse {
            match next_member(set, doc + 1) {
                Some(target) => doc = postings.seek(target),
                None => break,
            }
        } else {
            doc = postings.advance();
        }
    }
}

/// The first member of `set` at or after `from`.
fn next_member(set: &BitSet, from: DocId) -> Option<DocId> {
    if from >= set.max_value() {
        return None;
    }
    let mut bucket = from / 64;
    let word = |bucket: u32| u64::from_le_bytes(set.tinyset(bucket).into_bytes());
    let mut w = word(bucket) & (u64::MAX << (from % 64));
    let buckets = set.max_value().div_ceil(64);
    loop {
        if w != 0 {
            return Some(bucket * 64 + w.trailing_zeros());
        }
        bucket += 1;
        if bucket >= buckets {
            return None;
        }
        w = word(bucket);
    }
}

/// The clauses of `clauses` in the job's segment that have tokens in its field (a field norm
/// above zero: an English clause has none in the Chinese field), and how many there are.
fn members(job: &Job<'_>, clauses: &Clauses, fields: &Fields) -> Result<(BitSet, usize)> {
    let Some(set) = clauses.segment(job.segment_ord) else {
        return Ok((BitSet::with_max_value(0), 0));
    };
    let norms = job
        .reader
        .get_fieldnorms_reader(job.layer.field(fields))
        .context("cannot read the field norms of the index")?;
    let mut members = BitSet::with_max_value(set.max_value());
    for doc in clauses.docs_in(job.segment_ord) {
        if norms.fieldnorm_id(doc) > 0 {
            members.insert(doc);
        }
    }
    let n = members.len();
    Ok((members, n))
}

fn read_segment(job: &Job<'_>, clauses: &Clauses, fields: &Fields) -> Result<SegmentTokens> {
    let context = || format!("cannot read the {:?} postings of the index", job.layer);
    let mut out = SegmentTokens {
        terms: Vec::new(),
        docs: Vec::new(),
        tokens: Vec::new(),
    };
    let (set, n) = members(job, clauses, fields)?;
    if n == 0 {
        return Ok(out);
    }
    let sparse = n * SPARSE < set.max_value() as usize;
    let inverted = job
        .reader
        .inverted_index(job.layer.field(fields))
        .with_context(context)?;
    let max = job.reader.max_doc() as usize;

    if sparse {
        // One pass: the few (clause, position, term) triples, sorted afterwards.
        let mut triples: Vec<(DocId, u32, TermId)> = Vec::new();
        let mut positions = Vec::new();
        let mut stream = inverted.terms().stream().with_context(context)?;
        while stream.advance() {
            let mut postings = inverted
                .read_postings_from_terminfo(
                    stream.value(),
                    IndexRecordOption::WithFreqsAndPositions,
                )
                .with_context(context)?;
            let id = out.terms.len() as TermId;
            let before = triples.len();
            for_members(&mut postings, &set, true, |doc, p| {
                positions.clear();
                p.positions(&mut positions);
                triples.extend(positions.iter().map(|&at| (doc, at, id)));
            });
            if triples.len() > before {
                out.terms
                    .push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        triples.sort_unstable();
        for group in triples.chunk_by(|a, b| a.0 == b.0) {
            let len = group.last().map_or(0, |t| t.1 + 1);
            let start = out.tokens.len();
            out.tokens.resize(start + len as usize, GAP);
            for &(_, at, id) in group {
                out.tokens[start + at as usize] = id;
            }
            out.docs.push((group[0].0, len));
        }
        return Ok(out);
    }

    // Room for each clause from its field norm, which tantivy keeps as a byte: the exact
    // number of tokens up to 40 or so, a range above, whose top is the room given (a clause
    // that turns out longer is widened below). The unused room is squeezed out at the end.
    let norms = job
        .reader
        .get_fieldnorms_reader(job.layer.field(fields))
        .context("cannot read the field norms of the index")?;
    let mut room = vec![0u32; max];
    let mut offsets = vec![0u32; max];
    let mut total = 0usize;
    for doc in (0..set.max_value()).filter(|&doc| set.contains(doc)) {
        let room_of = capacity(norms.fieldnorm_id(doc));
        offsets[doc as usize] = total as u32;
        room[doc as usize] = room_of;
        total += room_of as usize;
    }
    anyhow::ensure!(
        total <= u32::MAX as usize,
        "too many tokens to read at once ({total})"
    );
    out.tokens = vec![GAP; total];
    // The length of each clause: one past its last position read.
    let mut lengths = vec![0u32; max];
    // Positions beyond a clause's room: a token dropped by the analyzer (an over-long English
    // word) leaves its position empty, and the later ones shift.
    let mut beyond: Vec<(DocId, u32, TermId)> = Vec::new();

    // Second pass: the positions of the selected clauses only.
    let mut positions = Vec::new();
    let mut stream = inverted.terms().stream().with_context(context)?;
    while stream.advance() {
        let mut postings = inverted
            .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqsAndPositions)
            .with_context(context)?;
        let id = out.terms.len() as TermId;
        let mut seen = false;
        let tokens = &mut out.tokens;
        for_members(&mut postings, &set, false, |doc, p| {
            seen = true;
            positions.clear();
            p.positions(&mut positions);
            let start = offsets[doc as usize] as usize;
            let room_of = room[doc as usize];
            for &at in &positions {
                if at < room_of {
                    tokens[start + at as usize] = id;
                    let len = &mut lengths[doc as usize];
                    *len = (*len).max(at + 1);
                } else {
                    beyond.push((doc, at, id));
                }
            }
        });
        if seen {
            out.terms
                .push(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    // Squeeze out the unused room, clause by clause, left to right.
    let mut end = 0usize;
    for doc in (0..set.max_value()).filter(|&doc| set.contains(doc)) {
        let start = offsets[doc as usize] as usize;
        let len = lengths[doc as usize];
        out.tokens.copy_within(start..start + len as usize, end);
        end += len as usize;
        out.docs.push((doc, len));
    }
    out.tokens.truncate(end);
    if !beyond.is_empty() {
        let docs = std::mem::take(&mut out.docs);
        let tokens = std::mem::take(&mut out.tokens);
        (out.docs, out.tokens) = widen(docs, tokens, beyond);
    }
    out.docs.retain(|&(_, len)| len > 0);
    Ok(out)
}

/// The most tokens a clause whose field norm is stored as `id` can have (capped: a longer
/// clause is widened as it is read).
fn capacity(id: u8) -> u32 {
    const CAP: u32 = 1 << 16;
    match id.checked_add(1) {
        Some(next) => (FieldNormReader::id_to_fieldnorm(next) - 1).min(CAP),
        None => CAP,
    }
}

/// `tokens` (clauses `docs` one after another) with the clauses lengthened to hold the
/// positions of `beyond`, which are then written in.
fn widen(
    docs: Vec<(DocId, u32)>,
    tokens: Vec<TermId>,
    mut beyond: Vec<(DocId, u32, TermId)>,
) -> (Vec<(DocId, u32)>, Vec<TermId>) {
    beyond.sort_unstable();
    let mut wider_docs = Vec::with_capacity(docs.len());
    let mut wider = Vec::with_capacity(tokens.len() + beyond.len());
    let mut old = 0usize;
    let mut extra = beyond.iter().peekable();
    for (doc, len) in docs {
        let start = wider.len();
        wider.extend_from_slice(&tokens[old..old + len as usize]);
        old += len as usize;
        let mut new_len = len;
        while let Some(&&(d, at, id)) = extra.peek() {
            if d != doc {
                break;
            }
            if at >= new_len {
                wider.resize(start + at as usize + 1, GAP);
                new_len = at + 1;
            }
            wider[start + at as usize] = id;
            extra.next();
        }
        wider_docs.push((doc, new_len));
    }
    (wider_docs, wider)
}

/// How often each term occurs in a set of clauses.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Occurrences per [`TermId`] (shorter than the vocabulary when its last terms are absent).
    pub occurrences: Vec<u64>,
    /// Clauses that have the term, per [`TermId`].
    pub clauses: Vec<u32>,
    /// All tokens of the set, per layer in the order of [`Layer::BOTH`].
    pub tokens: [u64; 2],
    /// Clauses of the set with at least one token.
    pub clause_count: usize,
}

impl Counts {
    pub fn of(&self, id: TermId) -> u64 {
        self.occurrences.get(id as usize).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u64 {
        self.tokens.iter().sum()
    }
}

/// How often every term of `layers` occurs in `clauses`, from term frequencies in postings
/// (no positions read). Terms are added to `vocab`, so that two selections counted with the
/// same vocabulary compare term by term.
pub fn count_terms(
    searcher: &Searcher,
    fields: &Fields,
    clauses: &Clauses,
    layers: &[Layer],
    vocab: &mut Vocab,
) -> Result<Counts> {
    let jobs = jobs(searcher, clauses, layers);
    let parts = run_jobs(&jobs, |job| count_segment(job, clauses, fields))?;
    let mut counts = Counts::default();
    let mut with_tokens: Vec<BitSet> = (0..clauses.segments())
        .map(|ord| BitSet::with_max_value(clauses.segment(ord as u32).map_or(0, BitSet::max_value)))
        .collect();
    for (job, part) in jobs.iter().zip(parts) {
        let layer_index = Layer::BOTH
            .iter()
            .position(|l| *l == job.layer)
            .unwrap_or(0);
        for (term, occurrences, clause_count) in part.terms {
            let id = vocab.insert(job.layer, &term) as usize;
            if counts.occurrences.len() <= id {
                counts.occurrences.resize(id + 1, 0);
                counts.clauses.resize(id + 1, 0);
            }
            counts.occurrences[id] += occurrences;
            counts.clauses[id] += clause_count;
            counts.tokens[layer_index] += occurrences;
        }
        let seen = &mut with_tokens[job.segment_ord as usize];
        for doc in part.docs {
            seen.insert(doc);
        }
    }
    counts.occurrences.resize(vocab.len(), 0);
    counts.clauses.resize(vocab.len(), 0);
    counts.clause_count = with_tokens.iter().map(BitSet::len).sum();
    Ok(counts)
}

/// The counts of one job.
struct SegmentCounts {
    /// Each term that occurs, with its occurrences and the clauses that have it.
    terms: Vec<(String, u64, u32)>,
    /// The clauses with at least one token.
    docs: Vec<DocId>,
}

fn count_segment(job: &Job<'_>, clauses: &Clauses, fields: &Fields) -> Result<SegmentCounts> {
    let context = || format!("cannot read the {:?} postings of the index", job.layer);
    let mut out = SegmentCounts {
        terms: Vec::new(),
        docs: Vec::new(),
    };
    let (set, n) = members(job, clauses, fields)?;
    if n == 0 {
        return Ok(out);
    }
    let sparse = n * SPARSE < set.max_value() as usize;
    let inverted = job
        .reader
        .inverted_index(job.layer.field(fields))
        .with_context(context)?;
    let mut stream = inverted.terms().stream().with_context(context)?;
    while stream.advance() {
        let mut postings = inverted
            .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
            .with_context(context)?;
        let (mut occurrences, mut clause_count) = (0u64, 0u32);
        for_members(&mut postings, &set, sparse, |_, p| {
            occurrences += u64::from(p.term_freq());
            clause_count += 1;
        });
        if clause_count > 0 {
            let term = String::from_utf8_lossy(stream.key()).into_owned();
            out.terms.push((term, occurrences, clause_count));
        }
    }
    out.docs = (0..set.max_value())
        .filter(|&doc| set.contains(doc))
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TextAnalyzer;

    use super::*;
    use crate::analyze::Analyzers;
    use crate::discourse::clauses::fixture::Fixture;
    use crate::index::stored::clause_text;

    /// The terms of `text` at their positions, as the analyzer of `layer` gives them.
    fn analyzed(analyzers: &Analyzers, layer: Layer, text: &str) -> Vec<Option<String>> {
        let mut analyzer: TextAnalyzer = match layer {
            Layer::Zh => analyzers.zh(),
            Layer::En => analyzers.en(),
        };
        let mut out: Vec<Option<String>> = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            if out.len() <= token.position {
                out.resize(token.position + 1, None);
            }
            assert!(out[token.position].is_none(), "two tokens at one position");
            out[token.position] = Some(token.text.clone());
        }
        out
    }

    fn rebuilt(forward: &Forward, tokens: &[TermId]) -> Vec<Option<String>> {
        tokens
            .iter()
            .map(|&t| (t != GAP).then(|| forward.vocab.term(t).to_string()))
            .collect()
    }

    fn check_against_text(fx: &Fixture, searcher: &Searcher, forward: &Forward) -> usize {
        let mut gaps = 0;
        for clause in forward.clauses() {
            let reader = searcher.segment_reader(clause.address.segment_ord);
            let store = reader.get_store_reader(1).unwrap();
            let text = clause_text(&store, &fx.index.fields, clause.address.doc_id)
                .unwrap()
                .unwrap();
            let expected = analyzed(&fx.analyzers, clause.layer, &text);
            assert_eq!(rebuilt(forward, clause.tokens), expected, "{text}");
            assert!(
                clause
                    .tokens
                    .iter()
                    .all(|&t| t == GAP || forward.vocab.layer(t) == clause.layer)
            );
            gaps += clause.tokens.iter().filter(|&&t| t == GAP).count();
        }
        gaps
    }

    #[test]
    fn tokens_rebuilt_from_positions_are_the_analyzers_tokens() {
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
        // Every clause has words.
        assert_eq!(forward.len(), all.len());
        let addresses: Vec<DocAddress> = forward.clauses().map(|c| c.address).collect();
        assert_eq!(addresses, all.iter().collect::<Vec<_>>());
        let gaps = check_against_text(&fx, &searcher, &forward);
        assert_eq!(gaps, 1, "the over-long word of the fixture leaves one gap");
        assert!(forward.vocab.id(Layer::Zh, "合作").is_some());
        assert!(
            forward.vocab.id(Layer::Zh, "一带一路").is_some()
                || forward.vocab.id(Layer::Zh, "一带").is_some()
        );
        assert!(forward.vocab.id(Layer::En, "cooper").is_some());
        assert!(forward.vocab.id(Layer::Zh, "cooper").is_none());
        for clause in forward.clauses() {
            let again = forward.tokens_of(clause.address).unwrap();
            assert_eq!(again.tokens, clause.tokens);
        }
        let id = forward.vocab.id(Layer::Zh, "合作").unwrap();
        let places: Vec<(usize, usize)> = forward.positions_of(id).collect();
        assert!(places.len() >= 4);
        assert!(
            places
                .iter()
                .all(|&(i, at)| forward.clause(i).tokens[at] == id)
        );

        // One layer only.
        let en = Forward::read(
            &searcher,
            &fx.index.fields,
            &all,
            &[Layer::En],
            Vocab::default(),
        )
        .unwrap();
        assert!(en.len() < forward.len() && !en.is_empty());
        assert!(en.clauses().all(|c| c.layer == Layer::En));
        check_against_text(&fx, &searcher, &en);
    }

    /// A corpus large enough that two clauses are a sparse set, read by seeking.
    fn larger() -> Fixture {
        let mut en = String::from("Joint Statement of the Republic of Aldoria and Borlund\n\n");
        let mut zh = String::from("中华人民共和国和白俄罗斯共和国联合声明\n\n");
        for i in 1..=80 {
            en.push_str(&format!(
                "{i}. The sides will expand cooperation in field number {i} and review progress in {}.\n\n",
                1990 + i
            ));
            zh.push_str(&format!(
                "{i}、双方将在第{i}个领域扩大合作，推动务实合作取得新进展。\n\n"
            ));
        }
        Fixture::new(&[("zh.txt", &zh), ("en.txt", &en)])
    }

    #[test]
    fn sparse_and_dense_sets_read_the_same_tokens() {
        let fx = larger();
        let searcher = fx.searcher();
        let all = Clauses::all(&searcher);
        let full = Forward::read(
            &searcher,
            &fx.index.fields,
            &all,
            &Layer::BOTH,
            Vocab::default(),
        )
        .unwrap();
        check_against_text(&fx, &searcher, &full);
        let picked: Vec<DocAddress> = all.iter().skip(3).step_by(37).collect();
        assert!(picked.len() >= 3);
        let few = Clauses::from_addresses(&searcher, picked.clone());
        for ord in 0..few.segments() as u32 {
            let set = few.segment(ord).unwrap();
            assert!(few.len_in(ord) * SPARSE < set.max_value() as usize || few.len_in(ord) == 0);
        }
        let sparse = Forward::read(
            &searcher,
            &fx.index.fields,
            &few,
            &Layer::BOTH,
            Vocab::default(),
        )
        .unwrap();
        assert_eq!(
            sparse.clauses().map(|c| c.address).collect::<Vec<_>>(),
            picked
        );
        for clause in sparse.clauses() {
            let whole = full.tokens_of(clause.address).unwrap();
            assert_eq!(
                rebuilt(&sparse, clause.tokens),
                rebuilt(&full, whole.tokens)
            );
        }
        let mut vocab = sparse.vocab.clone();
        let counts =
            count_terms(&searcher, &fx.index.fields, &few, &Layer::BOTH, &mut vocab).unwrap();
        assert_eq!(vocab.len(), sparse.vocab.len(), "the same terms");
        assert_counts_agree(&sparse, &counts);
    }

    fn assert_counts_agree(forward: &Forward, counts: &Counts) {
        let mut occurrences = vec![0u64; forward.vocab.len()];
        let mut clauses = vec![0u32; forward.vocab.len()];
        let mut tokens = [0u64; 2];
        for clause in forward.clauses() {
            let mut seen = std::collections::HashSet::new();
            for &t in clause.tokens.iter().filter(|&&t| t != GAP) {
                occurrences[t as usize] += 1;
                tokens[Layer::BOTH.iter().position(|l| *l == clause.layer).unwrap()] += 1;
                if seen.insert(t) {
                    clauses[t as usize] += 1;
                }
            }
        }
        for id in 0..forward.vocab.len() as TermId {
            assert_eq!(
                counts.of(id),
                occurrences[id as usize],
                "{}",
                forward.vocab.term(id)
            );
            assert_eq!(counts.clauses[id as usize], clauses[id as usize]);
        }
        assert_eq!(counts.tokens, tokens);
        assert_eq!(counts.clause_count, forward.len());
        assert_eq!(counts.total(), tokens.iter().sum::<u64>());
    }

    #[test]
    fn counts_agree_with_the_rebuilt_tokens() {
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
        let mut vocab = forward.vocab.clone();
        let counts =
            count_terms(&searcher, &fx.index.fields, &all, &Layer::BOTH, &mut vocab).unwrap();
        assert_counts_agree(&forward, &counts);

        // A second selection counted with the same vocabulary: ids agree term by term.
        let query = crate::search::Query::parse("cooperation").unwrap();
        let some = Clauses::matching(
            &searcher,
            &fx.index,
            &fx.analyzers,
            &query,
            &crate::search::Filters::default(),
        )
        .unwrap();
        let part =
            count_terms(&searcher, &fx.index.fields, &some, &[Layer::En], &mut vocab).unwrap();
        let cooper = vocab.id(Layer::En, "cooper").unwrap();
        assert_eq!(part.clauses[cooper as usize] as usize, some.len());
        assert!(part.of(cooper) <= counts.of(cooper) && part.of(cooper) >= 4);
        assert_eq!(part.tokens[0], 0, "no Chinese layer asked");
        let empty = count_terms(
            &searcher,
            &fx.index.fields,
            &Clauses::none(&searcher),
            &Layer::BOTH,
            &mut vocab,
        )
        .unwrap();
        assert_eq!(empty.total(), 0);
        assert_eq!(empty.clause_count, 0);
    }

    #[test]
    fn widen_makes_room_for_positions_past_the_count() {
        let docs = vec![(1, 2), (4, 1)];
        let tokens = vec![10, 11, 20];
        let (docs, tokens) = widen(docs, tokens, vec![(1, 3, 12), (4, 2, 21)]);
        assert_eq!(docs, [(1, 4), (4, 3)]);
        assert_eq!(tokens, [10, 11, GAP, 12, 20, GAP, 21]);
    }

    #[test]
    fn next_member_skips_empty_words() {
        let mut set = BitSet::with_max_value(300);
        set.insert(5);
        set.insert(200);
        assert_eq!(next_member(&set, 0), Some(5));
        assert_eq!(next_member(&set, 5), Some(5));
        assert_eq!(next_member(&set, 6), Some(200));
        assert_eq!(next_member(&set, 201), None);
        assert_eq!(next_member(&set, 300), None);
    }
}
