//! Human-readable output: hits with their document, date, article and a snippet with the
//! matched words highlighted, and the document model of `parse`.
//!
//! Snippets are sized in characters, not bytes, and cut only on character boundaries; a
//! short clause is shown whole.

use std::io::{self, Write};

use super::Color;
use super::layout::{article_name, one_line, short_title};
use crate::model::{ClauseArticle, Document, Explain};
use crate::search::fallback::Relaxed;
use crate::search::{Hit, Results};
use crate::terminal::printable;

/// Clauses up to this many characters are shown whole.
const SNIPPET_CHARS: usize = 320;
/// Characters of context kept before the first highlight in a cut snippet.
const CONTEXT_BEFORE: usize = 80;

/// ANSI styling, or none.
pub struct Style {
    pub on: bool,
}

impl Style {
    pub fn new(color: Color) -> Style {
        Style {
            on: color == Color::Always,
        }
    }
    /// `text` (data, or a line made of data) in the colour `code`, its control characters
    /// escaped: the only escape sequences a text printer writes are these.
    pub fn paint(&self, code: &str, text: &str) -> String {
        let text = printable(text);
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn title(&self, t: &str) -> String {
        self.paint("1", t)
    }
    pub fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    pub fn mark(&self, t: &str) -> String {
        self.paint("1;31", t)
    }
    pub fn date(&self, t: &str) -> String {
        self.paint("32", t)
    }
    pub fn article(&self, t: &str) -> String {
        self.paint("36", t)
    }
}

/// Writes the hits and a closing summary line. `paragraphs[i]` is the paragraph of hit `i`
/// in its article, as `show`, `similar` and `compare` number them (¶2), where known. With
/// `explain`, two lines under each hit say what made its score.
pub fn write_results(
    out: &mut dyn Write,
    results: &Results,
    paragraphs: &[Option<usize>],
    color: Color,
    explain: bool,
) -> io::Result<()> {
    let style = Style {
        on: color == Color::Always,
    };
    for (i, hit) in results.hits.iter().enumerate() {
        write_hit(
            out,
            hit,
            paragraphs.get(i).copied().flatten(),
            &style,
            explain,
        )?;
    }
    let ms = results.elapsed.as_secs_f64() * 1000.0;
    let summary = format!("{} ({ms:.1} ms)", summary(results));
    if let Some(expansion) = &results.expansion {
        let terms: Vec<String> = expansion
            .terms
            .iter()
            .map(|(term, to)| format!("{term} → {}", to.join(" / ")))
            .collect();
        let line = if terms.is_empty() {
            "cross-lingual: the glossary knows no word of this query".to_string()
        } else {
            format!("cross-lingual: {}", terms.join("; "))
        };
        writeln!(out, "{}", style.dim(&line))?;
    }
    if let Some(relaxed) = &results.relaxed {
        writeln!(out, "{}", style.dim(&relaxed_note(relaxed)))?;
    }
    writeln!(out, "{}", style.dim(&summary))
}

/// What a relaxed query shows: `no clause has all of 单边 制裁 美国; showing clauses with 2 of 3
/// words (without 美国)`; near-forms first where the glossary gave some (`with near forms
/// (单边/单方面)`), one `then with K (without W)` per word dropped after the first.
fn relaxed_note(relaxed: &Relaxed) -> String {
    let all = relaxed.words.join(" ");
    let n = relaxed.words.len();
    let mut steps: Vec<String> = Vec::new();
    if !relaxed.near_forms.is_empty() {
        let forms: Vec<String> = relaxed
            .near_forms
            .iter()
            .map(|(word, forms)| format!("{word}/{}", forms.join("/")))
            .collect();
        steps.push(format!("near forms ({})", forms.join(", ")));
    }
    for (i, word) in relaxed.dropped.iter().enumerate() {
        let left = n - i - 1;
        steps.push(if i == 0 {
            format!("{left} of {n} words (without {word})")
        } else {
            format!("{left} (without {word})")
        });
    }
    let start = match relaxed.all_count {
        0 => format!("no clause has all of {all}; showing clauses with"),
        1 => format!("only 1 clause has all of {all}; then clauses with"),
        k => format!("only {k} clauses have all of {all}; then clauses with"),
    };
    format!("{start} {}", steps.join(", then with "))
}

/// What was found and what is shown of it: `3 hits`, `hit 1 of 3`, `hits 11–20 of 22`, and
/// when nothing is shown of what was found, why: `22 hits; none shown from rank 101` (an
/// `--offset` past the end), `22 hits; none shown (--limit 0)`. When identical clauses were
/// collapsed, hits count distinct texts and the clauses follow: `hits 1–10 of 18 (22
/// clauses; identical texts shown once)`.
fn summary(results: &Results) -> String {
    let collapsed = results.collapsed && results.distinct < results.total;
    let line = hits_line(
        results,
        if collapsed {
            results.distinct
        } else {
            results.total
        },
    );
    if collapsed {
        format!(
            "{line} ({} clauses; identical texts shown once)",
            results.total
        )
    } else {
        line
    }
}

fn hits_line(results: &Results, n: usize) -> String {
    let hits = |n: usize| format!("{n} hit{}", if n == 1 { "" } else { "s" });
    match (results.hits.first(), results.hits.last()) {
        _ if n == 0 => "no hits".to_string(),
        (Some(_), _) if results.hits.len() == n => hits(n),
        (Some(first), Some(last)) if first.rank == last.rank => {
            format!("hit {} of {n}", first.rank)
        }
        (Some(first), Some(last)) => format!("hits {}–{} of {n}", first.rank, last.rank),
        _ if results.offset >= n => format!(
            "{}; none shown from rank {}",
            hits(n),
            results.offset.saturating_add(1)
        ),
        _ => format!("{}; none shown (--limit 0)", hits(n)),
    }
}

fn write_hit(
    out: &mut dyn Write,
    hit: &Hit,
    paragraph: Option<usize>,
    style: &Style,
    explain: bool,
) -> io::Result<()> {
    let date = hit.doc.date.as_deref().unwrap_or("undated");
    writeln!(
        out,
        "{}  {}  {}",
        style.dim(&format!("{:>2}.", hit.rank)),
        style.date(date),
        style.title(&short_title(&hit.doc.title))
    )?;
    writeln!(
        out,
        "    {}  {}",
        style.article(&hit_place(hit, paragraph)),
        style.dim(&format!(
            "{}:{} · {} · score {:.2}",
            hit.doc.path, hit.line, hit.doc.id, hit.score
        ))
    )?;
    writeln!(out, "    {}", snippet(&hit.text, &hit.highlights, style))?;
    if hit.identical_count > 0 {
        writeln!(
            out,
            "    {}",
            style.dim(&format!("and {} more identical", hit.identical_count))
        )?;
    }
    if explain && let Some(e) = &hit.explain {
        for line in explain_lines(e) {
            writeln!(out, "    {}", style.dim(&line))?;
        }
    }
    writeln!(out)
}

/// What made a score, in two lines: the BM25 parts of the words, then the factors of the
/// re-ranking and the product.
/// `bm25 4.10 = 香港 2.01 + 特别行政区 1.50 + heading:自治 0.20 + phrase/bigrams 0.39`
/// `× coverage 1.00 × proximity 1.35 (3 words in 4 tokens) × length 1.00 (31 tokens) × heading 1.00 (0 words) × kind 1.00 = 5.54`
fn explain_lines(e: &Explain) -> [String; 2] {
    let mut parts: Vec<String> = e
        .words
        .iter()
        .map(|w| {
            let field = if w.field == "body" {
                String::new()
            } else {
                format!("{}:", w.field)
            };
            format!("{field}{} {:.2}", w.word, w.score)
        })
        .collect();
    let rest = e.bm25 - e.words.iter().map(|w| w.score).sum::<f32>();
    if rest.abs() >= 0.005 {
        parts.push(format!("phrase/bigrams {rest:.2}"));
    }
    let bm25 = format!("bm25 {:.2} = {}", e.bm25, parts.join(" + "));
    let window = match e.window {
        Some(w) => format!(
            " ({} in {})",
            counted(e.located, "word"),
            counted(
                w as usize,
                if e.window_in_chars {
                    "character"
                } else {
                    "token"
                }
            )
        ),
        None => String::new(),
    };
    let factors = format!(
        "× coverage {:.2} × proximity {:.2}{window} × length {:.2} ({}) × heading {:.2} ({}) × kind {:.2} = {:.2}",
        e.coverage,
        e.proximity,
        e.length,
        counted(e.tokens as usize, "token"),
        e.structure,
        counted(e.heading_words, "word"),
        e.kind,
        e.score
    );
    [bm25, factors]
}

/// `1 word`, `3 words`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Where a hit is in its document: `art. 3 (三、) ¶2`, `preamble ¶1`; the paragraph is the
/// one `similar DOC ARTICLE CLAUSE` and `compare DOC:ARTICLE:CLAUSE` take.
pub(crate) fn hit_place(hit: &Hit, paragraph: Option<usize>) -> String {
    let article = ClauseArticle {
        part: hit.part,
        label: hit.article_label.clone(),
        number: hit.article_number.clone(),
        path: hit.article_path.clone(),
    };
    let name = article_name(&article);
    match paragraph {
        Some(p) => format!("{name} ¶{p}"),
        None => name,
    }
}

/// The clause, or a window of it around the first highlight, with highlights marked.
pub(crate) fn snippet(text: &str, highlights: &[[usize; 2]], style: &Style) -> String {
    let (from, to) = window(text, highlights);
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    let mut at = from;
    for &[a, b] in highlights {
        let (a, b) = (a.max(from), b.min(to));
        if a >= b || a < at {
            continue;
        }
        s.push_str(&printable(&one_line(text, at, a)));
        s.push_str(&style.mark(&one_line(text, a, b)));
        at = b;
    }
    s.push_str(&printable(&one_line(text, at, to)));
    if to < text.len() {
        s.push('…');
    }
    s
}

/// Byte range of the snippet: all of a short clause, else `SNIPPET_CHARS` characters starting a
/// little before the first highlight.
fn window(text: &str, highlights: &[[usize; 2]]) -> (usize, usize) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let chars = boundaries.len() - 1;
    if chars <= SNIPPET_CHARS {
        return (0, text.len());
    }
    let first = highlights.first().map_or(0, |h| h[0]);
    let first_char = boundaries.partition_point(|&b| b < first);
    let start = first_char
        .saturating_sub(CONTEXT_BEFORE)
        .min(chars - SNIPPET_CHARS);
    let (from, to) = (boundaries[start], boundaries[start + SNIPPET_CHARS]);
    // Do not cut English words in half: move the edges to the nearest space nearby.
    const SLACK: usize = 20;
    let from = if from > 0 && !text[..from].ends_with(char::is_whitespace) {
        text[from..]
            .char_indices()
            .take(SLACK)
            .find(|(_, c)| c.is_whitespace())
            .map_or(from, |(i, c)| from + i + c.len_utf8())
            .min(first)
    } else {
        from
    };
    let to = if to < text.len() {
        text[..to]
            .char_indices()
            .rev()
            .take(SLACK)
            .find(|(_, c)| c.is_whitespace())
            .map_or(to, |(i, _)| i)
            .max(from)
    } else {
        to
    };
    (from, to)
}

