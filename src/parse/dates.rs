//! Full calendar dates in running text, Chinese or English, with the place of signing written
//! next to them. Owns the date grammar (ISO, 年月日 in Arabic or Chinese numerals, English
//! month-first, day-first and "day of" forms) and the place heuristics; it does not decide which
//! date of a document is the signing date. Every date is checked with [`Date::new`], so
//! impossible dates such as 2023-02-29 are never returned.

use std::cmp::Reverse;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::numerals::{chinese_to_u32, english_words_to_u32};
use crate::model::Date;
use crate::script::is_han;

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub date: Date,
    /// Byte span `[start, end)` of the date expression in the input (place excluded).
    pub start: usize,
    pub end: usize,
    /// The form that matched, for callers that care.
    pub form: DateForm,
    /// Place of signing written with the date, if any: "北京" in "二0一三年七月十六日于北京",
    /// "Beijing" in "March 1, 2023 in Beijing", "Canberra" in "Done at Canberra on this 17th
    /// day of June in the year 2015".
    pub place: Option<String>,
}

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// `2013-07-17`, `2013/07/17`, `2013.07.17`, optionally followed by a time.
    Iso,
    /// `2013年7月16日`, with ASCII or full-width digits.
    ChineseArabic,
    /// `二〇一三年七月十六日`.
    ChineseNumeral,
    /// `March 1, 2023`.
    EnglishMonthFirst,
    /// `1 March 2023`, `the 1st of March 2023`.
    EnglishDayFirst,
    /// `17th day of June, 2015`, `seventeenth day of June, two thousand and fifteen`.
    EnglishDayOf,
}

/// Characters a Chinese year may be written with; also what must not precede it, so that a
/// longer digit run is not cut into a year.
const ZH_YEAR_CHARS: &str = "0-9０-９〇零○一二三四五六七八九";
const ZH_SMALL_NUMERAL: &str = "一二三四五六七八九十";
const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|\
                      november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const ORDINAL_WORDS: &str = "(?:twenty|thirty)[\\s-]+(?:first|second|third|fourth|fifth|sixth|\
                             seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|\
                             seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|\
                             fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|\
                             thirtieth";
const NUMBER_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\
                            twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|\
                            nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\
                            hundred|thousand";
/// A capitalised place name of one or more words ("Beijing", "New York", "Port of Spain").
/// Words are joined by horizontal space only, so a heading on the next line is not swallowed.
const PLACE: &str =
    r"\p{Lu}[\p{L}'’\-]*(?:[ \t]+(?:(?:of|de|du|da|es|al)[ \t]+)?\p{Lu}[\p{L}'’\-]*)*";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("date regexes are literals and valid")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})(?P<t>[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?",
    )
});

static ZH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?P<y>[{ZH_YEAR_CHARS}]{{4}})\s*年\s*(?P<m>[0-9０-９]{{1,2}}|[{ZH_SMALL_NUMERAL}]{{1,3}})\s*月\s*(?P<d>[0-9０-９]{{1,2}}|[{ZH_SMALL_NUMERAL}]{{1,3}})\s*[日号]"
    ))
});

static ZH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?P<y>[{ZH_YEAR_CHARS}]{{4}})\s*年")));

// `(?-u:\b)` is an ASCII word boundary: a CJK character right before "March" still counts as a
// boundary, which the Unicode `\b` would not allow.
static EN_MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?P<mon>{MONTHS})(?-u:\b)\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:\s*,\s*|\s+)(?P<y>[0-9]{{4}})(?:[^0-9]|\z)"
    ))
});

static EN_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}})(?:<sup>(?:st|nd|rd|th)</sup>|(?:st|nd|rd|th)?(?-u:\b))[”\x22»]?\s+(?:of\s+)?(?P<mon>{MONTHS})(?:(?-u:\b)\.?(?:\s*,\s*|\s+)(?:of\s+)?)?(?P<y>[0-9]{{4}})(?:[^0-9]|\z)"
    ))
});

