//! Paragraph segmentation: the text of a document cut into paragraphs with their byte spans and
//! line numbers, page boilerplate removed.
//!
//! A paragraph is a line, or a piece of a line between runs of full-width spaces: pages copied
//! from Chinese ministry websites often put a whole statement on one line and start each
//! paragraph with `　　` (two U+3000).

use std::sync::LazyLock;

use regex::Regex;

/// One paragraph of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte span in the document text, trimmed of whitespace.
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
}

impl Segment {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Whitespace as it appears in these documents: ASCII, U+3000, no-break space, BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}'
}

/// Ends like a sentence (closing quotes and brackets aside).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| is_space(c) || "\"'”’」』)）]】".contains(c));
    t.ends_with(['.', '。', '!', '！', '?', '？', ';', '；'])
}

/// Website furniture that is not content: font-size switchers, print and close links.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\[【]\s*字体[:：]?\s*大\s*中\s*小\s*[\]】]|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\]",
    )
    .expect("boilerplate pattern")
});

/// The paragraphs of `text[body_start..]`; line numbers count from the top of `text`.
pub fn segments(text: &str, body_start: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    each_paragraph(text, body_start, &mut |s| out.push(s));
    capped(text, out)
}

/// `segments` with the paragraphs longer than [`MAX_SEGMENT_BYTES`] cut.
fn capped(text: &str, segments: Vec<Segment>) -> Vec<Segment> {
    if segments.iter().any(|s| s.end - s.start > MAX_SEGMENT_BYTES) {
        segments
            .into_iter()
            .flat_map(|s| cap_length(text, s))
            .collect()
    } else {
        segments
    }
}

/// A document of more paragraphs than this is read in clauses of several paragraphs each:
/// every paragraph costs the parser and the indexer a few hundred bytes, and a file of
/// millions of one-line items (5 MB of `1、`) took gigabytes. The largest development document
/// has 7 888 paragraphs.
pub const MAX_PARAGRAPHS: usize = 100_000;

/// Paragraphs at the top of a document read in merged clauses that stay as they are: its
/// title, the dates under it.
const HEADER_PARAGRAPHS: usize = 16;

/// The paragraphs of a document, at most about [`MAX_PARAGRAPHS`] of them.
#[derive(Debug)]
pub struct Bounded {
    pub segments: Vec<Segment>,
    /// Paragraphs in the text.
    pub paragraphs: usize,
    /// Paragraphs merged into one segment at most (1: none merged).
    pub merged: usize,
}

/// [`segments`], or, past `max` paragraphs, the paragraphs after the first few merged in runs
/// of consecutive ones (a segment then spans several lines), so that there are about `max`
/// segments whatever the length of the text. A merged segment is never longer than
/// [`MAX_SEGMENT_BYTES`] unless one paragraph is.
pub fn bounded(text: &str, body_start: usize, max: usize) -> Bounded {
    let max = max.max(HEADER_PARAGRAPHS + 1);
    let mut out = Vec::new();
    let mut paragraphs = 0usize;
    each_paragraph(text, body_start, &mut |s| {
        paragraphs += 1;
        if out.len() <= max {
            out.push(s);
        }
    });
    if paragraphs <= max {
        return Bounded {
            segments: capped(text, out),
            paragraphs,
            merged: 1,
        };
    }
    let merged = (paragraphs - HEADER_PARAGRAPHS).div_ceil(max - HEADER_PARAGRAPHS);
    out.clear();
    out.shrink_to(max + max / 4);
    let (mut seen, mut run, mut current) = (0usize, 0usize, None::<Segment>);
    each_paragraph(text, body_start, &mut |s| {
        seen += 1;
        if seen <= HEADER_PARAGRAPHS {
            out.push(s);
            return;
        }
        match &mut current {
            Some(c) if run < merged && s.end - c.start <= MAX_SEGMENT_BYTES => {
                c.end = s.end;
                run += 1;
            }
            _ => {
                out.extend(current.replace(s));
                run = 1;
            }
        }
    });
    out.extend(current);
    Bounded {
        segments: capped(text, out),
        paragraphs,
        merged,
    }
}

/// Hands every paragraph of `text[body_start..]` to `out`, in order.
fn each_paragraph(text: &str, body_start: usize, out: &mut dyn FnMut(Segment)) {
    let first_line = 1 + text[..body_start].matches('\n').count();
    let mut offset = body_start;
    for (line, raw_line) in (first_line..).zip(text[body_start..].split_inclusive('\n')) {
        split_line(text, offset, offset + raw_line.len(), line, out);
        offset += raw_line.len();
    }
}

/// A paragraph longer than this (a file with no line breaks, a table flattened to one line)
/// is cut into clauses of at most this size: a hit shows a readable clause, and the parser's
/// work per clause stays bounded. Of the 986 development documents, 7 paragraphs are longer
/// (OCR of treaties that lost its line breaks).
pub const MAX_SEGMENT_BYTES: usize = 8 * 1024;