/// Writes the document model of one file.
pub fn write_document(out: &mut dyn Write, path: &str, doc: &Document) -> io::Result<()> {
    writeln!(out, "file:     {}", printable(path))?;
    writeln!(out, "title:    {}", printable(&doc.title))?;
    writeln!(out, "lang:     {}", doc.lang)?;
    let dates: Vec<String> = doc.dates.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(
        out,
        "dates:    {}",
        if dates.is_empty() {
            "-".into()
        } else {
            dates.join(", ")
        }
    )?;
    writeln!(
        out,
        "place:    {}",
        printable(doc.place.as_deref().unwrap_or("-"))
    )?;
    writeln!(
        out,
        "parties:  {}",
        if doc.parties.is_empty() {
            "-".into()
        } else {
            printable(&doc.parties.join(", ")).into_owned()
        }
    )?;
    writeln!(out, "articles: {}", doc.articles.len())?;
    for a in &doc.articles {
        let label = a.label.as_deref().unwrap_or("(number inferred)");
        writeln!(
            out,
            "  {:>4}  line {:<5} {}",
            printable(&a.number),
            a.line,
            printable(label)
        )?;
    }
    writeln!(out, "clauses:  {}", doc.clauses.len())?;
    for c in &doc.clauses {
        let flat = one_line(&c.text, 0, c.text.len());
        let preview: String = flat.chars().take(60).collect();
        let more = if flat.chars().count() > 60 { "…" } else { "" };
        writeln!(
            out,
            "  {:>4}  {:<10} line {:<5} bytes {}–{}  {}{more}",
            c.index,
            printable(&c.article.display_name()),
            c.line,
            c.span[0],
            c.span[1],
            printable(&preview)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_snippets_start_and_end_on_word_boundaries() {
        let text = "word ".repeat(200) + "target " + &"more ".repeat(200);
        let at = text.find("target").unwrap();
        let (from, to) = window(&text, &[[at, at + 6]]);
        assert!(text[from..to].starts_with("word") && text[from..to].ends_with("more"));
        assert!(from <= at && to >= at + 6);
    }

    #[test]
    fn short_clauses_are_whole_and_marked() {
        let style = Style { on: false };
        assert_eq!(snippet("a Belt b", &[[2, 6]], &style), "a Belt b");
        let style = Style { on: true };
        assert_eq!(
            snippet("a Belt b", &[[2, 6]], &style),
            "a \x1b[1;31mBelt\x1b[0m b"
        );
    }

    #[test]
    fn long_clauses_are_cut_in_characters_around_the_first_highlight() {
        let text = "中".repeat(500) + "目标" + &"文".repeat(500);
        let at = "中".len() * 500;
        let (from, to) = window(&text, &[[at, at + "目标".len()]]);
        assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
        assert_eq!(text[from..to].chars().count(), SNIPPET_CHARS);
        assert!(text[from..to].contains("目标"));
        let shown = snippet(&text, &[[at, at + 6]], &Style { on: false });
        assert!(shown.starts_with('…') && shown.ends_with('…'));
    }
}
