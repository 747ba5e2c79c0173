//! The bilingual glossary behind `similar --cross-lingual` and `query -x`: Chinese terms and
//! their English renderings, grouped into concepts, the search for those concepts in analyzed
//! text, and the one loader ([`load`]) that every command uses. Below both `search` (query
//! expansion) and `similarity` (concept vectors); it knows nothing of the index.
//!
//! The file is plain TSV, `中文<TAB>English`, one pair per line, `#` for comments; a term may
//! have several renderings (one line each). Terms and renderings that share a form join one
//! concept (干涉 → interfere ← 干预), so that synonyms count as the same thing. English
//! renderings are matched as sequences of stemmed words (the `en` analyzer), Chinese terms on
//! the normalized text of the `zh` analyzer, where jieba's words allow it: a one-character
//! term must be a word, a two-character term must start or end on a word boundary (借口 in
//! jieba's 任何借口, but not 内政 inside 国内·政策), a longer term may lie anywhere.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use anyhow::{Result, bail};

use tantivy::tokenizer::TextAnalyzer;

use crate::analyze::{Analyzers, HanMode, ScriptTokenizer};
use crate::input::{self, Refusal};

/// The glossary shipped with treatysearch (`corpus/glossary.tsv` of the repository): used
/// with any corpus; a corpus's own `glossary.tsv` adds to it.
pub const BUILTIN: &str = include_str!("../corpus/glossary.tsv");

/// The name of a corpus's own glossary file (the corpus walk reads only documents, so it is
/// never indexed).
pub const FILE_NAME: &str = "glossary.tsv";

/// A glossary larger than this is refused (the built-in one is 16 KB).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A line of a glossary that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryError {
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.origin, self.line, self.message)
    }
}

impl std::error::Error for GlossaryError {}

/// One concept: the Chinese terms and English renderings that say the same thing.
#[derive(Debug, Clone, Default)]
pub struct Concept {
    /// Chinese terms as written, the first one read first.
    pub zh: Vec<String>,
    /// English renderings as written.
    pub en: Vec<String>,
}

/// A concept found in a text, with the byte span of the words that expressed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub concept: usize,
    pub span: [usize; 2],
}

/// A loaded glossary.
#[derive(Debug, Default)]
pub struct Glossary {
    pub concepts: Vec<Concept>,
    /// Normalized Chinese term → concept, by first character, longest first.
    zh: HashMap<char, Vec<(String, usize)>>,
    /// Stemmed English rendering → concept, by first word, longest first.
    en: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// The built-in glossary, the corpus's `glossary.tsv` and `extra` (`--glossary`), as one.
pub fn load(corpus: &Path, extra: Option<&Path>, analyzers: &Analyzers) -> Result<Glossary> {
    let mut pairs = parse_pairs(BUILTIN, "built-in glossary")?;
    let own = corpus.join(FILE_NAME);
    // The corpus's own glossary may be missing; a file given with --glossary may not.
    for (file, optional) in [(Some(own.as_path()), true), (extra, false)] {
        let Some(file) = file else { continue };
        let text = match input::read_text(file, MAX_BYTES, true) {
            Ok(text) => text,
            Err(Refusal::Missing) if optional => continue,
            Err(refusal) => bail!("cannot read the glossary {}: {refusal}", file.display()),
        };
        pairs.extend(parse_pairs(&text, &file.display().to_string())?);
    }
    Ok(Glossary::build(&pairs, analyzers))
}

/// The pairs of a glossary text.
pub fn parse_pairs(text: &str, origin: &str) -> Result<Vec<(String, String)>, GlossaryError> {
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let err = |message: &str| GlossaryError {
            origin: origin.to_string(),
            line: i + 1,
            message: message.to_string(),
        };
        let Some((zh, en)) = line.split_once('\t') else {
            return Err(err(
                "expected a Chinese term and its English rendering separated by a tab",
            ));
        };
        let (zh, en) = (zh.trim(), en.trim());
        if zh.is_empty() || en.is_empty() || en.contains('\t') {
            return Err(err(
                "expected exactly two non-empty columns: Chinese<TAB>English",
            ));
        }
        pairs.push((zh.to_string(), en.to_string()));
    }
    Ok(pairs)
}

