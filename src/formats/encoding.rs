//! Bytes of a text file → a `String`: Unicode (UTF-8, UTF-16 with or without a byte-order
//! mark) or a legacy encoding that the bytes themselves prove; otherwise an error that names
//! the reason. Never a guess in silence: a Latin-1 page read as GB18030 comes out as
//! "R閜ublique", which no query finds and no reader can cite.
//!
//! The legacy encoding is detected by `chardetng` (Firefox's detector) and then checked here:
//! the bytes must decode without a single error, the characters they give must belong to the
//! scripts that encoding is for, and there must be enough of them to tell (short files are
//! where every detector guesses). A file that mixes UTF-8 with another encoding is refused.

use encoding_rs::Encoding;

/// Decodes the bytes of a text file; the error says why it is not text (or not readable).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // A byte-order mark says nothing about NUL bytes: a binary file can start with one
        // (found by the `decode` fuzz target).
        if rest.contains(&0) {
            return Err("contains NUL bytes: a binary file, not text".into());
        }
        return String::from_utf8(rest.to_vec()).map_err(|e| {
            format!(
                "has a UTF-8 byte-order mark but invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to() + 3
            )
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16BE");
    }
    if let Some(what) = binary_format(bytes) {
        return Err(format!("{what} (whatever its name says), not text"));
    }
    if let Some(text) = bomless_utf16(bytes) {
        return text;
    }
    if bytes.contains(&0) {
        return Err("contains NUL bytes: a binary file, not text".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(utf8) => legacy(bytes, utf8.valid_up_to()),
    }
}

/// The format of a file that starts with the signature of a well-known binary format.
pub fn binary_format(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a zip archive (or a .docx, .odt or .epub)"),
        (b"\x1F\x8B", "a gzip archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Word or Excel file",
        ),
        (b"{\\rtf", "an RTF file"),
        (b"\x7FELF", "a program"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

pub fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("{name} text with an odd number of bytes"));
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| {
            format!(
                "invalid {name}: unpaired surrogate {:#06x}",
                e.unpaired_surrogate()
            )
        })?;
    if let Some(c) = text.chars().find(|&c| c == '\0') {
        return Err(format!("{name} text with a NUL character ({:?})", c));
    }
    Ok(text)
}

/// UTF-16 saved without a byte-order mark (Windows tools do it): text that is mostly ASCII
/// has a zero in every other byte, on the same side. `None` when the bytes do not look so.
fn bomless_utf16(bytes: &[u8]) -> Option<Result<String, String>> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = sample.len() / 2;
    // Little-endian ASCII: `A\0B\0` (zeros at odd offsets), big-endian the other way round.
    if odd * 10 >= pairs * 3 && even == 0 {
        Some(decode_utf16(
            bytes,
            u16::from_le_bytes,
            "UTF-16LE (no byte-order mark)",
        ))
    } else if even * 10 >= pairs * 3 && odd == 0 {
        Some(decode_utf16(
            bytes,
            u16::from_be_bytes,
            "UTF-16BE (no byte-order mark)",
        ))
    } else {
        None
    }
}

/// Fewer characters outside ASCII than this, in a file that is not UTF-8, do not tell a
/// multi-byte encoding apart from another: two Han characters in GBK are two Hangul in EUC-KR
/// and a kanji pair in Shift-JIS.
const MIN_CJK_EVIDENCE: usize = 8;

/// Below this many characters outside ASCII, East Asian bytes that another East Asian
/// encoding reads as plausible text are refused as ambiguous.
const CJK_RIVAL_CHARS: usize = 200;

/// Fewer letters than this in a script other than Latin, in a single-byte encoding, do not
/// tell Cyrillic from Hebrew or Greek (short Russian texts read as windows-1255 otherwise).
const MIN_SCRIPT_EVIDENCE: usize = 40;

