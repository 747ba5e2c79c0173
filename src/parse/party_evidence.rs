//! Where a document names its parties, and only there: the title ("Agreement between X and
//! Y", "X和Y关于…的联合声明"), the clause of the opening that introduces the parties ("X and Y
//! (hereinafter …)", "The Government of X and the Government of Y", "…, of the one part, and
//! …, of the other part") and the signature block ("For the Government of X").
//!
//! Countries that the body merely mentions (a list of third countries, "the Kingdom of Norway"
//! in a cumulation clause, the place of a cited meeting) are not parties, so the rest of the
//! text is never searched. A state name in those positions that the party table does not know
//! is kept as written ("Republic of Aldoria", "阿尔多利亚共和国").

use std::sync::LazyLock;

use regex::Regex;

use super::parties::{find_parties, find_spans, is_organization};
use super::segments::Segment;
use super::structure::Structure;
use crate::script::is_han;

/// How far into the opening the parties clause may reach (bytes).
const OPENING_BYTES: usize = 4000;
/// How far from the end signatories are looked for when no signature block was recognized.
const TAIL_BYTES: usize = 3000;
/// The most of a signature block that is read for signatories.
const MAX_SIGNATURE_BYTES: usize = 16_000;

/// The end of a list of parties in two parts ("X, of the one part, and Y, of the other part").
static OTHER_PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)of\s+the\s+other\s+part").expect("regex"));

/// The parties of a document, from its title, its opening clause and its signature block, in
/// that order, without duplicates.
pub fn infer(
    text: &str,
    title: Option<&str>,
    segs: &[Segment],
    structure: &Structure,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let add = |found: &mut Vec<String>, names: Vec<String>| {
        for name in names {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    };
    if let Some(title) = title {
        add(&mut found, from_title(title));
    }
    let opening = opening(text, segs, structure.body_start);
    add(&mut found, from_opening(opening));
    add(
        &mut found,
        from_signature(tail(text, segs, structure), structure.signature.is_some()),
    );
    if found.is_empty() {
        // No title, no parties clause, no signatories: a statement that names the visiting
        // and the host state in its first sentence ("应中华人民共和国主席…邀请，白俄罗斯共和国总统…").
        let first = first_sentence(opening);
        let names: Vec<String> = find_parties(first)
            .into_iter()
            .filter(|p| !is_organization(p))
            .map(str::to_string)
            .collect();
        if names.len() >= 2 {
            add(&mut found, names);
        }
    }
    found
}

/// The text before the first article, at most [`OPENING_BYTES`].
fn opening<'a>(text: &'a str, segs: &[Segment], body_start: usize) -> &'a str {
    let Some(first) = segs.first() else {
        return "";
    };
    let end = if body_start == 0 && super::headings::recognize(first.text(text)).is_some() {
        // The text starts with its first article ("ARTICLE 1: Objectives"): only that
        // article's first paragraph may name the parties ("An association is hereby
        // established between the Union …, of the one part, and Georgia, of the other
        // part"); what follows is the body.
        segs.get(1).map_or(first.end, |s| s.end)
    } else if body_start == 0 || body_start >= segs.len() {
        segs.last().map_or(first.end, |s| s.end)
    } else {
        segs[body_start - 1].end
    };
    let mut end = end.min(first.start + OPENING_BYTES).max(first.start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[first.start..end]
}

/// The signature block, or the last [`TAIL_BYTES`] of the text where none was recognized
/// (signatories laid out after an annex, or on one line).
fn tail<'a>(text: &'a str, segs: &[Segment], structure: &Structure) -> &'a str {
    let end = segs.last().map_or(text.len(), |s| s.end);
    let sig = structure
        .signature
        .and_then(|i| segs.get(i))
        .map_or(end, |s| s.start);
    // A signature block longer than a few pages is a misreading; bound the work either way.
    let mut start = sig
        .min(end.saturating_sub(TAIL_BYTES))
        .max(end.saturating_sub(MAX_SIGNATURE_BYTES));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