static EN_DAY_OF: LazyLock<Regex> = LazyLock::new(|| {
    let word = format!(r"(?:{NUMBER_WORDS})(?-u:\b)");
    regex(&format!(
        r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}}(?:(?:<sup>)?-?(?:st|nd|rd|th)(?:</sup>)?|['’]t?h)?\.?|(?:{ORDINAL_WORDS})(?-u:\b))\s*day\s*of\s*(?:the\s+month\s+of\s+)?(?P<mon>{MONTHS})(?-u:\b)\.?(?:\s*,\s*|\s+)(?:(?:in|of)\s+the\s*year\s+(?:of\s+our\s+lord\s+)?|of\s+)?(?:\[?(?P<y>[0-9]{{4}})(?:[^0-9]|\z)|(?P<yw>{word}(?:(?:\s+and\s+|\s*,\s*|[\s-]+){word})*)(?-u:\b))"
    ))
});

static PLACE_AFTER_EN: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\A\s*,?\s*(?:in|at)\s+(?P<p>{PLACE})")));

static PLACE_BEFORE_EN: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i:(?-u:\b)(?:done|signed|concluded|made)(?-u:\b))(?:\s+(?i:in\s+(?:duplicate|triplicate|two\s+originals)))?\s*,?\s+(?i:at)\s+(?P<p>{PLACE})(?:\s*,?\s*(?i:in\s+(?:duplicate|triplicate|two\s+(?:originals|copies))))?\s*,?\s*(?:(?i:on)\s+)?(?:(?i:this|the)\s+)?\z"
    ))
});

static ASCII_WORD: LazyLock<Regex> = LazyLock::new(|| regex(r"[A-Za-z]+"));

/// Every full date (year, month and day) in `text`, in order of position, non-overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut found = Vec::new();
    iso_dates(text, &mut found);
    chinese_dates(text, &mut found);
    english_dates(text, &mut found);
    // Earliest first, and of two dates starting together the longer one, which is the more
    // complete reading (a time after an ISO date, a year in words).
    found.sort_by_key(|m| (m.start, Reverse(m.end)));
    let mut taken: Vec<DateMatch> = Vec::with_capacity(found.len());
    for mut m in found {
        if taken.last().is_some_and(|last| m.start < last.end) {
            continue;
        }
        m.place = place_after(&text[m.end..]).or_else(|| place_before(text, m.start));
        taken.push(m);
    }
    taken
}

/// Years written with 年 (`二〇二三年`, `2015年`, `二0一三年`) that are not part of a full date,
/// as `(year, start, end)` with the span covering 年. For callers that want a year when the text
/// has no full date; only 1000..=2999 is returned.
pub fn find_years(text: &str) -> Vec<(u32, usize, usize)> {
    let dates = find_dates(text);
    ZH_YEAR
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            if preceded_by_year_char(text, whole.start()) {
                return None;
            }
            if dates
                .iter()
                .any(|d| whole.start() < d.end && d.start < whole.end())
            {
                return None;
            }
            let year = chinese_to_u32(caps.name("y")?.as_str())?;
            (1000..=2999)
                .contains(&year)
                .then_some((year, whole.start(), whole.end()))
        })
        .collect()
}

/// The earliest year a date in these documents is believed: older "dates" are misreadings
/// (`one thousand` cut from a year in words split over a line) or history, not documents.
const FIRST_YEAR: u16 = 1800;

/// The current year by the system clock (UTC), for the latest believable date.
fn current_year() -> u16 {
    static YEAR: LazyLock<u16> = LazyLock::new(|| {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400);
        civil_year(days)
    });
    *YEAR
}

/// The Gregorian year of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_year(days: u64) -> u16 {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + u64::from(mp >= 10);
    u16::try_from(year).unwrap_or(u16::MAX)
}

/// A year a document of ours can bear: from [`FIRST_YEAR`] to next year (a text may be dated
/// ahead, never by decades).
pub fn plausible_year(year: u16) -> bool {
    (FIRST_YEAR..=current_year().saturating_add(1)).contains(&year)
}

fn push(found: &mut Vec<DateMatch>, date: Option<Date>, start: usize, end: usize, form: DateForm) {
    if let Some(date) = date.filter(|d| plausible_year(d.year)) {
        found.push(DateMatch {
            date,
            start,
            end,
            form,
            place: None,
        });
    }
}

