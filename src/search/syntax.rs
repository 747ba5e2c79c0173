//! The query language as the user types it.
//!
//! ```text
//! Belt Road              every word required (ranked by BM25)
//! "Belt and Road"        an exact phrase (also “…” and 「…」)
//! sanctions OR 制裁       either side
//! -Ukraine               clauses that have it are left out
//! (民主 OR 人权) 干涉     parentheses group
//! ```
//! Parsing only; what the words become (terms, per analyzer) is decided in `search`. Errors
//! carry the character position of the problem so the message can point at it.

use std::fmt;

/// Queries longer than this are refused: no analyst types one, and each word costs a lookup.
pub const MAX_QUERY_CHARS: usize = 4096;

/// A query parsed once: the text as written (or as `-x` expanded it) and its tree, which
/// expansion, the tantivy query and the highlights are all built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub node: Node,
}

impl Query {
    /// Parses `text`; a syntax error names its position.
    pub fn parse(text: &str) -> Result<Query, SyntaxError> {
        Ok(Query {
            text: text.to_string(),
            node: parse(text)?,
        })
    }
}

impl Default for Query {
    /// The empty query: it has no words, and searching it is refused.
    fn default() -> Query {
        Query {
            text: String::new(),
            node: Node::And(Vec::new()),
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word (or a run of Chinese that the analyzer will cut into words).
    Word(String),
    /// `"…"`: the words in this order, next to each other.
    Phrase(String),
    /// `-x`: leaves out clauses that match `x` (only inside an `And`).
    Not(Box<Node>),
    /// Every part required (the default between words).
    And(Vec<Node>),
    /// At least one part required.
    Or(Vec<Node>),
}

impl Node {
    /// The words and phrases that must or may match (not those excluded), in query order.
    pub fn positives(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.collect_positives(&mut out);
        out
    }

    fn collect_positives<'a>(&'a self, out: &mut Vec<&'a Node>) {
        match self {
            Node::Word(_) | Node::Phrase(_) => out.push(self),
            Node::Not(_) => {}
            Node::And(children) | Node::Or(children) => {
                for c in children {
                    c.collect_positives(out);
                }
            }
        }
    }
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

fn error(position: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        position,
        message: message.into(),
    }
}

/// Quote characters accepted around phrases: ASCII and the curly and CJK quotes users paste.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '「' | '」' | '＂' | '『' | '』')
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// A piece of the query with its character position.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Phrase(String),
    Minus,
    Open,
    Close,
    Or,
}

fn tokenize(chars: &[char]) -> Result<Vec<(usize, Token)>, SyntaxError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
        } else if is_quote(c) {
            let close = (i + 1..chars.len()).find(|&j| is_quote(chars[j]));
            let Some(close) = close else {
                return Err(error(i, "this quote is never closed: add a closing \""));
            };
            let phrase: String = chars[i + 1..close].iter().collect();
            if phrase.trim().is_empty() {
                return Err(error(i, "empty phrase: put words between the quotes"));
            }
            tokens.push((i, Token::Phrase(phrase.trim().to_string())));
            i = close + 1;
        } else if is_open(c) {
            tokens.push((i, Token::Open));
            i += 1;
        } else if is_close(c) {
            tokens.push((i, Token::Close));
            i += 1;
        } else if c == '-'
            && chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
            && word_start(chars, i)
        {
            tokens.push((i, Token::Minus));
            i += 1;
        } else {
            let from = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !chars[i].is_control()
                && !is_quote(chars[i])
                && !is_open(chars[i])
                && !is_close(chars[i])
            {
                i += 1;
            }
            let word: String = chars[from..i].iter().collect();
            if word == "-" {
                return Err(error(
                    from,
                    "`-` must be followed by the word or phrase to exclude",
                ));
            }
            let token = if word == "OR" || word == "|" {
                Token::Or
            } else if word == "AND" {
                continue;
            } else {
                Token::Word(word)
            };
            tokens.push((from, token));
        }
    }
    Ok(tokens)
}

/// A `-` starts an exclusion only at the start of a word, not inside `all-weather`.
fn word_start(chars: &[char], i: usize) -> bool {
    i == 0 || chars[i - 1].is_whitespace() || is_open(chars[i - 1])
}

