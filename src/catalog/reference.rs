//! What a user means by `DOC` (an id as shown in hits, a unique prefix of one, a file name or
//! a path) and by `ARTICLE` (`3`, `三`, `第十四条`, `Article 12`, `IV`, `preamble`, …).

use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

use crate::index::ClauseIndex;
use crate::model::{ClauseArticle, Part};
use crate::parse::headings;

/// Which article a user means: a part name, or a number as digits, Chinese numerals, Roman
/// numerals or the label as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleSpec {
    Part(Part),
    /// The number in Arabic digits (as the index stores it), and the label as typed.
    Number {
        number: String,
        label: String,
    },
}

impl ArticleSpec {
    pub fn parse(s: &str) -> Result<ArticleSpec> {
        let s = s.trim();
        let lower = s.to_lowercase();
        match lower.as_str() {
            "preamble" | "序言" => return Ok(ArticleSpec::Part(Part::Preamble)),
            "signature" | "signatures" => return Ok(ArticleSpec::Part(Part::Signature)),
            "" => bail!("an article number is needed (such as 3, 三, IV or preamble)"),
            _ => {}
        }
        // What a heading's label has and a typed reference may lack or add: `art.` for
        // `Article`, a trailing `:`; the number itself is read as the parser reads headings.
        let bare = s.trim_end_matches([':', '：']).trim();
        let bare = ["art. ", "art "]
            .iter()
            .find_map(|p| {
                let head = bare.get(..p.len())?;
                head.eq_ignore_ascii_case(p).then(|| bare[p.len()..].trim())
            })
            .unwrap_or(bare);
        let number = headings::article_number(bare).unwrap_or_else(|| bare.to_string());
        Ok(ArticleSpec::Number {
            number: if number.is_empty() {
                "0".into()
            } else {
                number
            },
            label: s.to_string(),
        })
    }

    pub fn matches(&self, article: &ClauseArticle) -> bool {
        match self {
            ArticleSpec::Part(part) => article.part == *part,
            ArticleSpec::Number { number, label } => {
                article.part == Part::Article
                    && (article.number.as_deref() == Some(number.as_str())
                        || article.label.as_deref().map(str::trim) == Some(label.as_str()))
            }
        }
    }
}

impl std::fmt::Display for ArticleSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArticleSpec::Part(part) => f.write_str(part.as_str()),
            ArticleSpec::Number { number, .. } => write!(f, "article {number}"),
        }
    }
}

/// The id of the document a user means by `reference`: an id, a path to its file (relative to
/// the working folder or to the corpus), the file name without extension, or a unique prefix
/// of an id or of a file name. The error lists the candidates when the reference is ambiguous.
pub fn resolve(index: &ClauseIndex, corpus: &Path, reference: &str) -> Result<String> {
    let manifest = index.manifest()?;
    let ids: Vec<(&str, &str)> = manifest
        .files
        .iter()
        .map(|(rel, entry)| (rel.as_str(), entry.id.as_str()))
        .collect();
    resolve_in(&ids, corpus, reference)
}

/// A test of a document's (relative path, id) against the reference.
type Matcher<'a> = dyn Fn(&str, &str) -> bool + 'a;

fn resolve_in(ids: &[(&str, &str)], corpus: &Path, reference: &str) -> Result<String> {
    let reference = reference.trim();
    if reference.is_empty() {
        bail!("a document is needed: its id (as shown in hits), a unique prefix of it, or a path");
    }
    if let Some((_, id)) = ids.iter().find(|(_, id)| *id == reference) {
        return Ok(id.to_string());
    }
    for rel in relative_candidates(corpus, reference) {
        if let Some((_, id)) = ids.iter().find(|(r, _)| *r == rel) {
            return Ok(id.to_string());
        }
    }
    let name = |id: &str| id.rsplit('/').next().unwrap_or(id).to_string();
    // `a` names `a.txt`, `a.md` and `sub/a.txt` alike (ids keep the extension when two files
    // share a stem): every document it could name is a candidate, so that none is picked
    // silently.
    let stem = |rel: &str| match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => stem.to_string(),
        _ => rel.to_string(),
    };
    let tries: [&Matcher; 3] = [
        &|rel, id| name(id) == reference || stem(rel) == reference || name(&stem(rel)) == reference,
        &|_, id| id.starts_with(reference),
        &|_, id| name(id).starts_with(reference),
    ];
    for matches in tries {
        let found: Vec<&str> = ids
            .iter()
            .filter(|(rel, id)| matches(rel, id))
            .map(|(_, id)| *id)
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one.to_string()),
            many => {
                let shown: Vec<&str> = many.iter().take(5).copied().collect();
                let more = if many.len() > shown.len() {
                    format!(" and {} more", many.len() - shown.len())
                } else {
                    String::new()
                };
                bail!(
                    "`{reference}` could be {} documents: {}{more}; give more of the id",
                    many.len(),
                    shown.join(", ")
                );
            }
        }
    }
    bail!(
        "no document `{reference}` in the index of {}: give an id as shown by `treatysearch list`, a unique prefix of it, or the path of a file in the corpus",
        corpus.display()
    )
}