fn iso_dates(text: &str, found: &mut Vec<DateMatch>) {
    for caps in ISO.captures_iter(text) {
        let (Some(whole), Some(y), Some(s1), Some(m), Some(s2), Some(d)) = (
            caps.get(0),
            caps.name("y"),
            caps.name("s1"),
            caps.name("m"),
            caps.name("s2"),
            caps.name("d"),
        ) else {
            continue;
        };
        if s1.as_str() != s2.as_str()
            || text[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        // A digit, or the separator and another number, after the day means this is a piece of
        // something longer (a version, a phone number, 2013-07-17-01).
        let after = &text[d.end()..];
        let mut next = after.chars();
        match (next.next(), next.next()) {
            (Some(c), _) if c.is_ascii_digit() => continue,
            (Some(c), Some(n)) if s1.as_str().starts_with(c) && n.is_ascii_digit() => continue,
            _ => {}
        }
        let end = match caps.name("t") {
            Some(t) if !text[t.end()..].starts_with(|c: char| c.is_ascii_digit() || c == ':') => {
                t.end()
            }
            _ => d.end(),
        };
        let date = match (y.as_str().parse(), m.as_str().parse(), d.as_str().parse()) {
            (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d),
            _ => None,
        };
        push(found, date, whole.start(), end, DateForm::Iso);
    }
}

fn preceded_by_year_char(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_some_and(|c| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇零○一二三四五六七八九".contains(c)
    })
}

fn chinese_dates(text: &str, found: &mut Vec<DateMatch>) {
    for caps in ZH_DATE.captures_iter(text) {
        let (Some(whole), Some(y), Some(m), Some(d)) =
            (caps.get(0), caps.name("y"), caps.name("m"), caps.name("d"))
        else {
            continue;
        };
        if preceded_by_year_char(text, whole.start()) {
            continue;
        }
        let arabic = [y, m, d].iter().all(|part| {
            part.as_str()
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        });
        let form = if arabic {
            DateForm::ChineseArabic
        } else {
            DateForm::ChineseNumeral
        };
        let date = match (
            chinese_to_u32(y.as_str()),
            chinese_to_u32(m.as_str()),
            chinese_to_u32(d.as_str()),
        ) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
            _ => None,
        };
        push(found, date, whole.start(), whole.end(), form);
    }
}

fn month_number(name: &str) -> Option<u32> {
    // Lower-case "may" is the verb far more often than the month; real dates capitalise it.
    if name == "may" {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let n = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn day_number(s: &str) -> Option<u32> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        // `17th`, and OCR's `18'h`.
        let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        s[..digits].parse().ok()
    } else {
        english_words_to_u32(s)
    }
}

/// The year and where it ends. Year words are matched greedily, so a trailing number word that
/// belongs to the next phrase is dropped until the rest reads as a number.
fn year_number(s: &str) -> Option<(u32, usize)> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Some((s.parse().ok()?, s.len()));
    }
    let ends: Vec<usize> = ASCII_WORD.find_iter(s).map(|w| w.end()).collect();
    ends.into_iter()
        .rev()
        .find_map(|end| Some((english_words_to_u32(&s[..end])?, end)))
}

fn english_dates(text: &str, found: &mut Vec<DateMatch>) {
    let forms: [(&Regex, DateForm); 3] = [
        (&EN_MONTH_FIRST, DateForm::EnglishMonthFirst),
        (&EN_DAY_FIRST, DateForm::EnglishDayFirst),
        (&EN_DAY_OF, DateForm::EnglishDayOf),
    ];
    for (re, form) in forms {
        for caps in re.captures_iter(text) {
            if let Some((date, start, end)) = english_date(&caps) {
                push(found, Some(date), start, end, form);
            }
        }
    }
}

fn english_date(caps: &Captures) -> Option<(Date, usize, usize)> {
    let whole = caps.get(0)?;
    let year = caps.name("y").or_else(|| caps.name("yw"))?;
    let (y, len) = year_number(year.as_str())?;
    let m = month_number(caps.name("mon")?.as_str())?;
    let d = day_number(caps.name("d")?.as_str())?;
    Some((Date::new(y, m, d)?, whole.start(), year.start() + len))
}

/// Longest Chinese place name taken after 于/在; beyond it the "place" is a clause.
const MAX_ZH_PLACE_CHARS: usize = 10;
/// Where a Chinese place name ends: the verb of signing or meeting that usually follows it.
const ZH_PLACE_STOPS: &[&str] = &[
    "签", "订", "举", "发表", "发布", "通过", "召开", "正式", "共同", "会见", "会谈", "生效",
    "期间",
];
/// After 在/于 these start a phrase ("在此基础上", "于本协定"), not a place.
const ZH_NOT_PLACE_START: &str = "此这该其各两双本全";