/// A file that is not UTF-8: the legacy encoding its bytes prove, decoded, or why not.
fn legacy(bytes: &[u8], valid_up_to: usize) -> Result<String, String> {
    if let Some(line) = utf8_line(bytes) {
        return Err(format!(
            "mixes UTF-8 (line {line}) with another encoding (first byte that is not UTF-8 at \
             offset {valid_up_to}): save it in one encoding, UTF-8"
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GB18030 is the superset of GBK that Chinese government files are written in.
    let encoding = if guess == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        guess
    };
    let refuse = |why: String| {
        Err(format!(
            "not valid UTF-8 (first bad byte at offset {valid_up_to}) and {why}: convert it to UTF-8"
        ))
    };
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return refuse(format!(
            "not valid {} either (the closest guess)",
            encoding.name()
        ));
    };
    if let Err(why) = plausible(&text, encoding) {
        return refuse(format!("its encoding cannot be told for sure ({why})"));
    }
    match rival(bytes, &text, encoding) {
        None => Ok(text.into_owned()),
        Some(Rival::Better(better)) => Ok(better),
        Some(Rival::Equal(other)) => refuse(format!(
            "its encoding cannot be told for sure (it reads as {} and as {})",
            encoding.name(),
            other.name()
        )),
    }
}

/// Another reading of the same bytes.
enum Rival {
    /// As plausible as the detector's: the bytes are ambiguous.
    Equal(&'static Encoding),
    /// Chinese made of far more common characters than the detector's reading.
    Better(String),
}

/// Another encoding that reads the same bytes as different, equally plausible text: then the
/// detector's choice is a guess. East Asian encodings overlap on short texts (GBK bytes are
/// often valid EUC-KR or Big5); Latin pages overlap (`ê` in windows-1252 is `ę` in
/// windows-1250, and the detector picks the latter on some French texts).
fn rival(bytes: &[u8], text: &str, encoding: &'static Encoding) -> Option<Rival> {
    let rivals: &[&'static Encoding] = if is_cjk_encoding(encoding) {
        // At length the detector's statistics decide right (measured: QUALITY.md).
        if text
            .chars()
            .filter(|c| !c.is_ascii())
            .nth(CJK_RIVAL_CHARS)
            .is_some()
        {
            return None;
        }
        // A reading with kana or Hangul (required of those encodings, see `plausible`) is
        // more than GB18030, which reads almost any byte pairs as Han, can offer.
        if [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP].contains(&encoding) {
            &[encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP]
        } else if encoding == encoding_rs::EUC_KR {
            &[]
        } else {
            &[
                encoding_rs::GB18030,
                encoding_rs::BIG5,
                encoding_rs::SHIFT_JIS,
                encoding_rs::EUC_JP,
                encoding_rs::EUC_KR,
            ]
        }
    } else if encoding == encoding_rs::WINDOWS_1252 || !clean_latin(text) {
        // Cyrillic, Greek … readings are not Latin pages misread.
        &[]
    } else {
        &[encoding_rs::WINDOWS_1252]
    };
    let chinese = |e: &'static Encoding| [encoding_rs::GB18030, encoding_rs::BIG5].contains(&e);
    for &other in rivals {
        if other == encoding {
            continue;
        }
        let Some(reading) = other.decode_without_bom_handling_and_without_replacement(bytes) else {
            continue;
        };
        let credible = if is_cjk_encoding(other) {
            plausible(&reading, other).is_ok()
        } else {
            // `«version»` in windows-1252 has no accented word, yet is clean Latin text.
            clean_latin(&reading)
        };
        if reading == text || !credible {
            continue;
        }
        // GBK bytes are valid Big5 and the other way round; what tells them apart is that
        // one reading is everyday Chinese and the other a string of rare characters.
        if chinese(encoding) && chinese(other) {
            let (mine, theirs) = (common_han_share(text), common_han_share(&reading));
            if mine >= 0.6 && mine >= theirs + 0.25 {
                continue;
            }
            if theirs >= 0.6 && theirs >= mine + 0.25 {
                return Some(Rival::Better(reading.into_owned()));
            }
        }
        return Some(Rival::Equal(other));
    }
    None
}

/// The share of Han characters that are among the 3,755 most common ones (GB2312 level 1,
/// lead bytes B0–D7), traditional characters counted as their simplified forms. Everyday
/// Chinese scores above 0.8; bytes misread as Chinese score near what chance gives (~0.2).
fn common_han_share(text: &str) -> f64 {
    let han: String = text.chars().filter(|&c| crate::script::is_han(c)).collect();
    if han.is_empty() {
        return 0.0;
    }
    let simplified = fast2s::convert(&han);
    let mut buf = [0u8; 4];
    let (mut all, mut common) = (0usize, 0usize);
    for c in simplified.chars() {
        all += 1;
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        if !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) {
            common += 1;
        }
    }
    common as f64 / all as f64
}

fn is_cjk_encoding(encoding: &'static Encoding) -> bool {
    [
        encoding_rs::GB18030,
        encoding_rs::GBK,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&encoding)
}

/// The first line (1-based) that holds UTF-8 encoded text of some length, in bytes that are
/// not UTF-8 as a whole. Legacy bytes form a valid UTF-8 sequence now and then by chance
/// (GBK `一` is `D2 BB`), so only a line whose non-ASCII bytes are all valid UTF-8, at least
/// 6 of them, decoding to letters and CJK only, counts.
fn utf8_line(bytes: &[u8]) -> Option<usize> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .find(|(_, line)| {
            let Ok(text) = std::str::from_utf8(line) else {
                return false;
            };
            let non_ascii: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            let bytes_out = non_ascii.iter().map(|c| c.len_utf8()).sum::<usize>();
            bytes_out >= 6
                && non_ascii
                    .iter()
                    .all(|&c| is_cjk(c) || is_latin_letter(c) || is_common_punctuation(c))
        })
        .map(|(i, _)| i + 1)
}

