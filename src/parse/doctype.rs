//! The type of a document — `treaty`, `joint statement`, `law`, `speech` … — from what it says
//! it is: a `type` key of its front matter or sidecar, else its title (the head noun: last in a
//! Chinese title, first in an English one), with its named dates as supporting evidence (a law
//! has a `version`, the adoption or amendment it stands in). Precision over recall: when the
//! evidence is weak the type is `None`, never a guess. Pure: no I/O.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Date;

/// The types this module gives, in the order `facets` and the README list them.
pub const TYPES: &[&str] = &[
    TREATY,
    JOINT_STATEMENT,
    COMMUNIQUE,
    DECLARATION,
    STATEMENT,
    RESOLUTION,
    LAW,
    REPORT,
    SPEECH,
];

pub const TREATY: &str = "treaty";
pub const JOINT_STATEMENT: &str = "joint statement";
pub const COMMUNIQUE: &str = "communiqué";
pub const DECLARATION: &str = "declaration";
pub const STATEMENT: &str = "statement";
pub const RESOLUTION: &str = "resolution";
pub const LAW: &str = "law";
pub const REPORT: &str = "report";
pub const SPEECH: &str = "speech";

/// Characters of the opening of a text that are read for what it is.
pub const OPENING_CHARS: usize = 600;

/// A type given in front matter or a sidecar longer than this is not kept as written.
const MAX_GIVEN: usize = 60;

/// The type of a document with `title`, the `type` its front matter or sidecar gives (if any)
/// and its named dates. A given type that names a known one (`Joint Statement`, `PRC statute`,
/// `UNGA General Debate speech`) is that one; another given type is kept as written (lower
/// case, whitespace collapsed): the user's own vocabulary wins over inference.
///
/// `opening` is the start of the text (a few hundred characters after any front matter): a
/// text without a title of its kind may still say what it is as it opens — a speech by its
/// salutation (`Mr. President,`), a work report by `我代表国务院，向大会报告`, a resolution of a
/// congress by `…会议听取和审议了…决定批准`. `self_named` is the kind of instrument the text
/// calls itself (`this Agreement`, `本协定`), when it does.
pub fn classify(
    title: &str,
    given: Option<&str>,
    dates: &BTreeMap<String, Date>,
    opening: &str,
    self_named: Option<&str>,
) -> Option<String> {
    if let Some(given) = given {
        let given = given.split_whitespace().collect::<Vec<_>>().join(" ");
        if !given.is_empty() && !given.contains(|c: char| c.is_control()) {
            return Some(match named(&given, true) {
                Some(t) => t.to_string(),
                None if given.chars().count() <= MAX_GIVEN => given.to_lowercase(),
                None => return inferred(title, dates, opening, self_named).map(str::to_string),
            });
        }
    }
    inferred(title, dates, opening, self_named).map(str::to_string)
}

/// The type from the title, else from how the text opens, else from a law's version date.
fn inferred(
    title: &str,
    dates: &BTreeMap<String, Date>,
    opening: &str,
    self_named: Option<&str>,
) -> Option<&'static str> {
    from_title(title, dates)
        .or_else(|| from_opening(opening))
        // "This Agreement" names a treaty; "this Law" is no evidence without its dates.
        .or_else(|| {
            self_named
                .and_then(|k| named(k, false))
                .filter(|t| *t != LAW)
        })
        .or_else(|| {
            // A version (the latest adoption or amendment) is only read from the lines a law
            // opens with.
            dates.contains_key("version").then_some(LAW)
        })
}

