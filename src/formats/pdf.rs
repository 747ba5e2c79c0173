//! PDF → text: the text layer read by `pdf-extract` (pure Rust, on `lopdf`; it maps CID
//! fonts through their ToUnicode tables, which Chinese PDFs need), laid out again here from
//! the glyphs' positions: lines in reading order, running headers, footers and page numbers
//! that repeat across pages dropped, lines that the layout wrapped joined back into
//! paragraphs (Chinese without a space, English with one, a hyphen at a line's end removed
//! when the word goes on).
//!
//! A hostile or broken file must not take the run down: the crate panics on some malformed
//! input (caught here and turned into a reason), may loop (bounded by a time limit on a
//! worker thread), and would inflate any compressed stream whole (every stream is inflated
//! here first, with a cap, before the crate sees the file).

use std::collections::HashSet;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::Duration;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// More pages than this is no statement or treaty (the UN Charter has 50).
pub const MAX_PAGES: usize = 5000;
/// No compressed stream may inflate past this, nor all of them together past 4 times it.
const MAX_STREAM_BYTES: u64 = 64 << 20;
/// Characters read from all pages together; past it the file is refused.
const MAX_CHARS: usize = 16 << 20;
/// Time for reading one PDF, `TREATYSEARCH_PDF_SECONDS` to change.
const SECONDS: u64 = 60;

/// The text of a PDF, one paragraph per line with a blank line between paragraphs.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let seconds = std::env::var("TREATYSEARCH_PDF_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(SECONDS);
    let owned = bytes.to_vec();
    let (send, receive) = mpsc::channel();
    // A worker thread, so that a crate stuck in a loop costs a warning, not the run; it is
    // left behind when the time is up (the process ends it).
    std::thread::Builder::new()
        .name("pdf".into())
        .spawn(move || {
            let _ = send.send(read(&owned));
        })
        .map_err(|e| format!("cannot start the PDF reader: {e}"))?;
    match receive.recv_timeout(Duration::from_secs(seconds)) {
        Ok(text) => text,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading the PDF took over {seconds} s (a damaged PDF?); \
             TREATYSEARCH_PDF_SECONDS allows more"
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the PDF reader stopped without an answer".into())
        }
    }
}

/// [`to_text`] on the calling thread, without a time limit (the fuzz target's entry: there
/// the fuzzer's own timeout finds loops).
pub fn read(bytes: &[u8]) -> Result<String, String> {
    check_streams(bytes)?;
    let pages = catch_unwind(AssertUnwindSafe(|| read_pages(bytes))).unwrap_or_else(|panic| {
        Err(format!(
            "the PDF reader failed on it ({}): a damaged or unusual PDF",
            crate::panic_message(panic.as_ref())
        ))
    })?;
    let text = layout(&pages);
    if text.trim().is_empty() {
        return Err(
            "a PDF with no text layer (a scan?): nothing to index; run OCR on it first".into(),
        );
    }
    unmapped(&text).map_or(Ok(text), Err)
}

/// Fonts without a Unicode map give U+FFFD or private-use characters: text that no query
/// finds and no reader can cite. The reason when most of the text is such.
fn unmapped(text: &str) -> Option<String> {
    let (mut all, mut unknown) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        if c == '\u{FFFD}' || matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..) {
            unknown += 1;
        }
    }
    (unknown * 2 > all).then(|| {
        format!(
            "a PDF whose fonts do not map {unknown} of its {all} characters to Unicode: its \
             text cannot be read (run OCR on it)"
        )
    })
}

