//! HTML pages → plain text, as saved from a ministry website: the main content only. Scripts,
//! styles, navigation, headers, footers and forms are dropped; so are the blocks that are
//! mostly links (menus, "related links", share bars), breadcrumbs (`首页 > 外交部 > 双边关系`)
//! and the page's legal footer (`版权所有 网站地图 联系我们`, `Copyright … | Sitemap`). When the
//! page marks its content (`<main>`, `<article>`), only that is read. Block elements become
//! paragraph breaks and entities are decoded. The title comes from `<title>` without the
//! site's name (or from the `<h1>` that it names). Hand-written on purpose: pages are read
//! once, and what matters is keeping the paragraph layout that the structure parser reads,
//! not a DOM.

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

static TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<title\b[^>]*>(.*?)</title\s*>").expect("regex"));
static H1: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<h1\b[^>]*>(.*?)</h1\s*>").expect("regex"));
/// The element that holds the page's content, when the page says so.
static MAIN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?is)<main\b[^>]*>(.*)</main\s*>",
        r#"(?is)<div\b[^>]*\brole\s*=\s*["']?main\b[^>]*>(.*)"#,
        r"(?is)<article\b[^>]*>(.*)</article\s*>",
    ]
    .iter()
    .map(|r| Regex::new(r).expect("regex"))
    .collect()
});
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<a\b[^>]*>(.*?)</a\s*>").expect("regex"));
/// Separators between the page's title and the site's name in `<title>`.
static TITLE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—|·:]+\s+|\s*(?:[_|｜—–－]|——)\s*").expect("regex"));
/// Words of a site's name, not of a document's title.
static SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ministry|government|embassy|consulate|website|official site|portal|news|\b(?:www|gov|com|org|net|cn)\b|外交部|政府|网|大使馆|领事馆|新闻|新华|人民日报|频道")
        .expect("regex")
});
/// Legal footers and page tools: a short block with one of these is not content.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)版权所有|网站地图|联系我们|ICP备|公网安备|copyright|all rights reserved|sitemap|site map|contact us|privacy policy|terms of use|打印本页|关闭窗口|【打印】|\[字体|字号：|分享到")
        .expect("regex")
});
/// `当前位置：…`, `You are here: …`.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:当前位置[：:]|您的位置[：:]|您现在的位置|you are here)").expect("regex")
});
/// Private-use marks around link text while blocks are measured; removed from the input first.
const LINK_OPEN: char = '\u{E000}';
const LINK_CLOSE: char = '\u{E001}';
/// A block longer than this (in characters) is content whatever words it holds.
const LONG_BLOCK: usize = 200;

/// The text of an HTML page, one paragraph per line, blank lines between blocks.
pub fn html_to_text(html: &str) -> String {
    html_to_page(html).text
}

/// What a page holds: its title, if it names one, and its main content as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
}

/// The title and the main content of an HTML page.
pub fn html_to_page(html: &str) -> Page {
    let mut s = html.replace([LINK_OPEN, LINK_CLOSE], "");
    s = COMMENT.replace_all(&s, "").into_owned();
    let head_title = TITLE.captures(&s).map(|c| inline_text(&c[1]));
    s = HEAD.replace_all(&s, "").into_owned();
    // A `<title>` outside `<head>` is no content either.
    s = TITLE.replace_all(&s, "\n").into_owned();
    for dropped in DROPPED.iter() {
        s = dropped.replace_all(&s, "\n").into_owned();
    }
    if let Some(main) = MAIN.iter().find_map(|r| {
        r.captures(&s)
            .map(|c| c[1].to_string())
            .filter(|m| inline_text(&TAG.replace_all(m, " ")).chars().count() >= 100)
    }) {
        s = main;
    }
    let h1 = H1
        .captures_iter(&s)
        .map(|c| inline_text(&c[1]))
        .find(|t| !t.is_empty() && !is_furniture(t, 0));
    s = LINK
        .replace_all(&s, |c: &regex::Captures<'_>| {
            format!("{LINK_OPEN}{}{LINK_CLOSE}", &c[1])
        })
        .into_owned();
    s = s.replace(['\r', '\n'], " ");
    s = BLOCK.replace_all(&s, "\n").into_owned();
    s = CELL.replace_all(&s, " ").into_owned();
    s = TAG.replace_all(&s, "").into_owned();
    let s = ENTITY.replace_all(&s, |caps: &regex::Captures<'_>| {
        decode_entity(&caps[1])
            .filter(|d| !d.contains([LINK_OPEN, LINK_CLOSE]))
            .unwrap_or_else(|| caps[0].to_string())
    });
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
        let line = line.trim_end();
        let (line, linked) = unmark_links(line);
        if line.trim().is_empty() || is_furniture(line.trim(), linked) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out.push('\n');
    Page {
        title: page_title(head_title.as_deref(), h1.as_deref()),
        text: out,
    }
}

/// A line without its link marks, and how many of its characters were link text.
fn unmark_links(line: &str) -> (String, usize) {
    let mut text = String::with_capacity(line.len());
    let (mut depth, mut linked) = (0usize, 0usize);
    for c in line.chars() {
        match c {
            LINK_OPEN => depth += 1,
            LINK_CLOSE => depth = depth.saturating_sub(1),
            _ => {
                if depth > 0 && !c.is_whitespace() {
                    linked += 1;
                }
                text.push(c);
            }
        }
    }
    (text, linked)
}

/// A block that is page furniture: mostly links, a breadcrumb, or a short legal footer.
fn is_furniture(block: &str, linked: usize) -> bool {
    let chars = block.chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return true;
    }
    if linked * 2 > chars {
        return true;
    }
    let short = chars <= LONG_BLOCK;
    short && (BOILERPLATE.is_match(block) || is_breadcrumb(block))
}

