//! Word `.docx` → text: the body's paragraphs in order (`word/document.xml`), one per line
//! with a blank line between. Headers, footers, footnotes and comments live in other parts
//! of the archive and are not read; deleted revisions, field codes and the fallback copy of
//! drawings are skipped.
//!
//! Numbering that Word generates (a paragraph in a numbered list, `w:numPr`) is not in the
//! XML text, yet it is what a reader sees and cites: a statement whose articles are an
//! automatic list shows `一、二、…` or `Article 1, 2 …`. The label is rebuilt from
//! `word/numbering.xml` (the level's format and text: `%1、` with Chinese counting, `Article
//! %1`, `%1.%2`) and put before the paragraph, so the structure parser reads the articles as
//! it does in a text file. Numbering formats other than decimal, Chinese, Roman and letters
//! give no label.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::zipped;

/// The text of a `.docx` file.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zipped::open(bytes)?;
    let document = zipped::member(&mut archive, "word/document.xml")?
        .ok_or("a zip archive without word/document.xml: not a Word document")?;
    let numbering = match zipped::member(&mut archive, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml),
        None => Numbering::default(),
    };
    let paragraphs = body(&document, numbering)?;
    zipped::joined(paragraphs, "a Word document")
}

/// Elements whose content is not the body's text.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:delText",
    "w:instrText",
    "mc:Fallback",
    "w:txbxContent",
    "w:comment",
];

fn body(xml: &str, mut numbering: Numbering) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut skip = 0usize;
    let mut in_text = false;
    // The list of the current paragraph: (w:numId, w:ilvl).
    let (mut num_id, mut level): (Option<String>, usize) = (None, 0);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged XML in word/document.xml: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                if skip > 0 || SKIPPED.contains(&name.as_ref()) {
                    skip += 1;
                    continue;
                }
                match name.as_ref() {
                    "w:p" => {
                        paragraph.clear();
                        num_id = None;
                        level = 0;
                    }
                    "w:t" => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match e.name().as_ref() {
                    "w:tab" => paragraph.push('\t'),
                    "w:br" | "w:cr" => paragraph.push('\n'),
                    "w:numId" => num_id = zipped::attribute(&e, "w:val"),
                    "w:ilvl" => {
                        level = zipped::attribute(&e, "w:val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0)
                            .min(8);
                    }
                    "w:noBreakHyphen" => paragraph.push('-'),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "w:t" => in_text = false,
                    "w:p" => {
                        let text = tidy(&paragraph);
                        if !text.is_empty() {
                            let label = num_id
                                .as_deref()
                                .and_then(|id| numbering.next(id, level))
                                .unwrap_or_default();
                            out.push(format!("{label}{text}"));
                        }
                        paragraph.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                paragraph.push_str(&zipped::reference(&r));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A paragraph's text with its lines trimmed and empty lines dropped.
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(|l| l.replace('\t', " ").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A level of a numbered list: its format (`decimal`, `chineseCounting` …), its text with
/// `%1`…`%9` placeholders, and where it starts.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of a document (`word/numbering.xml`) and the counters of those in use.
#[derive(Debug, Default)]
struct Numbering {
    /// Abstract list id → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// w:numId → abstract list id.
    nums: HashMap<String, String>,
    /// Counters per abstract list (Word counts the lists that share an abstract together).
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        "w:lvl" => {
                            if let (Some(id), Some((i, l))) = (&abstract_id, level.take()) {
                                let levels = n.abstracts.entry(id.clone()).or_default();
                                if levels.len() <= i {
                                    levels.resize(i + 1, Level::default());
                                }
                                levels[i] = l;
                            }
                        }
                        "w:abstractNum" => abstract_id = None,
                        "w:num" => num_id = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let val = || zipped::attribute(&e, "w:val");
            match e.name().as_ref() {
                "w:abstractNum" if !empty => {
                    abstract_id = zipped::attribute(&e, "w:abstractNumId");
                }
                "w:lvl" if !empty => {
                    let i = zipped::attribute(&e, "w:ilvl")
                        .and_then(|v| v.parse::<usize>().ok())
                        .filter(|&i| i < 9);
                    level = i.map(|i| {
                        (
                            i,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        )
                    });
                }
                "w:start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "w:numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.format = val().unwrap_or_default();
                    }
                }
                "w:lvlText" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.text = val().unwrap_or_default();
                    }
                }
                "w:num" if !empty => num_id = zipped::attribute(&e, "w:numId"),
                "w:abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, val()) {
                        n.nums.insert(id.clone(), a);
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The label of the next paragraph of list `num_id` at `level`, counting it.
    fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        let abstract_id = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?;
        let this = levels.get(level)?;
        let counters = self.counters.entry(abstract_id.clone()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            this.start
        } else {
            counters[level].saturating_add(1)
        };
        // A level restarts below a higher one.
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut label = String::new();
        let mut rest = this.text.as_str();
        while let Some(at) = rest.find('%') {
            label.push_str(&rest[..at]);
            let digit = rest[at + 1..].chars().next();
            match digit
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d))
            {
                Some(d) => {
                    let i = d as usize - 1;
                    let l = levels.get(i)?;
                    let value = if counters[i] == 0 {
                        l.start
                    } else {
                        counters[i]
                    };
                    label.push_str(&format_number(value, &l.format)?);
                    rest = &rest[at + 2..];
                }
                None => {
                    label.push('%');
                    rest = &rest[at + 1..];
                }
            }
        }
        label.push_str(rest);
        let label = label.trim().to_string();
        if label.is_empty() {
            return None;
        }
        // `1.` and `Article 1` want a space before the text; `一、` and `（一）` do not.
        let spaced = label.chars().last().is_some_and(|c| c.is_ascii());
        Some(if spaced { format!("{label} ") } else { label })
    }
}

