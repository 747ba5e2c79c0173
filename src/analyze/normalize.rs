//! Text normalization shared by every analyzer: NFKC and lowercasing, with a map from the
//! normalized text back to the original, so that tokens found in the normalized text carry
//! byte offsets into the text the user sees.
//!
//! Normalization is per character (NFKC of each `char`): full-width `ＡＰＥＣ` and `１２３`
//! become ASCII, compatibility ideographs become their unified form, case is folded, and
//! traditional Chinese characters become simplified (fast2s: one character for one). It must
//! never change the original text, only the view analyzers work on.
//!
//! It runs on every clause at index time, so the common characters take short cuts that give
//! the same result as the full NFKC (a test checks every `char`): ASCII, the CJK ideograph
//! blocks (already normalized, caseless) and the full-width ASCII forms; and the map back to
//! the original records only the characters whose bytes changed, not every byte.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The normalized view of a text.
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// The characters whose normalized bytes differ from their original bytes, in order.
    /// Between two of them, normalized and original bytes correspond one to one (ASCII case
    /// folding keeps lengths).
    changes: Vec<Change>,
}

/// One character whose normalization changed its bytes: its normalized byte range and its
/// original byte range.
struct Change {
    norm: (usize, usize),
    orig: (usize, usize),
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut changes = Vec::new();
        for (start, c) in original.char_indices() {
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
                continue;
            }
            if is_stable(c) {
                text.push(c);
                continue;
            }
            let from = text.len();
            normalize_char(c, |n| text.push(n));
            let end = start + c.len_utf8();
            if text[from..] != original[start..end] {
                changes.push(Change {
                    norm: (from, text.len()),
                    orig: (start, end),
                });
            }
        }
        fold_traditional(&mut text, &mut changes);
        Normalized { text, changes }
    }

    /// The original byte range covering normalized bytes `[from, to)` (both on character
    /// boundaries of the normalized text).
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        debug_assert!(from < to && to <= self.text.len());
        (self.origin(from).0, self.origin(to - 1).1)
    }

    /// The original byte range of the character that normalized byte `at` comes from (for a
    /// byte of an unchanged character: that byte alone).
    fn origin(&self, at: usize) -> (usize, usize) {
        let i = self.changes.partition_point(|c| c.norm.0 <= at);
        let Some(change) = i.checked_sub(1).map(|i| &self.changes[i]) else {
            return (at, at + 1);
        };
        if at < change.norm.1 {
            return change.orig;
        }
        let orig = change.orig.1 + (at - change.norm.1);
        (orig, orig + 1)
    }
}

/// Characters that NFKC and lowercasing leave alone and that are common enough to skip the
/// lookups: the CJK Unified Ideographs (main block and extension A).
#[inline]
fn is_stable(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The NFKC form of `c`, lowercased, one `char` at a time into `out`.
#[inline]
pub fn normalize_char(c: char, mut out: impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if is_stable(c) {
        out(c);
    } else if let '\u{FF01}'..='\u{FF5E}' = c {
        // Full-width ASCII: NFKC maps U+FF01..U+FF5E to U+0021..U+007E.
        let ascii = char::from((c as u32 - 0xFEE0) as u8);
        out(ascii.to_ascii_lowercase());
    } else if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
        c.to_lowercase().for_each(out);
    } else {
        for n in std::iter::once(c).nfkc() {
            n.to_lowercase().for_each(&mut out);
        }
    }
}

