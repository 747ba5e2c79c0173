//! `similar`, `timeline` and `compare`: how wording moves between documents and over the
//! years. Each brings the index up to date first, as `query` does.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::documents::{load, sections};
use super::fresh::refresh;
use super::outcome::{Outcome, color, outcome};
use crate::analyze::Analyzers;
use crate::catalog::{DocRecord, StoredClause};
use crate::cli::{CompareArgs, SimilarArgs, TimelineArgs};
use crate::glossary;
use crate::model::{ClauseArticle, Lang};
use crate::output::text::Style;
use crate::output::{
    chart, compare as print_compare, similar as print_similar, timeline as print_timeline,
};
use crate::request::{Folders, Paging, Request};
use crate::similarity::{self, Options, Source};
use crate::{search, timeline, wordiff};

/// The clauses of `doc` that an article (and a paragraph of it) name.
fn passage<'a>(
    doc: &'a DocRecord,
    article: &str,
    paragraph: Option<usize>,
) -> Result<(&'a ClauseArticle, Vec<&'a StoredClause>)> {
    let found = sections(doc, article)?;
    let clauses: Vec<&StoredClause> = found.iter().flat_map(|s| s.clauses.iter()).collect();
    let first = found[0].article;
    match paragraph {
        None => Ok((first, clauses)),
        Some(p) => match clauses.get(p.wrapping_sub(1)) {
            Some(&c) => Ok((&c.article, vec![c])),
            None => bail!(
                "{} › {} has {} paragraph{} (numbered from 1, as `show` prints them), not {p}",
                doc.info.id,
                crate::output::layout::article_name(first),
                clauses.len(),
                if clauses.len() == 1 { "" } else { "s" }
            ),
        },
    }
}