/// A list counter in one of Word's number formats; `None` for formats not rebuilt (bullets,
/// symbols), so that no wrong label is shown.
fn format_number(n: u32, format: &str) -> Option<String> {
    Some(match format {
        "decimal" | "" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "upperRoman" => roman(n)?,
        "lowerRoman" => roman(n)?.to_lowercase(),
        "upperLetter" => letter(n)?,
        "lowerLetter" => letter(n)?.to_lowercase(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n)?,
        "decimalFullWidth" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        _ => return None,
    })
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    let mut s = String::new();
    for (value, digits) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    Some(s)
}

/// Word's letters: A … Z, then AA … ZZ, AAA …
fn letter(n: u32) -> Option<String> {
    if n == 0 || n > 780 {
        return None;
    }
    let c = char::from(b'A' + ((n - 1) % 26) as u8);
    Some(std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect())
}

/// 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五 (to 9999).
fn chinese(n: u32) -> Option<String> {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 || n > 9999 {
        return None;
    }
    let parts = [
        (n / 1000, '千'),
        (n / 100 % 10, '百'),
        (n / 10 % 10, '十'),
        (n % 10, ' '),
    ];
    let mut s = String::new();
    let mut zero = false;
    for (d, unit) in parts {
        if d == 0 {
            zero = !s.is_empty();
            continue;
        }
        if zero {
            s.push('零');
            zero = false;
        }
        // 十四, not 一十四, when ten is the highest unit.
        if !(unit == '十' && d == 1 && s.is_empty()) {
            s.push(DIGITS[d as usize]);
        }
        if unit != ' ' {
            s.push(unit);
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let cases = [
            (1, "chineseCounting", Some("一")),
            (10, "chineseCounting", Some("十")),
            (14, "chineseCountingThousand", Some("十四")),
            (20, "chineseCounting", Some("二十")),
            (105, "chineseCounting", Some("一百零五")),
            (110, "chineseCounting", Some("一百一十")),
            (4, "upperRoman", Some("IV")),
            (9, "lowerRoman", Some("ix")),
            (27, "upperLetter", Some("AA")),
            (3, "decimal", Some("3")),
            (3, "decimalFullWidth", Some("３")),
            (3, "bullet", None),
            (0, "upperRoman", None),
        ];
        for (n, format, want) in cases {
            assert_eq!(format_number(n, format).as_deref(), want, "{n} {format}");
        }
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#;

    fn p(num: Option<(&str, usize)>, text: &str) -> String {
        let pr = num.map_or(String::new(), |(id, lvl)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        });
        format!("<w:p>{pr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn automatic_numbering_becomes_labels() {
        let xml = [
            p(None, "联合声明"),
            p(Some(("5", 0)), "双方决定。"),
            p(Some(("5", 1)), "第一项。"),
            p(Some(("5", 1)), "第二项。"),
            p(Some(("5", 0)), "双方同意。"),
            p(Some(("5", 1)), "又一项。"),
            p(Some(("6", 0)), "Scope."),
            p(Some(("6", 1)), "Detail."),
            p(Some(("7", 0)), "A bullet."),
            p(Some(("99", 0)), "Unknown list."),
        ]
        .concat();
        let xml = format!("<w:document xmlns:w=\"w\"><w:body>{xml}</w:body></w:document>");
        let got = body(&xml, Numbering::parse(NUMBERING)).unwrap();
        assert_eq!(
            got,
            [
                "联合声明",
                "一、双方决定。",
                "（一）第一项。",
                "（二）第二项。",
                "二、双方同意。",
                "（一）又一项。",
                "Article 1 Scope.",
                "1.1 Detail.",
                "A bullet.",
                "Unknown list."
            ]
        );
    }

    #[test]
    fn deleted_text_and_field_codes_are_skipped() {
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Kept &amp; </w:t></w:r>
<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r>
<w:r><w:t xml:space="preserve">here</w:t><w:tab/><w:t>&#x4E2D;</w:t><w:br/><w:t>next line</w:t></w:r></w:p>
<w:p><w:r><w:t>   </w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            body(xml, Numbering::default()).unwrap(),
            ["Kept & here 中\nnext line"]
        );
    }

    #[test]
    fn broken_archives_and_xml_are_refused() {
        assert!(
            to_text(b"PK\x03\x04 not a zip")
                .unwrap_err()
                .contains("zip")
        );
        assert!(body("<w:p><w:t>a</w:x></w:p>", Numbering::default()).is_err());
    }
}
