//! What may reach a terminal from data: document text, titles and file names are untrusted,
//! and an escape sequence inside them (ESC, OSC, BEL, a carriage return) could retitle the
//! terminal, write its clipboard or overwrite what was printed. Text output shows such
//! characters escaped, as ripgrep and `ls` do with odd file names; JSON keeps the text exact
//! (serde_json escapes control characters itself). Pure: no I/O.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for a character that must not reach a terminal raw: C0 controls but the tab, DEL, C1
/// controls (U+0080–U+009F: a lone U+009B is CSI on some terminals), and the bidirectional
/// embedding, override and isolate controls that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character escaped: `\n`, `\r`, `\x1b`, `\u{202e}`. Borrowed when
/// there is nothing to escape (the usual case).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        let cases = [
            ("Belt and Road", "Belt and Road"),
            ("中华人民共和国\t白俄罗斯", "中华人民共和国\t白俄罗斯"),
            ("a\x1b]0;pwned\x07b", "a\\x1b]0;pwned\\x07b"),
            ("\x1b[2J", "\\x1b[2J"),
            ("name\nwith newline", "name\\nwith newline"),
            ("over\rwrite", "over\\rwrite"),
            ("del\x7f", "del\\x7f"),
            ("c1\u{9b}31m", "c1\\u{9b}31m"),
            ("abc\u{202e}fed", "abc\\u{202e}fed"),
            ("“一带一路”", "“一带一路”"),
        ];
        for (input, shown) in cases {
            assert_eq!(printable(input), shown, "{input:?}");
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(printable("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