fn first_sentence(t: &str) -> &str {
    let end = t.find(['。', ';', '；']).unwrap_or(t.len());
    let end = end.min(t.find(". ").map_or(t.len(), |i| i + 1));
    &t[..end]
}

/// Parties named in a title: the list after "between" or after "Statement of", or before
/// "关于" or the kind in a Chinese title.
pub fn from_title(title: &str) -> Vec<String> {
    static EN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:between|(?:statement|communiqu[eé]|declaration|treaty|agreement|protocol|convention|memorandum)\s+of)\s+(.+?)(?:\s+(?:on|concerning|for|relating|regarding|respecting|in|with\s+respect|establishing|amending|to\s+(?:establish|promote|amend))\b|[,(;:]|$)",
        )
        .expect("title regex")
    });
    static ZH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.{2,80}?)(?:关于|联合声明|联合公报|联合宣言|共同声明|宣言|公报|声明|协定|条约|议定书|备忘录|协议|建交)")
            .expect("title regex")
    });
    static BETWEEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bbetween\s+").expect("regex"));
    if title.chars().any(is_han) {
        return ZH
            .captures(title)
            .map(|c| name_list(&c[1]))
            .unwrap_or_default();
    }
    let title = &*for_territory(title);
    // "… between X, of the one part, and Y, of the other part": commas inside the list.
    if let Some(between) = BETWEEN.find(title)
        && let Some(other) = OTHER_PART.find(&title[between.end()..])
    {
        return name_list(&title[between.end()..between.end() + other.end()]);
    }
    // A comma inside a name the table knows ("Hong Kong, China") does not end the list.
    let mut masked = title.to_string();
    for (start, end, _) in find_spans(title) {
        masked.replace_range(start..end, &title[start..end].replace(',', "\u{3}"));
    }
    let mut found = Vec::new();
    for caps in EN.captures_iter(&masked) {
        for name in name_list(&caps[1].replace('\u{3}', ",")) {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found
}

/// The clause of the opening that names the parties: up to "of the other part" where the
/// opening has one, else up to the first "hereinafter", "(the Parties)", "以下简称".
fn from_opening(opening: &str) -> Vec<String> {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)hereinafter|herein\s+referred|referred\s+to\s+as|[(（]\s*["“”'‘]?\s*the\s+(?:contracting\s+)?parties|[(（]\s*以下|以下简称|以下称|(?:^|[,\s])(?:have|has)\s+agreed|(?:^|[,\s])resolved\s+to|(?:^|[,\s])(?:desiring|considering|recognizing|recognising)\b"#,
        )
        .expect("regex")
    });
    static DEFINES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)^(?:hereinafter|herein|referred|[(（])"#).expect("regex")
    });
    if let Some(m) = OTHER_PART.find(opening) {
        return name_list(&strip_definitions(&opening[..m.end()]));
    }
    // The names before the first marker; when that marker only defines a short name for
    // them and the text goes on with "and" ("The Republic of Iceland, … (hereinafter the EFTA
    // States), and the Republic of Botswana, … (hereinafter SACU), hereinafter collectively
    // the Parties"), the names after the "and" as well.
    let mut clause = String::new();
    let mut rest = opening;
    loop {
        let Some(m) = MARKER.find(rest) else {
            if clause.is_empty() {
                return Vec::new();
            }
            break;
        };
        clause.push_str(&rest[..m.start()]);
        clause.push('\n');
        let marker = m.as_str().trim_start_matches([',', ' ', '\t', '\n']);
        if !DEFINES.is_match(marker) {
            break;
        }
        let after = &rest[m.end()..];
        let Some(next) = past_definition(after) else {
            break;
        };
        rest = next;
    }
    // "CANADA (“Canada”) AND THE REPUBLIC OF KOREA (“Korea”)": definitions inside brackets
    // and "hereinafter referred to as …" phrases name the parties again, never new ones.
    name_list(&strip_definitions(&clause))
}

