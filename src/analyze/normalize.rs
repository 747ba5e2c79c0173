//! Text normalization shared by every analyzer: NFKC and lowercasing, with a map from each
//! byte of the normalized text back to the original, so that tokens found in the normalized
//! text carry byte offsets into the text the user sees.
//!
//! Normalization is per character (NFKC of each `char`): full-width `ＡＰＥＣ` and `１２３`
//! become ASCII, compatibility ideographs become their unified form, case is folded. It must
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
        Normalized { text, origin }
    }

    /// The original byte range covering normalized bytes `[from, to)`.
    pub fn original_span(&self, from: usize, to: usize) -> (usize, usize) {
        debug_assert!(from < to && to <= self.origin.len());
        (self.origin[from].0 as usize, self.origin[to - 1].1 as usize)
    }
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
    fn ascii_is_lowercased_in_place() {
        let n = Normalized::new("Belt and Road");
        assert_eq!(n.text, "belt and road");
        assert_eq!(n.original_span(9, 13), (9, 13));
    }
}