impl Glossary {
    /// Builds the concepts of `pairs`. `en` is the English analyzer (stemming); Chinese is
    /// normalized without jieba.
    pub fn build(pairs: &[(String, String)], analyzers: &Analyzers) -> Glossary {
        let mut en_analyzer = analyzers.en();
        let unigram = ScriptTokenizer::new(HanMode::Unigram);
        let norm_zh =
            |s: &str| -> String { unigram.tokens(s).into_iter().map(|t| t.text).collect() };
        let stem_en = |a: &mut TextAnalyzer, s: &str| -> Vec<String> {
            Analyzers::terms(a, s).into_iter().map(|t| t.0).collect()
        };

        // Union-find over forms: a pair joins its two forms.
        let mut forms: HashMap<String, usize> = HashMap::new();
        let mut parent: Vec<usize> = Vec::new();
        fn find(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut node = |key: String, parent: &mut Vec<usize>| -> usize {
            *forms.entry(key).or_insert_with(|| {
                parent.push(parent.len());
                parent.len() - 1
            })
        };
        let mut kept: Vec<(String, String, String, Vec<String>)> = Vec::new();
        for (zh, en) in pairs {
            let z = norm_zh(zh);
            let e = stem_en(&mut en_analyzer, en);
            if z.is_empty() || e.is_empty() {
                continue;
            }
            let a = node(format!("zh:{z}"), &mut parent);
            let b = node(format!("en:{}", e.join(" ")), &mut parent);
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[rb] = ra;
            }
            kept.push((zh.clone(), en.clone(), z, e));
        }

        let mut glossary = Glossary::default();
        let mut concept_of_root: HashMap<usize, usize> = HashMap::new();
        for (zh, en, z, e) in kept {
            let root = find(&mut parent, forms[&format!("zh:{z}")]);
            let id = *concept_of_root.entry(root).or_insert_with(|| {
                glossary.concepts.push(Concept::default());
                glossary.concepts.len() - 1
            });
            let concept = &mut glossary.concepts[id];
            if !concept.zh.contains(&zh) {
                concept.zh.push(zh);
            }
            if !concept.en.contains(&en) {
                concept.en.push(en);
            }
            if let Some(first) = z.chars().next() {
                let list = glossary.zh.entry(first).or_default();
                if !list.iter().any(|(t, _)| *t == z) {
                    list.push((z, id));
                }
            }
            let list = glossary.en.entry(e[0].clone()).or_default();
            if !list.iter().any(|(t, _)| *t == e) {
                list.push((e, id));
            }
        }
        for list in glossary.zh.values_mut() {
            list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        for list in glossary.en.values_mut() {
            list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        glossary
    }

    /// The other forms, in the same language, of the concepts that `word` is a form of: the
    /// near-forms a relaxed query also accepts (单边 → 单方面, both `unilateral`; intervene →
    /// intervention, interfere). Chinese is compared normalized, English stemmed, as
    /// [`Glossary::build`] joins them; forms as written in the glossary, in its order.
    pub fn near_forms(&self, word: &str, analyzers: &Analyzers) -> Vec<String> {
        let chinese = word.chars().any(crate::script::is_han);
        let mut en_analyzer = analyzers.en();
        let unigram = ScriptTokenizer::new(HanMode::Unigram);
        let mut key = |s: &str| -> String {
            if chinese {
                unigram.tokens(s).into_iter().map(|t| t.text).collect()
            } else {
                Analyzers::terms(&mut en_analyzer, s)
                    .into_iter()
                    .map(|t| t.0)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        };
        let own = key(word);
        if own.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for concept in &self.concepts {
            let forms = if chinese { &concept.zh } else { &concept.en };
            let keys: Vec<String> = forms.iter().map(|f| key(f)).collect();
            if !keys.contains(&own) {
                continue;
            }
            for (form, k) in forms.iter().zip(&keys) {
                if *k != own && !out.contains(form) {
                    out.push(form.clone());
                }
            }
        }
        out
    }

    /// The concepts in a Chinese `text`, from its tokens by the `zh` analyzer (term, start,
    /// end), leftmost-longest and not overlapping.
    pub fn find_zh(&self, text: &str, tokens: &[(String, usize, usize)]) -> Vec<Found> {
        // The normalized text without punctuation, and where each token lies in it.
        let mut joined = String::new();
        let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(tokens.len());
        for (t, _, _) in tokens {
            bounds.push((joined.len(), joined.len() + t.len()));
            joined.push_str(t);
        }
        let starts: std::collections::HashSet<usize> = bounds.iter().map(|b| b.0).collect();
        let ends: std::collections::HashSet<usize> = bounds.iter().map(|b| b.1).collect();
        // Original byte offset of a byte position in `joined`.
        let original = |pos: usize, end: bool| -> usize {
            let i = if end {
                bounds.partition_point(|b| b.1 < pos)
            } else {
                bounds.partition_point(|b| b.1 <= pos)
            };
            let Some(&(js, je)) = bounds.get(i) else {
                return tokens.last().map_or(0, |t| t.2);
            };
            let (_, os, oe) = &tokens[i];
            if pos == js {
                return *os;
            }
            if pos == je {
                return *oe;
            }
            // Inside a token: where normalization kept one character for one (as it does
            // for Han), count characters; else widen to the whole token.
            let orig = text.get(*os..*oe).unwrap_or("");
            if orig.chars().count() == joined[js..je].chars().count() {
                let chars_in = joined[js..pos].chars().count();
                os + orig
                    .char_indices()
                    .nth(chars_in)
                    .map_or(orig.len(), |(i, _)| i)
            } else if end {
                *oe
            } else {
                *os
            }
        };
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < joined.len() {
            let Some(c) = joined[pos..].chars().next() else {
                break;
            };
            let hit = self.zh.get(&c).and_then(|list| {
                list.iter().find(|(term, _)| {
                    let end = pos + term.len();
                    joined[pos..].starts_with(term.as_str())
                        && match term.chars().count() {
                            1 => starts.contains(&pos) && ends.contains(&end),
                            2 => starts.contains(&pos) || ends.contains(&end),
                            _ => true,
                        }
                })
            });
            match hit {
                Some((term, concept)) => {
                    let end = pos + term.len();
                    found.push(Found {
                        concept: *concept,
                        span: [original(pos, false), original(end, true)],
                    });
                    pos = end;
                }
                None => pos += c.len_utf8(),
            }
        }
        found
    }

    /// The concepts in an English text, from the tokens of the `en` analyzer (stemmed term,
    /// start, end), leftmost-longest and not overlapping.
    pub fn find_en(&self, tokens: &[(String, usize, usize)]) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let hit = self.en.get(&tokens[i].0).and_then(|list| {
                list.iter().find(|(seq, _)| {
                    i + seq.len() <= tokens.len()
                        && seq.iter().zip(&tokens[i..]).all(|(s, t)| *s == t.0)
                })
            });
            match hit {
                Some((seq, concept)) => {
                    found.push(Found {
                        concept: *concept,
                        span: [tokens[i].1, tokens[i + seq.len() - 1].2],
                    });
                    i += seq.len();
                }
                None => i += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_forms_are_the_other_forms_of_a_concept_in_the_same_language() {
        let analyzers = Analyzers::new();
        let pairs = parse_pairs(
            "单方面\tunilateral\n单边\tunilateral\n干预\tintervene\n干预\tintervention\n干涉\tinterfere\n干涉\tintervene\n制裁\tsanctions\n",
            "test",
        )
        .unwrap();
        let g = Glossary::build(&pairs, &analyzers);
        assert_eq!(g.near_forms("单边", &analyzers), ["单方面"]);
        assert_eq!(g.near_forms("單邊", &analyzers), ["单方面"]);
        assert_eq!(
            g.near_forms("interventions", &analyzers),
            ["intervene", "interfere"]
        );
        assert!(g.near_forms("制裁", &analyzers).is_empty());
        assert!(g.near_forms("sanction", &analyzers).is_empty());
        assert!(g.near_forms("unilateral", &analyzers).is_empty());
        assert!(g.near_forms("飞艇", &analyzers).is_empty());
    }

    fn glossary(text: &str) -> (Glossary, Analyzers) {
        let analyzers = Analyzers::new();
        let pairs = parse_pairs(text, "test").unwrap();
        (Glossary::build(&pairs, &analyzers), analyzers)
    }

    fn labels(g: &Glossary, found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| g.concepts[f.concept].zh[0].clone())
            .collect()
    }

    #[test]
    fn lines_need_two_columns() {
        assert_eq!(
            parse_pairs("# c\n\n内政\tinternal affairs\n", "g").unwrap(),
            [("内政".to_string(), "internal affairs".to_string())]
        );
        let err =
            parse_pairs("内政\tinternal affairs\n内政 internal affairs\n", "g.tsv").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("g.tsv:2: "), "{err}");
        assert!(parse_pairs("内政\t\n", "g").is_err());
    }

    #[test]
    fn synonyms_join_one_concept() {
        let (g, _) = glossary(
            "干涉\tinterfere\n干预\tinterfere\n干涉\tinterference\n内政\tinternal affairs\n",
        );
        assert_eq!(g.concepts.len(), 2);
        assert_eq!(g.concepts[0].zh, ["干涉", "干预"]);
        assert_eq!(g.concepts[0].en, ["interfere", "interference"]);
    }

    #[test]
    fn english_renderings_match_stemmed_word_sequences() {
        let (g, a) = glossary("内政\tinternal affairs\n外部势力\texternal forces\n借口\tpretext\n");
        let text =
            "opposes external forces interfering in Belarus's internal affairs under any pretext";
        let tokens = Analyzers::terms(&mut a.en(), text);
        let found = g.find_en(&tokens);
        assert_eq!(labels(&g, &found), ["外部势力", "内政", "借口"]);
        let [s, e] = found[0].span;
        assert_eq!(&text[s..e], "external forces");
    }

    #[test]
    fn short_chinese_terms_only_on_word_boundaries() {
        let (g, a) = glossary(
            "内政\tinternal affairs\n外部势力\texternal forces\n借口\tpretext\n政策\tpolicy\n",
        );
        let text = "反对外部势力以任何借口干涉白俄罗斯内政。";
        let tokens = Analyzers::terms(&mut a.zh(), text);
        let found = g.find_zh(text, &tokens);
        assert_eq!(labels(&g, &found), ["外部势力", "借口", "内政"]);
        for f in &found {
            let [s, e] = f.span;
            assert!(g.concepts[f.concept].zh.contains(&text[s..e].to_string()));
        }
        // 国内政策 is 国内 + 政策: 内政 is not in it.
        let tokens = Analyzers::terms(&mut a.zh(), "国内政策");
        assert_eq!(labels(&g, &g.find_zh("国内政策", &tokens)), ["政策"]);
    }
}