/// The text after a short-name definition ("referred to as “the EFTA States”),") when it goes
/// on with another party ("and the Republic of Botswana …"), without that "and"; `None` when
/// it does not ("hereinafter collectively …", a recital).
fn past_definition(after: &str) -> Option<&str> {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[^"“'‘)）\n]{0,40}["“'‘][^"”'’\n]{0,80}["”'’]"#).expect("regex")
    });
    // The definition ends with its quoted short name, else at its closing bracket or at the
    // end of its line.
    let end = QUOTED
        .find(after)
        .map(|m| m.end())
        .or_else(|| after.find([')', '）', '\n']).filter(|&i| i <= 200))?;
    let tail =
        after[end..].trim_start_matches(|c: char| c.is_whitespace() || ")）,，;；\"”’".contains(c));
    let word = tail.get(..3)?;
    (word.eq_ignore_ascii_case("and") && tail[3..].starts_with(|c: char| c.is_whitespace()))
        .then(|| &tail[3..])
}

/// Parties of the signature block's "For …" lines ("For the Government of X:", "FOR CANADA",
/// "For Iceland For Colombia" side by side, "中华人民共和国政府代表").
fn from_signature(block: &str, recognized: bool) -> Vec<String> {
    static FOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\s)(?:For|FOR|On\s+behalf\s+of|ON\s+BEHALF\s+OF)\s+").expect("regex")
    });
    // "Signed by ERROL W. BARROW for the Government of Barbados on 4TH JULY 1973."
    static SIGNED_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:signed\s+by)\s+[^,;:]{2,80}?\s+for\s+(.{3,120}?)(?:\s+(?i:on|at|this)\s+.*|[.,;:]\s*)?$")
            .expect("regex")
    });
    static ZH_FOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([\p{Han}（）()]{2,30}?)(?:政府)?(?:全权)?代表\s*[:：]?$").expect("regex")
    });
    let mut found = Vec::new();
    let mut add = |names: Vec<String>| {
        for name in names {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    };
    for line in block.lines().map(str::trim) {
        if let Some(caps) = ZH_FOR.captures(line) {
            add(name_list(&caps[1]));
            continue;
        }
        if let Some(caps) = SIGNED_BY.captures(line) {
            let name =
                caps[1].trim_end_matches(|c: char| c.is_whitespace() || ":：,.;".contains(c));
            if only_names(name) {
                add(name_list(name));
            }
            continue;
        }
        if FOR.find(line).is_none_or(|m| m.start() != 0) || line.chars().count() > 200 {
            // A line of the block that holds only names of states, side by side under the
            // signatures' dotted lines ("Republic of Angola Republic of Botswana").
            if recognized && listed_states(line) {
                add(name_list(line));
            }
            continue;
        }
        // Each "For …" of the line, up to the next one.
        let starts: Vec<(usize, usize)> =
            FOR.find_iter(line).map(|m| (m.start(), m.end())).collect();
        for (k, &(_, from)) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(line.len(), |&(s, _)| s);
            let name = line[from..to]
                .trim_end_matches(|c: char| c.is_whitespace() || ":：,.;_…".contains(c));
            if only_names(name) {
                add(name_list(name));
            }
        }
    }
    found
}

/// A signatory line names a party and nothing else ("the Government of the Republic of
/// Iceland"), unlike "For the purposes of this Agreement".
fn only_names(t: &str) -> bool {
    const GLUE: &[&str] = &[
        "the",
        "of",
        "and",
        "its",
        "government",
        "governments",
        "member",
        "states",
        "on",
        "behalf",
        "de",
        "du",
        "la",
        "el",
        "del",
        "in",
        "respect",
    ];
    !t.is_empty()
        && t.split_whitespace().count() <= 14
        && t.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.chars().next().is_some_and(char::is_uppercase)
                || GLUE.contains(&w.to_lowercase().as_str())
        })
}