/// Whether the decoded text is what the encoding is for: its non-ASCII characters belong to
/// the scripts of that encoding, with enough of them to tell.
fn plausible(text: &str, encoding: &'static Encoding) -> Result<(), String> {
    let non_ascii: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'))
    {
        return Err(format!(
            "as {} it holds the control character U+{:04X}",
            encoding.name(),
            c as u32
        ));
    }
    if is_cjk_encoding(encoding) {
        if non_ascii.len() < MIN_CJK_EVIDENCE {
            return Err(format!(
                "only {} characters outside ASCII, too few to tell {} from other East Asian \
                 encodings",
                non_ascii.len(),
                encoding.name()
            ));
        }
        // Japanese is never without kana, Korean hardly without Hangul: a "Japanese" or
        // "Korean" reading made only of Han characters is Chinese bytes misread.
        let share = |f: fn(char) -> bool| {
            non_ascii.iter().filter(|&&c| f(c)).count() as f64 / non_ascii.len() as f64
        };
        // Measured on gettext catalogues: Japanese text is ~40% kana, modern Korean ~95%
        // Hangul; GBK bytes read as EUC-KR give about 60% Hangul, as Shift_JIS few kana.
        let japanese = [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP].contains(&encoding);
        if japanese && share(is_kana) < 0.15 {
            return Err(format!("as {} it has too few kana", encoding.name()));
        }
        let letters = |c: char| is_hangul(c) || crate::script::is_han(c);
        let hangul = non_ascii.iter().filter(|&&c| is_hangul(c)).count() as f64;
        let korean_letters = non_ascii.iter().filter(|&&c| letters(c)).count().max(1) as f64;
        if encoding == encoding_rs::EUC_KR && hangul / korean_letters < 0.8 {
            return Err(format!("as {} it has too little Hangul", encoding.name()));
        }
        let fit = non_ascii
            .iter()
            .filter(|&&c| is_cjk(c) || is_common_punctuation(c))
            .count();
        if fit * 10 < non_ascii.len() * 9 {
            return Err(format!(
                "as {} only {fit} of {} characters outside ASCII are East Asian",
                encoding.name(),
                non_ascii.len()
            ));
        }
        return Ok(());
    }
    // A single-byte encoding: every byte is some character, so the evidence is the words.
    // In Latin scripts an accented letter sits in a word with plain letters ("République");
    // East Asian bytes read as Latin-1 give runs of accented letters alone ("ÖÐ¹ú").
    let mut words = 0;
    let mut mixed = 0;
    let mut foreign = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        // A one-letter word (French `à`) says nothing either way.
        if word.is_ascii() || word.chars().nth(1).is_none() {
            continue;
        }
        words += 1;
        if word.chars().any(|c| c.is_ascii_alphabetic()) {
            mixed += 1;
        }
        if word.chars().any(|c| !c.is_ascii() && !is_latin_letter(c)) {
            foreign += 1;
        }
    }
    let symbols = non_ascii
        .iter()
        .filter(|&&c| !c.is_alphabetic() && !is_common_punctuation(c))
        .count();
    if symbols * 10 > non_ascii.len() {
        return Err(format!(
            "as {} {symbols} of {} characters outside ASCII are symbols, not letters",
            encoding.name(),
            non_ascii.len()
        ));
    }
    if foreign == 0 {
        // Latin: there must be such words, and most accented words must be real words with
        // plain letters in them.
        if mixed == 0 {
            return Err(format!(
                "as {} no word has both accented and plain letters",
                encoding.name()
            ));
        }
        if mixed * 10 < words * 8 {
            return Err(format!(
                "as {} only {mixed} of {words} words with accented letters also have plain ones",
                encoding.name()
            ));
        }
        return Ok(());
    }
    // Cyrillic, Greek, Hebrew, Arabic … in a single-byte encoding: whole words in another
    // script; one script only, and enough of it to tell.
    let letters: Vec<char> = non_ascii
        .iter()
        .copied()
        .filter(|c| c.is_alphabetic())
        .collect();
    let script = |c: char| (c as u32) >> 7;
    let first = letters.first().map_or(0, |&c| script(c));
    if letters.len() < MIN_SCRIPT_EVIDENCE || letters.iter().any(|&c| script(c) != first) {
        return Err(format!(
            "as {} it would be {} letters of mixed or few scripts",
            encoding.name(),
            letters.len()
        ));
    }
    Ok(())
}

