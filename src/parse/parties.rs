//! Who a document is between: every state and organisation that signs treaties, under one
//! English short name each ("China", "Belarus", "United States", "European Union"), and the
//! matcher that finds them in Chinese or English text. Owns the spelling table (official and
//! short names, common variants, simplified and traditional Chinese, the "中方" style of joint
//! statements) and the rules that keep 俄罗斯 out of 白俄罗斯 and "China" out of "Chinese".

use std::collections::HashMap;
use std::sync::LazyLock;

/// One party and the ways it is written.
struct Party {
    name: &'static str,
    /// ISO 3166-1 alpha-3 for states and territories (`CHN`), the usual acronym for
    /// organisations (`EU`); empty when there is none.
    code: &'static str,
    organization: bool,
    english: Vec<&'static str>,
    /// Simplified spellings (and CLDR's Traditional ones); more traditional ones are derived
    /// with [`SIMPLIFIED_TO_TRADITIONAL`].
    chinese: Vec<&'static str>,
}

/// States and territories generated from CLDR and ISO 3166 by `tools/gen_parties.py`.
const GENERATED: &str = include_str!("../../data/parties/territories.tsv");
/// Hand-kept variants of generated names, and the organisations that sign treaties.
const VARIANTS: &str = include_str!("../../data/parties/variants.tsv");

/// The party table: one row per party, the generated table merged with the variants.
static PARTIES: LazyLock<Vec<Party>> = LazyLock::new(|| {
    let mut parties: Vec<Party> = Vec::new();
    for line in GENERATED.lines().chain(VARIANTS.lines()) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), code, kind) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let list = |col: Option<&'static str>| -> Vec<&'static str> {
            col.unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        };
        let (english, chinese) = (list(cols.next()), list(cols.next()));
        if let Some(party) = parties.iter_mut().find(|p| p.name == name) {
            party.english.extend(english);
            party.chinese.extend(chinese);
            continue;
        }
        parties.push(Party {
            name,
            code: code.unwrap_or(""),
            organization: kind == Some("organization"),
            english: std::iter::once(name)
                .filter(|n| n.is_ascii() || !n.chars().any(crate::script::is_han))
                .chain(english)
                .collect(),
            chinese,
        });
    }
    parties
});

/// Whether `name` (a normalized party name) is an international organisation: a party when a
/// title or a signature block names it, but usually only mentioned in the body (cooperation
/// *within* the SCO).
pub fn is_organization(name: &str) -> bool {
    PARTIES.iter().any(|p| p.organization && p.name == name)
}

