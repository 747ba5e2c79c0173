//! Facts about scripts that parsing, analysis and similarity must agree on: which characters
//! are Han, and which language a text is written in. Pure functions over `char` and `&str`;
//! no tantivy, no I/O.

use crate::model::Lang;

/// True for the Han characters: those jieba segments and that count as Chinese.
///
/// The set is CJK Unified Ideographs (U+4E00–U+9FFF), Extension A (U+3400–U+4DBF), the CJK
/// Compatibility Ideographs (U+F900–U+FAFF), the supplementary ideographic plane up to the end
/// of the Compatibility Ideographs Supplement (U+20000–U+2FA1F: Extensions B–F) and the
/// ideographic number zero `〇` (U+3007), which writes years (`二〇二三年`). Extensions G and H
/// (plane 3) are left out: counting them would change how the analyzer cuts text, and so
/// every existing index.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{3007}')
}

/// Characters of a text looked at to tell its language: the start of a document says it.
const LANG_SAMPLE_CHARS: usize = 20_000;

/// The language of a text: Chinese when it has Han characters and they are at least a quarter
/// as many as the other letters (`2023年 APEC 会议` is Chinese, an English sentence quoting
/// `中白工业园` is not), else English. Only the first 20,000 characters are counted. One rule
/// for documents (`parse`) and pasted text (`similar TEXT`).
pub fn detect_lang(text: &str) -> Lang {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().take(LANG_SAMPLE_CHARS) {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if han > 0 && han * 4 >= letters {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters() {
        for c in ['中', '〇', '㐀', '丽', '𠀀', '鿿'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['A', '0', '，', '　', '。', 'の', '한', '\u{2FA20}'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn languages() {
        assert_eq!(detect_lang("反对外部势力干涉内政"), Lang::Zh);
        assert_eq!(detect_lang("opposes external interference"), Lang::En);
        assert_eq!(detect_lang("2023年 APEC 会议在旧金山举行"), Lang::Zh);
        assert_eq!(
            detect_lang("The 中白工业园 industrial park near Minsk"),
            Lang::En
        );
        assert_eq!(detect_lang("二〇二三年"), Lang::Zh);
        assert_eq!(detect_lang(""), Lang::En);
        assert_eq!(detect_lang("2023"), Lang::En);
    }
}
