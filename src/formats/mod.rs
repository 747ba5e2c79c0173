//! The bytes of a corpus file → the text the parser reads, whatever the file's format: text
//! in any encoding that can be proved ([`encoding`]), HTML pages (main content, [`markup`]),
//! PDF (its text layer, [`pdf`]), Word `.docx` ([`docx`]) and OpenDocument `.odt` ([`odt`]).
//!
//! The format is told by the bytes (a PDF or zip signature), the name only where the bytes
//! leave it open (HTML). A title that the format states apart from the text (an HTML
//! `<title>`) reaches the parser as front matter, the way a user would give it; the rest of
//! the text is laid out as paragraphs separated by blank lines, as a text file would be.
//! Everything here is pure (bytes in, text or a reason out), so that the fuzz targets can run
//! it without files.
//!
//! [`markup`]: crate::markup

pub mod docx;
pub mod encoding;
pub mod odt;
pub mod pdf;
mod zipped;

/// File extensions of the formats read here besides text (`.txt`, `.md`, `.html` …).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["pdf", "docx", "odt"];

/// The text of a corpus file from its bytes and its extension (without the dot, any case);
/// the error says why there is none.
pub fn to_text(bytes: &[u8], extension: &str) -> Result<String, String> {
    let ext = extension.to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        return pdf::to_text(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zipped_document(bytes);
    }
    if let Some(what) = match ext.as_str() {
        "pdf" => Some("a PDF file"),
        "docx" => Some("a Word file"),
        "odt" => Some("an OpenDocument file"),
        _ => None,
    } {
        let found = encoding::binary_format(bytes).unwrap_or("not one (no signature of it)");
        return Err(format!("named as {what} but it is {found}"));
    }
    let text = encoding::decode(bytes)?;
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") || crate::markup::looks_like_html(&text) {
        // Clause spans and lines then refer to the page's text, not to its markup.
        let page = crate::markup::html_to_page(&text);
        return Ok(with_title(page.title.as_deref(), page.text));
    }
    Ok(text)
}

/// A `.docx`, `.odt` or other zip archive: which one is told by its members.
fn zipped_document(bytes: &[u8]) -> Result<String, String> {
    let archive = zipped::open(bytes)?;
    if zipped::has(&archive, "word/document.xml") {
        docx::to_text(bytes)
    } else if zipped::has(&archive, "content.xml") && zipped::has(&archive, "mimetype") {
        odt::to_text(bytes)
    } else {
        Err(
            "a zip archive that is neither a Word (.docx) nor an OpenDocument (.odt) \
             text: not read"
                .into(),
        )
    }
}

/// The text behind a front matter block that gives its title.
fn with_title(title: Option<&str>, text: String) -> String {
    let Some(title) = title else {
        return text;
    };
    // One line, and quoted: a title may hold `:` or start with `[`.
    let title: String = title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('"', "”");
    if title.is_empty() {
        return text;
    }
    format!("---\ntitle: \"{title}\"\n---\n{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_bytes_then_name() {
        let cases: &[(&[u8], &str, Result<&str, &str>)] = &[
            (b"plain text\n", "txt", Ok("plain text\n")),
            (b"plain text\n", "md", Ok("plain text\n")),
            (b"not a pdf\n", "pdf", Err("named as a PDF file but it is not one")),
            (b"\x89PNG\r\n\x1a\n...", "docx", Err("it is a PNG image")),
            (b"\x89PNG\r\n\x1a\n...", "txt", Err("a PNG image")),
            (b"PK\x03\x04garbage", "txt", Err("damaged zip")),
            (
                b"<html><head><title>A: [b] \"c\" | Ministry</title></head><body><p>Text.</p></body></html>",
                "txt",
                Ok("---\ntitle: \"A: [b] \u{201D}c\u{201D}\"\n---\nText.\n"),
            ),
        ];
        for (bytes, ext, want) in cases {
            match (to_text(bytes, ext), want) {
                (Ok(got), Ok(want)) => assert_eq!(&got, want),
                (Err(got), Err(want)) => assert!(got.contains(want), "{got}"),
                (got, want) => panic!("{bytes:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
