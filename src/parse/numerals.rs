//! Numbers that documents write without Arabic digits: Chinese numerals (article headings,
//! dates such as 二〇二三年), Roman numerals (`Article XIV`) and English number words
//! (`twenty-first`, `two thousand and fifteen`). Every function here is total: it answers
//! `None` for anything it does not recognise and never panics.

use std::sync::LazyLock;

use regex::Regex;

/// One Chinese numeral character, classified by the role it plays in a number.
#[derive(Clone, Copy)]
enum ZhToken {
    Digit(u32),
    /// 十 百 千: multiply the digit before them, and must descend within a group of four.
    Unit(u32),
    /// 万 亿: close a group of four.
    Big(u32),
}

fn zh_token(c: char) -> Option<ZhToken> {
    use ZhToken::{Big, Digit, Unit};
    Some(match c {
        // ASCII 0 and ○ stand in for 〇 in many typed dates (二0一三年).
        '〇' | '零' | '○' => Digit(0),
        '一' | '壹' => Digit(1),
        '二' | '两' | '贰' | '貳' | '兩' => Digit(2),
        '三' | '叁' | '參' => Digit(3),
        '四' | '肆' => Digit(4),
        '五' | '伍' => Digit(5),
        '六' | '陆' | '陸' => Digit(6),
        '七' | '柒' => Digit(7),
        '八' | '捌' => Digit(8),
        '九' | '玖' => Digit(9),
        '十' | '拾' => Unit(10),
        '百' | '佰' => Unit(100),
        '千' | '仟' => Unit(1000),
        '万' | '萬' => Big(10_000),
        '亿' | '億' => Big(100_000_000),
        '0'..='9' => Digit(c as u32 - '0' as u32),
        '０'..='９' => Digit(c as u32 - '０' as u32),
        _ => return None,
    })
}

/// Chinese numerals as used in article headings and dates: 一 二 … 十 百 千 万, 〇/零/○ and the
/// ASCII digit 0 used as zero in dates (二0一三), 两, full-width digits ０-９, and formal
/// 壹贰叁肆伍陆柒捌玖拾佰仟.
///
/// Positional forms: 十→10, 十四→14, 二十→20, 二十一→21, 一百零五→105, 一百一十→110,
/// 一千二百三十四→1234. Digit-by-digit forms (years): 二0一三→2013, 二〇二三→2023,
/// 一九九二→1992. Returns `None` for empty input or anything that is not a numeral.
pub fn chinese_to_u32(s: &str) -> Option<u32> {
    let tokens: Vec<ZhToken> = s.trim().chars().map(zh_token).collect::<Option<_>>()?;
    if tokens.is_empty() {
        return None;
    }
    if tokens.iter().all(|t| matches!(t, ZhToken::Digit(_))) {
        // Without any unit the characters are read as a string of digits, the way years are written.
        return tokens.iter().try_fold(0u32, |acc, t| match t {
            ZhToken::Digit(d) => acc.checked_mul(10)?.checked_add(*d),
            _ => None,
        });
    }
    positional(&tokens)
}

fn positional(tokens: &[ZhToken]) -> Option<u32> {
    let mut total: u32 = 0;
    let mut group: u32 = 0;
    let mut digit: Option<u32> = None;
    let mut smallest_unit = u32::MAX;
    let mut smallest_big = u32::MAX;
    // The unit the pending digit directly follows, and whether a 零 came between them: decides
    // whether a trailing digit is a plain digit (一百零五) or the abbreviated next place (一百五).
    let mut last_unit: Option<u32> = None;
    let mut zero_since_unit = false;
    for &token in tokens {
        match token {
            ZhToken::Digit(0) => {
                if digit.is_some() {
                    return None;
                }
                zero_since_unit = true;
            }
            ZhToken::Digit(d) => {
                if digit.replace(d).is_some() {
                    return None;
                }
            }
            ZhToken::Unit(u) => {
                if u >= smallest_unit {
                    return None;
                }
                // Only 十 may drop its leading 一 (十四, not 百四).
                let multiplier = match digit.take() {
                    Some(d) => d,
                    None if u == 10 => 1,
                    None => return None,
                };
                group += multiplier * u;
                smallest_unit = u;
                last_unit = Some(u);
                zero_since_unit = false;
            }
            ZhToken::Big(b) => {
                if b >= smallest_big {
                    return None;
                }
                let value = group + digit.take().unwrap_or(0);
                if value == 0 {
                    return None;
                }
                total = total.checked_add(value.checked_mul(b)?)?;
                group = 0;
                smallest_unit = u32::MAX;
                smallest_big = b;
                last_unit = Some(b);
                zero_since_unit = false;
            }
        }
    }
    let tail = match (digit, last_unit) {
        (Some(d), Some(u)) if u >= 100 && !zero_since_unit => d * (u / 10),
        (Some(d), _) => d,
        (None, _) => 0,
    };
    total.checked_add(group + tail)
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^M{0,3}(?:CM|CD|D?C{0,4})(?:XC|XL|L?X{0,4})(?:IX|IV|V?I{0,4})$")
        .expect("valid roman numeral regex")
});