/// Inflates every `stream … endstream` that is zlib or deflate data, with a cap: a small
/// file that inflates to gigabytes (a "PDF bomb") is refused before it is read.
fn check_streams(bytes: &[u8]) -> Result<(), String> {
    let mut total: u64 = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let mut start = at + found + b"stream".len();
        at = start;
        if bytes[..start].ends_with(b"endstream") {
            continue;
        }
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        // Without `endstream` there is no stream for the reader either; and inflating from
        // every `stream` word to the end of the file would take quadratic time.
        let Some(end) = find(&bytes[start..], b"endstream").map(|e| start + e) else {
            break;
        };
        let data = &bytes[start..end];
        let mut sink = [0u8; 64 * 1024];
        let mut inflated = |reader: &mut dyn Read| -> u64 {
            let mut n: u64 = 0;
            let mut limited = reader.take(MAX_STREAM_BYTES + 1);
            while let Ok(k) = limited.read(&mut sink) {
                if k == 0 {
                    break;
                }
                n += k as u64;
            }
            n
        };
        let n = inflated(&mut flate2::read::ZlibDecoder::new(data))
            .max(inflated(&mut flate2::read::DeflateDecoder::new(data)));
        total += n;
        if n > MAX_STREAM_BYTES || total > 4 * MAX_STREAM_BYTES {
            return Err(format!(
                "a PDF whose compressed streams inflate past {} MB: refused (a PDF bomb?)",
                if n > MAX_STREAM_BYTES {
                    MAX_STREAM_BYTES >> 20
                } else {
                    (4 * MAX_STREAM_BYTES) >> 20
                }
            ));
        }
        at = end;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One line of text on a page, as laid out.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    /// Left and right ends and baseline, in points from the page's top-left corner.
    left: f64,
    right: f64,
    top: f64,
    /// Font size in points.
    size: f64,
}

type Page = Vec<Line>;

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, String> {
    let doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| format!("not a readable PDF: {e}"))?;
    if doc.is_encrypted() {
        return Err("an encrypted PDF: cannot read its text".into());
    }
    let count = doc.get_pages().len();
    if count > MAX_PAGES {
        return Err(format!(
            "a PDF of {count} pages, over the limit of {MAX_PAGES}"
        ));
    }
    let mut sink = Glyphs::default();
    match pdf_extract::output_doc(&doc, &mut sink) {
        Ok(()) => {}
        Err(_) if sink.chars > MAX_CHARS => {
            return Err(format!(
                "a PDF with over {} million characters of text: refused",
                MAX_CHARS >> 20
            ));
        }
        Err(e) => return Err(format!("cannot read the PDF's text: {e:?}")),
    }
    sink.end_page().ok();
    Ok(sink.pages)
}