/// What the opening of a text says it is.
fn from_opening(opening: &str) -> Option<&'static str> {
    static REPORTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"我(?:现在|現在)?(?:代表|受)[^。！？]{0,60}(?:报告|報告)|向大会(?:提出[^。！？]{0,40})?(?:报告|報告)")
            .expect("report regex")
    });
    static RESOLVES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[^。！？]{0,40}会议(?:听取|审议)[^。！？]{0,80}(?:报告|報告)")
            .expect("resolution regex")
    });
    static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bon\s+(?:your|his|her)\s+(?:\w+\s+)?election\b|\bcongratulat\w*[^.]{0,200}\b(?:presiden\w*|elected|election)\b|\belected\s+President\b|\bthis\s+(?:Assembly|rostrum)\b|\btake\s+the\s+floor\b|\bgeneral\s+debate\b|\b(?:the|this|its)\s+(?:[\w-]+,?\s+){0,3}session\s+of\s+the\s+General\s+Assembly\b|\b(?:my delegation|my country|my government)\b[^.]{0,300}\b(?:general assembly|this assembly|united nations)\b|\b(?:general assembly|this assembly)\b[^.]{0,300}\b(?:my delegation|my country|my government)\b",
        )
        .expect("speaker regex")
    });
    static SUBTITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*——([^\n]{2,60})$").expect("subtitle regex"));
    static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:\d{1,3}\.\s*)?(?:(?:Mr\.?|Madam|Madame|Mister)\s+(?:President|Chairman|Chair|Secretary-General|Co-Chairs?)|Your\s+(?:Excellency|Excellencies|Majesty)|Excellenc(?:y|ies)|Distinguished\s+(?:delegates|guests))\b",
        )
        .expect("salutation regex")
    });
    let opening = opening.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let head: &str = match opening.char_indices().nth(OPENING_CHARS) {
        Some((at, _)) => &opening[..at],
        None => opening,
    };
    // A resolution of the Assembly names it first; what follows may name its session.
    let resolution_of_the_assembly = head.starts_with("The General Assembly");
    if SALUTATION.is_match(head) || (SPEAKER.is_match(head) && !resolution_of_the_assembly) {
        return Some(SPEECH);
    }
    // A subtitle `——在…大会上的报告` (`的讲话`) says what the text is, as a title would.
    if let Some(t) = SUBTITLE
        .captures(head)
        .and_then(|c| zh_type(&c[1], false))
        .filter(|t| [REPORT, SPEECH].contains(t))
    {
        return Some(t);
    }
    if REPORTS.is_match(head) {
        return Some(REPORT);
    }
    // The session that heard a report and resolves on it.
    if RESOLVES.is_match(head) {
        return Some(RESOLUTION);
    }
    None
}

/// The type a title (and the dates) shows.
fn from_title(title: &str, dates: &BTreeMap<String, Date>) -> Option<&'static str> {
    let has_version = dates.contains_key("version") || dates.contains_key("adopted");
    match named(title, false) {
        // A law's title is backed by the adoption lines it is dated from, or by the state
        // that enacts it in the title itself.
        Some(LAW) => (has_version || enacted_by_state(title)).then_some(LAW),
        Some(t) => Some(t),
        None => None,
    }
}

fn enacted_by_state(title: &str) -> bool {
    title.trim_start().starts_with("中华人民共和国")
        || title.contains("of the People's Republic of China")
}

/// The type a name says: a Chinese name by the word it ends with, an English one by the first
/// type word. `loose` (a given type, not a title): the type word may stand anywhere, and
/// `statute` is a law without further evidence.
fn named(name: &str, loose: bool) -> Option<&'static str> {
    let zh = zh_type(name, loose);
    let en = en_type(name, loose);
    match (zh, en) {
        // A name in both scripts ("Government Work Report (政府工作报告)"): the English head.
        (Some(z), Some(e)) => Some(if loose { e } else { z }),
        (z, e) => z.or(e),
    }
}

/// Chinese type words, longest first where one ends another.
const ZH_WORDS: &[(&str, &str)] = &[
    ("联合声明", JOINT_STATEMENT),
    ("联合公报", COMMUNIQUE),
    ("新闻公报", COMMUNIQUE),
    ("公报", COMMUNIQUE),
    ("联合宣言", DECLARATION),
    ("宣言", DECLARATION),
    ("声明", STATEMENT),
    ("条约", TREATY),
    ("协定", TREATY),
    ("公约", TREATY),
    ("议定书", TREATY),
    ("换文", TREATY),
    ("决议", RESOLUTION),
    ("报告", REPORT),
    ("讲话", SPEECH),
    ("致辞", SPEECH),
    ("演讲", SPEECH),
    ("演说", SPEECH),
    ("发言", SPEECH),
    ("贺词", SPEECH),
    ("法典", LAW),
    ("条例", LAW),
];

