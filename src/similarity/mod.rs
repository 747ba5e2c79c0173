//! Clauses that say the same thing as a given text, in other documents, ranked.
//!
//! Two steps, as "more like this" in Lucene: BM25 over the words of the source finds a few
//! hundred candidates cheaply, then each candidate is scored on tf-idf vectors (sublinear tf,
//! BM25's idf from the index): their cosine, weighted by how much of the source the candidate
//! covers (see [`score`]), a figure in [0, 1] that favours neither long clauses (as BM25 does)
//! nor very short ones (as a bare cosine does). Across languages the vectors are over glossary
//! concepts instead of words: a Chinese clause and an English one are similar when they
//! express the same glossary concepts. Prints nothing.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::analyze::Analyzers;
use crate::glossary::{self, Glossary};
use crate::index::ClauseIndex;
use crate::index::stored;
use crate::model::Hit;
use crate::model::Lang;
use crate::search::Filters;

/// Candidates fetched by BM25 before the cosine re-ranking, at least.
const CANDIDATES: usize = 200;
/// Source words used to fetch candidates (the rarest ones): enough for any clause, bounded
/// for a whole article pasted with `--text`.
const QUERY_TERMS: usize = 64;

/// What to find clauses similar to.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub lang: Lang,
    /// The document the text comes from: left out of the results.
    pub exclude: Option<String>,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct Options {
    pub limit: usize,
    /// Also look in documents of the other language, through the glossary.
    pub cross_lingual: bool,
    /// Only return clauses of this language.
    pub lang: Option<Lang>,
    /// Only return clauses these select (document, party, dates, language).
    pub filters: Filters,
}

/// How a match was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Shared words, same language.
    Words,
    /// Shared glossary concepts, other language.
    Glossary,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Words => "words",
            Via::Glossary => "glossary",
        }
    }
}

/// One similar clause: a hit whose score is the similarity (see [`score`]) and whose
/// highlights are the shared words or concepts.
#[derive(Debug, Clone)]
pub struct Match {
    pub hit: Hit,
    pub via: Via,
    /// The words the two texts share (same language), as written in the match, most telling
    /// first; empty for a match via the glossary.
    pub shared: Vec<String>,
    /// The glossary concepts the two texts share (other language), each as the two texts
    /// write it, most telling first; empty for a match via words.
    pub concepts: Vec<Pair>,
}

/// A glossary concept as written on each side: the Chinese and the English words. A pair
/// rather than a string `source = target`, whose order would flip with the source language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub zh: String,
    pub en: String,
}

impl Pair {
    /// The pair of `from`, written in `lang`, and `to`, in the other language.
    pub fn between(lang: Lang, from: &str, to: &str) -> Pair {
        let (zh, en) = match lang {
            Lang::Zh => (from, to),
            Lang::En => (to, from),
        };
        Pair {
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }

    /// `外部势力 = external forces`: the side in `lang` first.
    pub fn shown_from(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{} = {}", self.zh, self.en),
            Lang::En => format!("{} = {}", self.en, self.zh),
        }
    }
}

/// The answer.
#[derive(Debug)]
pub struct Similar {
    pub matches: Vec<Match>,
    /// Clauses scored (candidates fetched by BM25).
    pub candidates: usize,
    /// Glossary concepts found in the source (cross-lingual only), most telling first.
    pub concepts: Vec<Pair>,
    pub elapsed: Duration,
}

/// Document frequencies and idf per language field, cached.
struct Idf<'a> {
    searcher: &'a Searcher,
    /// Clauses per language.
    clauses: HashMap<Lang, u64>,
    cache: HashMap<(Lang, String), f32>,
    index: &'a ClauseIndex,
}

impl<'a> Idf<'a> {
    fn new(searcher: &'a Searcher, index: &'a ClauseIndex) -> Result<Idf<'a>> {
        let mut clauses = HashMap::new();
        for lang in [Lang::Zh, Lang::En] {
            let term = Term::from_field_text(index.fields.lang, lang.as_str());
            clauses.insert(
                lang,
                searcher.doc_freq(&term).context("cannot read the index")?,
            );
        }
        Ok(Idf {
            searcher,
            clauses,
            cache: HashMap::new(),
            index,
        })
    }

    fn field(&self, lang: Lang) -> Field {
        match lang {
            Lang::Zh => self.index.fields.body_zh,
            Lang::En => self.index.fields.body_en,
        }
    }

    /// BM25's idf of a term; a term the index does not have gets the highest.
    fn of(&mut self, lang: Lang, term: &str) -> f32 {
        if let Some(&v) = self.cache.get(&(lang, term.to_string())) {
            return v;
        }
        let n = self.clauses[&lang] as f32;
        let df = self
            .searcher
            .doc_freq(&Term::from_field_text(self.field(lang), term))
            .unwrap_or(0) as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0);
        self.cache.insert((lang, term.to_string()), idf);
        idf
    }
}