/// Collects the glyphs that `pdf-extract` reports into lines, page by page.
#[derive(Default)]
struct Glyphs {
    pages: Vec<Page>,
    lines: Vec<Line>,
    height: f64,
    chars: usize,
    open: bool,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.end_page()?;
        self.height = media_box.ury - media_box.lly;
        self.open = true;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if self.open {
            let mut lines = std::mem::take(&mut self.lines);
            lines.retain(|l| !l.text.trim().is_empty());
            // Reading order: top to bottom; lines that share a baseline, left to right.
            lines.sort_by(|a, b| {
                let same = (a.top - b.top).abs() < 0.3 * a.size.max(b.size);
                if same {
                    a.left.total_cmp(&b.left)
                } else {
                    a.top.total_cmp(&b.top)
                }
            });
            self.pages.push(lines);
            self.open = false;
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.chars += char.len();
        if self.chars > MAX_CHARS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, top) = (trm.m31, self.height - trm.m32);
        if !(x.is_finite() && top.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let right = x + width * size;
        // Control characters (a NUL from a broken font map) are no text.
        let char: String = char.chars().filter(|c| !c.is_control()).collect();
        let char = char.as_str();
        let Some(c) = char.chars().next() else {
            return Ok(());
        };
        if let Some(line) = self.lines.last_mut()
            && (line.top - top).abs() < 0.5 * size.max(line.size)
            && x > line.left - size
        {
            let gap = x - line.right;
            let cjk_side = is_cjk(c) || line.text.chars().last().is_some_and(is_cjk);
            // A space is a gap of about a quarter em; next to Chinese, layout engines add
            // small gaps of their own (LibreOffice's Asian–Latin spacing), not spaces.
            let space = if cjk_side { 0.45 } else { 0.15 } * size;
            if gap > space && !line.text.ends_with(' ') && !char.starts_with(' ') {
                line.text.push(' ');
            }
            line.text.push_str(char);
            line.right = line.right.max(right);
            return Ok(());
        }
        self.lines.push(Line {
            text: char.to_string(),
            left: x,
            right,
            top,
            size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn is_cjk(c: char) -> bool {
    crate::script::is_han(c)
        || matches!(c as u32, 0x3000..=0x30FF | 0xFF00..=0xFFEF | 0xAC00..=0xD7AF)
}

/// The pages' lines as paragraphs, without the lines that repeat at the top or bottom of
/// the pages.
fn layout(pages: &[Page]) -> String {
    let furniture = running_lines(pages);
    let mut paragraphs: Vec<String> = Vec::new();
    // The previous line kept, and whether it ended its paragraph.
    let mut previous: Option<(Line, bool)> = None;
    for (p, page) in pages.iter().enumerate() {
        let kept: Vec<&Line> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| !furniture.contains(&(p, *i)))
            .map(|(_, l)| l)
            .collect();
        let Some(margin) = kept.iter().map(|l| l.left).reduce(f64::min) else {
            continue;
        };
        let right = kept.iter().map(|l| l.right).fold(f64::MIN, f64::max);
        for (i, line) in kept.iter().enumerate() {
            let text = line.text.trim();
            // A line ends its paragraph when it stops well short of the right margin, when
            // the next one is indented or set apart by a gap, or when it is a heading.
            let next = kept.get(i + 1);
            let short = line.right < right - 2.0 * line.size;
            let gap = next.is_some_and(|n| {
                n.top - line.top > 1.8 * line.size.max(n.size)
                    || (n.size - line.size).abs() > 0.15 * line.size
            });
            // A centred line (a title) goes on in the next centred line of its size.
            let centred = |l: &Line| {
                l.left > margin + 0.5 * l.size
                    && ((l.left - margin) - (right - l.right)).abs() < 2.0 * l.size
            };
            // A first-line indent starts a paragraph; a centred line does not say so.
            let indented = next.is_some_and(|n| n.left > margin + 0.8 * n.size && !centred(n));
            let ends = if centred(line) {
                !next.is_some_and(|n| centred(n) && !gap)
            } else {
                short || gap || indented || line.left > margin + 2.0 * line.size
            };
            match previous.take() {
                Some((_, false)) if !starts_heading(text) => {
                    let last = paragraphs.last_mut().expect("a paragraph is open");
                    join(last, text);
                }
                _ => paragraphs.push(text.to_string()),
            }
            previous = Some(((*line).clone(), ends));
        }
    }
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

/// Appends a wrapped line to its paragraph: Chinese without a space, other text with one,
/// `coop-` + `eration` as `cooperation`.
fn join(paragraph: &mut String, line: &str) {
    let last = paragraph.chars().last();
    let first = line.chars().next();
    let (Some(last), Some(first)) = (last, first) else {
        paragraph.push_str(line);
        return;
    };
    if last == '-'
        && paragraph
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphabetic)
    {
        // A word broken by the layout loses its hyphen; `self-` + `Government` keeps it.
        if first.is_lowercase() {
            paragraph.pop();
        }
        paragraph.push_str(line);
        return;
    }
    if !(is_cjk(last) || is_cjk(first)) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// A line that opens an article (`一、`, `（三）`, `第五条`, `Article 4`, `2.`): it starts a
/// paragraph even when the line before it fills the measure.
fn starts_heading(line: &str) -> bool {
    use std::sync::LazyLock;
    static HEADING: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百千零〇0-9]+[条章节款]|(?i:article|chapter|section)\s+[0-9IVXLC]+\b|[0-9]{1,3}[.、]\s)",
        )
        .expect("regex")
    });
    HEADING.is_match(line)
}

