//! Front matter: an optional metadata block at the very top of a corpus file.
//!
//! ```text
//! ---
//! title: Joint Statement of …
//! signed: 2023-03-01
//! place: Beijing
//! parties: [China, Belarus]
//! ---
//! ```
//! One `key: value` per line; a value may be quoted, and a list is written `[a, b]`. What it
//! gives overrides what the parser infers from the text. Unknown keys are kept, never fatal.
//! The same lines may instead stand in a sidecar file `NAME.meta` next to `NAME.txt`, which
//! leaves the document itself untouched (and its line numbers as they are).

use std::collections::BTreeMap;

/// The front matter of a text, and where the body starts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, String>,
    /// Byte offset of the first byte after the closing `---` line.
    pub body_start: usize,
}

impl FrontMatter {
    /// Splits off the front matter; texts without one give an empty map and `body_start` 0.
    /// A block that is opened but never closed is not front matter.
    pub fn parse(text: &str) -> FrontMatter {
        let Some(rest) = text
            .strip_prefix("---\n")
            .or_else(|| text.strip_prefix("---\r\n"))
        else {
            return FrontMatter::default();
        };
        let mut offset = text.len() - rest.len();
        let mut fields = BTreeMap::new();
        for line in rest.split_inclusive('\n') {
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim_end() == "---" {
                return FrontMatter {
                    fields,
                    body_start: offset,
                };
            }
            insert_field(&mut fields, line);
        }
        FrontMatter::default()
    }

    /// Parses a metadata sidecar: the same `key: value` lines without the `---` fences.
    pub fn parse_sidecar(text: &str) -> FrontMatter {
        let mut fields = BTreeMap::new();
        for line in text.lines() {
            insert_field(&mut fields, line);
        }
        FrontMatter {
            fields,
            body_start: 0,
        }
    }

    /// Adds the fields of `other` over these.
    pub fn override_with(&mut self, other: FrontMatter) {
        self.fields.extend(other.fields);
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A list value: `[a, b]` or `a, b`.
    pub fn list(&self, key: &str) -> Vec<String> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let inner = value
            .strip_prefix('[')
            .and_then(|v| v.strip_suffix(']'))
            .unwrap_or(value);
        inner
            .split(',')
            .map(|item| unquote(item.trim()).to_string())
            .filter(|item| !item.is_empty())
            .collect()
    }
}

fn insert_field(fields: &mut BTreeMap<String, String>, line: &str) {
    if let Some((key, value)) = line.split_once(':') {
        let key = key.trim().to_ascii_lowercase();
        if !key.is_empty() && !key.starts_with('#') && !key.contains(' ') {
            fields.insert(key, unquote(value.trim()).to_string());
        }
    }
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_lists_and_body_offset() {
        let text = "---\ntitle: \"A: B\"\nparties: [China, 'Belarus']\nfoo: bar\n---\nbody";
        let fm = FrontMatter::parse(text);
        assert_eq!(fm.get("title"), Some("A: B"));
        assert_eq!(fm.list("parties"), ["China", "Belarus"]);
        assert_eq!(fm.get("foo"), Some("bar"));
        assert_eq!(&text[fm.body_start..], "body");
    }

    #[test]
    fn sidecar_has_no_fences_and_overrides() {
        let mut fm = FrontMatter::parse("---\ntitle: A\nlang: zh\n---\n");
        fm.override_with(FrontMatter::parse_sidecar("title: B\n# comment: x\n"));
        assert_eq!(fm.get("title"), Some("B"));
        assert_eq!(fm.get("lang"), Some("zh"));
        assert_eq!(fm.get("# comment"), None);
    }

    #[test]
    fn unclosed_or_absent_block_is_not_front_matter() {
        assert_eq!(
            FrontMatter::parse("---\ntitle: x\nno end"),
            FrontMatter::default()
        );
        assert_eq!(
            FrontMatter::parse("title: x\n---\n"),
            FrontMatter::default()
        );
        assert_eq!(FrontMatter::parse("--- x\n"), FrontMatter::default());
    }
}