fn analyzer(analyzers: &Analyzers, lang: Lang) -> TextAnalyzer {
    match lang {
        Lang::Zh => analyzers.zh(),
        Lang::En => analyzers.en(),
    }
}

/// Sublinear term frequency weighting: repeating a word adds less and less.
fn tf(count: usize) -> f32 {
    1.0 + (count as f32).ln()
}

/// The similarity of a candidate to the source: the cosine of their vectors, times the square
/// root of the share of the source's weight that the candidate has too. Cosine alone rewards
/// short clauses that share a few heavy words (a signature line with the two parties' names
/// ranks near the top for any article); the coverage factor asks the candidate to say much of
/// what the source says. Both are 1 for identical texts. On the seed statements this took the
/// 2013 counterparts of 2023 articles in the top 3 from 9 to 10 of 11 (see the README).
fn score<K: std::hash::Hash + Eq>(
    source: &HashMap<K, f32>,
    candidate: &HashMap<K, f32>,
    cosine: f32,
) -> f32 {
    let total: f32 = source.values().sum();
    let shared: f32 = candidate.keys().filter_map(|k| source.get(k)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    cosine * (shared / total).sqrt()
}

fn norm(v: &HashMap<String, f32>) -> f32 {
    v.values().map(|w| w * w).sum::<f32>().sqrt()
}

/// What both rankings search with.
struct Searching<'a> {
    index: &'a ClauseIndex,
    analyzers: &'a Analyzers,
    searcher: &'a Searcher,
    /// Candidates to fetch.
    fetch: usize,
    /// Only candidates these select.
    filters: &'a Filters,
}

/// Finds the clauses most similar to `source`.
pub fn similar(
    index: &ClauseIndex,
    analyzers: &Analyzers,
    glossary: Option<&Glossary>,
    source: &Source,
    options: &Options,
) -> Result<Similar> {
    let started = Instant::now();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut idf = Idf::new(&searcher, index)?;
    let cx = Searching {
        index,
        analyzers,
        searcher: &searcher,
        // Clamped to the clauses that exist: tantivy allocates room for `fetch` hits up front.
        fetch: CANDIDATES
            .max(options.limit.saturating_mul(10))
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
            .max(1),
        filters: &options.filters,
    };
    let wanted = |lang: Lang| options.lang.is_none_or(|l| l == lang);

    let mut matches = Vec::new();
    let mut candidates = 0;
    if wanted(source.lang) {
        let (found, n) = by_words(&cx, &mut idf, source)?;
        matches.extend(found);
        candidates += n;
    }
    let other = match source.lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let mut concepts = Vec::new();
    if options.cross_lingual
        && wanted(other)
        && let Some(glossary) = glossary
    {
        let cross = by_concepts(&cx, &mut idf, glossary, source, other)?;
        matches.extend(cross.matches);
        candidates += cross.candidates;
        concepts = cross.concepts;
    }
    matches.sort_by(|a, b| {
        b.hit
            .score
            .total_cmp(&a.hit.score)
            .then_with(|| a.hit.doc.id.cmp(&b.hit.doc.id))
            .then(a.hit.clause.cmp(&b.hit.clause))
    });
    matches.truncate(options.limit);
    for (i, m) in matches.iter_mut().enumerate() {
        m.hit.rank = i + 1;
    }
    Ok(Similar {
        matches,
        candidates,
        concepts,
        elapsed: started.elapsed(),
    })
}

/// The best clauses of `field` by BM25 for any of `terms`, outside `exclude`.
fn fetch_candidates(
    cx: &Searching<'_>,
    field: Field,
    terms: &[String],
    exclude: Option<&str>,
) -> Result<Vec<Hit>> {
    let (index, searcher) = (cx.index, cx.searcher);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, q)
        })
        .collect();
    if clauses.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(id) = exclude {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(index.fields.doc_id, id),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let any_term: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let mut clauses = vec![(Occur::Must, any_term)];
    clauses.extend(cx.filters.queries(&index.fields));
    let top = searcher
        .search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(cx.fetch).order_by_score(),
        )
        .context("search failed")?;
    top.into_iter()
        .map(|(score, address)| stored::load_hit(searcher, &index.fields, address, score, 0))
        .collect()
}