/// (page, line) of the running headers, footers and page numbers: among the first and last
/// two lines of each page, those whose text (digits aside) recurs at the same edge on at
/// least half of the pages, and lone page numbers.
fn running_lines(pages: &[Page]) -> Vec<(usize, usize)> {
    // The text with its digits masked, and where it stands: a running header is the same
    // words in the same place.
    let key = |l: &Line| -> String {
        let words: String = l
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        format!("{words}@{}", (l.top / 6.0).round())
    };
    let edges = |page: &Page| -> Vec<(usize, bool)> {
        let n = page.len();
        let mut v: Vec<(usize, bool)> = (0..n.min(2)).map(|i| (i, true)).collect();
        v.extend(
            (n.saturating_sub(2)..n)
                .filter(|&i| i >= 2)
                .map(|i| (i, false)),
        );
        v
    };
    // For each key: on how many pages, and the texts it had (a page number changes).
    let mut counts: std::collections::HashMap<(String, bool), (usize, HashSet<String>)> =
        Default::default();
    for page in pages {
        let mut seen = HashSet::new();
        for (i, top) in edges(page) {
            let k = (key(&page[i]), top);
            if seen.insert(k.clone()) {
                let entry = counts.entry(k).or_default();
                entry.0 += 1;
                if entry.1.len() < 2 {
                    entry.1.insert(page[i].text.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    if pages.len() < 2 {
        return out;
    }
    let needed = pages.len().div_ceil(2).max(2);
    for (p, page) in pages.iter().enumerate() {
        for (i, top) in edges(page) {
            let line = &page[i];
            let (count, texts) = counts
                .get(&(key(line), top))
                .map_or((0, 0), |(n, t)| (*n, t.len()));
            // Repeated on half the pages; or a chapter's header whose page number changes
            // (`Chapter 2: Scope 3`, `… 4`), which an article heading at the top of two
            // pages must not be taken for.
            let running =
                count >= needed || (count >= 2 && texts >= 2 && !is_bare_heading(line.text.trim()));
            if running || is_page_number(&line.text) {
                out.push((p, i));
            }
        }
    }
    out
}

/// A line that is only an article's label: `Article 5`, `第五条`, `12.`.
fn is_bare_heading(text: &str) -> bool {
    starts_heading(text) && text.split_whitespace().count() <= 2 && text.chars().count() <= 16
}

/// `7`, `- 7 -`, `— 7 —`, `Page 7`, `Page 7 of 12`, `7/12`, `第7页`, `第 7 页 共 12 页`.
fn is_page_number(text: &str) -> bool {
    use std::sync::LazyLock;
    static PAGE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?i:[-–—\s]*(?:page\s*)?[0-9]{1,4}(?:\s*(?:/|of)\s*[0-9]{1,4})?[-–—\s]*|第\s*[0-9]{1,4}\s*页(?:\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?)$",
        )
        .expect("regex")
    });
    PAGE.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, left: f64, right: f64, top: f64) -> Line {
        Line {
            text: text.into(),
            left,
            right,
            top,
            size: 12.0,
        }
    }

    #[test]
    fn wrapped_lines_join_and_paragraphs_stay_apart() {
        let page = vec![
            line("Joint Statement", 200.0, 400.0, 50.0),
            line("The two sides agree to deepen coop-", 72.0, 520.0, 100.0),
            line("eration under the Belt and", 72.0, 520.0, 114.0),
            line("Road Initiative.", 72.0, 200.0, 128.0),
            line("Article 2", 72.0, 140.0, 142.0),
            line(
                "双方同意加强发展战略对接，深化共建“一带一",
                72.0,
                520.0,
                156.0,
            ),
            line("路”合作。", 72.0, 150.0, 170.0),
            line("Well-known self-", 72.0, 520.0, 184.0),
            line("Government of X.", 72.0, 200.0, 198.0),
        ];
        assert_eq!(
            layout(&[page]),
            "Joint Statement\n\nThe two sides agree to deepen cooperation under the Belt and \
             Road Initiative.\n\nArticle 2\n\n双方同意加强发展战略对接，深化共建“一带一路”合作。\
             \n\nWell-known self-Government of X.\n"
        );
    }

    #[test]
    fn a_heading_starts_a_paragraph_after_a_full_line() {
        let page = vec![
            line(
                "二、双方同意加强发展战略对接，深化共建合作。",
                72.0,
                520.0,
                100.0,
            ),
            line("三、双方愿加强人文交流。", 72.0, 300.0, 114.0),
        ];
        assert_eq!(
            layout(&[page]),
            "二、双方同意加强发展战略对接，深化共建合作。\n\n三、双方愿加强人文交流。\n"
        );
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped() {
        let page = |n: usize| {
            let word = ["zero", "one", "two", "three"][n];
            vec![
                line("China–Belarus Joint Statement", 200.0, 400.0, 30.0),
                line(
                    &format!("Body text of page {word} runs to the end of the"),
                    72.0,
                    520.0,
                    100.0,
                ),
                line(
                    &format!("line and stops on page {word}."),
                    72.0,
                    300.0,
                    114.0,
                ),
                line(&format!("- {n} -"), 290.0, 310.0, 800.0),
            ]
        };
        let text = layout(&[page(1), page(2), page(3)]);
        assert!(!text.contains("China–Belarus"), "{text}");
        assert!(!text.contains("- 2 -"), "{text}");
        assert!(
            text.contains(
                "Body text of page two runs to the end of the line and stops on page two."
            )
        );
        // One page: nothing repeats, the heading line stays.
        let text = layout(&[page(1)[..3].to_vec()]);
        assert!(
            text.starts_with("China–Belarus Joint Statement\n\n"),
            "{text}"
        );
    }

    #[test]
    fn chapter_headers_with_page_numbers_are_dropped_but_not_articles() {
        let page = |head: &str, body: &str| {
            vec![
                line(head, 72.0, 520.0, 30.0),
                line(body, 72.0, 300.0, 100.0),
            ]
        };
        let text = layout(&[
            page("Chapter 2: Scope 3", "First body."),
            page("Chapter 2: Scope 4", "Second body."),
            page("Article 5", "Third body."),
            page("Article 6", "Fourth body."),
            page("Chapter 3: Terms 7", "Fifth body."),
        ]);
        assert!(!text.contains("Chapter 2"), "{text}");
        assert!(
            text.contains("Article 5") && text.contains("Article 6"),
            "{text}"
        );
    }

    #[test]
    fn text_without_a_unicode_map_is_refused() {
        assert!(unmapped("\u{FFFD}\u{FFFD}\u{E001}\u{E002} ab").is_some());
        assert!(unmapped("Article 1 \u{FFFD} the Parties").is_none());
        assert!(unmapped("联合声明").is_none());
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "7",
            "- 7 -",
            "— 12 —",
            "Page 3",
            "page 3 of 12",
            "3/12",
            "第3页",
            "第 3 页 共 9 页",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["Article 7", "2024-04-10", "一、", "7 April", "第三条", "-"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn refuses_bombs_and_garbage() {
        let mut bomb = b"%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream\n".to_vec();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(MAX_STREAM_BYTES >> 20) + 1 {
            std::io::Write::write_all(&mut z, &zeros).unwrap();
        }
        bomb.extend(z.finish().unwrap());
        bomb.extend(b"\nendstream endobj\n");
        assert!(to_text(&bomb).unwrap_err().contains("bomb"));
        let err = to_text(b"%PDF-1.7\nnot really a pdf").unwrap_err();
        assert!(err.contains("PDF"), "{err}");
    }
}