/// `首页 > 外交部 > 双边关系`, `Home » News`: short names joined by `>`, `»` or `›`, no
/// sentence (`2 > 1 is not news.` is one).
fn is_breadcrumb(block: &str) -> bool {
    if BREADCRUMB.is_match(block) {
        return true;
    }
    let parts: Vec<&str> = block.split(['>', '»', '›']).map(str::trim).collect();
    let longest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    let sentence = block.contains(['.', '。', '，', ',', ';', '；']);
    parts.iter().all(|p| !p.is_empty())
        && !sentence
        && ((parts.len() >= 3 && longest <= 30) || (parts.len() == 2 && longest <= 12))
}

/// Text inside an element, tags removed, entities decoded, white space collapsed.
fn inline_text(html: &str) -> String {
    let s = TAG.replace_all(html, " ");
    let s = ENTITY.replace_all(&s, |caps: &regex::Captures<'_>| {
        decode_entity(&caps[1]).unwrap_or_else(|| caps[0].to_string())
    });
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's title: `<title>` without the site's name; the `<h1>` instead when it is the
/// same title written in full (`<title>` is often cut short), or when there is no `<title>`.
fn page_title(title: Option<&str>, h1: Option<&str>) -> Option<String> {
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let Some(title) = title else {
        return h1.map(str::to_string);
    };
    let parts: Vec<&str> = TITLE_PARTS
        .split(title)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // The site's name stands first or last: drop those ends that name a site.
    let (mut from, mut to) = (0, parts.len());
    while to - from > 1 && SITE.is_match(parts[to - 1]) {
        to -= 1;
    }
    while to - from > 1 && SITE.is_match(parts[from]) {
        from += 1;
    }
    let own = if to - from == parts.len() && parts.len() > 1 {
        // No end names a site: the longest part is the title.
        parts
            .iter()
            .copied()
            .max_by_key(|p| p.chars().count())?
            .to_string()
    } else {
        // Keep the words between the kept parts as they were written.
        let start = title.find(parts[from]).unwrap_or(0);
        let last = parts[to - 1];
        let end = title.rfind(last).map_or(title.len(), |i| i + last.len());
        title[start..end.max(start)].to_string()
    };
    if let Some(h1) = h1 {
        let (h, o) = (squeeze(h1), squeeze(&own));
        if !h.is_empty()
            && (h.contains(&o) || o.contains(&h) && h.chars().count() * 2 > o.chars().count())
        {
            return Some(h1.to_string());
        }
    }
    Some(own)
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
    fn main_content_without_menus_breadcrumbs_and_footers() {
        let html = r#"<html><head><title>中白联合声明（全文）_中华人民共和国外交部</title></head><body>
<div class="top"><a href="/">外交部</a> <a href="/en">English</a></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/m">外交部</a> &gt; <a href="/b">双边关系</a></div>
<div>首页 > 外交部 > 双边关系</div>
<h1>中白联合声明（全文）</h1>
<p>一、双方同意深化<a href="/x">一带一路</a>合作，推进中白工业园建设，扩大贸易规模。</p>
<ul><li><a href="/r1">相关新闻一</a></li><li><a href="/r2">相关新闻二</a></li></ul>
<div class="bottom">版权所有 中华人民共和国外交部 网站地图 联系我们</div>
<div>Copyright © 2024 Ministry of Foreign Affairs | Sitemap | Contact us</div></body></html>"#;
        let page = html_to_page(html);
        assert_eq!(
            page.text,
            "中白联合声明（全文）\n\n一、双方同意深化一带一路合作，推进中白工业园建设，扩大贸易规模。\n"
        );
        assert_eq!(page.title.as_deref(), Some("中白联合声明（全文）"));
    }

    #[test]
    fn titles_without_the_site() {
        let cases = [
            (
                Some("Joint Statement on X | Ministry of Foreign Affairs"),
                None,
                Some("Joint Statement on X"),
            ),
            (
                Some(
                    "Joint Statement on X — Ministry of Foreign Affairs of the People's Republic of China",
                ),
                None,
                Some("Joint Statement on X"),
            ),
            (Some("外交部 - 中白联合声明"), None, Some("中白联合声明")),
            (
                Some("中白联合声明_中华人民共和国外交部"),
                Some("中华人民共和国和白俄罗斯共和国联合声明"),
                Some("中白联合声明"),
            ),
            (
                Some("China-EU Summit Joint Statement - Ministry"),
                None,
                Some("China-EU Summit Joint Statement"),
            ),
            (
                Some("Joint Statement (full text)"),
                Some("Joint Statement (full text) on Belt and Road"),
                Some("Joint Statement (full text) on Belt and Road"),
            ),
            (
                None,
                Some("Treaty of Friendship"),
                Some("Treaty of Friendship"),
            ),
            (Some("   "), None, None),
        ];
        for (title, h1, want) in cases {
            assert_eq!(page_title(title, h1).as_deref(), want, "{title:?} {h1:?}");
        }
    }

    #[test]
    fn content_blocks_are_not_furniture() {
        for keep in [
            "一、双方同意深化合作。",
            "Article 3 The Parties shall cooperate > in good faith.",
            "The Parties note that 2 > 1 is not news.",
        ] {
            assert!(!is_furniture(keep, 0), "{keep}");
        }
        for drop in [
            "首页 > 外交部 > 双边关系",
            "Home » News » Statements",
            "当前位置：首页",
            "版权所有 网站地图",
            "All rights reserved.",
        ] {
            assert!(is_furniture(drop, 0), "{drop}");
        }
        assert!(is_furniture("Related link one", 16));
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