/// Roman numerals in upper or lower case, 1 to 3999. Additive fours (`IIII`) are tolerated as on
/// clock faces; anything else out of order (`IC`, `VX`, `MMMM`) or empty is `None`.
pub fn roman_to_u32(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_uppercase();
    if s.is_empty() || !ROMAN.is_match(&s) {
        return None;
    }
    let values: Vec<u32> = s
        .chars()
        .map(|c| match c {
            'I' => Some(1),
            'V' => Some(5),
            'X' => Some(10),
            'L' => Some(50),
            'C' => Some(100),
            'D' => Some(500),
            'M' => Some(1000),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut total = 0;
    for (i, &v) in values.iter().enumerate() {
        // The regex has already ruled out every smaller-before-larger pair that is not subtractive.
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    u32::try_from(total).ok()
}

/// How one English number word behaves when combined with its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    /// zero to nineteen, and the tens.
    Small(u32),
    Hundred,
    Thousand,
    And,
}

/// The word's role and whether it is an ordinal (which may only end a number).
fn english_word(w: &str) -> Option<(Word, bool)> {
    const CARDINALS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const ORDINALS: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    const TENTHS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    let small = |n: usize| Word::Small(n as u32);
    if let Some(n) = CARDINALS.iter().position(|&c| c == w) {
        return Some((small(n), false));
    }
    if let Some(n) = ORDINALS.iter().position(|&c| c == w) {
        return Some((small(n), true));
    }
    if let Some(n) = TENS.iter().position(|&c| c == w) {
        return Some((small(20 + 10 * n), false));
    }
    if let Some(n) = TENTHS.iter().position(|&c| c == w) {
        return Some((small(20 + 10 * n), true));
    }
    match w {
        "hundred" => Some((Word::Hundred, false)),
        "hundredth" => Some((Word::Hundred, true)),
        "thousand" => Some((Word::Thousand, false)),
        "thousandth" => Some((Word::Thousand, true)),
        "and" => Some((Word::And, false)),
        _ => None,
    }
}

/// English number words in any case, separated by spaces, hyphens or commas: `ONE`, `Two`,
/// `TWENTY-ONE`, `thirty three`, `one hundred and five`, `nineteen hundred and ninety`,
/// `two thousand and fifteen`, and ordinals (`FIRST` → 1, `twenty-third` → 23). Up to 999 999.
pub fn english_words_to_u32(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut total = 0u32;
    let mut current = 0u32;
    let mut prev: Option<Word> = None;
    for (i, w) in words.iter().enumerate() {
        let (word, ordinal) = english_word(w)?;
        if ordinal && i + 1 != words.len() {
            return None;
        }
        let rest = current % 100;
        let ok = match word {
            Word::Small(0) => words.len() == 1,
            // A unit digit may follow a bare tens word (twenty-one) or start a fresh hundred.
            Word::Small(n) if n < 10 => {
                rest == 0
                    || (rest >= 20 && rest.is_multiple_of(10) && prev == Some(Word::Small(rest)))
            }
            Word::Small(_) => rest == 0 && !matches!(prev, Some(Word::Small(_))),
            // "nineteen hundred" is how years are read, so any 1..=99 may take a hundred.
            Word::Hundred => matches!(prev, Some(Word::Small(_))) && (1..100).contains(&current),
            Word::Thousand => {
                matches!(prev, Some(Word::Small(_) | Word::Hundred))
                    && total == 0
                    && (1..1000).contains(&current)
            }
            Word::And => matches!(prev, Some(Word::Hundred | Word::Thousand)),
        };
        if !ok {
            return None;
        }
        match word {
            Word::Small(n) => current += n,
            Word::Hundred => current *= 100,
            Word::Thousand => {
                total = current * 1000;
                current = 0;
            }
            Word::And => {}
        }
        prev = Some(word);
    }
    match prev {
        None | Some(Word::And) => None,
        Some(_) => Some(total + current),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, Option<u32>)] = &[
            ("一", Some(1)),
            ("十", Some(10)),
            ("十四", Some(14)),
            ("二十", Some(20)),
            ("二十一", Some(21)),
            ("三十一", Some(31)),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("一百十", Some(110)),
            ("两百", Some(200)),
            ("二百五", Some(250)),
            ("一千零五", Some(1005)),
            ("一千二百三十四", Some(1234)),
            ("一万二千", Some(12_000)),
            ("十万", Some(100_000)),
            ("两万三", Some(23_000)),
            ("壹佰贰拾叁", Some(123)),
            ("拾", Some(10)),
            ("二0一三", Some(2013)),
            ("二〇二三", Some(2023)),
            ("二○二三", Some(2023)),
            ("一九九二", Some(1992)),
            ("２０２３", Some(2023)),
            ("2013", Some(2013)),
            ("零", Some(0)),
            (" 十二 ", Some(12)),
            ("", None),
            ("   ", None),
            ("第三", None),
            ("三条", None),
            ("abc", None),
            ("二三十", None),
            ("百", None),
            ("十百", None),
            ("百千", None),
            ("一百百", None),
            ("万", None),
            ("万万", None),
            ("五零十", None),
            ("九九九九九九九九九九九", None),
            ("九千亿", None),
        ];
        for &(input, want) in cases {
            assert_eq!(chinese_to_u32(input), want, "{input:?}");
        }
    }

    #[test]
    fn roman_numerals() {
        let cases: &[(&str, Option<u32>)] = &[
            ("I", Some(1)),
            ("iv", Some(4)),
            ("IX", Some(9)),
            ("XIV", Some(14)),
            ("xxiv", Some(24)),
            ("XL", Some(40)),
            ("XC", Some(90)),
            ("CD", Some(400)),
            ("MCMXCII", Some(1992)),
            ("MMXXIII", Some(2023)),
            ("MMMCMXCIX", Some(3999)),
            ("IIII", Some(4)),
            (" XII ", Some(12)),
            ("", None),
            ("IC", None),
            ("VX", None),
            ("IIIII", None),
            ("MMMM", None),
            ("XM", None),
            ("ABC", None),
            ("ⅩⅣ", None),
            ("İ", None),
        ];
        for &(input, want) in cases {
            assert_eq!(roman_to_u32(input), want, "{input:?}");
        }
    }

    #[test]
    fn english_number_words() {
        let cases: &[(&str, Option<u32>)] = &[
            ("ONE", Some(1)),
            ("Two", Some(2)),
            ("zero", Some(0)),
            ("TWENTY-ONE", Some(21)),
            ("THIRTY THREE", Some(33)),
            ("ninety-nine", Some(99)),
            ("one hundred and five", Some(105)),
            ("one hundred five", Some(105)),
            ("two thousand and fifteen", Some(2015)),
            ("two thousand fifteen", Some(2015)),
            ("nineteen hundred and ninety", Some(1990)),
            ("one thousand nine hundred and forty-seven", Some(1947)),
            ("one thousand, two hundred", Some(1200)),
            ("FIRST", Some(1)),
            ("twelfth", Some(12)),
            ("seventeenth", Some(17)),
            ("twentieth", Some(20)),
            ("twenty-third", Some(23)),
            ("Thirty-First", Some(31)),
            ("one hundredth", Some(100)),
            ("", None),
            ("and", None),
            ("one and", None),
            ("one two", None),
            ("ten one", None),
            ("twenty thirty", None),
            ("first second", None),
            ("hundred", None),
            ("zero one", None),
            ("twenty and one", None),
            ("one thousand thousand", None),
            ("one hundred and", None),
            ("seventeen apples", None),
            ("twentyone", None),
        ];
        for &(input, want) in cases {
            assert_eq!(english_words_to_u32(input), want, "{input:?}");
        }
    }
}
