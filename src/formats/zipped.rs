//! The zip container of `.docx` and `.odt` files: one member read whole, with a cap on what
//! it inflates to (a zip bomb — kilobytes that inflate to gigabytes — is refused, whatever
//! size its header claims), and the XML text events both readers share.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart};

/// No member of a document's archive may inflate past this.
pub const MAX_MEMBER_BYTES: u64 = 64 << 20;

pub type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

pub fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("a damaged zip archive: {e}"))
}

/// The member `name` as UTF-8 text; `None` when the archive has no such member.
pub fn member(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the archive: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name} in the archive: {e}"))?;
    if bytes.len() as u64 > MAX_MEMBER_BYTES {
        return Err(format!(
            "{name} inflates past {} MB: refused (a zip bomb?)",
            MAX_MEMBER_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!(
            "{name} is not UTF-8 XML (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// True when the archive has a member of that name.
pub fn has(archive: &Archive<'_>, name: &str) -> bool {
    archive.index_for_name(name).is_some()
}

/// The text an entity or character reference stands for (`&amp;`, `&#x4E2D;`).
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return if c == '\0' {
            String::new()
        } else {
            c.to_string()
        };
    }
    match r.xml10_content().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// The value of an attribute (by its qualified name, `w:val`), as text.
pub fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

/// The paragraphs of a document's body as text, one per line with a blank line between; an
/// error naming `what` when the body has no text.
pub(super) fn joined(paragraphs: Vec<String>, what: &str) -> Result<String, String> {
    if paragraphs.is_empty() {
        return Err(format!("{what} with no text in its body"));
    }
    Ok(paragraphs.join("\n\n") + "\n")
}
