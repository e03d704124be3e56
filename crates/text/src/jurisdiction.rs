//! Sanctioned jurisdictions named in text: countries and regions under comprehensive regimes,
//! where nearly every dealing is prohibited whoever the party is.
//!
//! The table is the project's own: the jurisdictions (US and EU comprehensive regimes: Cuba,
//! Iran, North Korea, Syria, and the occupied regions of Ukraine — Crimea with Sevastopol, the
//! so-called "Donetsk / Luhansk People's Republics", and the occupied parts of Zaporizhzhia and
//! Kherson) and how English, French, Arabic, Russian, Korean and Chinese write them, with
//! demonyms where a reader would flag them ("Iranian crude"). Regimes change (Syria's US
//! programme was largely lifted in 2025; the EU's still applies in part): the table is data to
//! review with compliance, not a legal opinion.
//!
//! Names are found with one Aho–Corasick automaton (daachorse, which works over characters of any
//! script) on a folded copy of the text, then checked at word boundaries: an Arabic name may carry
//! proclitics ("وإيران", "والقرم"), a Russian or Korean one case endings or particles ("Ирана",
//! "이란은"), Chinese has no spaces to check. Phrases that contain a name but mean something else
//! ("朝鲜半岛", the Korean peninsula; "South Korea" never matches since "Korea" alone is not in
//! the table) are listed as suppressors: found like the others, never reported.

use crate::affix::{is_case_ending, is_prefix, is_suffix, normalize_arabic};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A sanctioned jurisdiction and its names.
struct Jurisdiction {
    /// ISO 3166-1 alpha-2, or ISO 3166-2 for a region.
    code: &'static str,
    name: &'static str,
    names: &'static [&'static str],
}

const TABLE: &[Jurisdiction] = &[
    Jurisdiction {
        code: "CU",
        name: "Cuba",
        names: &[
            "Cuba",
            "Cuban",
            "Cubans",
            "cubain",
            "cubaine",
            "cubains",
            "cubaines",
            "كوبا",
            "الكوبيه",
            "الكوبي",
            "Куба",
            "Кубы",
            "Кубе",
            "Кубу",
            "Кубой",
            "쿠바",
            "古巴",
        ],
    },
    Jurisdiction {
        code: "IR",
        name: "Iran",
        names: &[
            "Iran",
            "Iranian",
            "Iranians",
            "iranien",
            "iranienne",
            "iraniens",
            "iraniennes",
            "إيران",
            "ايران",
            "الإيراني",
            "الإيرانية",
            "إيراني",
            "إيرانية",
            "Иран",
            "이란",
            "伊朗",
        ],
    },
    Jurisdiction {
        code: "KP",
        name: "North Korea",
        names: &[
            "North Korea",
            "North Korean",
            "North Koreans",
            "DPRK",
            "Democratic People's Republic of Korea",
            "Corée du Nord",
            "nord-coréen",
            "nord-coréenne",
            "nord-coréens",
            "nord-coréennes",
            "RPDC",
            "République populaire démocratique de Corée",
            "كوريا الشمالية",
            "جمهورية كوريا الديمقراطية الشعبية",
            "كوريا الديمقراطية",
            "الكوري الشمالي",
            "الكورية الشمالية",
            "Северная Корея",
            "Северной Кореи",
            "Северной Корее",
            "Северную Корею",
            "Северной Кореей",
            "КНДР",
            "북한",
            "북조선",
            "조선민주주의인민공화국",
            "朝鲜",
            "北韩",
            "北朝鮮",
        ],
    },
    Jurisdiction {
        code: "SY",
        name: "Syria",
        names: &[
            "Syria",
            "Syrian",
            "Syrians",
            "Syrie",
            "syrien",
            "syrienne",
            "syriens",
            "syriennes",
            "سوريا",
            "سورية",
            "Сирия",
            "Сирии",
            "Сирию",
            "Сирией",
            "시리아",
            "叙利亚",
            "敘利亞",
        ],
    },
    Jurisdiction {
        code: "UA-43",
        name: "Crimea",
        names: &[
            "Crimea",
            "Crimean",
            "Crimée",
            "القرم",
            "Крым",
            "크림반도",
            "크림 반도",
            "크림 공화국",
            "克里米亚",
        ],
    },
    Jurisdiction {
        code: "UA-40",
        name: "Sevastopol",
        names: &[
            "Sevastopol",
            "Sébastopol",
            "سيفاستوبول",
            "Севастополь",
            "Севастополя",
            "Севастополе",
            "세바스토폴",
            "塞瓦斯托波尔",
        ],
    },
    Jurisdiction {
        code: "UA-14",
        name: "Donetsk (so-called DNR)",
        names: &[
            "Donetsk",
            "DNR",
            "Donetsk People's Republic",
            "République populaire de Donetsk",
            "دونيتسك",
            "دونتسك",
            "Донецк",
            "ДНР",
            "Донецкая народная республика",
            "Донецкой народной республики",
            "도네츠크",
            "顿涅茨克",
        ],
    },
    Jurisdiction {
        code: "UA-09",
        name: "Luhansk (so-called LNR)",
        names: &[
            "Luhansk",
            "Lugansk",
            "LNR",
            "Luhansk People's Republic",
            "Lougansk",
            "Louhansk",
            "République populaire de Lougansk",
            "لوغانسك",
            "لوهانسك",
            "Луганск",
            "ЛНР",
            "Луганская народная республика",
            "Луганской народной республики",
            "루한스크",
            "루간스크",
            "卢甘斯克",
            "卢汉斯克",
        ],
    },
    Jurisdiction {
        code: "UA-23",
        name: "Zaporizhzhia (occupied areas)",
        names: &[
            "Zaporizhzhia",
            "Zaporozhye",
            "Zaporijia",
            "Zaporijjia",
            "زابوريجيا",
            "Запорожье",
            "Запорожья",
            "Запорожью",
            "자포리자",
            "扎波罗热",
        ],
    },
    Jurisdiction {
        code: "UA-65",
        name: "Kherson (occupied areas)",
        names: &["Kherson", "Kherson", "خيرسون", "Херсон", "헤르손", "赫尔松"],
    },
];