/// A line made of the names of states the table knows and nothing else.
fn listed_states(line: &str) -> bool {
    let spans = find_spans(line);
    if spans.is_empty() || line.chars().count() > 200 {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for &(start, end, name) in &spans {
        if is_organization(name) {
            return false;
        }
        rest.push_str(&line[at..start]);
        rest.push(' ');
        at = end;
    }
    rest.push_str(&line[at..]);
    rest.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || [
                "the",
                "of",
                "and",
                "republic",
                "kingdom",
                "state",
                "united",
                "federal",
                "democratic",
            ]
            .contains(&w.to_lowercase().as_str())
    })
}

/// Removes bracketed definitions and "hereinafter referred to as …," phrases.
fn strip_definitions(clause: &str) -> String {
    static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)[(（][^()（）]{0,200}[)）]|,?\s*(?:hereinafter|herein)\s+(?:referred\s+to\s+|called\s+)?(?:as\s+)?["“'‘][^"”'’]{0,80}["”'’]|“[^”]{0,60}”"#,
        )
        .expect("regex")
    });
    DEFINITION.replace_all(clause, " ").into_owned()
}

/// The parties in a list of names ("the Government of Canada and the Republic of Aldoria",
/// "中华人民共和国和阿尔多利亚共和国"): the known ones by the table, the others kept as written
/// when they read as the name of a state.
fn name_list(list: &str) -> Vec<String> {
    let list = &for_territory(list);
    // (where in the list, name), to keep the order in which the list names them.
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut rest = String::with_capacity(list.len());
    let mut at = 0;
    for (start, end, name) in find_spans(list) {
        rest.push_str(&list[at..start]);
        rest.push('\u{1}');
        at = end;
        if cited(list, start, end) {
            continue;
        }
        if !found.iter().any(|(_, f)| f == name) {
            found.push((start, name.to_string()));
        }
    }
    rest.push_str(&list[at..]);
    let folded = list.to_lowercase();
    for piece in split_names(&rest) {
        if let Some(name) = unknown_state(&piece)
            && !found.iter().any(|(_, f)| *f == name)
        {
            let at = folded.find(&name.to_lowercase()).unwrap_or(list.len());
            found.push((at, name));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, name)| name).collect()
}

/// A list where a state signs for a territory of its own, which is the party: "the
/// Government of Denmark and the Home Government of the Faroe Islands", "the Kingdom of the
/// Netherlands in respect of Aruba" → the Faroe Islands, Aruba.
fn for_territory(list: &str) -> std::borrow::Cow<'_, str> {
    static HOME_RULE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:the\s+)?government\s+of\s+(?:the\s+kingdom\s+of\s+)?denmark\s+and\s+(the\s+(?:home|local)\s+government\s+of)",
        )
        .expect("regex")
    });
    static IN_RESPECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:the\s+)?(?:government\s+of\s+)?(?:the\s+)?(?:kingdom\s+of\s+)?(?:denmark|the\s+netherlands|netherlands)\s+in\s+respect\s+of\s+",
        )
        .expect("regex")
    });
    match HOME_RULE.replace_all(list, "$1") {
        std::borrow::Cow::Borrowed(_) => IN_RESPECT.replace_all(list, ""),
        std::borrow::Cow::Owned(s) => {
            std::borrow::Cow::Owned(IN_RESPECT.replace_all(&s, "").into_owned())
        }
    }
}