/// The forms under which a state the table does not know may be stored as a party, for a
/// `--party` filter: "Aldoria" → "Aldoria", "Republic of Aldoria", "Kingdom of Aldoria", …;
/// "阿尔多利亚" → "阿尔多利亚共和国", …; "Republic of Aldoria" → the same forms of "Aldoria".
/// Empty for a known party, which is stored under its one normalized name.
pub fn written_forms(name: &str) -> Vec<String> {
    const EN_FORMS: &[&str] = &[
        "Republic",
        "Kingdom",
        "Federation",
        "State",
        "Principality",
        "Sultanate",
        "Emirate",
        "Commonwealth",
        "Confederation",
        "Grand Duchy",
        "Union",
        "Federal Republic",
        "Democratic Republic",
        "Islamic Republic",
        "People's Republic",
        "Socialist Republic",
        "United Republic",
        "Plurinational State",
        "Kingdom of the",
    ];
    const ZH_FORMS: &[&str] = &[
        "共和国",
        "王国",
        "联邦",
        "公国",
        "大公国",
        "合众国",
        "酋长国",
        "苏丹国",
        "国",
    ];
    let name = name.trim();
    if name.is_empty() || normalize_party(name).is_some() {
        return Vec::new();
    }
    let han = name.chars().any(crate::script::is_han);
    let core = if han {
        ZH_FORMS
            .iter()
            .find_map(|f| name.strip_suffix(f).filter(|c| c.chars().count() >= 2))
            .unwrap_or(name)
            .to_string()
    } else {
        let mut core = name.strip_prefix("the ").unwrap_or(name);
        if let Some(i) = core.find(" of ") {
            let form = core[..i].trim_start_matches("The ");
            if EN_FORMS.iter().any(|f| f.eq_ignore_ascii_case(form)) {
                core = core[i + 4..].trim_start_matches("the ");
            }
        }
        // As a table spelling would be written: each word capitalized.
        core.split_whitespace()
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut forms = vec![name.to_string(), core.clone()];
    if han {
        forms.extend(ZH_FORMS.iter().map(|f| format!("{core}{f}")));
    } else {
        forms.extend(EN_FORMS.iter().map(|f| format!("{f} of {core}")));
        forms.extend(EN_FORMS.iter().map(|f| format!("{f} of the {core}")));
    }
    forms.dedup();
    forms
}

/// Whether `word` is a party's acronym as the table writes it ("EFTA", "ASEAN", "USA"), to be
/// kept in capitals when a title is put in title case.
pub fn is_acronym(word: &str) -> bool {
    word.len() >= 2
        && !word.chars().any(char::is_lowercase)
        && PARTIES.iter().any(|p| p.english.contains(&word))
}

/// The first Chinese spelling of a normalized party name (`Belarus` → `白俄罗斯`), to show a
/// party in both languages.
pub fn chinese_name(name: &str) -> Option<&'static str> {
    PARTIES
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.chinese.first().copied())
}

/// The code of a normalized party name: ISO 3166-1 alpha-3 for states and territories
/// (`China` → `CHN`), the usual acronym for organisations (`European Union` → `EU`).
pub fn code(name: &str) -> Option<&'static str> {
    PARTIES
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.code)
        .filter(|c| !c.is_empty())
}

/// "X方" ("the X side"), how joint statements refer to the parties after naming them once. Only
/// parties whose one-character abbreviation is unambiguous are listed (乌方 and 新方 are not).
const SIDE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("中方", "China"),
    ("俄方", "Russia"),
    ("美方", "United States"),
    ("白方", "Belarus"),
    ("英方", "United Kingdom"),
    ("法方", "France"),
    ("日方", "Japan"),
    ("韩方", "South Korea"),
    ("朝方", "North Korea"),
    ("德方", "Germany"),
    ("印方", "India"),
    ("巴方", "Pakistan"),
    ("越方", "Vietnam"),
    ("老方", "Laos"),
    ("柬方", "Cambodia"),
    ("泰方", "Thailand"),
    ("蒙方", "Mongolia"),
    ("哈方", "Kazakhstan"),
    ("澳方", "Australia"),
];

/// A character after "X方" that makes 方 the start of a word (方面, 方式, 方法, 方向…), as in
/// 道德方面 or 朝方向: then it is not an abbreviation.
const SIDE_NOT_BEFORE: &str = "面式法向案针便位形言圆程略剂子块格寸阵舟才知";
/// A character before "X方" that makes X the end of a word (其中, 集中, 空白, 完美, 今日…).
const SIDE_NOT_AFTER: &str = "其集居适折空命击道打超尾每节办立宪司执依用完今昨明";

/// Place names that contain a party's name but are not that party. They are matched like
/// spellings and then dropped, so that leftmost-longest matching consumes them.
const NOT_PARTIES: &[&str] = &[
    "Northern Ireland",
    "New Guinea",
    "New Jersey",
    "Georgia Strait",
    "New Mexico",
    "American Samoa",
    "Niger Delta",
    "Niger River",
    "Congo River",
    "Congo Basin",
    "Jordan River",
    "South China Sea",
    "East China Sea",
    "Gulf of Guinea",
    "内蒙古",
    "蒙古族",
    "印度洋",
    "北爱尔兰",
    "新几内亚",
    "朝鲜半岛",
    "朝鲜族",
    "约旦河",
    "几内亚湾",
    "孟加拉湾",
    "南中国海",
    "苏丹陛下",
];