/// Words ending in 法 that name no law.
const NOT_LAWS: &[&str] = &[
    "办法", "方法", "做法", "看法", "想法", "说法", "写法", "用法",
];

/// The type word a Chinese title ends with (notes in brackets, `全文` and closing
/// punctuation aside); with `loose`, the last type word anywhere.
fn zh_type(name: &str, loose: bool) -> Option<&'static str> {
    let head = zh_head(name);
    if loose {
        return ZH_WORDS
            .iter()
            .filter_map(|(w, t)| head.rfind(w).map(|at| (at + w.len(), w.len(), *t)))
            .max_by_key(|&(end, len, _)| (end, len))
            .map(|(_, _, t)| t)
            .or_else(|| head.contains("法律").then_some(LAW));
    }
    if let Some((_, t)) = ZH_WORDS.iter().find(|(w, _)| head.ends_with(w)) {
        return Some(t);
    }
    (head.ends_with('法') && !NOT_LAWS.iter().any(|w| head.ends_with(w))).then_some(LAW)
}

/// A Chinese title without what follows its head noun: bracketed notes (`（2018年修正）`,
/// `（全文）`), `全文`, closing punctuation and spaces.
fn zh_head(name: &str) -> &str {
    let mut head = name.trim();
    loop {
        let before = head;
        head = head.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '。' | '.' | '》' | '”' | '"' | '*' | '#')
        });
        head = head.strip_suffix("全文").unwrap_or(head);
        for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
            if head.ends_with(close)
                && let Some(at) = head.rfind(open)
            {
                head = &head[..at];
            }
        }
        if head == before {
            return head;
        }
    }
}

/// English type words and the type they name, matched case-insensitively on word boundaries.
static EN_WORDS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"joint\s+statement", JOINT_STATEMENT),
        (r"(?:joint\s+)?communiqu[eé]", COMMUNIQUE),
        (r"(?:joint\s+)?declaration", DECLARATION),
        (r"general\s+debate", SPEECH),
        (
            r"speech|keynote|remarks|(?:^|:\s*)address|address\s+(?:by|to|at)",
            SPEECH,
        ),
        (r"statement", STATEMENT),
        (
            r"treaty|agreement|convention|protocol|accord|arrangement|exchange\s+of\s+(?:notes|letters)|verdrag|overeenkomst|akkoord|briefwisseling",
            TREATY,
        ),
        (r"resolution", RESOLUTION),
        (r"report", REPORT),
        (r"law", LAW),
    ]
    .into_iter()
    .map(|(pattern, t)| {
        (
            Regex::new(&format!(r"(?i)\b(?:{pattern})s?\b")).expect("type regex"),
            t,
        )
    })
    .collect()
});

static STATUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bstatutes?\b").expect("statute regex"));