fn place_after(rest: &str) -> Option<String> {
    place_after_zh(rest).or_else(|| place_after_en(rest))
}

fn place_after_zh(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['于', '於', '在'])?.trim_start();
    let mut place = String::new();
    for (count, (i, c)) in rest.char_indices().enumerate() {
        if !is_han(c) || ZH_PLACE_STOPS.iter().any(|s| rest[i..].starts_with(s)) {
            break;
        }
        if count == MAX_ZH_PLACE_CHARS {
            return None;
        }
        place.push(c);
    }
    match place.chars().next() {
        Some(first) if !ZH_NOT_PLACE_START.contains(first) => Some(place),
        _ => None,
    }
}

/// Capitalised words after "in" that name a language or a formula rather than a city.
const EN_NOT_PLACE: &[&str] = &[
    "English",
    "Chinese",
    "French",
    "Russian",
    "Spanish",
    "Arabic",
    "German",
    "Japanese",
    "Accordance",
    "Witness",
    "Force",
    "The",
];

fn place_after_en(rest: &str) -> Option<String> {
    let caps = PLACE_AFTER_EN.captures(rest)?;
    let place = clean_en_place(caps.name("p")?.as_str())?;
    let first = place.split_whitespace().next()?;
    // "The" alone is not a place, but it does start a few ("The Hague").
    let named = !EN_NOT_PLACE.contains(&first) || (first == "The" && place.contains(' '));
    named.then_some(place)
}

fn place_before(text: &str, start: usize) -> Option<String> {
    // The formula sits just before the date; a bounded window keeps the anchored search cheap.
    let mut from = start.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let caps = PLACE_BEFORE_EN.captures(&text[from..start])?;
    clean_en_place(caps.name("p")?.as_str())
}