/// Simplified characters used in the table whose traditional form differs. Characters not
/// listed are the same in both scripts.
#[rustfmt::skip]
const SIMPLIFIED_TO_TRADITIONAL: &[(char, char)] = &[
    ('东', '東'), ('义', '義'), ('乌', '烏'), ('买', '買'), ('亚', '亞'), ('众', '眾'), ('会', '會'), ('伦', '倫'), ('体', '體'), ('兰', '蘭'), ('兹', '茲'), ('内', '內'),
    ('冈', '岡'), ('几', '幾'), ('刚', '剛'), ('别', '別'), ('劳', '勞'), ('区', '區'), ('华', '華'), ('卢', '盧'), ('叙', '敘'), ('员', '員'), ('国', '國'), ('图', '圖'),
    ('圣', '聖'), ('坚', '堅'), ('奥', '奧'), ('宁', '寧'), ('宾', '賓'), ('尔', '爾'), ('岛', '島'), ('库', '庫'), ('挝', '撾'), ('时', '時'), ('来', '來'), ('欧', '歐'),
    ('汤', '湯'), ('济', '濟'), ('湾', '灣'), ('爱', '愛'), ('独', '獨'), ('砖', '磚'), ('约', '約'), ('纳', '納'), ('组', '組'), ('织', '織'), ('绍', '紹'), ('经', '經'),
    ('维', '維'), ('缅', '緬'), ('罗', '羅'), ('联', '聯'), ('脱', '脫'), ('腊', '臘'), ('苏', '蘇'), ('莱', '萊'), ('萨', '薩'), ('诺', '諾'), ('贝', '貝'), ('贸', '貿'),
    ('赞', '贊'), ('达', '達'), ('长', '長'), ('门', '門'), ('韦', '韋'), ('韩', '韓'), ('顿', '頓'), ('颠', '顛'), ('马', '馬'), ('鲁', '魯'), ('鲜', '鮮'), ('麦', '麥'),
];

/// What a spelling stands for once matched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Party(&'static str),
    /// "中方": needs its neighbours checked, see [`SIDE_NOT_BEFORE`].
    Side(&'static str),
    NotParty,
}

struct Spelling {
    /// Folded with [`fold`]: lower case, one space for any run of spaces or hyphens.
    folded: Vec<char>,
    /// The same, keeping case, for acronyms that must match exactly ("US" is not "us").
    cased: Vec<char>,
    exact_case: bool,
    target: Target,
}

impl Spelling {
    fn new(text: &str, target: Target) -> Spelling {
        let fold_all = |keep_case| {
            let mut out: Vec<char> = Vec::with_capacity(text.len());
            for c in text.chars().map(|c| fold(c, keep_case)) {
                if !(c == ' ' && out.last() == Some(&' ')) {
                    out.push(c);
                }
            }
            out
        };
        Spelling {
            folded: fold_all(false),
            cased: fold_all(true),
            exact_case: text.chars().any(|c| c.is_ascii_uppercase())
                && !text.chars().any(|c| c.is_lowercase()),
            target,
        }
    }

    /// Whether English word boundaries apply at the start and the end.
    fn ascii_ends(&self) -> (bool, bool) {
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        (word(self.folded.first()), word(self.folded.last()))
    }
}

