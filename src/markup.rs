//! HTML pages → plain text, as saved from a ministry website: scripts, styles, navigation,
//! headers, footers and forms dropped, block elements turned into paragraph breaks, entities
//! decoded. Hand-written on purpose: pages are read once, and what matters is keeping the
//! paragraph layout that the structure parser reads, not a DOM.

use std::sync::LazyLock;

use regex::Regex;

/// Elements whose whole content is not part of the document.
static DROPPED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        "script", "style", "noscript", "nav", "header", "footer", "form", "select", "button",
        "iframe", "svg", "template",
    ]
    .iter()
    .map(|tag| Regex::new(&format!(r"(?is)<{tag}\b[^>]*>.*?</{tag}\s*>")).expect("regex"))
    .collect()
});
static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("regex"));
static HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<head\b[^>]*>.*?</head\s*>").expect("regex"));
/// Tags that end a line of text.
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|tbody|thead|section|article|main|blockquote|pre|dd|dt|dl|hr|center|title)\b[^>]*>")
        .expect("regex")
});
static CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?t[dh]\b[^>]*>").expect("regex"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[!/]?[a-zA-Z][^>]*>").expect("regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").expect("regex")
});
static SNIFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:<!doctype html|<html\b|<head\b|<body\b|<meta\b)").expect("regex")
});

/// True when `text` is an HTML page.
pub fn looks_like_html(text: &str) -> bool {
    SNIFF.is_match(&text[..text.len().min(1024).min(floor_boundary(text, 1024))])
}

fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The text of an HTML page, one paragraph per line, blank lines between blocks.
pub fn html_to_text(html: &str) -> String {
    let mut s = COMMENT.replace_all(html, "").into_owned();
    s = HEAD.replace_all(&s, "").into_owned();
    for dropped in DROPPED.iter() {
        s = dropped.replace_all(&s, "\n").into_owned();
    }
    s = s.replace(['\r', '\n'], " ");
    s = BLOCK.replace_all(&s, "\n").into_owned();
    s = CELL.replace_all(&s, " ").into_owned();
    s = TAG.replace_all(&s, "").into_owned();
    let s = ENTITY.replace_all(&s, |caps: &regex::Captures<'_>| {
        decode_entity(&caps[1]).unwrap_or_else(|| caps[0].to_string())
    });
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

fn decode_entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code)
            .filter(|c| *c != '\0')
            .map(String::from);
    }
    let c = match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "copy" => '©',
        "emsp" => '\u{2003}',
        "ensp" => '\u{2002}',
        "ideographicspace" => '\u{3000}',
        _ => return None,
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_paragraphs_and_drops_page_furniture() {
        let html = r#"<!DOCTYPE html><html><head><title>外交部</title><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<div class="content"><h1>联合声明</h1>
<p>　　一、双方决定建立&ldquo;全面战略伙伴关系&rdquo;。</p><p>二、双方&amp;合作。<br>第二行</p>
<table><tr><td>A</td><td>B</td></tr></table></div>
<footer>版权所有 &copy; 2013</footer><!-- comment --></body></html>"#;
        assert!(looks_like_html(html));
        let text = html_to_text(html);
        assert_eq!(
            text,
            "联合声明\n\n　　一、双方决定建立“全面战略伙伴关系”。\n\n二、双方&合作。\n\n第二行\n\nA  B\n"
        );
    }

    #[test]
    fn plain_text_is_not_html_and_bad_entities_stay() {
        assert!(!looks_like_html("Joint statement <b>not html</b>"));
        assert_eq!(
            html_to_text("<p>&bogus; &#0; &#x4E2D;</p>"),
            "&bogus; &#0; 中\n"
        );
    }
}
