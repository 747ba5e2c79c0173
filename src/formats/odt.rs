//! OpenDocument `.odt` → text: the body's paragraphs and headings in order (`content.xml`),
//! one per line with a blank line between. Headers and footers live in `styles.xml` and are
//! not read; footnotes, annotations and tracked deletions are skipped. The labels of
//! automatically numbered lists are not rebuilt (write `一、` or `Article 1` in the text).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::zipped;

/// The text of an `.odt` file.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zipped::open(bytes)?;
    let content = zipped::member(&mut archive, "content.xml")?
        .ok_or("a zip archive without content.xml: not an OpenDocument text")?;
    let paragraphs = body(&content)?;
    zipped::joined(paragraphs, "an OpenDocument text")
}

/// Elements whose content is not the body's text.
const SKIPPED: &[&str] = &[
    "text:note",
    "office:annotation",
    "text:tracked-changes",
    "office:forms",
    "text:sequence-decls",
    "svg:desc",
    "svg:title",
];

fn body(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paragraph = String::new();
    // Paragraphs nest (a frame inside a paragraph): the text of each level apart.
    let mut open: Vec<String> = Vec::new();
    let mut skip = 0usize;
    let mut in_body = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged XML in content.xml: {e}"))?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                if skip > 0 || SKIPPED.contains(&name.as_ref()) {
                    skip += 1;
                    continue;
                }
                match name.as_ref() {
                    "office:body" => in_body = true,
                    "text:p" | "text:h" if in_body => {
                        open.push(std::mem::take(&mut paragraph));
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 || !in_body {
                    continue;
                }
                match e.name().as_ref() {
                    "text:s" => {
                        let n = zipped::attribute(&e, "text:c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(64);
                        paragraph.extend(std::iter::repeat_n(' ', n));
                    }
                    "text:tab" => paragraph.push(' '),
                    "text:line-break" => paragraph.push('\n'),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    "office:body" => in_body = false,
                    "text:p" | "text:h" if in_body => {
                        let text = tidy(&paragraph);
                        if !text.is_empty() {
                            out.push(text);
                        }
                        paragraph = open.pop().unwrap_or_default();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_body && skip == 0 && !open.is_empty() => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_body && skip == 0 && !open.is_empty() => {
                paragraph.push_str(&zipped::reference(&r));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A paragraph's text with its lines trimmed and empty lines dropped; runs of white space
/// collapse, as ODF says (spaces that count are written `<text:s/>`).
fn tidy(text: &str) -> String {
    text.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_headings_without_notes() {
        let xml = r#"<office:document-content><office:body><office:text>
<text:sequence-decls><text:sequence-decl text:name="Figure"/></text:sequence-decls>
<text:h text:outline-level="1">Joint Statement</text:h>
<text:p>Article 1<text:s/>Scope &amp; aims<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note>.</text:p>
<text:p>双方<text:span>同意</text:span>。<text:line-break/>下一行</text:p>
<text:p><draw:frame><draw:text-box><text:p>In a frame.</text:p></draw:text-box></draw:frame>After the frame.</text:p>
<text:p/></office:text></office:body></office:document-content>"#;
        assert_eq!(
            body(xml).unwrap(),
            [
                "Joint Statement",
                "Article 1 Scope & aims.",
                "双方同意。\n下一行",
                "In a frame.",
                "After the frame."
            ]
        );
    }
}