/// Phrases that contain a jurisdiction's name but do not name it.
const SUPPRESSORS: &[&str] = &[
    "朝鲜半岛",
    "朝鲜族",
    "南朝鲜",
    "朝鲜战争",
    "크림빵",
    "Cuba Gooding",
];

/// A jurisdiction named in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JurisdictionMention {
    pub code: &'static str,
    /// The jurisdiction's English name.
    pub name: &'static str,
    /// The text as written.
    pub surface: String,
    /// Code-point offsets.
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Fold one character the way both the patterns and the text are folded: lower case, accents
/// off (not Hangul, whose syllables would fall apart), Arabic letter variants merged, typographic
/// apostrophes as ASCII.
fn fold_char(c: char, out: &mut String) {
    if matches!(c, '’' | 'ʼ' | '`') {
        out.push('\'');
        return;
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        out.push_str(&normalize_arabic(c.encode_utf8(&mut [0; 4])));
        return;
    }
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) || c.is_ascii() {
        out.extend(c.to_lowercase());
        return;
    }
    let mut parts = String::new();
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            parts.push(d);
        }
    });
    for d in parts.chars() {
        out.extend(d.to_lowercase());
    }
}

/// A folded copy of a text, with the original offsets of each folded byte.
struct Folded {
    text: String,
    /// For each byte offset of `text` (and its end): (code-point offset, byte offset) in the original.
    origin: Vec<(u32, u32)>,
}

fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin: Vec<(u32, u32)> = Vec::with_capacity(text.len() + 1);
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        let before = out.len();
        fold_char(c, &mut out);
        for _ in before..out.len() {
            origin.push((ci as u32, bi as u32));
        }
    }
    origin.push((text.chars().count() as u32, text.len() as u32));
    Folded { text: out, origin }
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_unspaced(c: char) -> bool {
    matches!(
        embargo_names::Script::of_char(c),
        embargo_names::Script::Han | embargo_names::Script::Kana
    )
}

/// The automaton over every name of the table.
pub struct Jurisdictions {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Per pattern: index into [`TABLE`], or `None` for a suppressor.
    values: Vec<Option<usize>>,
}

impl Default for Jurisdictions {
    fn default() -> Self {
        Self::new()
    }
}