/// The corpus-relative paths `reference` may stand for, if it is a path.
fn relative_candidates(corpus: &Path, reference: &str) -> Vec<String> {
    let as_rel = |p: &Path| -> Option<String> {
        let parts: Vec<String> = p
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    };
    let given = Path::new(reference);
    let mut out = Vec::new();
    // Relative to the working folder, lexically (a corpus of symbolic links must not be
    // resolved away from the corpus folder).
    if let Ok(rest) = given.strip_prefix(corpus) {
        out.extend(as_rel(rest));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    if let Ok(rest) = absolute(given).strip_prefix(absolute(corpus)) {
        out.extend(as_rel(rest));
    }
    if let (Ok(file), Ok(root)) = (
        absolute(given).canonicalize(),
        absolute(corpus).canonicalize(),
    ) && let Ok(rest) = file.strip_prefix(root)
    {
        out.extend(as_rel(rest));
    }
    // Relative to the corpus folder itself.
    out.extend(as_rel(given));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(n: &str) -> ClauseArticle {
        ClauseArticle {
            part: Part::Article,
            label: None,
            number: Some(n.into()),
            path: Vec::new(),
        }
    }

    #[test]
    fn article_specs_in_every_numbering() {
        for (typed, n) in [
            ("3", "3"),
            ("03", "3"),
            ("三", "3"),
            ("三、", "3"),
            ("第十四条", "14"),
            ("Article 12", "12"),
            ("art. 7", "7"),
            ("IV", "4"),
            ("（二）", "2"),
            ("Article XXIV", "24"),
            ("ARTICLE ONE", "1"),
            ("2.", "2"),
            ("第三条:", "3"),
        ] {
            let spec = ArticleSpec::parse(typed).unwrap();
            assert!(spec.matches(&number(n)), "{typed} should name article {n}");
            assert!(!spec.matches(&number("99")), "{typed}");
        }
        let pre = ArticleSpec::parse("Preamble").unwrap();
        assert!(pre.matches(&ClauseArticle::preamble()));
        assert!(!pre.matches(&number("1")));
        assert!(ArticleSpec::parse(" ").is_err());
        // A label as written matches even when the number is something else.
        let odd = ClauseArticle {
            part: Part::Article,
            label: Some("ARTICLE 1-01".into()),
            number: Some("1.1".into()),
            path: Vec::new(),
        };
        assert!(ArticleSpec::parse("ARTICLE 1-01").unwrap().matches(&odd));
    }

    #[test]
    fn references_resolve_by_id_path_name_or_unique_prefix() {
        let ids = [
            ("000_73d.txt", "000_73d"),
            ("004_ef6.txt", "004_ef6"),
            ("tota/tota_1.txt", "tota/tota_1"),
            ("tota/tota_10.txt", "tota/tota_10"),
        ];
        let corpus = Path::new("corpus");
        let r = |s: &str| resolve_in(&ids, corpus, s);
        assert_eq!(r("004_ef6").unwrap(), "004_ef6");
        assert_eq!(r("004").unwrap(), "004_ef6");
        assert_eq!(r("corpus/000_73d.txt").unwrap(), "000_73d");
        assert_eq!(r("./corpus/tota/tota_10.txt").unwrap(), "tota/tota_10");
        assert_eq!(
            r("tota_1").unwrap(),
            "tota/tota_1",
            "exact name beats prefix"
        );
        let err = r("0").unwrap_err().to_string();
        assert!(
            err.contains("2 documents") && err.contains("000_73d"),
            "{err}"
        );
        let err = r("zzz").unwrap_err().to_string();
        assert!(err.contains("no document `zzz`"), "{err}");
    }

    #[test]
    fn a_stem_shared_by_several_files_is_ambiguous_never_picked_silently() {
        let ids = [
            ("a.html", "a.html"),
            ("a.md", "a.md"),
            ("a.txt", "a.txt"),
            ("sub/a.txt", "sub/a"),
            ("b.txt", "b"),
        ];
        let corpus = Path::new("corpus");
        let r = |s: &str| resolve_in(&ids, corpus, s);
        let err = r("a").unwrap_err().to_string();
        for id in ["a.html", "a.md", "a.txt", "sub/a"] {
            assert!(err.contains(id), "{err}");
        }
        assert_eq!(r("a.md").unwrap(), "a.md");
        assert_eq!(r("sub/a").unwrap(), "sub/a");
        assert_eq!(r("corpus/a.txt").unwrap(), "a.txt");
        assert_eq!(r("b").unwrap(), "b");
    }
}