/// Same language: tf-idf vectors of words.
fn by_words(cx: &Searching<'_>, idf: &mut Idf<'_>, source: &Source) -> Result<(Vec<Match>, usize)> {
    let lang = source.lang;
    let mut analyzer = analyzer(cx.analyzers, lang);
    let vector = |idf: &mut Idf<'_>, tokens: &[(String, usize, usize)]| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (t, _, _) in tokens {
            *counts.entry(t.clone()).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(t, c)| {
                let w = tf(c) * idf.of(lang, &t);
                (t, w)
            })
            .collect::<HashMap<String, f32>>()
    };
    let source_vec = vector(idf, &Analyzers::terms(&mut analyzer, &source.text));
    let source_norm = norm(&source_vec);
    if source_norm == 0.0 {
        return Ok((Vec::new(), 0));
    }
    let mut terms: Vec<(&String, &f32)> = source_vec.iter().collect();
    terms.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let query_terms: Vec<String> = terms
        .iter()
        .take(QUERY_TERMS)
        .map(|(t, _)| (*t).clone())
        .collect();
    let field = idf.field(lang);
    let hits = fetch_candidates(cx, field, &query_terms, source.exclude.as_deref())?;
    let candidates = hits.len();
    let mut out = Vec::new();
    for mut hit in hits {
        let tokens = Analyzers::terms(&mut analyzer, &hit.text);
        let vec = vector(idf, &tokens);
        let dot: f32 = vec
            .iter()
            .filter_map(|(t, w)| source_vec.get(t).map(|s| s * w))
            .sum();
        let n = norm(&vec);
        if dot <= 0.0 || n == 0.0 {
            continue;
        }
        hit.score = score(&source_vec, &vec, dot / (source_norm * n));
        // Shared words worth showing: those carrying at least a share of the similarity.
        let mut shared: Vec<(f32, String)> = Vec::new();
        let mut spans = Vec::new();
        for (t, s, e) in &tokens {
            let Some(sw) = source_vec.get(t) else {
                continue;
            };
            let weight = sw * vec[t];
            if weight < dot * 0.01 {
                continue;
            }
            spans.push([*s, *e]);
            let word = hit.text[*s..*e].to_string();
            if !shared.iter().any(|(_, w)| w.eq_ignore_ascii_case(&word)) {
                shared.push((weight, word));
            }
        }
        shared.sort_by(|a, b| b.0.total_cmp(&a.0));
        hit.highlights = crate::model::merge_spans(&hit.text, spans);
        out.push(Match {
            hit,
            via: Via::Words,
            shared: shared.into_iter().map(|(_, w)| w).collect(),
            concepts: Vec::new(),
        });
    }
    Ok((out, candidates))
}

struct Cross {
    matches: Vec<Match>,
    candidates: usize,
    concepts: Vec<Pair>,
}