/// `seg` in pieces of at most [`MAX_SEGMENT_BYTES`], each ending after a sentence when one
/// ends in the second half of the piece, else after a space, else at a character boundary.
fn cap_length(text: &str, seg: Segment) -> Vec<Segment> {
    let mut pieces = Vec::new();
    let mut start = seg.start;
    while seg.end - start > MAX_SEGMENT_BYTES {
        let mut limit = start + MAX_SEGMENT_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = window.len() / 2;
        let after = |i: usize, c: char| start + i + c.len_utf8();
        let cut = window
            .char_indices()
            .rev()
            .take_while(|&(i, _)| i >= half)
            .find(|&(_, c)| matches!(c, '。' | '；' | '！' | '？' | '.' | ';' | '!' | '?'))
            .or_else(|| window.char_indices().rev().find(|&(_, c)| is_space(c)))
            .map_or(limit, |(i, c)| after(i, c));
        let cut = if cut <= start { limit } else { cut };
        push_trimmed(text, start, cut, seg.line, &mut |s| pieces.push(s));
        start = cut;
    }
    push_trimmed(text, start, seg.end, seg.line, &mut |s| pieces.push(s));
    pieces
}

/// Splits one line at paragraph breaks (whitespace runs holding two or more U+3000) and at
/// boilerplate, pushing the non-empty pieces.
fn split_line(text: &str, start: usize, end: usize, line: usize, out: &mut dyn FnMut(Segment)) {
    let line_text = &text[start..end];
    let mut piece_start = 0;
    let mut chars = line_text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_space(c) {
            continue;
        }
        let mut run_end = i + c.len_utf8();
        let mut ideographic = usize::from(c == '\u{3000}');
        while let Some(&(j, d)) = chars.peek() {
            if !is_space(d) {
                break;
            }
            ideographic += usize::from(d == '\u{3000}');
            run_end = j + d.len_utf8();
            chars.next();
        }
        if ideographic >= 2 {
            push_piece(text, start + piece_start, start + i, line, out);
            piece_start = run_end;
        }
    }
    push_piece(text, start + piece_start, end, line, out);
}

/// Pushes `text[start..end]` without its boilerplate, trimmed, if anything is left.
fn push_piece(text: &str, start: usize, end: usize, line: usize, out: &mut dyn FnMut(Segment)) {
    let mut from = start;
    for m in BOILERPLATE.find_iter(&text[start..end]) {
        push_trimmed(text, from, start + m.start(), line, out);
        from = start + m.end();
    }
    push_trimmed(text, from, end, line, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, line: usize, out: &mut dyn FnMut(Segment)) {
    let piece = &text[start..end];
    let trimmed_start = piece.trim_start_matches(is_space);
    let s = start + (piece.len() - trimmed_start.len());
    let e = s + trimmed_start.trim_end_matches(is_space).len();
    if s < e {
        out(Segment {
            start: s,
            end: e,
            line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, usize)> {
        segments(text, 0)
            .into_iter()
            .map(|s| (s.text(text), s.line))
            .collect()
    }

    #[test]
    fn lines_are_paragraphs() {
        assert_eq!(
            texts("Title\r\n\r\n  First.\n\nSecond.\n"),
            [("Title", 1), ("First.", 3), ("Second.", 5)]
        );
    }

    #[test]
    fn double_ideographic_spaces_split_a_line() {
        assert_eq!(
            texts("标题\u{3000}\u{3000}第一段。\u{3000}\u{3000}第二段。"),
            [("标题", 1), ("第一段。", 1), ("第二段。", 1)]
        );
        // A single U+3000 with ASCII spaces is layout inside a paragraph.
        assert_eq!(texts("主席\u{3000}  总统"), [("主席\u{3000}  总统", 1)]);
    }

    #[test]
    fn boilerplate_is_removed() {
        assert_eq!(
            texts("声明（全文）2013-07-17[字体：大 中 小]      打印本页\u{3000}\u{3000}正文。"),
            [("声明（全文）2013-07-17", 1), ("正文。", 1)]
        );
    }

    #[test]
    fn line_numbers_count_from_the_top() {
        let text = "---\ntitle: x\n---\nbody\n";
        let body = text.find("body").unwrap();
        assert_eq!(segments(text, body)[0].line, 4);
    }

    #[test]
    fn a_paragraph_with_no_end_is_cut_into_bounded_clauses() {
        let words = "cooperation in trade and energy ".repeat(2_000);
        let text = format!("Title\n{words}Last sentence. {}", "中文".repeat(5_000));
        let segs = segments(&text, 0);
        assert!(segs.len() > 8, "{}", segs.len());
        let mut last = 0;
        for s in &segs {
            assert!(s.end - s.start <= MAX_SEGMENT_BYTES);
            assert!(
                s.start >= last && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
            );
            last = s.end;
        }
        // Nothing is lost: the pieces hold every word.
        let dense = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = segs.iter().map(|s| dense(s.text(&text))).collect();
        assert_eq!(joined, dense(&text));
        assert!(segs[1..].iter().all(|s| s.line == 2));
    }
}