/// Makes spellings and text comparable: case, apostrophes, hyphens and full-width brackets vary
/// between sources without changing the name.
fn fold(c: char, keep_case: bool) -> char {
    match c {
        '-' | '\u{2010}' | '\u{2011}' => ' ',
        c if c.is_whitespace() => ' ',
        '\u{2018}' | '\u{2019}' | '`' => '\'',
        '（' => '(',
        '）' => ')',
        c if keep_case => c,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

fn traditional(simplified: &str) -> String {
    simplified
        .chars()
        .map(|c| {
            SIMPLIFIED_TO_TRADITIONAL
                .iter()
                .find(|&&(s, _)| s == c)
                .map_or(c, |&(_, t)| t)
        })
        .collect()
}

/// All spellings, indexed by their first folded character and longest first, so the first
/// candidate that fits at a position is the leftmost-longest match.
struct Matcher {
    by_first: HashMap<char, Vec<Spelling>>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::build);

/// How strictly a spelling must fit the text around it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Searching running text: acronyms keep their case, names start with a capital, and
    /// "X方" is checked against its neighbours.
    Text,
    /// Normalising a name the caller already isolated: any case, no context.
    Name,
}

impl Matcher {
    fn build() -> Matcher {
        let mut spellings: Vec<Spelling> = Vec::new();
        let mut add = |text: &str, target| spellings.push(Spelling::new(text, target));
        for party in PARTIES.iter() {
            for &english in &party.english {
                add(english, Target::Party(party.name));
            }
            for &chinese in &party.chinese {
                add(chinese, Target::Party(party.name));
                add(&traditional(chinese), Target::Party(party.name));
            }
        }
        for &(side, name) in SIDE_ABBREVIATIONS {
            add(side, Target::Side(name));
            add(&traditional(side), Target::Side(name));
        }
        for &not_party in NOT_PARTIES {
            add(not_party, Target::NotParty);
            add(&traditional(not_party), Target::NotParty);
        }
        let mut by_first: HashMap<char, Vec<Spelling>> = HashMap::new();
        for spelling in spellings {
            if let Some(&first) = spelling.folded.first() {
                let bucket = by_first.entry(first).or_default();
                if !bucket.iter().any(|s| s.cased == spelling.cased) {
                    bucket.push(spelling);
                }
            }
        }
        for bucket in by_first.values_mut() {
            bucket.sort_by_key(|s| std::cmp::Reverse(s.folded.len()));
        }
        Matcher { by_first }
    }

    /// Candidate spellings for text starting at `at`, longest first.
    fn candidates(&self, text: &str, at: usize) -> &[Spelling] {
        text[at..]
            .chars()
            .next()
            .and_then(|c| self.by_first.get(&fold(c, false)))
            .map_or(&[], Vec::as_slice)
    }

    /// The end of `spelling` if it is written at `at`, ignoring context.
    fn fits(text: &str, at: usize, spelling: &Spelling, mode: Mode) -> Option<usize> {
        let exact = spelling.exact_case && mode == Mode::Text;
        let want = if exact {
            &spelling.cased
        } else {
            &spelling.folded
        };
        let mut chars = text[at..].char_indices().peekable();
        for &w in want {
            let (_, c) = chars.next()?;
            let got = fold(c, exact);
            if got != w {
                return None;
            }
            if w == ' ' {
                while chars.next_if(|&(_, c)| fold(c, true) == ' ').is_some() {}
            }
        }
        Some(chars.peek().map_or(text.len(), |&(i, _)| at + i))
    }

    /// Whether a match of `spelling` over `[start, end)` reads as a name in running text.
    fn in_context(text: &str, start: usize, end: usize, spelling: &Spelling) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let (ascii_start, ascii_end) = spelling.ascii_ends();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if (ascii_start && word(before)) || (ascii_end && word(after)) {
            return false;
        }
        // Lower case "china", "turkey" or "chad" are the common nouns, not the countries.
        if ascii_start && text[start..].chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        if let Target::Side(_) = spelling.target {
            let blocks = |set: &str, c: Option<char>| c.is_some_and(|c| set.contains(c));
            if blocks(SIDE_NOT_BEFORE, after) || blocks(SIDE_NOT_AFTER, before) {
                return false;
            }
        }
        true
    }

    /// The leftmost-longest spelling at `at` that fits its context, with where it ends.
    fn longest_at(&self, text: &str, at: usize) -> Option<(Target, usize)> {
        self.candidates(text, at).iter().find_map(|s| {
            let end = Self::fits(text, at, s, Mode::Text)?;
            Self::in_context(text, at, end, s).then_some((s.target, end))
        })
    }

    /// What `name` as a whole spells.
    fn whole(&self, name: &str) -> Option<Target> {
        self.candidates(name, 0)
            .iter()
            .find(|s| Self::fits(name, 0, s, Mode::Name) == Some(name.len()))
            .map(|s| s.target)
    }
}

