//! How names and titles fit a terminal: display widths (CJK takes two columns), cutting and
//! padding, an article's short name and a title as tables and hit headers show it.

use std::borrow::Cow;

use crate::model::{ClauseArticle, Part};
use crate::terminal::printable;

/// `art. 3 (三、)`, `art. 12`, `art. 12 (第二章 › 第十二条)`, `preamble`, `signature`: the
/// label (or the headings above the clause, when there are several) is shown when it says more
/// than the number; `art. 2 (2.)` and `art. 4 (Article 4)` would only say it twice.
pub(crate) fn article_name(article: &ClauseArticle) -> String {
    match (article.part, &article.number) {
        (Part::Article, Some(n)) => {
            let mut context: Vec<&str> = if article.path.len() > 1 {
                article.path.iter().map(|s| s.trim()).collect()
            } else {
                article
                    .label
                    .as_deref()
                    .map(str::trim)
                    .into_iter()
                    .collect()
            };
            // `CHAPTER 3 › ARTICLE 18` says `CHAPTER 3` more than the number; in
            // `Chapter 1 › Article 2 › 2.` the `2.` is a paragraph of the article, kept, and
            // `Article 2` says the number again, dropped (the first heading that restates it is
            // the article's own).
            if let Some(own) = context.iter().position(|label| restates(label, n)) {
                context.remove(own);
            }
            context.retain(|s| !s.is_empty());
            if context.is_empty() {
                format!("art. {n}")
            } else {
                format!("art. {n} ({})", context.join(" › "))
            }
        }
        (Part::Division, _) if !article.path.is_empty() => article.path.join(" › "),
        (part, _) => part.as_str().to_string(),
    }
}

/// Whether an article's label says nothing but its number: `2.`, `4、`, `(3)`, `Article 12`,
/// `ARTICLE 12.`, `第12条`, `Art. 7:`. A label in other numerals (`三、`, `ARTICLE IV`) says
/// how the text writes it, which is worth showing.
pub(crate) fn restates(label: &str, number: &str) -> bool {
    let lower = label.trim().to_lowercase();
    let rest = ["article", "art.", "art", "第"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || "条.、:：()（）".contains(c));
    !rest.is_empty() && rest.trim_start_matches('0') == number.trim_start_matches('0')
}