impl Jurisdictions {
    pub fn new() -> Jurisdictions {
        let mut pats: Vec<String> = Vec::new();
        let mut values: Vec<Option<usize>> = Vec::new();
        let entries = TABLE
            .iter()
            .enumerate()
            .flat_map(|(i, j)| j.names.iter().map(move |n| (*n, Some(i))))
            .chain(SUPPRESSORS.iter().map(|n| (*n, None)));
        for (name, v) in entries {
            let f = fold(name).text;
            if !pats.contains(&f) {
                pats.push(f);
                values.push(v);
            }
        }
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(pats.iter().enumerate().map(|(i, p)| (p.as_str(), i as u32)))
            // The table is a constant, folded without duplicates: building cannot fail at run time
            // (the unit tests build it).
            .expect("jurisdiction automaton builds");
        Jurisdictions { pma, values }
    }

    /// Every jurisdiction named in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<JurisdictionMention> {
        let f = fold(text);
        let t = f.text.as_str();
        let mut found: Vec<(usize, usize, Option<usize>)> = Vec::new();
        for m in self.pma.find_overlapping_iter(t) {
            let (s, e) = (m.start(), m.end());
            let first = t[s..].chars().next().unwrap_or(' ');
            let e = if is_unspaced(first) {
                e
            } else {
                match Self::boundaries(t, s, e) {
                    Some(e) => e,
                    None => continue,
                }
            };
            found.push((s, e, self.values[m.value() as usize]));
        }
        // Leftmost, then longest; a suppressor wins over what it contains.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut covered = 0usize;
        for (s, e, v) in found {
            if s < covered {
                continue;
            }
            covered = e;
            let Some(i) = v else { continue };
            let (c0, b0) = f.origin[s];
            let (c1, b1) = f.origin[e];
            out.push(JurisdictionMention {
                code: TABLE[i].code,
                name: TABLE[i].name,
                surface: text[b0 as usize..b1 as usize].to_string(),
                start: c0 as usize,
                end: c1 as usize,
                byte_start: b0 as usize,
                byte_end: b1 as usize,
            });
        }
        out
    }

    /// A match must start a word (or follow an Arabic proclitic) and end one (or be followed by
    /// a case ending or particle). The end of the mention: a case ending is part of the word
    /// that names the place ("Ирана"), a particle is not ("이란은").
    fn boundaries(t: &str, s: usize, e: usize) -> Option<usize> {
        let ws = t[..s]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_letter(c))
            .last()
            .map_or(s, |(i, _)| i);
        let we = t[e..]
            .char_indices()
            .find(|&(_, c)| !is_letter(c))
            .map_or(t.len(), |(i, _)| e + i);
        let rest = &t[e..we];
        if !is_prefix(&t[ws..s]) || !is_suffix(rest) {
            return None;
        }
        Some(if is_case_ending(rest) { we } else { e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(&'static str, String)> {
        Jurisdictions::new()
            .find(text)
            .into_iter()
            .map(|m| (m.code, m.surface))
            .collect()
    }

    #[test]
    fn languages() {
        assert_eq!(
            codes("Oil from Iran and North Korea's DPRK; not Irangate, not South Korea."),
            [
                ("IR", "Iran".into()),
                ("KP", "North Korea".into()),
                ("KP", "DPRK".into())
            ]
        );
        assert_eq!(
            codes("وصل إلى إيران ولكوبا"),
            [("IR", "إيران".into()), ("CU", "كوبا".into())]
        );
        assert_eq!(
            codes("поставки из Ирана в Крым"),
            [("IR", "Ирана".into()), ("UA-43", "Крым".into())]
        );
        assert_eq!(
            codes("이란은 북한과"),
            [("IR", "이란".into()), ("KP", "북한".into())]
        );
        assert_eq!(codes("사랑이란"), []);
        assert_eq!(codes("朝鲜半岛局势与朝鲜导弹"), [("KP", "朝鲜".into())]);
        assert_eq!(
            codes("la Crimée et la Corée du Nord"),
            [("UA-43", "Crimée".into()), ("KP", "Corée du Nord".into())]
        );
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "«Иран»";
        let m = &Jurisdictions::new().find(text)[0];
        assert_eq!((m.start, m.end), (1, 5));
        assert_eq!(&text[m.byte_start..m.byte_end], "Иран");
    }
}