/// Text whose characters beyond ASCII are all Latin letters or common punctuation.
fn clean_latin(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii() && (!c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\x0C'))
            || is_latin_letter(c)
            || is_common_punctuation(c)
    })
}

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FF | 0xFF66..=0xFF9D)
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Han, kana, Hangul, CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    crate::script::is_han(c)
        || matches!(c as u32,
            0x3000..=0x30FF      // CJK punctuation, hiragana, katakana
            | 0x3100..=0x31FF    // bopomofo, Hangul compatibility jamo, kana extensions
            | 0x1100..=0x11FF    // Hangul jamo
            | 0xAC00..=0xD7AF    // Hangul syllables
            | 0xFF00..=0xFFEF    // full-width and half-width forms
            | 0x2460..=0x24FF    // circled numbers
            | 0x2160..=0x217F    // Roman numerals
            | 0x25A0..=0x25FF    // geometric shapes (□ ○ ●)
            | 0x2190..=0x21FF    // arrows
            | 0x0391..=0x03C9    // Greek and Cyrillic letters are in every CJK encoding
            | 0x0401..=0x0451
            | 0x00A4 | 0x00A7 | 0x00A8 | 0x00B0 | 0x00B1 | 0x00D7 | 0x00F7)
}

/// Letters of the Latin script beyond ASCII (accented letters, ligatures).
fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && matches!(c as u32, 0xAA | 0xB5 | 0xBA | 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// Punctuation and signs that text in any script uses.
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '“'
            | '”'
            | '„'
            | '–'
            | '—'
            | '…'
            | '•'
            | '·'
            | '°'
            | '§'
            | '¶'
            | '©'
            | '®'
            | '™'
            | '€'
            | '£'
            | '¥'
            | '¢'
            | '¡'
            | '¿'
            | 'ª'
            | 'º'
            | '±'
            | '×'
            | '÷'
            | '¹'
            | '²'
            | '³'
            | '¼'
            | '½'
            | '¾'
            | '\u{AD}'
            | '‰'
            | '†'
            | '‡'
            | '′'
            | '″'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} in {}", encoding.name());
        bytes.into_owned()
    }

    const FRENCH: &str = "Déclaration conjointe de la République populaire de Chine et de la \
        République française sur le renforcement du partenariat global stratégique. Fait à \
        Pékin, le 10 avril 2024, en deux exemplaires, en langues chinoise et française.";
    const GERMAN: &str = "Gemeinsame Erklärung über die Vertiefung der Zusammenarbeit. Beide \
        Seiten begrüßen die Fortschritte und würdigen die Ergebnisse.";
    const JAPANESE: &str = "日本国と中華人民共和国の間の平和友好条約。両締約国は、\
        主権及び領土保全の相互尊重、相互不可侵の諸原則の基礎の上に、恒久的な平和友好関係を発展させるものとする。";
    const CHINESE: &str = "中华人民共和国和白俄罗斯共和国关于进一步发展全面战略伙伴关系的联合声明。\
        双方一致认为，两国关系处于历史最好时期。";
    const TRADITIONAL: &str = "中華民國與友邦共同聲明。雙方重申加強經貿、文化及教育領域的合作，\
        並同意定期舉行部長級會議。";
    const KOREAN: &str = "대한민국과 중화인민공화국 간의 공동성명. 양측은 전략적 협력 동반자 \
        관계를 더욱 발전시키기로 합의하였다.";
    const RUSSIAN: &str = "Совместное заявление Российской Федерации и Китайской Народной \
        Республики о дальнейшем углублении отношений всеобъемлющего партнерства.";

    #[test]
    fn legacy_encodings_decode_right() {
        let cases: &[(&'static Encoding, &str)] = &[
            (encoding_rs::WINDOWS_1252, FRENCH),
            (encoding_rs::WINDOWS_1252, GERMAN),
            (encoding_rs::SHIFT_JIS, JAPANESE),
            (encoding_rs::EUC_JP, JAPANESE),
            (encoding_rs::GB18030, CHINESE),
            (encoding_rs::GBK, CHINESE),
            (encoding_rs::BIG5, TRADITIONAL),
            (encoding_rs::EUC_KR, KOREAN),
            (encoding_rs::WINDOWS_1251, RUSSIAN),
            (encoding_rs::KOI8_R, RUSSIAN),
        ];
        for &(encoding, text) in cases {
            let bytes = encode(encoding, text);
            assert_eq!(decode(&bytes).as_deref(), Ok(text), "{}", encoding.name());
        }
    }

    #[test]
    fn latin1_french_is_never_gb18030() {
        // The bug this module exists for: `R\xe9publique` read as GB18030 is "R閜ublique".
        let bytes = encode(encoding_rs::WINDOWS_1252, "La République française.\n");
        assert_eq!(decode(&bytes).unwrap(), "La République française.\n");
    }

    #[test]
    fn unicode_forms_decode() {
        assert_eq!(decode("中文".as_bytes()).unwrap(), "中文");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        for (bom, unit) in [
            (&[0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            (&[0xFE, 0xFF], u16::to_be_bytes),
        ] {
            let mut bytes: Vec<u8> = bom.to_vec();
            bytes.extend("中a".encode_utf16().flat_map(unit));
            assert_eq!(decode(&bytes).unwrap(), "中a");
            // Without the mark, a mostly-ASCII text still shows its byte order.
            let plain: Vec<u8> = "Article 1. 中文 text"
                .encode_utf16()
                .flat_map(unit)
                .collect();
            assert_eq!(decode(&plain).unwrap(), "Article 1. 中文 text");
        }
    }

    #[test]
    fn refused_with_a_reason() {
        let cases: &[(&[u8], &str)] = &[
            (b"%PDF-1.4\x00\x01", "a PDF file"),
            (b"PK\x03\x04abc", "zip"),
            (b"text\x00more", "NUL"),
            (b"\xEF\xBB\xBFnt Statement\x00 binary", "NUL"),
            (&[0x80, 0xFF, 0xFE, 0x81, 0x20], "not valid UTF-8"),
            // Two GBK characters: also two EUC-KR or Big5 ones.
            (&[0xD6, 0xD0, 0xB9, 0xFA, b'\n'], "too few"),
            (b"\xEF\xBB\xBFbad \xFF", "byte-order mark"),
            (b"\xFF\xFEa", "odd number"),
            // C1 control characters and symbol soup are no language.
            (b"abc \x81\x8d\x8f\x90\x9d def", "not valid UTF-8"),
        ];
        for (bytes, reason) in cases {
            let err = decode(bytes).unwrap_err();
            assert!(err.contains(reason), "{bytes:?}: {err}");
        }
    }

    #[test]
    fn mixed_utf8_and_gbk_is_refused() {
        let mut bytes = "第一行是UTF-8编码的中文。\n".as_bytes().to_vec();
        bytes.extend(encode(
            encoding_rs::GBK,
            "第二行是GBK编码的中文，不能混在一起。\n",
        ));
        let err = decode(&bytes).unwrap_err();
        assert!(err.contains("mixes UTF-8 (line 1)"), "{err}");
        // The other way round too.
        let mut bytes = encode(encoding_rs::GBK, "第一行是GBK编码的中文。\n");
        bytes.extend("第二行是UTF-8编码的中文，不能混在一起。\n".as_bytes());
        assert!(decode(&bytes).unwrap_err().contains("line 2"));
    }

    #[test]
    fn east_asian_bytes_are_not_latin_words() {
        // GBK bytes read as windows-1252 are accented letters without plain ones around.
        let text = "ÖÐ»ªÈËÃñ¹²ºÍ¹ú ºÍ °×¶íÂÞË¹¹²ºÍ¹ú";
        assert!(plausible(text, encoding_rs::WINDOWS_1252).is_err());
        assert!(plausible("La République française", encoding_rs::WINDOWS_1252).is_ok());
    }
}