/// Parses a query. An empty query, one longer than [`MAX_QUERY_CHARS`], one with nothing but
/// exclusions, and any unbalanced quote, parenthesis or operator are errors.
pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    let chars: Vec<char> = query.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(error(
            MAX_QUERY_CHARS,
            format!(
                "the query is {} characters long; the limit is {MAX_QUERY_CHARS}",
                chars.len()
            ),
        ));
    }
    let tokens = tokenize(&chars)?;
    if tokens.is_empty() {
        return Err(error(
            0,
            "the query is empty: give at least one word to search for",
        ));
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        end: chars.len(),
    };
    let node = parser.expression()?;
    if let Some((pos, _)) = parser.tokens.get(parser.at) {
        return Err(error(*pos, "this `)` has no matching `(`"));
    }
    Ok(node)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    /// Character count of the query, for errors at its end.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end, |(p, _)| *p)
    }

    /// `and (OR and)*`
    fn expression(&mut self) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.conjunction()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            alternatives.push(self.conjunction()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    /// `unary+`, up to `OR`, `)` or the end.
    fn conjunction(&mut self) -> Result<Node, SyntaxError> {
        let start = self.position();
        let mut parts = Vec::new();
        while let Some(token) = self.peek() {
            if matches!(token, Token::Or | Token::Close) {
                break;
            }
            parts.push(self.unary()?);
        }
        if parts.is_empty() {
            let message = match self.peek() {
                Some(Token::Or) | None
                    if self.at > 0 && self.tokens[self.at - 1].1 == Token::Or =>
                {
                    "OR needs a word or phrase on each side"
                }
                Some(Token::Or) => "OR needs a word or phrase on each side",
                Some(Token::Close) if self.at > 0 && self.tokens[self.at - 1].1 == Token::Open => {
                    "empty parentheses: put words between them"
                }
                _ => "a word or phrase is missing here",
            };
            return Err(error(self.position(), message));
        }
        if parts.iter().all(|p| matches!(p, Node::Not(_))) {
            return Err(error(
                start,
                "this part only excludes: give at least one word to search for",
            ));
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        if self.peek() == Some(&Token::Minus) {
            let at = self.position();
            self.at += 1;
            return match self.peek() {
                Some(Token::Word(_) | Token::Phrase(_) | Token::Open) => {
                    Ok(Node::Not(Box::new(self.primary()?)))
                }
                _ => Err(error(
                    at,
                    "`-` must be followed by the word or phrase to exclude",
                )),
            };
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        let at = self.position();
        let Some((_, token)) = self.tokens.get(self.at).cloned() else {
            return Err(error(at, "a word or phrase is missing here"));
        };
        self.at += 1;
        match token {
            Token::Word(w) => Ok(Node::Word(w)),
            Token::Phrase(p) => Ok(Node::Phrase(p)),
            Token::Open => {
                let inner = self.expression()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(error(at, "this `(` is never closed: add a `)`"));
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Close => Err(error(at, "this `)` has no matching `(`")),
            Token::Or => Err(error(at, "OR needs a word or phrase on each side")),
            Token::Minus => Err(error(
                at,
                "`-` must be followed by the word or phrase to exclude",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(s.into())
    }

    #[test]
    fn words_phrases_exclusions_or_and_groups() {
        assert_eq!(
            parse("Belt and Road").unwrap(),
            Node::And(vec![w("Belt"), w("and"), w("Road")])
        );
        assert_eq!(
            parse("\"color revolution\" -Ukraine").unwrap(),
            Node::And(vec![
                Node::Phrase("color revolution".into()),
                Node::Not(Box::new(w("Ukraine")))
            ])
        );
        assert_eq!(
            parse("“一带一路”倡议").unwrap(),
            Node::And(vec![Node::Phrase("一带一路".into()), w("倡议")])
        );
        assert_eq!(parse("all-weather").unwrap(), w("all-weather"));
        assert_eq!(
            parse("a OR b c").unwrap(),
            Node::Or(vec![w("a"), Node::And(vec![w("b"), w("c")])])
        );
        assert_eq!(
            parse("(民主 OR 人权) 干涉").unwrap(),
            Node::And(vec![Node::Or(vec![w("民主"), w("人权")]), w("干涉")])
        );
        assert_eq!(parse("a AND b").unwrap(), Node::And(vec![w("a"), w("b")]));
        assert_eq!(parse("（制裁）").unwrap(), w("制裁"));
        // `or` in lower case is a word.
        assert_eq!(
            parse("a or b").unwrap(),
            Node::And(vec![w("a"), w("or"), w("b")])
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases: &[(&str, usize, &str)] = &[
            ("a \"open", 2, "never closed"),
            ("   ", 0, "empty"),
            ("-x", 0, "only excludes"),
            ("a \"\"", 2, "empty phrase"),
            ("(Belt", 0, "never closed"),
            ("Belt)", 4, "no matching"),
            ("OR a", 0, "OR needs"),
            ("a OR", 4, "OR needs"),
            ("a OR OR b", 5, "OR needs"),
            ("a ()", 3, "empty parentheses"),
            ("a - b", 2, "`-` must be followed"),
            ("a (-b)", 3, "only excludes"),
        ];
        for (q, position, message) in cases {
            let e = parse(q).unwrap_err();
            assert_eq!(e.position, *position, "{q}: {e}");
            assert!(e.message.contains(message), "{q}: {e}");
        }
        let long = "a ".repeat(MAX_QUERY_CHARS);
        assert!(parse(&long).unwrap_err().message.contains("limit"));
    }

    #[test]
    fn positives_leave_out_exclusions() {
        let node = parse("a (b OR \"c d\") -e").unwrap();
        let words: Vec<&Node> = node.positives();
        assert_eq!(words, [&w("a"), &w("b"), &Node::Phrase("c d".into())]);
    }
}