/// Traditional characters become simplified (`一帶一路` → `一带一路`), character by character
/// so that offsets keep pointing at the original: fast2s maps one character to one, and a
/// folded character is recorded as a change (a mapping that would change its length in
/// UTF-8 is not applied, so the one-to-one stretches between changes stay exact).
fn fold_traditional(text: &mut String, changes: &mut Vec<Change>) {
    if text.is_ascii() {
        return;
    }
    let folded = fast2s::convert(text);
    if folded == *text {
        return;
    }
    let view = Normalized {
        text: std::mem::take(text),
        changes: std::mem::take(changes),
    };
    let mut out = String::with_capacity(view.text.len());
    let mut added = Vec::new();
    for ((i, c), f) in view.text.char_indices().zip(folded.chars()) {
        if c != f && c.len_utf8() == f.len_utf8() {
            let (start, end) = view.origin(i);
            let already = view
                .changes
                .iter()
                .any(|ch| ch.norm.0 <= i && i < ch.norm.1);
            if !already {
                // An unchanged character maps byte for byte: its original is as long as it is.
                added.push(Change {
                    norm: (i, i + f.len_utf8()),
                    orig: (start, start + c.len_utf8().max(end - start)),
                });
            }
            out.push(f);
        } else {
            out.push(c);
        }
    }
    let mut merged = view.changes;
    merged.extend(added);
    merged.sort_by_key(|ch| ch.norm.0);
    *text = out;
    *changes = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the short cuts must agree with.
    fn reference(c: char) -> String {
        std::iter::once(c)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn short_cuts_agree_with_nfkc_on_every_char() {
        let mut out = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            out.clear();
            normalize_char(c, |n| out.push(n));
            assert_eq!(out, reference(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn full_width_folds_to_ascii_and_maps_back() {
        let original = "ＢＥＬＴ１９９２年";
        let n = Normalized::new(original);
        assert_eq!(n.text, "belt1992年");
        // "belt" covers the four full-width letters (3 bytes each).
        assert_eq!(n.original_span(0, 4), (0, 12));
        assert_eq!(
            &original[n.original_span(4, 8).0..n.original_span(4, 8).1],
            "１９９２"
        );
        assert_eq!(n.original_span(8, 11), (24, 27));
    }

    #[test]
    fn traditional_folds_to_simplified_with_original_offsets() {
        let original = "中華人民共和國「一帶一路」";
        let n = Normalized::new(original);
        assert_eq!(n.text, "中华人民共和国「一带一路」");
        let (s, e) = n.original_span(
            n.text.find("一带").unwrap(),
            n.text.find("一路").unwrap() + "一路".len(),
        );
        assert_eq!(&original[s..e], "一帶一路");
    }

    #[test]
    fn ascii_is_lowercased_in_place() {
        let n = Normalized::new("Belt and Road");
        assert_eq!(n.text, "belt and road");
        assert_eq!(n.original_span(9, 13), (9, 13));
    }

    /// Spans as the per-byte map that the short cuts replace computed them.
    fn reference_spans(original: &str) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut origin = Vec::new();
        for (start, c) in original.char_indices() {
            let n = reference(c);
            origin.extend(std::iter::repeat_n((start, start + c.len_utf8()), n.len()));
            text.push_str(&n);
        }
        // Folding keeps every character's length, so the per-byte map stays as it is.
        let folded = fast2s::convert(&text);
        assert_eq!(folded.len(), text.len());
        (folded, origin)
    }

    #[test]
    fn spans_agree_with_a_per_byte_map() {
        for original in [
            "ＢＥＬＴ１９９２年",
            "“一带一路”倡议　（一）①㈠ﬁ ＡＰＥＣ İstanbul Ⅻ ㍿ 兀 中華人民共和國",
            "第十二条　本法自２０１９年１月１日起施行。",
            "",
            "ÅSTRÖM—Σίσυφος ǅ ß ﬀ",
        ] {
            let n = Normalized::new(original);
            let (text, origin) = reference_spans(original);
            assert_eq!(n.text, text);
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for (i, &from) in bounds.iter().enumerate() {
                for &to in &bounds[i + 1..] {
                    assert_eq!(
                        n.original_span(from, to),
                        (origin[from].0, origin[to - 1].1),
                        "{original:?} [{from}, {to})"
                    );
                }
            }
        }
    }
}