/// `text[from..to]` for one terminal line: a clause joined from hard-wrapped lines keeps its
/// line breaks in the text (it is the exact source slice), shown here as one space, or as
/// nothing between two Chinese characters (`…实施《` / `中华人民共和国…` reads as one word). A
/// break with spaces around it is one break; it is replaced where it starts, so that the
/// pieces of a text cut at highlights show each break once.
pub(crate) fn one_line(text: &str, from: usize, to: usize) -> Cow<'_, str> {
    let piece = &text[from..to];
    if !piece.contains(['\n', '\r']) {
        return Cow::Borrowed(piece);
    }
    let is_wide = |c: char| {
        crate::script::is_han(c)
            || ('\u{3001}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    };
    let mut out = String::with_capacity(piece.len());
    let mut i = from;
    while i < to {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_whitespace() {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let start = text[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_whitespace())
            .last()
            .map_or(i, |(j, _)| j);
        let end = text[i..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(text.len(), |(j, _)| i + j);
        let run = &text[start..end];
        if !run.contains(['\n', '\r']) {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        if start == i {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if !(before.is_some_and(is_wide) && after.is_some_and(is_wide)) {
                out.push(' ');
            }
        }
        i = end.min(to);
    }
    Cow::Owned(out)
}

/// Terminal columns a string takes: East Asian wide characters take two.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `s` cut to at most `max` columns (with `…`), then padded to `max`.
pub(crate) fn fit(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if width(s) <= max {
        out.push_str(s);
        used = width(s);
    } else {
        for c in s.chars() {
            let w = width(c.encode_utf8(&mut [0; 4]));
            if used + w + 1 > max {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(used)));
    out
}

/// `s` padded to `min` columns, never cut (an id must stay whole to be copied).
pub(crate) fn pad(s: &str, min: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', min.saturating_sub(width(s))));
    out
}

/// Columns of a title in the `list` table and in hit headers before it is cut (`--json` has
/// it whole).
const TITLE_COLUMNS: usize = 100;

/// A title as `list` and hit headers show it: control characters escaped, cut to
/// [`TITLE_COLUMNS`] columns with `…`.
pub(crate) fn short_title(title: &str) -> String {
    fit(&printable(title), TITLE_COLUMNS).trim_end().to_string()
}

/// `n` with a comma between thousands: 1,000.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("专利法"), 6);
        assert_eq!(fit("zhlaw_专利法_2020", 12), "zhlaw_专利… ");
        assert_eq!(width(&fit("zhlaw_专利法_2020", 12)), 12);
        assert_eq!(fit("ab", 4), "ab  ");
    }

    #[test]
    fn article_names_show_labels_that_add_something() {
        let a = |label: Option<&str>, number: &str| ClauseArticle {
            part: Part::Article,
            label: label.map(str::to_string),
            number: Some(number.into()),
            path: Vec::new(),
        };
        assert_eq!(article_name(&a(Some("三、"), "3")), "art. 3 (三、)");
        assert_eq!(article_name(&a(Some("4、"), "4")), "art. 4");
        assert_eq!(article_name(&a(None, "1")), "art. 1");
        for label in [
            "2.",
            "(2)",
            "Article 2",
            "ARTICLE 2.",
            "第2条",
            "Art. 2:",
            "02.",
        ] {
            assert_eq!(article_name(&a(Some(label), "2")), "art. 2", "{label}");
        }
        for label in ["ARTICLE II", "二、", "2.1"] {
            assert_eq!(
                article_name(&a(Some(label), "2")),
                format!("art. 2 ({label})")
            );
        }
        let nested = ClauseArticle {
            path: vec!["第二章".into(), "第十二条".into()],
            ..a(Some("第十二条"), "12")
        };
        assert_eq!(article_name(&nested), "art. 12 (第二章 › 第十二条)");
        let nested = ClauseArticle {
            path: vec!["CHAPTER 3".into(), "ARTICLE 18".into()],
            ..a(Some("ARTICLE 18"), "18")
        };
        assert_eq!(article_name(&nested), "art. 18 (CHAPTER 3)");
        let nested = ClauseArticle {
            path: vec!["Chapter 1".into(), "Article 2".into(), "2.".into()],
            ..a(Some("2."), "2")
        };
        assert_eq!(article_name(&nested), "art. 2 (Chapter 1 › 2.)");
        let nested = ClauseArticle {
            path: vec!["CHAPTER 4".into(), "ARTICLE 44".into(), "(a)".into()],
            ..a(Some("(a)"), "44")
        };
        assert_eq!(article_name(&nested), "art. 44 (CHAPTER 4 › (a))");
        assert_eq!(article_name(&ClauseArticle::preamble()), "preamble");
    }
}

#[cfg(test)]
mod line_tests {
    use super::one_line;

    #[test]
    fn line_breaks_become_one_space_or_nothing_between_chinese_characters() {
        let whole = |t: &str| one_line(t, 0, t.len()).into_owned();
        assert_eq!(
            whole("the Parties shall\n  endeavour to"),
            "the Parties shall endeavour to"
        );
        assert_eq!(whole("a \r\n b"), "a b");
        assert_eq!(
            whole("认真做好实施《\n中华人民共和国公务员法》"),
            "认真做好实施《中华人民共和国公务员法》"
        );
        assert_eq!(whole("中国 \n Belarus"), "中国 Belarus");
        assert_eq!(whole("no  break"), "no  break");
        // Cut at a highlight, each break shows once.
        let t = "essential security\ninterests of";
        let cut = t.find('\n').unwrap();
        let pieces = [
            one_line(t, 0, cut),
            one_line(t, cut, cut + 1),
            one_line(t, cut + 1, t.len()),
        ];
        assert_eq!(pieces.concat(), "essential security interests of");
    }
}
