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
//! One `key: value` per line (TOML's `key = value` between `+++` fences works too); a value
//! may be quoted, and a list is written `[a, b]` or as `- item` lines. What it
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
    /// Why a block that looked like front matter was read as text instead.
    pub problem: Option<String>,
}

/// A front matter block longer than this is not one (a `---` rule at the top of a Markdown
/// text and another further down, say): it is read as text, so that nothing is lost.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A block read as text, with the reason.
fn not_front_matter(problem: String) -> FrontMatter {
    FrontMatter {
        problem: Some(format!("{problem}: the block is read as text")),
        ..FrontMatter::default()
    }
}

/// True for the lines a front matter block holds: `key: value` (or `key = value`), `- item`,
/// an indented continuation, a `# comment`, a TOML `[table]`, or nothing.
fn is_front_matter_line(line: &str, separator: char) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty()
        || trimmed.starts_with('#')
        || trimmed.starts_with("- ")
        || trimmed == "-"
        || line.starts_with([' ', '\t'])
        || (separator == '=' && trimmed.starts_with('[') && trimmed.ends_with(']'))
        || line.split_once(separator).is_some_and(|(key, _)| {
            let key = key.trim().trim_matches('"');
            !key.is_empty() && !key.contains(' ')
        })
}

impl FrontMatter {
    /// Splits off the front matter; texts without one give an empty map and `body_start` 0.
    /// YAML (`---`, `key: value`, lists as `[a, b]` or `- item` lines) and TOML (`+++`,
    /// `key = value`) are read. A block that is opened but never closed is not front matter.
    pub fn parse(text: &str) -> FrontMatter {
        let Some((fence, rest)) = ["---", "+++"].iter().find_map(|fence| {
            text.strip_prefix(fence)
                .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
                .map(|r| (*fence, r))
        }) else {
            return FrontMatter::default();
        };
        let separator = if fence == "+++" { '=' } else { ':' };
        let mut offset = text.len() - rest.len();
        let mut lines: Vec<&str> = Vec::new();
        for line in rest.split_inclusive('\n') {
            offset += line.len();
            if offset > MAX_FRONT_MATTER_BYTES {
                return not_front_matter(format!(
                    "the front matter opened by `{fence}` on line 1 runs past {} KB",
                    MAX_FRONT_MATTER_BYTES / 1024
                ));
            }
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim_end() == fence {
                if let Some(bad) = lines
                    .iter()
                    .position(|l| !is_front_matter_line(l, separator))
                {
                    return not_front_matter(format!(
                        "line {} of the front matter is not `key{} value`",
                        bad + 2,
                        if separator == '=' { " =" } else { ":" }
                    ));
                }
                return FrontMatter {
                    fields: read_fields(&lines, separator),
                    body_start: offset,
                    problem: None,
                };
            }
            lines.push(line);
        }
        not_front_matter(format!(
            "the front matter opened by `{fence}` on line 1 is never closed"
        ))
    }

    /// Parses a metadata sidecar: the same `key: value` lines without the `---` fences.
    pub fn parse_sidecar(text: &str) -> FrontMatter {
        let lines: Vec<&str> = text.lines().collect();
        FrontMatter {
            fields: read_fields(&lines, ':'),
            body_start: 0,
            problem: None,
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

/// `key: value` (or `key = value`) lines; a key with no value followed by `- item` lines is a
/// list, kept as `[item, item]`.
fn read_fields(lines: &[&str], separator: char) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut list_key: Option<String> = None;
    let mut items: Vec<String> = Vec::new();
    let close = |key: &mut Option<String>,
                 items: &mut Vec<String>,
                 fields: &mut BTreeMap<String, String>| {
        if let Some(k) = key.take() {
            fields.insert(k, format!("[{}]", items.join(", ")));
        }
        items.clear();
    };
    for line in lines {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ").filter(|_| list_key.is_some()) {
            items.push(unquote(item.trim()).to_string());
            continue;
        }
        close(&mut list_key, &mut items, &mut fields);
        if trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(separator) else {
            continue;
        };
        let key = key.trim().trim_matches('"').to_ascii_lowercase();
        if key.is_empty() || key.contains(' ') {
            continue;
        }
        let value = value.trim();
        if value.is_empty() && separator == ':' {
            list_key = Some(key);
        } else {
            fields.insert(key, unquote(value).to_string());
        }
    }
    close(&mut list_key, &mut items, &mut fields);
    fields
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
    fn toml_and_yaml_block_lists() {
        let fm = FrontMatter::parse(
            "+++\ntitle = \"Treaty\"\nsigned = 2015-06-17\nparties = [\"China\", \"Australia\"]\n+++\nText",
        );
        assert_eq!(fm.get("title"), Some("Treaty"));
        assert_eq!(fm.get("signed"), Some("2015-06-17"));
        assert_eq!(fm.list("parties"), ["China", "Australia"]);
        let fm = FrontMatter::parse(
            "---\ntitle: T\nparties:\n  - 中国\n  - \"Belarus\"\nsource: x\n---\n",
        );
        assert_eq!(fm.list("parties"), ["中国", "Belarus"]);
        assert_eq!(fm.get("source"), Some("x"));
    }

    #[test]
    fn broken_or_huge_blocks_are_text_with_a_reason() {
        let unclosed = FrontMatter::parse("---\ntitle: x\nno end");
        assert_eq!((unclosed.body_start, unclosed.fields.len()), (0, 0));
        assert!(unclosed.problem.unwrap().contains("never closed"));
        let prose = FrontMatter::parse("---\nThe parties agree to the following.\n---\nText");
        assert_eq!(prose.body_start, 0);
        assert!(prose.problem.unwrap().contains("line 2"));
        let huge = format!("---\n{}---\nText", "key: value\n".repeat(10_000));
        let huge = FrontMatter::parse(&huge);
        assert_eq!(huge.body_start, 0);
        assert!(huge.problem.unwrap().contains("64 KB"));
        let toml = FrontMatter::parse("+++\ntitle = \"T\"\n[extra]\nsource = \"x\"\n+++\nText");
        assert_eq!((toml.problem, toml.fields.len()), (None, 2));
    }

    #[test]
    fn unclosed_or_absent_block_is_not_front_matter() {
        assert_eq!(
            FrontMatter::parse("title: x\n---\n"),
            FrontMatter::default()
        );
        assert_eq!(FrontMatter::parse("--- x\n"), FrontMatter::default());
    }
}
