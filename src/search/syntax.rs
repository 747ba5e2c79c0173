//! The query language as the user types it: words, `"exact phrases"` and `-exclusions`.
//!
//! Parsing only; what the words become (terms, per analyzer) is decided in `search`. Errors
//! carry the character position of the problem so the message can point at it.

use std::fmt;

/// One element of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word (or a run of Chinese that the analyzer will cut into words): all required.
    Word(String),
    /// `"…"`: the words in this order, next to each other.
    Phrase(String),
    /// `-word` or `-"phrase"`: clauses that have it are left out.
    Exclude(Box<Item>),
}

/// A query that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 0-based character position of the problem.
    pub position: usize,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position + 1)
    }
}

impl std::error::Error for SyntaxError {}

/// Quote characters accepted around phrases: ASCII and the curly and CJK quotes users paste.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '「' | '」' | '＂')
}

/// Parses a query. An empty query, or one with nothing but exclusions, is an error.
pub fn parse(query: &str) -> Result<Vec<Item>, SyntaxError> {
    let chars: Vec<char> = query.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let exclude = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
        let start = i;
        if exclude {
            i += 1;
        }
        let item = if chars.get(i).copied().is_some_and(is_quote) {
            let open = i;
            let close = (open + 1..chars.len()).find(|&j| is_quote(chars[j]));
            let Some(close) = close else {
                return Err(SyntaxError {
                    position: open,
                    message: "this quote is never closed: add a closing \"".into(),
                });
            };
            i = close + 1;
            let phrase: String = chars[open + 1..close].iter().collect();
            if phrase.trim().is_empty() {
                return Err(SyntaxError {
                    position: open,
                    message: "empty phrase \"\"".into(),
                });
            }
            Item::Phrase(phrase.trim().to_string())
        } else {
            let from = i;
            while i < chars.len() && !chars[i].is_whitespace() && !is_quote(chars[i]) {
                i += 1;
            }
            Item::Word(chars[from..i].iter().collect())
        };
        if exclude {
            if matches!(&item, Item::Word(w) if w.is_empty()) {
                return Err(SyntaxError {
                    position: start,
                    message: "`-` must be followed by the word or phrase to exclude".into(),
                });
            }
            items.push(Item::Exclude(Box::new(item)));
        } else {
            items.push(item);
        }
    }
    if !items.iter().any(|item| !matches!(item, Item::Exclude(_))) {
        return Err(SyntaxError {
            position: 0,
            message: if items.is_empty() {
                "the query is empty: give at least one word to search for".into()
            } else {
                "the query only excludes: give at least one word to search for".into()
            },
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }

    #[test]
    fn words_phrases_and_exclusions() {
        assert_eq!(
            parse("Belt and Road").unwrap(),
            [w("Belt"), w("and"), w("Road")]
        );
        assert_eq!(
            parse("\"color revolution\" -Ukraine").unwrap(),
            [
                Item::Phrase("color revolution".into()),
                Item::Exclude(Box::new(w("Ukraine")))
            ]
        );
        assert_eq!(
            parse("“一带一路”倡议").unwrap(),
            [Item::Phrase("一带一路".into()), w("倡议")]
        );
        assert_eq!(parse("all-weather").unwrap(), [w("all-weather")]);
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("a \"open").unwrap_err().position, 2);
        assert!(parse("   ").unwrap_err().message.contains("empty"));
        assert!(parse("-x").unwrap_err().message.contains("only excludes"));
        assert!(parse("a \"\"").is_err());
    }
}