/// A name used to cite an instrument or a membership, not a party: "the WTO Agreement",
/// "establishing the World Trade Organization", "EU Member States", "东盟协定".
fn cited(list: &str, start: usize, end: usize) -> bool {
    let after = list[end..].trim_start();
    let before = list[..start].trim_end().to_ascii_lowercase();
    [
        "Agreement",
        "agreement",
        "Member",
        "member",
        "Treaty",
        "协定",
        "成员",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || before.ends_with("establishing the")
        || before.ends_with("establishing")
        || before.ends_with("members of the")
        || before.ends_with("under the")
}

fn split_names(list: &str) -> Vec<String> {
    static SEP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\u{1}|,|;|\s+and\s+|\s*&\s*|和|与|與|同|及|、|\s+of\s+the\s+(?:one|other)\s+part",
        )
        .expect("regex")
    });
    // 和 separates names, but not inside 共和国.
    SEP.split(&list.replace("共和", "\u{2}"))
        .map(|p| p.replace('\u{2}', "共和").trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A state the table does not know, as written: "the Government of the Republic of Aldoria"
/// → "Republic of Aldoria", "阿尔多利亚共和国政府" → "阿尔多利亚共和国". `None` for anything
/// that does not read as a state's name.
fn unknown_state(piece: &str) -> Option<String> {
    static EN_FORM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:Federal|Democratic|Islamic|Socialist|United|Plurinational|Co-operative|Cooperative|Oriental|Arab|People's|Bolivarian|Independent|Hashemite|Federative|Grand)\s+)*(?:Republic|Kingdom|Federation|State|Principality|Sultanate|Emirate|Commonwealth|Confederation|Duchy|Union)\s+of\s+(?:the\s+)?(?:[A-Z][\p{L}'’-]+)(?:\s+[A-Z][\p{L}'’-]+){0,3}$",
        )
        .expect("regex")
    });
    static ZH_FORM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,16}(?:共和国|王国|联邦|公国|合众国|酋长国|苏丹国|共和國|王國|聯邦|公國|合眾國)$")
            .expect("regex")
    });
    static EN_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the\s+)?(?:governments?\s+of\s+|government\s+of\s+)?(?:the\s+)?")
            .expect("regex")
    });
    let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.:;\"'“”‘’*()（）".contains(c));
    if piece.chars().any(is_han) {
        let core = piece
            .trim_end_matches("全权代表")
            .trim_end_matches("代表")
            .trim_end_matches("政府");
        return ZH_FORM.is_match(core).then(|| core.to_string());
    }
    let core = EN_PREFIX.replace(piece, "");
    let core = core.trim();
    let titled = if core
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        super::title::tidy(core)
    } else {
        core.to_string()
    };
    // The name proper is made of whole words: "Republic of Na" is a name cut by the layout.
    let proper_words = titled
        .rsplit_once(" of ")
        .map_or("", |(_, name)| name)
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("the"));
    let whole = proper_words.into_iter().all(|w| w.chars().count() >= 3);
    (whole && EN_FORM.is_match(&titled)).then_some(titled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_of_titles() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Free Trade Agreement between Canada and the Republic of Korea",
                &["Canada", "South Korea"],
            ),
            (
                "Joint Statement of the People's Republic of China and the Republic of Aldoria on Partnership",
                &["China", "Republic of Aldoria"],
            ),
            (
                "Agreement between the Government of Norway, of the one part, and the Government of Denmark and the Home Government of the Faroe Islands, of the other part",
                &["Norway", "Faroe Islands"],
            ),
            (
                "Agreement between the Kingdom of the Netherlands in respect of Aruba and the Republic of Aldoria",
                &["Aruba", "Republic of Aldoria"],
            ),
            (
                "Agreement between the Kingdom of Denmark and the Republic of Aldoria",
                &["Denmark", "Republic of Aldoria"],
            ),
            (
                "Free Trade Agreement between Hong Kong, China and Chile",
                &["Hong Kong", "Chile"],
            ),
            (
                "中华人民共和国和阿尔多利亚共和国联合声明",
                &["China", "阿尔多利亚共和国"],
            ),
            (
                "中华人民共和国政府和阿尔多利亚共和国政府关于互免签证的协定",
                &["China", "阿尔多利亚共和国"],
            ),
            (
                "Agreement between Trinidad and Tobago and the Kingdom of Aldoria",
                &["Trinidad and Tobago", "Kingdom of Aldoria"],
            ),
            (
                "Agreement between the EFTA States and Canada",
                &["EFTA", "Canada"],
            ),
            ("Agreement on Trade in Goods", &[]),
            ("Agreement between the Parties on Cooperation", &[]),
            // A law is not between parties.
            ("中华人民共和国专利法", &[]),
            ("Treaty between the Two Republics", &[]),
        ];
        for &(title, want) in cases {
            assert_eq!(from_title(title), want, "{title:?}");
        }
    }

    #[test]
    fn parties_of_openings() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Preamble  Japan and the Kingdom of Thailand (hereinafter referred to in this Agreement as “the Parties”),  Conscious of the Kingdom of Norway",
                &["Japan", "Thailand"],
            ),
            (
                "CANADA (“Canada”) AND THE REPUBLIC OF KOREA (“Korea”), hereinafter referred to as “the Parties”, resolved to:",
                &["Canada", "South Korea"],
            ),
            (
                "THE EUROPEAN COMMUNITIES, hereinafter referred to as 'the Community', of the one part, and THE STATE OF ISRAEL, hereinafter referred to as 'Israel', of the other part, CONSIDERING the importance of relations with Egypt",
                &["European Communities", "Israel"],
            ),
            (
                "The Government of the Republic of Aldoria and the Government of Belarus (the Parties), desiring",
                &["Republic of Aldoria", "Belarus"],
            ),
            ("Recalling the agreement with Norway,", &[]),
            (
                "中华人民共和国政府和阿尔多利亚共和国政府（以下简称“双方”）",
                &["China", "阿尔多利亚共和国"],
            ),
            (
                // Two groups, each with its short name, then the collective one.
                "The Republic of Iceland and the Kingdom of Norway (hereinafter referred to as “the EFTA States”),\n\nand\n\nthe Republic of Botswana and the Republic of Aldoria (hereinafter referred to jointly as “the Southern States”),\n\nhereinafter collectively referred to as “the Parties”,\n\nCONSIDERING the Kingdom of Spain,",
                &["Iceland", "Norway", "Botswana", "Republic of Aldoria"],
            ),
            (
                "Canada, hereinafter \"Canada\", and the Republic of Aldoria, hereinafter \"Aldoria\", have agreed as follows:",
                &["Canada", "Republic of Aldoria"],
            ),
            (
                // A definition followed by a recital, not by another party.
                "The Kingdom of Norway (hereinafter “Norway”), and DESIRING to strengthen relations with the Kingdom of Spain,",
                &["Norway"],
            ),
        ];
        for &(opening, want) in cases {
            assert_eq!(from_opening(opening), want, "{opening:?}");
        }
    }

    #[test]
    fn parties_of_signature_blocks() {
        let block = "DONE at Ottawa, this 22nd day of September 2014.\n\nFOR CANADA:\n\nFor the Government of the Republic of Aldoria\n\nWitnessed in the presence of the Kingdom of Norway";
        assert_eq!(
            from_signature(block, true),
            ["Canada", "Republic of Aldoria"]
        );
        assert_eq!(
            from_signature("中华人民共和国政府代表\n阿尔多利亚共和国政府代表\n", true),
            ["China", "阿尔多利亚共和国"]
        );
        assert!(from_signature("For the purposes of this Agreement", true).is_empty());
        let signed = "Done at Chaguaramas on the fourth day of July 1973.\nSigned by ERROL W. BARROW for the Government of Barbados on 4TH JULY 1973.\nSigned by A. B. SMITH for the Republic of Aldoria.\nSigned by the Chairman for the purposes of Article 4.";
        assert_eq!(
            from_signature(signed, true),
            ["Barbados", "Republic of Aldoria"]
        );
        let listed = "IN WITNESS WHEREOF\n........\nRepublic of Angola Republic of Botswana\n.......\nKingdom of Lesotho United Republic of Tanzania\nGeneva\nSchedule of Canada\nWorld Trade Organization";
        assert_eq!(
            from_signature(listed, true),
            ["Angola", "Botswana", "Lesotho", "Tanzania"]
        );
        // Without a recognized signature block, the last lines may be an annex: names alone
        // on a line there are not signatories.
        assert!(from_signature(listed, false).is_empty());
        // A name cut by the layout is not kept as an unknown state.
        assert!(from_signature("For the Government of Republic of Na", true).is_empty());
    }
}
