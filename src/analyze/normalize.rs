//! Text normalization shared by every analyzer: NFKC and lowercasing, with a map from each
//! byte of the normalized text back to the original, so that tokens found in the normalized
//! text carry byte offsets into the text the user sees.
//!
//! Normalization is per character (NFKC of each `char`): full-width `ＡＰＥＣ` and `１２３`
//! become ASCII, compatibility ideographs become their unified form, case is folded, and
//! traditional Chinese characters become simplified (fast2s: one character for one). It must
//! never change the original text, only the view analyzers work on.

use unicode_normalization::UnicodeNormalization;

/// The normalized view of a text.
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For every byte of `text`, the original byte range of the character it came from.
    origin: Vec<(u32, u32)>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut buf = [0u8; 4];
        for (start, c) in original.char_indices() {
            let end = (start + c.len_utf8()) as u32;
            let start = start as u32;
            if c.is_ascii() {
                let lower = c.to_ascii_lowercase();
                text.push(lower);
                origin.push((start, end));
                continue;
            }
            for n in std::iter::once(c).nfkc() {
                for l in n.to_lowercase() {
                    text.push_str(l.encode_utf8(&mut buf));
                    origin.extend(std::iter::repeat_n((start, end), l.len_utf8()));
                }
            }
        }
        fold_traditional(&mut text, &mut origin);
        Normalized { text, origin }
    }

    /// The original byte range covering normalized bytes `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        debug_assert!(from < to && to <= self.origin.len());
        (self.origin[from].0 as usize, self.origin[to - 1].1 as usize)
    }
}

/// Traditional characters become simplified (`一帶一路` → `一带一路`), character by character
/// so that offsets keep pointing at the original. fast2s maps one character to one character;
/// where a mapped character is longer or shorter in UTF-8, the byte map is rebuilt.
fn fold_traditional(text: &mut String, origin: &mut Vec<(u32, u32)>) {
    if text.is_ascii() {
        return;
    }
    let folded = fast2s::convert(text);
    if folded == *text {
        return;
    }
    if folded.len() != text.len() {
        let mut remapped = Vec::with_capacity(folded.len());
        for ((i, before), after) in text.char_indices().zip(folded.chars()) {
            remapped.extend(std::iter::repeat_n(origin[i], after.len_utf8()));
            debug_assert!(before.len_utf8() > 0);
        }
        *origin = remapped;
    }
    *text = folded;
}

/// True for the characters that are segmented by jieba: CJK ideographs (and `〇`).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
