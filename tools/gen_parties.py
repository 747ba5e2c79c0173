#!/usr/bin/env python3
"""Generates data/parties/territories.tsv, the table of states and territories that
src/parse/parties.rs matches in English and Chinese text.

Sources (maintained upstream, not by this project):
  * CLDR territory display names in English, Simplified and Traditional Chinese, as shipped
    in the `babel` package (Unicode License v3, https://www.unicode.org/license.txt);
  * ISO 3166-1 / 3166-3 names, formal names and their zh_CN translations from the Debian
    iso-codes data shipped in `pycountry` (LGPL-2.1; names of countries are facts, the
    translations come from iso-codes' translators).

Run:  python3 -m venv .venv && .venv/bin/pip install babel pycountry
      .venv/bin/python tools/gen_parties.py > data/parties/territories.tsv
The output is deterministic for given package versions, which it records in its header.
Hand-maintained variants and organisations live in data/parties/variants.tsv, not here.
"""

import gettext
import re
import sys

import babel
import pycountry
from babel import Locale

# The name a party is shown and filtered under (`--party`), where CLDR's English display name
# is not a plain name (ampersands, "SAR China", parenthesised alternatives) or where the
# project's earlier name must stay stable for existing indexes.
CANONICAL = {
    "CI": "Côte d'Ivoire",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CV": "Cabo Verde",
    "HK": "Hong Kong",
    "MO": "Macao",
    "MM": "Myanmar",
    "PS": "Palestine",
    "VA": "Holy See",
    "VC": "Saint Vincent and the Grenadines",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "UM": "United States Minor Outlying Islands",
    "VI": "United States Virgin Islands",
}

# ISO 3166-3 codes of former states that still appear as treaty parties.
HISTORIC = ["YUG", "SCG", "CSK", "SUN", "ANT", "DDR"]
HISTORIC_ZH = {
    "YUG": "南斯拉夫",
    "SCG": "塞尔维亚和黑山",
    "CSK": "捷克斯洛伐克",
    "SUN": "苏联",
    "ANT": "荷属安的列斯",
    "DDR": "德意志民主共和国",
}


def english_forms(name):
    """Spellings of one English display name: `&` spelled out, `St.` both ways, the parts of
    `A (B)` and `A - B` separately, ISO's inverted `Korea, Republic of` turned around."""
    out = []
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if not name:
        return out
    m = re.fullmatch(r"(.+), (.+ of(?: the)?)", name)
    if m:
        name = f"{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    if m:
        out += english_forms(m.group(1))
        # "Saint Martin (French part)" qualifies; "Myanmar (Burma)" gives another name.
        if not m.group(2).endswith(" part"):
            out += english_forms(m.group(2))
        return out
    if " - " in name:
        a, b = name.split(" - ", 1)
        out.append(f"{a}-{b}")
        return out
    name = name.replace(" & ", " and ")
    if name.startswith("St. "):
        out.append("Saint " + name[4:])
        out.append("St " + name[4:])
    out.append(name)
    if "’" in name:
        out.append(name.replace("’", "'"))
    return out


def uniq(items):
    seen, out = set(), []
    for item in items:
        item = item.strip()
        # ISO's fragments ("(Socialist) Federal Republic of") are not names.
        fragment = item.startswith("(") or item.endswith(" of")
        if item and not fragment and item not in seen and "\t" not in item and "|" not in item:
            seen.add(item)
            out.append(item)
    return out


def main():
    en = Locale("en").territories
    zh = Locale("zh").territories
    zh_hant = Locale("zh_Hant").territories
    iso_zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    iso3_zh = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["zh_CN"],
                                  fallback=True)

    def zh_of(translation, text):
        got = translation.gettext(text) if text else ""
        # An untranslated message comes back as it was (English), or as the catalogue header.
        return got if got and got != text and "Project-Id-Version" not in got else ""

    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        a2 = c.alpha_2
        cldr = en.get(a2, c.name)
        names = [CANONICAL.get(a2)] if a2 in CANONICAL else []
        names += english_forms(cldr)
        for attr in ("common_name", "name", "official_name"):
            names += english_forms(getattr(c, attr, "") or "")
        chinese = [zh.get(a2, ""), zh_hant.get(a2, "")]
        chinese += [zh_of(iso_zh, c.name), zh_of(iso_zh, getattr(c, "official_name", ""))]
        names = uniq(n for n in names if n)
        rows.append((names[0], c.alpha_3, "country", names, uniq(chinese)))
    for code in HISTORIC:
        h = pycountry.historic_countries.get(alpha_3=code)
        if h is None:
            continue
        # Historic names read "Czechoslovakia, Czechoslovak Socialist Republic".
        names = uniq(f for part in h.name.split(", ") for f in english_forms(part))
        chinese = uniq([HISTORIC_ZH.get(code, ""), zh_of(iso3_zh, h.name)])
        rows.append((names[0], code, "historic", names, chinese))

    w = sys.stdout.write
    w("# Generated by tools/gen_parties.py - do not edit; add variants to variants.tsv.\n")
    w(f"# Sources: CLDR via babel {babel.__version__} (Unicode License v3); "
      f"ISO 3166 via pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else '?'} "
      "(iso-codes, LGPL-2.1).\n")
    w("# name\tcode\tkind\tenglish spellings (|)\tchinese spellings (|)\n")
    for name, code, kind, english, chinese in rows:
        w(f"{name}\t{code}\t{kind}\t{'|'.join(english)}\t{'|'.join(chinese)}\n")


if __name__ == "__main__":
    main()