/// The first type word of an English name (the earliest; the longer where two start
/// together, `Joint Statement` before `Statement`).
fn en_type(name: &str, loose: bool) -> Option<&'static str> {
    let found = EN_WORDS
        .iter()
        .filter_map(|(re, t)| {
            re.find(name)
                .map(|m| (m.start(), std::cmp::Reverse(m.len()), *t))
        })
        .min_by_key(|&(start, len, _)| (start, len))
        .map(|(_, _, t)| t);
    match found {
        None if loose && STATUTE.is_match(name) => Some(LAW),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(roles: &[&str]) -> BTreeMap<String, Date> {
        roles
            .iter()
            .map(|r| (r.to_string(), Date::new(2020, 1, 1).unwrap()))
            .collect()
    }

    fn of(title: &str) -> Option<String> {
        classify(title, None, &BTreeMap::new(), "", None)
    }

    #[test]
    fn chinese_titles_by_the_word_they_end_with() {
        assert_eq!(
            of("中华人民共和国和白俄罗斯共和国关于建立全面战略伙伴关系的联合声明").as_deref(),
            Some(JOINT_STATEMENT)
        );
        assert_eq!(of("中美联合公报").as_deref(), Some(COMMUNIQUE));
        assert_eq!(
            of("中华人民共和国政府和新加坡共和国政府自由贸易协定（全文）").as_deref(),
            Some(TREATY)
        );
        assert_eq!(
            of("2006年中华人民共和国国务院政府工作报告").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            of("第十三届全国人民代表大会第一次会议关于政府工作报告的决议").as_deref(),
            Some(RESOLUTION)
        );
        assert_eq!(
            of("在庆祝改革开放40周年大会上的讲话").as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            of("中华人民共和国对外贸易法（2022年修正）").as_deref(),
            Some(LAW)
        );
        // 法 at the end of a title without the state's name or adoption lines: no evidence.
        assert_eq!(of("数据安全法"), None);
        assert_eq!(
            classify("数据安全法", None, &dated(&["version"]), "", None).as_deref(),
            Some(LAW)
        );
        // Not a law: 办法; and a type word inside the title is not its head.
        assert_eq!(of("中华人民共和国外资管理办法"), None);
        assert_eq!(
            of("全国人民代表大会常务委员会关于修改〈中华人民共和国对外贸易法〉的决定"),
            None
        );
    }

    #[test]
    fn english_titles_by_their_first_type_word() {
        assert_eq!(
            of("Joint Statement on the Free Trade Agreement").as_deref(),
            Some(JOINT_STATEMENT)
        );
        assert_eq!(
            of("FREE TRADE AGREEMENT BETWEEN THE EFTA STATES AND MEXICO").as_deref(),
            Some(TREATY)
        );
        assert_eq!(
            of("Free Trade Agreement — Canada, South Korea").as_deref(),
            Some(TREATY)
        );
        assert_eq!(
            of("UN General Debate statement by CHN, session 50 (1995)").as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            of("Joint Communique of the People's Republic of China and the United States")
                .as_deref(),
            Some(COMMUNIQUE)
        );
        assert_eq!(
            of("Protocol amending the Convention on double taxation").as_deref(),
            Some(TREATY)
        );
        assert_eq!(of("Foreign Trade Law"), None);
        assert_eq!(
            of("Foreign Trade Law of the People's Republic of China").as_deref(),
            Some(LAW)
        );
        // "address" is a speech only as the head, not as a verb.
        assert_eq!(of("Measures to address climate change"), None);
        assert_eq!(of("tota_12"), None);
        assert_eq!(of(""), None);
    }

    #[test]
    fn a_text_without_a_title_of_its_kind_says_what_it_is_as_it_opens() {
        let none = BTreeMap::new();
        let open = |text: &str| classify("x_12", None, &none, text, None);
        assert_eq!(
            open("Mr. President, please allow me, first of all, to congratulate you").as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            open("各位代表：\n\n现在，我代表国务院，向大会报告过去五年政府工作，请予审议。")
                .as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("同志们！\n\n我代表中央委员会向第十次全国代表大会作报告。").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("第十一届全国人民代表大会第三次会议听取和审议了国务院总理温家宝所作的政府工作报告。会议决定批准这个报告。").as_deref(),
            Some(RESOLUTION)
        );
        assert_eq!(
            open("1. May I be allowed to congratulate you on your unanimous election as President")
                .as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            open("The twenty-ninth session of the General Assembly meets as my delegation arrives")
                .as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            open("决胜全面建成小康社会\n——在中国共产党第十九次全国代表大会上的报告\n（2017年10月18日）").as_deref(),
            Some(REPORT)
        );
        // A text that calls itself an agreement is one; "this Law" needs its dates.
        assert_eq!(
            classify("tota_100", None, &none, "ARTICLE 1", Some("Agreement")).as_deref(),
            Some(TREATY)
        );
        assert_eq!(classify("x", None, &none, "", Some("Law")), None);
        assert_eq!(
            open("May I begin by extending my congratulations on your\nelection as the President")
                .as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            open("It is a great honour to address\nthis Assembly for the second time").as_deref(),
            Some(SPEECH)
        );
        assert_eq!(
            open("各位代表，现在，我代表国务院，作政府工作报告，请予审议。").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("各位代表：\n我受国务院的委托，现在向大会提出关于1980年国民经济计划安排的报告，请予审议。").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("接着，又通過了幾個重要的法律。現在，我代表中央人民政府作工作報告。").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("第二届全国人民代表大会第三次会议听取了周恩来总理代表国务院所作的政府工作报告，并且进行了充分的讨论。").as_deref(),
            Some(RESOLUTION)
        );
        assert_eq!(
            open("第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的\n政府工作报告\n。会议充分肯定").as_deref(),
            Some(RESOLUTION)
        );
        assert_eq!(
            open("同志们：\n\n我受十二届中央委员会委托，向大会作报告。").as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("各位代表：\n\n现在，我受国务院的委托，向全国人民代表大会报告政府工作。")
                .as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            open("同志们！\n\n中国共产党第九次全国代表大会，将是一次有深远影响的代表大会。"),
            None
        );
        for speech in [
            "I\ncome to this rostrum on behalf of France",
            "\u{feff}It gives me great pleasure that Mr. Dante Caputo has been elected President",
            "28.\tAs I take the floor in this general debate, I have pleasure",
            "The current, sixty-fifth session of the\nGeneral Assembly has started with",
            "1.\tMy first duty is to join many speakers in extending my congratulations to you, Sir, on your assumption of the presidency",
        ] {
            assert_eq!(open(speech).as_deref(), Some(SPEECH), "{speech}");
        }
        assert_eq!(
            open(
                "The General Assembly,\nRecalling the decisions of the sixtieth session of the General Assembly,"
            ),
            None
        );
        // Words of a speech inside a text are no salutation.
        assert_eq!(
            open("The Parties, recalling the address of Mr. President"),
            None
        );
        assert_eq!(open("双方同意加强合作。"), None);
        // The title wins over the opening.
        assert_eq!(
            classify("联合声明", None, &none, "Mr. President,", None).as_deref(),
            Some(JOINT_STATEMENT)
        );
    }

    #[test]
    fn a_given_type_wins_and_is_named_as_the_known_one() {
        let none = BTreeMap::new();
        assert_eq!(
            classify("中美联合公报", Some("joint statement"), &none, "", None).as_deref(),
            Some(JOINT_STATEMENT)
        );
        assert_eq!(
            classify(
                "x",
                Some("treaty (Dutch Treaty Database, BWBV)"),
                &none,
                "",
                None
            )
            .as_deref(),
            Some(TREATY)
        );
        assert_eq!(
            classify("x", Some("PRC statute (法律)"), &none, "", None).as_deref(),
            Some(LAW)
        );
        assert_eq!(
            classify(
                "x",
                Some("Government Work Report (政府工作报告)"),
                &none,
                "",
                None
            )
            .as_deref(),
            Some(REPORT)
        );
        assert_eq!(
            classify(
                "x",
                Some("NPC resolution on the Government Work Report"),
                &none,
                "",
                None
            )
            .as_deref(),
            Some(RESOLUTION)
        );
        assert_eq!(
            classify("x", Some("UNGA General Debate speech"), &none, "", None).as_deref(),
            Some(SPEECH)
        );
        // Another vocabulary is kept as written.
        assert_eq!(
            classify("x", Some("Press  Release"), &none, "", None).as_deref(),
            Some("press release")
        );
        // An empty one says nothing.
        assert_eq!(
            classify("中美联合公报", Some("  "), &none, "", None).as_deref(),
            Some(COMMUNIQUE)
        );
    }
}