/// Trims punctuation, and the "ON THIS" that an all-capitals formula lets into the name.
fn clean_en_place(raw: &str) -> Option<String> {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            ["on", "this", "the"]
                .iter()
                .any(|s| w.eq_ignore_ascii_case(s))
        })
    {
        words.pop();
    }
    let place = words
        .join(" ")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!place.is_empty()).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (date, form, matched text, place) for each match, for compact expectations.
    fn summary(text: &str) -> Vec<(String, DateForm, &str, Option<String>)> {
        find_dates(text)
            .into_iter()
            .map(|m| (m.date.to_string(), m.form, &text[m.start..m.end], m.place))
            .collect()
    }

    #[test]
    fn single_dates() {
        use DateForm::*;
        let cases: &[(&str, &str, DateForm, &str, Option<&str>)] = &[
            ("on 2013-07-17.", "2013-07-17", Iso, "2013-07-17", None),
            (
                "2023-12-28 18:40 发布",
                "2023-12-28",
                Iso,
                "2023-12-28 18:40",
                None,
            ),
            (
                "2023-12-28T18:40:05Z",
                "2023-12-28",
                Iso,
                "2023-12-28T18:40:05",
                None,
            ),
            ("2013/07/17", "2013-07-17", Iso, "2013/07/17", None),
            ("2013.7.17", "2013-07-17", Iso, "2013.7.17", None),
            (
                "2013年7月16日",
                "2013-07-16",
                ChineseArabic,
                "2013年7月16日",
                None,
            ),
            (
                "2013年07月16日",
                "2013-07-16",
                ChineseArabic,
                "2013年07月16日",
                None,
            ),
            (
                "２０１３年７月１６日",
                "2013-07-16",
                ChineseArabic,
                "２０１３年７月１６日",
                None,
            ),
            (
                "2013 年 7 月 16 日",
                "2013-07-16",
                ChineseArabic,
                "2013 年 7 月 16 日",
                None,
            ),
            (
                "二0一三年七月十六日",
                "2013-07-16",
                ChineseNumeral,
                "二0一三年七月十六日",
                None,
            ),
            (
                "二〇二三年三月一日",
                "2023-03-01",
                ChineseNumeral,
                "二〇二三年三月一日",
                None,
            ),
            (
                "一九九〇年十二月二十八日",
                "1990-12-28",
                ChineseNumeral,
                "一九九〇年十二月二十八日",
                None,
            ),
            (
                "二〇二三年十二月三十一日",
                "2023-12-31",
                ChineseNumeral,
                "二〇二三年十二月三十一日",
                None,
            ),
            (
                "二○二三年二月二十八日",
                "2023-02-28",
                ChineseNumeral,
                "二○二三年二月二十八日",
                None,
            ),
            (
                "March 1, 2023",
                "2023-03-01",
                EnglishMonthFirst,
                "March 1, 2023",
                None,
            ),
            (
                "March 1 2023",
                "2023-03-01",
                EnglishMonthFirst,
                "March 1 2023",
                None,
            ),
            (
                "Mar. 1, 2023",
                "2023-03-01",
                EnglishMonthFirst,
                "Mar. 1, 2023",
                None,
            ),
            (
                "Sept. 15, 2022",
                "2022-09-15",
                EnglishMonthFirst,
                "Sept. 15, 2022",
                None,
            ),
            (
                "JUNE 17TH, 2015",
                "2015-06-17",
                EnglishMonthFirst,
                "JUNE 17TH, 2015",
                None,
            ),
            (
                "May 9, 2015",
                "2015-05-09",
                EnglishMonthFirst,
                "May 9, 2015",
                None,
            ),
            (
                "于March 1, 2023",
                "2023-03-01",
                EnglishMonthFirst,
                "March 1, 2023",
                None,
            ),
            (
                "1 March 2023",
                "2023-03-01",
                EnglishDayFirst,
                "1 March 2023",
                None,
            ),
            (
                "1st March 2023",
                "2023-03-01",
                EnglishDayFirst,
                "1st March 2023",
                None,
            ),
            (
                "on the 1st of March 2023",
                "2023-03-01",
                EnglishDayFirst,
                "1st of March 2023",
                None,
            ),
            (
                "17th day of June, 2015",
                "2015-06-17",
                EnglishDayOf,
                "17th day of June, 2015",
                None,
            ),
            (
                "on the 30th day of October 1947",
                "1947-10-30",
                EnglishDayOf,
                "30th day of October 1947",
                None,
            ),
            (
                "this seventeenth day of June, two thousand and fifteen",
                "2015-06-17",
                EnglishDayOf,
                "seventeenth day of June, two thousand and fifteen",
                None,
            ),
            (
                "the twenty-first day of May in the year one thousand nine hundred and ninety-nine",
                "1999-05-21",
                EnglishDayOf,
                "twenty-first day of May in the year one thousand nine hundred and ninety-nine",
                None,
            ),
            (
                "the first day of July, two thousand and fifteen and one more",
                "2015-07-01",
                EnglishDayOf,
                "first day of July, two thousand and fifteen",
                None,
            ),
        ];
        for &(text, date, form, span, place) in cases {
            let want = vec![(date.to_string(), form, span, place.map(String::from))];
            assert_eq!(summary(text), want, "{text:?}");
        }
    }

    #[test]
    fn forms_of_signing_formulas_and_their_damage() {
        use DateForm::*;
        // (text, date, form, matched span)
        let cases: &[(&str, &str, DateForm, &str)] = &[
            (
                "on the 10th day of April of 2000",
                "2000-04-10",
                EnglishDayOf,
                "10th day of April of 2000",
            ),
            (
                "this eighteenth day of March 1993",
                "1993-03-18",
                EnglishDayOf,
                "eighteenth day of March 1993",
            ),
            (
                "this 18'h day ofAugust 2001",
                "2001-08-18",
                EnglishDayOf,
                "18'h day ofAugust 2001",
            ),
            (
                "this 8-th day of May of the year two thousand and one",
                "2001-05-08",
                EnglishDayOf,
                "8-th day of May of the year two thousand and one",
            ),
            (
                "this 13. day of September 1993",
                "1993-09-13",
                EnglishDayOf,
                "13. day of September 1993",
            ),
            (
                "this 10thdayofDecember 1992",
                "1992-12-10",
                EnglishDayOf,
                "10thdayofDecember 1992",
            ),
            (
                "on the eighteenth day of the month of\nFebruary 1960",
                "1960-02-18",
                EnglishDayOf,
                "eighteenth day of the month of\nFebruary 1960",
            ),
            (
                "twentieth day of December in theyear 2008 in",
                "2008-12-20",
                EnglishDayOf,
                "twentieth day of December in theyear 2008",
            ),
            (
                "ninth day of September, 2006in duplicate",
                "2006-09-09",
                EnglishDayOf,
                "ninth day of September, 2006",
            ),
            (
                "the thirty-first day of March, one thousand, nine hundred and\nsixty-nine.",
                "1969-03-31",
                EnglishDayOf,
                "thirty-first day of March, one thousand, nine hundred and\nsixty-nine",
            ),
            (
                "this 8<sup>th</sup> day of June 2009",
                "2009-06-08",
                EnglishDayOf,
                "8<sup>th</sup> day of June 2009",
            ),
            (
                "on 3<sup>rd</sup> January 2012 in",
                "2012-01-03",
                EnglishDayFirst,
                "3<sup>rd</sup> January 2012",
            ),
            (
                "Moscow “23” December2014 in",
                "2014-12-23",
                EnglishDayFirst,
                "23” December2014",
            ),
            (
                "on the 26th of June of 2012.",
                "2012-06-26",
                EnglishDayFirst,
                "26th of June of 2012",
            ),
            (
                "March 1,\n2023",
                "2023-03-01",
                EnglishMonthFirst,
                "March 1,\n2023",
            ),
            (
                "二〇二一年九月十日于北京",
                "2021-09-10",
                ChineseNumeral,
                "二〇二一年九月十日",
            ),
        ];
        for &(text, date, form, span) in cases {
            let got = summary(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(
                (got[0].0.as_str(), got[0].1, got[0].2),
                (date, form, span),
                "{text:?}"
            );
        }
    }

    #[test]
    fn implausible_and_impossible_dates_are_rejected() {
        let next = current_year() + 1;
        let cases = [
            "the twentieth day of November in the year one thousand".to_string(),
            "1 January 1799".to_string(),
            "1799年1月1日".to_string(),
            format!("1 January {}", next + 1),
            format!("{}-01-01", next + 1),
            "31 April 2015".to_string(),
            "April 31, 2015".to_string(),
            "2015年4月31日".to_string(),
            "29 February 2023".to_string(),
        ];
        for text in &cases {
            assert_eq!(summary(text), vec![], "{text:?}");
        }
        for ok in ["1 January 1800".to_string(), format!("31 December {next}")] {
            assert_eq!(summary(&ok).len(), 1, "{ok:?}");
        }
        assert!((2026..2200).contains(&current_year()));
        assert_eq!(civil_year(0), 1970);
        assert_eq!(civil_year(19_722), 2023); // 2023-12-31
        assert_eq!(civil_year(19_723), 2024); // 2024-01-01
    }

    #[test]
    fn places() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("二0一三年七月十六日于北京", "2013-07-16", Some("北京")),
            ("2013年7月16日在北京签署", "2013-07-16", Some("北京")),
            ("于2013年7月16日在北京签订", "2013-07-16", Some("北京")),
            (
                "2023年3月1日于北京人民大会堂举行。",
                "2023-03-01",
                Some("北京人民大会堂"),
            ),
            ("2023年3月1日，于北京", "2023-03-01", None),
            ("2023年3月1日在此基础上", "2023-03-01", None),
            (
                "2023年3月1日在联合国大会第七十八届会议一般性辩论",
                "2023-03-01",
                None,
            ),
            ("2023年3月1日于", "2023-03-01", None),
            ("March 1, 2023 in Beijing", "2023-03-01", Some("Beijing")),
            ("March 1, 2023 in New York.", "2023-03-01", Some("New York")),
            (
                "March 1, 2023 in Beijing, China",
                "2023-03-01",
                Some("Beijing"),
            ),
            (
                "1 March 2023 in Port of Spain",
                "2023-03-01",
                Some("Port of Spain"),
            ),
            (
                "March 1, 2023 in The Hague",
                "2023-03-01",
                Some("The Hague"),
            ),
            ("March 1, 2023 in English and Chinese", "2023-03-01", None),
            ("March 1, 2023 in the capital", "2023-03-01", None),
            (
                "March 1, 2023 in Beijing\nThe Parties",
                "2023-03-01",
                Some("Beijing"),
            ),
            (
                "Done at Canberra on this 17th day of June in the year 2015",
                "2015-06-17",
                Some("Canberra"),
            ),
            (
                "DONE at Geneva, this 17th day of June, 2015",
                "2015-06-17",
                Some("Geneva"),
            ),
            (
                "DONE AT GENEVA ON THIS 17TH DAY OF JUNE 2015",
                "2015-06-17",
                Some("GENEVA"),
            ),
            (
                "Signed at Beijing on 1 March 2023.",
                "2023-03-01",
                Some("Beijing"),
            ),
            (
                "Done in duplicate at New Delhi on the 1st of March 2023",
                "2023-03-01",
                Some("New Delhi"),
            ),
            (
                "Done at Minsk in two originals on March 1, 2023",
                "2023-03-01",
                Some("Minsk"),
            ),
            ("He arrived at Beijing on March 1, 2023", "2023-03-01", None),
            ("2023-03-01于北京", "2023-03-01", Some("北京")),
        ];
        for &(text, date, place) in cases {
            let got = find_dates(text);
            assert_eq!(got.len(), 1, "{text:?}: {got:?}");
            assert_eq!(got[0].date.to_string(), date, "{text:?}");
            assert_eq!(got[0].place.as_deref(), place, "{text:?}");
        }
    }

    #[test]
    fn not_dates() {
        let cases: &[&str] = &[
            "",
            "12013-07-170",
            "12013-07-17",
            "2013-07-170",
            "2013-07-17-01",
            "2013-07/17",
            "2013-02-30",
            "0999-01-01",
            "2023年3月",
            "二〇二三年",
            "2015年",
            "12013年7月16日",
            "2013年13月1日",
            "二〇二三年二月三十日",
            "March 2023",
            "March 32, 2023",
            "Feb. 29, 2023",
            "Marching 1, 2023",
            "1 Marchy 2023",
            "We may 1 2023 see",
            "May 1, 20231",
            "31st day of April, 2015",
            "this seventeenth day of June, two apples",
            "version 1.2.3, article 2, 2023",
        ];
        for &text in cases {
            assert_eq!(summary(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn several_dates_in_order_without_overlap() {
        let text = "签署于2013年7月16日，2023-12-28 18:40 发布。Signed March 1, 2023; \
                    entered into force on the 30th day of October 1947 and 二〇二三年三月一日.";
        let got: Vec<String> = find_dates(text)
            .iter()
            .map(|m| m.date.to_string())
            .collect();
        assert_eq!(
            got,
            [
                "2013-07-16",
                "2023-12-28",
                "2023-03-01",
                "1947-10-30",
                "2023-03-01"
            ]
        );
        for m in find_dates(text) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn standalone_years() {
        let cases: &[(&str, &[(u32, &str)])] = &[
            ("二〇二三年", &[(2023, "二〇二三年")]),
            ("2015年以来", &[(2015, "2015年")]),
            ("二0一三年是", &[(2013, "二0一三年")]),
            ("２０１５ 年", &[(2015, "２０１５ 年")]),
            ("2023年3月", &[(2023, "2023年")]),
            ("2013年7月16日与2015年", &[(2015, "2015年")]),
            ("2013年7月16日", &[]),
            ("0999年", &[]),
            ("12015年", &[]),
            ("3000年", &[]),
            ("十二年", &[]),
            ("2015 year", &[]),
        ];
        for &(text, want) in cases {
            let got: Vec<(u32, &str)> = find_years(text)
                .into_iter()
                .map(|(y, s, e)| (y, &text[s..e]))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let samples = [
            "二0一三年七月十六日于北京签署。March 1, 2023 in Beijing. Done at Canberra on this \
             17th day of June in the year 2015 ",
            "ſept 1, 2023 K ﬀ İ 𠀀年 2013-07-17\u{0}\u{FEFF}年月日于在",
            "\u{1F600}2013年\u{301}7月16日于\u{1F600}",
        ];
        for sample in samples {
            let boundaries: Vec<usize> = sample
                .char_indices()
                .map(|(i, _)| i)
                .chain([sample.len()])
                .collect();
            for &a in &boundaries {
                for &b in boundaries.iter().filter(|&&b| b >= a).step_by(3) {
                    let piece = &sample[a..b];
                    for m in find_dates(piece) {
                        assert!(piece.is_char_boundary(m.start) && piece.is_char_boundary(m.end));
                    }
                    let _ = find_years(piece);
                }
            }
        }
    }
}