/// Other language: glossary concepts instead of words.
fn by_concepts(
    cx: &Searching<'_>,
    idf: &mut Idf<'_>,
    glossary: &Glossary,
    source: &Source,
    target: Lang,
) -> Result<Cross> {
    let analyzers = cx.analyzers;
    let mut source_analyzer = analyzer(analyzers, source.lang);
    let mut target_analyzer = analyzer(analyzers, target);
    let find = |lang: Lang, text: &str, analyzer: &mut TextAnalyzer| {
        let tokens = Analyzers::terms(analyzer, text);
        match lang {
            Lang::Zh => glossary.find_zh(text, &tokens),
            Lang::En => glossary.find_en(&tokens),
        }
    };
    // A concept's weight: the idf of its first form in each language, averaged; a phrase is
    // taken to be as rare as its rarest word.
    let mut weights: HashMap<usize, f32> = HashMap::new();
    let mut zh_analyzer = analyzers.zh();
    let mut en_analyzer = analyzers.en();
    let mut weight = |idf: &mut Idf<'_>, concept: usize| -> f32 {
        *weights.entry(concept).or_insert_with(|| {
            let c = &glossary.concepts[concept];
            let mut sides = Vec::new();
            for (lang, form, analyzer) in [
                (Lang::Zh, c.zh.first(), &mut zh_analyzer),
                (Lang::En, c.en.first(), &mut en_analyzer),
            ] {
                if idf.clauses[&lang] == 0 {
                    continue;
                }
                if let Some(form) = form {
                    let rarest = Analyzers::terms(analyzer, form)
                        .iter()
                        .map(|t| idf.of(lang, &t.0))
                        .fold(0.0, f32::max);
                    sides.push(rarest);
                }
            }
            if sides.is_empty() {
                1.0
            } else {
                sides.iter().sum::<f32>() / sides.len() as f32
            }
        })
    };
    let vector = |idf: &mut Idf<'_>,
                  found: &[glossary::Found],
                  weight: &mut dyn FnMut(&mut Idf<'_>, usize) -> f32| {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for f in found {
            *counts.entry(f.concept).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(c, n)| (c, tf(n) * weight(idf, c)))
            .collect::<HashMap<usize, f32>>()
    };

    let source_found = find(source.lang, &source.text, &mut source_analyzer);
    let source_vec = vector(idf, &source_found, &mut weight);
    let source_norm = source_vec.values().map(|w| w * w).sum::<f32>().sqrt();
    let mut concepts: Vec<(f32, usize)> = source_vec.iter().map(|(c, w)| (*w, *c)).collect();
    concepts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // How each concept is written in the source: its first occurrence.
    let mut source_words: HashMap<usize, &str> = HashMap::new();
    for f in &source_found {
        source_words
            .entry(f.concept)
            .or_insert_with(|| source.text.get(f.span[0]..f.span[1]).unwrap_or(""));
    }
    let concept_labels = concepts
        .iter()
        .map(|(_, c)| {
            let concept = &glossary.concepts[*c];
            // The shortest rendering is the plainest: China rather than People's Republic
            // of China for 中方.
            let rendering = match target {
                Lang::Zh => &concept.zh,
                Lang::En => &concept.en,
            }
            .iter()
            .min_by_key(|r| r.chars().count());
            Pair::between(
                source.lang,
                source_words.get(c).copied().unwrap_or(""),
                rendering.map_or("", String::as_str),
            )
        })
        .collect();
    if source_norm == 0.0 {
        return Ok(Cross {
            matches: Vec::new(),
            candidates: 0,
            concepts: concept_labels,
        });
    }
    // Fetch candidates with the words of every rendering of the source's concepts.
    let mut terms: Vec<String> = Vec::new();
    for (_, c) in &concepts {
        let concept = &glossary.concepts[*c];
        let forms = match target {
            Lang::Zh => &concept.zh,
            Lang::En => &concept.en,
        };
        for form in forms {
            for (t, _, _) in Analyzers::terms(&mut target_analyzer, form) {
                if !terms.contains(&t) {
                    terms.push(t);
                }
            }
        }
    }
    terms.truncate(QUERY_TERMS * 2);
    let hits = fetch_candidates(cx, idf.field(target), &terms, source.exclude.as_deref())?;
    let candidates = hits.len();
    let mut out = Vec::new();
    for mut hit in hits {
        let found = find(target, &hit.text, &mut target_analyzer);
        let vec = vector(idf, &found, &mut weight);
        let dot: f32 = vec
            .iter()
            .filter_map(|(c, w)| source_vec.get(c).map(|s| s * w))
            .sum();
        let n = vec.values().map(|w| w * w).sum::<f32>().sqrt();
        if dot <= 0.0 || n == 0.0 {
            continue;
        }
        hit.score = score(&source_vec, &vec, dot / (source_norm * n));
        let mut shared: Vec<(f32, usize)> = vec
            .iter()
            .filter_map(|(c, w)| source_vec.get(c).map(|s| (s * w, *c)))
            .collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let spans = found
            .iter()
            .filter(|f| source_vec.contains_key(&f.concept))
            .map(|f| f.span)
            .collect();
        hit.highlights = crate::model::merge_spans(&hit.text, spans);
        // Each shared concept as the two texts write it: `外部势力 = external forces`.
        let mut target_words: HashMap<usize, String> = HashMap::new();
        for f in &found {
            target_words
                .entry(f.concept)
                .or_insert_with(|| hit.text.get(f.span[0]..f.span[1]).unwrap_or("").to_string());
        }
        let concepts = shared
            .into_iter()
            .map(|(_, c)| {
                Pair::between(
                    source.lang,
                    source_words.get(&c).copied().unwrap_or(""),
                    target_words.get(&c).map_or("", String::as_str),
                )
            })
            .collect();
        out.push(Match {
            hit,
            via: Via::Glossary,
            shared: Vec::new(),
            concepts,
        });
    }
    Ok(Cross {
        matches: out,
        candidates,
        concepts: concept_labels,
    })
}