/// Normalized party names (English short names: "China", "Belarus", "United States", "Russia",
/// "United Kingdom", "European Union", "ASEAN", "United Nations"…) mentioned in `text`, in
/// order of first mention, without duplicates.
///
/// Matching is leftmost-longest, so 白俄罗斯共和国 is Belarus and not Russia, and "Democratic
/// People's Republic of Korea" is North Korea. English names must stand on ASCII word
/// boundaries ("Chinese" is not China, "China's" is) and start with a capital; acronyms such as
/// "US" or "UN" must be written in capitals.
pub fn find_parties(text: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for (_, _, name) in find_spans(text) {
        if !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Every mention of a party in `text`: byte span and normalized name, in text order, with
/// repeats (see [`find_parties`] for the matching rules).
pub fn find_spans(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match MATCHER.longest_at(text, at) {
            Some((target, end)) => {
                if let Target::Party(name) | Target::Side(name) = target {
                    found.push((at, end, name));
                }
                at = end;
            }
            None => at += c.len_utf8(),
        }
    }
    found
}

/// The normalized name for one spelling, if known: "中华人民共和国" → "China", "People's
/// Republic of China" → "China", "the Republic of Belarus" → "Belarus", "Belarus's" →
/// "Belarus", "白俄罗斯" → "Belarus", "中方" → "China". Case-insensitive for English.
pub fn normalize_party(name: &str) -> Option<&'static str> {
    let mut name = name.trim();
    if let Some(head) = name.get(..4)
        && head.eq_ignore_ascii_case("the ")
    {
        name = name[4..].trim_start();
    }
    for possessive in ["'s", "’s", "'", "’"] {
        if let Some(stem) = name.strip_suffix(possessive) {
            name = stem;
            break;
        }
    }
    match MATCHER.whole(name)? {
        Target::Party(name) | Target::Side(name) => Some(name),
        Target::NotParty => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_parties_in_order_once() {
        let cases: &[(&str, &[&str])] = &[
            (
                "中华人民共和国和白俄罗斯共和国联合声明",
                &["China", "Belarus"],
            ),
            ("白俄罗斯共和国", &["Belarus"]),
            ("中华人民共和国", &["China"]),
            // The Republic of China is Taiwan's name; the People's Republic is China.
            ("For the Republic of China", &["Taiwan"]),
            (
                "the People’s Republic of China and the PEOPLE'S\nREPUBLIC OF CHINA",
                &["China"],
            ),
            ("the Peoples Republic of China", &["China"]),
            ("the Republic of Kazakstan", &["Kazakhstan"]),
            ("中國和白俄羅斯", &["China", "Belarus"]),
            ("中華人民共和國與俄羅斯聯邦", &["China", "Russia"]),
            ("美利坚合众国、美国、美國", &["United States"]),
            ("英国和英國", &["United Kingdom"]),
            ("中方愿同白方一道。中方", &["China", "Belarus"]),
            (
                "俄方、美方、日方、韩方、朝方、澳方",
                &[
                    "Russia",
                    "United States",
                    "Japan",
                    "South Korea",
                    "North Korea",
                    "Australia",
                ],
            ),
            ("中国共产党", &["China"]),
            ("几内亚比绍", &["Guinea-Bissau"]),
            (
                "几内亚、赤道几内亚、巴布亚新几内亚",
                &["Guinea", "Equatorial Guinea", "Papua New Guinea"],
            ),
            ("印度尼西亚和印度", &["Indonesia", "India"]),
            ("尼日尔与尼日利亚", &["Niger", "Nigeria"]),
            ("多米尼克和多米尼加", &["Dominica", "Dominican Republic"]),
            (
                "刚果（金）和刚果（布）",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            (
                "刚果民主共和国、刚果共和国",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            ("苏丹和南苏丹", &["Sudan", "South Sudan"]),
            ("索马里", &["Somalia"]),
            ("马里", &["Mali"]),
            ("阿曼苏丹国", &["Oman"]),
            ("中非合作论坛", &[]),
            ("内蒙古自治区", &[]),
            ("朝鲜半岛无核化", &[]),
            (
                "中国—东盟、欧盟、联合国",
                &["China", "ASEAN", "European Union", "United Nations"],
            ),
            ("香港特别行政区和澳门", &["Hong Kong", "Macao"]),
            (
                "The People's Republic of China and the Republic of Belarus",
                &["China", "Belarus"],
            ),
            ("THE PEOPLE’S REPUBLIC OF CHINA", &["China"]),
            ("People's Republic\nof China", &["China"]),
            (
                "Democratic People's Republic of Korea and Republic of Korea",
                &["North Korea", "South Korea"],
            ),
            ("Niger and Nigeria", &["Niger", "Nigeria"]),
            (
                "Dominica, Dominican Republic",
                &["Dominica", "Dominican Republic"],
            ),
            ("Sudan, South Sudan", &["Sudan", "South Sudan"]),
            ("Guinea-Bissau and Guinea Bissau", &["Guinea-Bissau"]),
            (
                "Democratic Republic of the Congo; Republic of the Congo",
                &["Democratic Republic of the Congo", "Republic of the Congo"],
            ),
            (
                "China's position; Belarus's position",
                &["China", "Belarus"],
            ),
            (
                "the U.S. and the UK; the USA",
                &["United States", "United Kingdom"],
            ),
            (
                "United Kingdom of Great Britain and Northern Ireland",
                &["United Kingdom"],
            ),
            (
                "Russian Federation, Türkiye, Turkey",
                &["Russia", "Türkiye"],
            ),
            ("Côte d'Ivoire, Cote d’Ivoire", &["Côte d'Ivoire"]),
            ("Chinese, Omani, Malian, Nigerian, Romania", &["Romania"]),
            ("fine china, a roast turkey, let us go, un", &[]),
            ("South China Sea", &[]),
            (
                "the Hong Kong Special Administrative Region of the People's Republic of China",
                &["Hong Kong"],
            ),
            ("Republic of China (Taiwan)", &["Taiwan"]),
            ("", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(find_parties(text), want, "{text:?}");
        }
    }

    #[test]
    fn side_abbreviations_need_their_own_context() {
        let cases: &[(&str, &[&str])] = &[
            ("中方", &["China"]),
            ("双方同意。俄方表示", &["Russia"]),
            ("在道德方面", &[]),
            ("其中方案", &[]),
            ("集中方式", &[]),
            ("老方法", &[]),
            ("朝方向前进", &[]),
            ("乌方", &[]),
            ("新方", &[]),
            ("法", &[]),
            ("中", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(find_parties(text), want, "{text:?}");
        }
    }

    #[test]
    fn normalizes_one_name() {
        let cases: &[(&str, Option<&str>)] = &[
            ("中华人民共和国", Some("China")),
            ("People's Republic of China", Some("China")),
            ("the Republic of Belarus", Some("Belarus")),
            ("Belarus", Some("Belarus")),
            ("BELARUS", Some("Belarus")),
            ("belarus", Some("Belarus")),
            ("Belarus's", Some("Belarus")),
            ("白俄罗斯", Some("Belarus")),
            ("白俄羅斯", Some("Belarus")),
            ("美利坚合众国", Some("United States")),
            ("United States of America", Some("United States")),
            ("u.s.", Some("United States")),
            ("Great Britain", Some("United Kingdom")),
            ("the Russian Federation", Some("Russia")),
            ("Ivory Coast", Some("Côte d'Ivoire")),
            ("Guinea Bissau", Some("Guinea-Bissau")),
            ("刚果(金)", Some("Democratic Republic of the Congo")),
            ("中方", Some("China")),
            ("  Viet Nam ", Some("Vietnam")),
            ("", None),
            ("the", None),
            ("Chinese", None),
            ("China Sea", None),
            ("Republic", None),
            ("俄", None),
            ("内蒙古", None),
            ("Northern Ireland", None),
            ("Atlantis", None),
        ];
        for &(name, want) in cases {
            assert_eq!(normalize_party(name), want, "{name:?}");
        }
    }

    #[test]
    fn table_covers_the_un_and_is_consistent() {
        let mut names: Vec<&str> = PARTIES.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PARTIES.len(), "duplicate party names");
        assert!(PARTIES.len() >= 193 + 5, "{}", PARTIES.len());
        for party in PARTIES.iter() {
            assert!(
                !party.chinese.is_empty(),
                "{} has no Chinese name",
                party.name
            );
            for &spelling in party.english.iter().chain(&party.chinese) {
                assert_eq!(normalize_party(spelling), Some(party.name), "{spelling}");
            }
            assert_eq!(normalize_party(party.name), Some(party.name));
        }
        for &(side, name) in SIDE_ABBREVIATIONS {
            assert!(names.contains(&name), "{side} → {name}");
        }
    }

    #[test]
    fn unknown_states_are_found_by_their_written_forms() {
        let forms = written_forms("Aldoria");
        assert!(
            forms.contains(&"Republic of Aldoria".to_string()),
            "{forms:?}"
        );
        assert!(forms.contains(&"Kingdom of Aldoria".to_string()));
        let forms = written_forms("the Republic of Aldoria");
        assert!(
            forms.contains(&"Republic of Aldoria".to_string()),
            "{forms:?}"
        );
        let forms = written_forms("aldoria");
        assert!(
            forms.contains(&"Republic of Aldoria".to_string()),
            "{forms:?}"
        );
        let forms = written_forms("阿尔多利亚");
        assert!(forms.contains(&"阿尔多利亚共和国".to_string()), "{forms:?}");
        let forms = written_forms("阿尔多利亚共和国");
        assert!(forms.contains(&"阿尔多利亚王国".to_string()), "{forms:?}");
        assert!(written_forms("Belarus").is_empty());
        assert!(written_forms("白俄罗斯").is_empty());
        assert!(written_forms("").is_empty());
    }

    #[test]
    fn generated_table_knows_un_members_observers_and_blocs() {
        for (name, code) in [
            ("Rep. of Korea", "KOR"),
            ("South Korea", "KOR"),
            ("韩国", "KOR"),
            ("大韩民国", "KOR"),
            ("the Kingdom of Thailand", "THA"),
            ("the United Mexican States", "MEX"),
            ("Holy See", "VAT"),
            ("State of Palestine", "PSE"),
            ("Faroe Islands", "FRO"),
            ("European Communities", "EC"),
            ("EFTA", "EFTA"),
            ("Mercosur", "MERCOSUR"),
            ("SACU", "SACU"),
            ("ECOWAS", "ECOWAS"),
            ("League of Arab States", "LAS"),
            ("欧亚经济联盟", "EAEU"),
        ] {
            let party = normalize_party(name).unwrap_or_else(|| panic!("{name} unknown"));
            assert_eq!(super::code(party), Some(code), "{name}");
        }
        assert!(is_organization("EFTA"));
        assert!(!is_organization("Belarus"));
        assert!(is_acronym("EFTA"));
        assert!(!is_acronym("KOREA"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let sample = "İstanbul ǅ ﬃ 中华人民共和国\u{301}和Belarus’s 𠀀 U.S.\u{0} 刚果（";
        let boundaries: Vec<usize> = sample
            .char_indices()
            .map(|(i, _)| i)
            .chain([sample.len()])
            .collect();
        for &a in &boundaries {
            for &b in boundaries.iter().filter(|&&b| b >= a) {
                let _ = find_parties(&sample[a..b]);
                let _ = normalize_party(&sample[a..b]);
            }
        }
    }
}