fn joined(clauses: &[&StoredClause]) -> String {
    clauses
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn similar(at: &Folders, args: &SimilarArgs) -> Result<Outcome> {
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    if let Some(text) = &args.text
        && text.trim().is_empty()
    {
        bail!("--text is empty: give the text to find similar clauses for");
    }
    let request = Request::new(
        &args.select,
        Paging {
            limit: args.limit,
            offset: 0,
        },
        args.json,
        args.color,
    )?;
    let selection = &request.selection;
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = selection.filters(&index, &at.corpus)?;
    // The source passage, read without the rest of its document (issue 16): an article of
    // tens of thousands of clauses is taken from its first SOURCE_CLAUSES, and says so.
    let passage = match (&args.text, &args.doc, &args.article) {
        (None, Some(doc), Some(article)) => Some(super::documents::source_passage(
            at,
            &index,
            doc,
            article,
            args.clause,
        )?),
        _ => None,
    };
    let (source, article, paragraph) = match (&args.text, &passage) {
        (Some(text), _) => (
            Source {
                text: text.clone(),
                lang: crate::script::detect_lang(text),
                exclude: None,
            },
            None,
            None,
        ),
        (None, Some(p)) => (
            Source {
                text: p.text(),
                lang: p.info.lang,
                exclude: Some(p.info.id.clone()),
            },
            p.clauses.first().map(|c| &c.article),
            args.clause,
        ),
        _ => bail!("give DOC and ARTICLE (and optionally CLAUSE), or --text"),
    };
    let glossary = if selection.cross_lingual {
        Some(glossary::load(
            &at.corpus,
            selection.glossary.as_deref(),
            &analyzers,
        )?)
    } else {
        None
    };
    let options = Options {
        limit: request.paging.limit,
        cross_lingual: selection.cross_lingual,
        lang: selection.lang,
        filters,
    };
    let mut found = similarity::similar(&index, &analyzers, glossary.as_ref(), &source, &options)?;
    for m in &mut found.matches {
        m.hit.doc.path = at.corpus.join(&m.hit.doc.path).display().to_string();
    }
    let hit_doc = passage.as_ref().map(|p| p.info.hit_doc());
    let view = print_similar::SourceView {
        doc: hit_doc.as_ref(),
        article,
        paragraph,
        lang: source.lang.as_str(),
        text: &source.text,
        clauses: passage.as_ref().map(|p| match args.clause {
            Some(_) => (1, 1),
            None => (p.clauses.len(), p.in_scope),
        }),
    };
    if let Some(p) = &passage
        && args.clause.is_none()
        && p.clauses.len() < p.in_scope
    {
        eprintln!(
            "treatysearch: the source is the first {} of the {} clauses of {} › {}: give a paragraph (CLAUSE) for another part",
            p.clauses.len(),
            p.in_scope,
            p.info.id,
            args.article.as_deref().unwrap_or("")
        );
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let paragraphs = super::documents::paragraphs(&index, found.matches.iter().map(|m| &m.hit))?;
    print_similar::write(
        &mut out,
        &view,
        &found,
        &paragraphs,
        selection.cross_lingual,
        &Style::new(request.output.color),
        request.output.json,
    )?;
    out.flush()?;
    Ok(outcome(&report, !found.matches.is_empty()))
}

pub(super) fn timeline(at: &Folders, args: &TimelineArgs) -> Result<Outcome> {
    let text = args.query.join(" ");
    // Syntax errors and contradictory flags are reported before any indexing work, as in
    // `query`.
    let query = search::Query::parse(&text).map_err(|e| anyhow!("invalid query: {e}"))?;
    let request = Request::new(
        &args.select,
        Paging {
            limit: usize::MAX,
            offset: 0,
        },
        args.json,
        args.color,
    )?;
    // Checked before any work, so that a wrong file name costs nothing.
    let chart_to = match &args.svg {
        Some(file) => Some(chart_target(file, args.force)?),
        None => None,
    };
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let filters = request.selection.filters(&index, &at.corpus)?;
    // With --cross-lingual, the glossary's renderings of the query's terms are counted too,
    // as `query -x` finds them.
    let searched = request.selection.searched(&query, &at.corpus, &analyzers)?;
    let mut counted = timeline::timeline(&index, &analyzers, &searched, &filters)?;
    counted.query = text.clone();
    // Paths as in hits: joined to the corpus folder as given.
    for hit in [&mut counted.first, &mut counted.last]
        .into_iter()
        .flatten()
    {
        hit.doc.path = at.corpus.join(&hit.doc.path).display().to_string();
    }
    if let (Some(file), Some(target)) = (&args.svg, &chart_to) {
        write_chart(target, chart::svg(&counted, args.per).as_bytes())
            .with_context(|| format!("cannot write the chart to {}", file.display()))?;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print_timeline::write(
        &mut out,
        &counted,
        &Style::new(request.output.color),
        request.output.json,
        args.per,
    )?;
    out.flush()?;
    if let Some(file) = &args.svg {
        eprintln!("treatysearch: wrote the chart to {}", file.display());
    }
    Ok(outcome(&report, counted.total.clauses > 0))
}

/// Where a chart goes, once `--svg FILE` has been checked.
enum ChartTarget {
    /// A new file, or a plain file to replace: written beside it and renamed over it.
    Replace(PathBuf),
    /// A named pipe or a character device (`/dev/null`, a terminal): written into as it is.
    Stream(PathBuf),
}

/// Refuses to replace what is not a chart of ours: an existing file that is not an SVG file,
/// or a symbolic link, unless `force`; a folder, a block device or a socket never. A symbolic
/// link is never replaced itself: with `force` the chart goes where it points.
fn chart_target(file: &Path, force: bool) -> Result<ChartTarget> {
    let meta = match fs::symlink_metadata(file) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(ChartTarget::Replace(file.to_path_buf()));
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot write the chart to {}", file.display()));
        }
    };
    let refuse = |what: &str| {
        anyhow!(
            "{} {what}: not replaced by the chart (choose another file name, or add --force to \
             replace it)",
            file.display()
        )
    };
    if meta.file_type().is_symlink() {
        if !force {
            return Err(refuse("is a symbolic link"));
        }
        // `/dev/stdout` points at a pipe, which has no path to canonicalize.
        let followed = fs::metadata(file)
            .with_context(|| format!("cannot follow the symbolic link {}", file.display()))?;
        if followed.file_type().is_fifo() || followed.file_type().is_char_device() {
            return Ok(ChartTarget::Stream(file.to_path_buf()));
        }
        let target = fs::canonicalize(file)
            .with_context(|| format!("cannot follow the symbolic link {}", file.display()))?;
        return chart_target(&target, force);
    }
    let kind = meta.file_type();
    if kind.is_dir() {
        bail!(
            "{} is a folder: give a file name for the chart",
            file.display()
        );
    }
    if kind.is_fifo() || kind.is_char_device() {
        return Ok(ChartTarget::Stream(file.to_path_buf()));
    }
    if !kind.is_file() {
        bail!(
            "{} is not a plain file (a device or a socket): the chart is not written there",
            file.display()
        );
    }
    if !force && !is_svg(file) {
        return Err(refuse("exists and is not an SVG file"));
    }
    Ok(ChartTarget::Replace(file.to_path_buf()))
}

/// True when the file starts like an SVG document (`<?xml …` or a comment, then `<svg`).
fn is_svg(file: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = fs::File::open(file).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<!--") || head.starts_with("<svg"))
        && head.contains("<svg")
}

/// Writes the chart. A file is written beside its place and renamed over it: a reader never
/// sees half a chart, and a failed write leaves the old file as it was.
fn write_chart(target: &ChartTarget, bytes: &[u8]) -> io::Result<()> {
    let file = match target {
        ChartTarget::Stream(path) => {
            return fs::OpenOptions::new()
                .write(true)
                .open(path)?
                .write_all(bytes);
        }
        ChartTarget::Replace(file) => file,
    };
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .unwrap_or(file.as_os_str())
        .to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        out.write_all(bytes)?;
        out.sync_all()?;
        fs::rename(&temp, file)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// `DOC:ARTICLE` or `DOC:ARTICLE:CLAUSE`.
fn split_reference(reference: &str) -> Result<(&str, &str, Option<usize>)> {
    let bad = || {
        anyhow!(
            "`{reference}` is not DOC:ARTICLE or DOC:ARTICLE:CLAUSE (such as 004:2 or 000_73d2:三:3)"
        )
    };
    let (head, last) = reference.rsplit_once(':').ok_or_else(bad)?;
    if let Ok(paragraph) = last.trim().parse::<usize>()
        && let Some((doc, article)) = head.rsplit_once(':')
        && !doc.is_empty()
        && !article.is_empty()
    {
        return Ok((doc, article, Some(paragraph)));
    }
    if head.is_empty() || last.trim().is_empty() {
        return Err(bad());
    }
    Ok((head, last, None))
}

pub(super) fn compare(at: &Folders, args: &CompareArgs) -> Result<Outcome> {
    let (doc_a, art_a, par_a) = split_reference(&args.a)?;
    let (doc_b, art_b, par_b) = split_reference(&args.b)?;
    let analyzers = Analyzers::for_corpus(&at.corpus)?;
    let (index, report) = refresh(at, &analyzers)?;
    let rec_a = load(at, &index, doc_a)?;
    let rec_b = load(at, &index, doc_b)?;
    if rec_a.info.lang != rec_b.info.lang {
        bail!(
            "cannot compare word by word across languages: {} is {} and {} is {} (`treatysearch similar --cross-lingual` pairs clauses across languages)",
            rec_a.info.id,
            language(rec_a.info.lang),
            rec_b.info.id,
            language(rec_b.info.lang)
        );
    }
    let (article_a, clauses_a) = passage(&rec_a, art_a, par_a)?;
    let (article_b, clauses_b) = passage(&rec_b, art_b, par_b)?;
    let (text_a, text_b) = (joined(&clauses_a), joined(&clauses_b));
    let diff = wordiff::diff(&analyzers, &text_a, &text_b);
    let (hd_a, hd_b) = (rec_a.info.hit_doc(), rec_b.info.hit_doc());
    let side = |doc, article, paragraph, text| print_compare::Side {
        doc,
        article,
        paragraph,
        text,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print_compare::write(
        &mut out,
        &side(&hd_a, article_a, par_a, &text_a),
        &side(&hd_b, article_b, par_b, &text_b),
        &diff,
        &Style::new(color(args.color)),
        args.json,
    )?;
    out.flush()?;
    Ok(outcome(&report, true))
}

fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "Chinese",
        Lang::En => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_from_the_right() {
        assert_eq!(split_reference("004:2").unwrap(), ("004", "2", None));
        assert_eq!(split_reference("004:2:1").unwrap(), ("004", "2", Some(1)));
        assert_eq!(split_reference("000:三").unwrap(), ("000", "三", None));
        assert_eq!(
            split_reference("a/b:preamble:2").unwrap(),
            ("a/b", "preamble", Some(2))
        );
        // A number alone after the document is the article.
        assert_eq!(split_reference("doc:7").unwrap(), ("doc", "7", None));
        assert!(split_reference("004").is_err());
        assert!(split_reference(":2").is_err());
        assert!(split_reference("004:").is_err());
    }
}
