//! Places of signing, normalized to one English name so that `北京` and `Beijing` agree.
//! Unknown places are kept as written.

/// (English name, spellings). Capitals and the cities where treaties are usually signed.
const PLACES: &[(&str, &[&str])] = &[
    ("Beijing", &["北京", "Beijing", "Peking"]),
    ("Shanghai", &["上海", "Shanghai"]),
    ("Hong Kong", &["香港", "Hong Kong"]),
    ("Minsk", &["明斯克", "Minsk"]),
    ("Moscow", &["莫斯科", "Moscow"]),
    (
        "Saint Petersburg",
        &["圣彼得堡", "Saint Petersburg", "St. Petersburg"],
    ),
    ("Astana", &["阿斯塔纳", "Astana", "Nur-Sultan", "努尔苏丹"]),
    ("Tashkent", &["塔什干", "Tashkent"]),
    ("Bishkek", &["比什凯克", "Bishkek"]),
    ("Dushanbe", &["杜尚别", "Dushanbe"]),
    ("Samarkand", &["撒马尔罕", "Samarkand"]),
    ("Ulaanbaatar", &["乌兰巴托", "Ulaanbaatar", "Ulan Bator"]),
    ("Tokyo", &["东京", "Tokyo"]),
    ("Seoul", &["首尔", "Seoul"]),
    ("Pyongyang", &["平壤", "Pyongyang"]),
    ("Hanoi", &["河内", "Hanoi"]),
    ("Vientiane", &["万象", "Vientiane"]),
    ("Phnom Penh", &["金边", "Phnom Penh"]),
    ("Bangkok", &["曼谷", "Bangkok"]),
    ("Jakarta", &["雅加达", "Jakarta"]),
    ("Manila", &["马尼拉", "Manila"]),
    ("Kuala Lumpur", &["吉隆坡", "Kuala Lumpur"]),
    ("Singapore", &["新加坡", "Singapore"]),
    ("New Delhi", &["新德里", "New Delhi"]),
    ("Islamabad", &["伊斯兰堡", "Islamabad"]),
    ("Kabul", &["喀布尔", "Kabul"]),
    ("Tehran", &["德黑兰", "Tehran"]),
    ("Ankara", &["安卡拉", "Ankara"]),
    ("Riyadh", &["利雅得", "Riyadh"]),
    ("Cairo", &["开罗", "Cairo"]),
    ("Addis Ababa", &["亚的斯亚贝巴", "Addis Ababa"]),
    ("Nairobi", &["内罗毕", "Nairobi"]),
    ("Pretoria", &["比勒陀利亚", "Pretoria"]),
    ("Brasilia", &["巴西利亚", "Brasilia", "Brasília"]),
    ("Buenos Aires", &["布宜诺斯艾利斯", "Buenos Aires"]),
    ("Mexico City", &["墨西哥城", "Mexico City"]),
    ("Washington", &["华盛顿", "Washington", "Washington, D.C."]),
    ("New York", &["纽约", "New York"]),
    ("Ottawa", &["渥太华", "Ottawa"]),
    ("Canberra", &["堪培拉", "Canberra"]),
    ("Wellington", &["惠灵顿", "Wellington"]),
    ("London", &["伦敦", "London"]),
    ("Paris", &["巴黎", "Paris"]),
    ("Berlin", &["柏林", "Berlin"]),
    ("Rome", &["罗马", "Rome"]),
    ("Madrid", &["马德里", "Madrid"]),
    ("Brussels", &["布鲁塞尔", "Brussels"]),
    ("The Hague", &["海牙", "The Hague"]),
    ("Geneva", &["日内瓦", "Geneva"]),
    ("Vienna", &["维也纳", "Vienna"]),
    ("Warsaw", &["华沙", "Warsaw"]),
    ("Budapest", &["布达佩斯", "Budapest"]),
    ("Belgrade", &["贝尔格莱德", "Belgrade"]),
    ("Kyiv", &["基辅", "Kyiv", "Kiev"]),
];

/// The English name of a known place, or the place as written.
pub fn normalize(place: &str) -> String {
    let place = place.trim();
    PLACES
        .iter()
        .find(|(_, spellings)| spellings.iter().any(|s| s.eq_ignore_ascii_case(place)))
        .map_or_else(|| place.to_string(), |(name, _)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_places_are_normalized_unknown_kept() {
        assert_eq!(normalize("北京"), "Beijing");
        assert_eq!(normalize("beijing"), "Beijing");
        assert_eq!(normalize("Atlantis"), "Atlantis");
    }
}
