//! Unit tests of the citation scan.

use super::*;
use crate::pack::{Language, Pack};

fn scanned(lang: Language, text: &str) -> Vec<(String, &'static str)> {
    let g = Pack::builtin(lang).compiled::<Grammar>();
    scan(text, &g)
        .into_iter()
        .map(|f| (text[f.start..f.end].to_string(), f.cited.kind_str()))
        .collect()
}

#[test]
fn english_forms() {
    let found = scanned(
        Language::En,
        "See COM(2023) 416 final, SWD (2023) 417 and C(2023) 1234 final; Regulation (EU) \
         2022/2065, Directive (EU) 2019/1937, Regulation (EU) No 1025/2012, Directive \
         2010/75/EU and Decision No 1313/2013/EU (OJ L 277, 27.10.2022, p. 1), CELEX \
         32022R2065, ECLI:EU:C:2020:559, doc. 9156/22.",
    );
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        written,
        [
            "COM(2023) 416 final",
            "SWD (2023) 417",
            "C(2023) 1234 final",
            "Regulation (EU) 2022/2065",
            "Directive (EU) 2019/1937",
            "Regulation (EU) No 1025/2012",
            "Directive 2010/75/EU",
            "Decision No 1313/2013/EU",
            "OJ L 277, 27.10.2022, p. 1",
            "32022R2065",
            "ECLI:EU:C:2020:559",
            "9156/22",
        ]
    );
}

#[test]
fn dutch_forms() {
    let found = scanned(
        Language::Nl,
        "Verordening (EU) 2022/2065 van het Europees Parlement en de Raad van 19 oktober 2022 \
         betreffende een eengemaakte markt voor digitale diensten (PB L 277 van 27.10.2022, \
         blz. 1) en Richtlijn (EU) 2019/1937.",
    );
    let kinds: Vec<&str> = found.iter().map(|(_, k)| *k).collect();
    assert_eq!(kinds, ["regulation", "oj-reference", "directive"]);
    let g = Pack::builtin(Language::Nl).compiled::<Grammar>();
    let f = &scan(
        "Verordening (EU) 2022/2065 van het Europees Parlement en de Raad van 19 oktober 2022 \
         betreffende een eengemaakte markt voor digitale diensten (PB L 277).",
        &g,
    )[0];
    assert_eq!(
        f.title.as_deref(),
        Some("betreffende een eengemaakte markt voor digitale diensten")
    );
    assert_eq!(f.date, Some((19, 2022)));
    assert!(f.formal);
}

#[test]
fn publication_slots_and_glued_footnotes_are_not_citations() {
    assert!(scanned(
        Language::En,
        "Regulation (EU) …/… and Directive (EU) .../... (OJ C [...], [...], p. [...]) OJ C , , p. ."
    )
    .is_empty());
    // A footnote number glued to the number by the extractor.
    assert!(scanned(Language::En, "Regulation (EU) 2021/69730 applies.").is_empty());
    // A season is not a Council document.
    assert!(scanned(Language::Nl, "in het seizoen 2021/22 en doc 2021/22").len() == 1);
}

#[test]
fn numbers_are_read_by_their_period() {
    let g = Pack::builtin(Language::En).compiled::<Grammar>();
    let act = |t: &str| match &scan(t, &g)[0].cited {
        Cited::Act(a) => (a.year, a.serial),
        other => panic!("{other:?}"),
    };
    assert_eq!(act("Regulation (EU) No 1025/2012"), (2012, 1025));
    assert_eq!(act("Regulation (EU) No 2019/1148"), (2019, 1148));
    assert_eq!(act("Regulation (EU) 1025/2012"), (2012, 1025));
    assert_eq!(act("Regulation (EC) No 2006/2004"), (2004, 2006));
    assert_eq!(act("Directive 91/676/EEC"), (1991, 676));
    assert_eq!(act("Directive (EU) 2016/1148"), (2016, 1148));
    assert_eq!(act("Regulation (EEC) No 1408/71"), (1971, 1408));
}

#[test]
fn oj_pages_and_commission_finals() {
    let g = Pack::builtin(Language::En).compiled::<Grammar>();
    let oj = |t: &str| match &scan(t, &g)[0].cited {
        Cited::OjReference(o) => o.has_page,
        other => panic!("{other:?}"),
    };
    assert_eq!(oj("(OJ L 277, 27.10.2022, p. 1)."), Some(true));
    assert_eq!(oj("(OJ L 277, 27.10.2022)."), Some(false));
    assert_eq!(oj("OJ L 277, 27.10.2022"), None);
    assert_eq!(
        oj("OJ L 277 of 27.10.2022, ELI: http://data.europa.eu/eli/reg/2022/2065/oj"),
        Some(true)
    );
    let com = |t: &str| match &scan(t, &g)[0].cited {
        Cited::CommissionDocument(c) => (c.space_before_year, c.no_space_after_year, c.has_final),
        other => panic!("{other:?}"),
    };
    assert_eq!(com("COM(2020) 795 final."), (false, false, Some(true)));
    assert_eq!(com("COM (2020) 795."), (true, false, Some(false)));
    assert_eq!(com("COM(2021)82 final"), (false, true, Some(true)));
    assert_eq!(com("see COM(2020) 795"), (false, false, None));
    assert_eq!(com("COM(2020) 65, 66 and 67 final"), (false, false, None));
    assert_eq!(com("COM(2020) 65 and 67 final"), (false, false, None));
    assert_eq!(com("16COM(2020) 301 final."), (false, false, Some(true)));
    assert_eq!(com("COM/2021/103 final."), (false, false, Some(true)));
    assert!(scan("ABCOM(2020) 301 final", &g).is_empty());
    // A footnote number glued after a domain or a pre-2015 year.
    let act = |t: &str| {
        let f = &scan(t, &g)[0];
        (t[f.start..f.end].to_string(), f.title.clone())
    };
    assert_eq!(
        act("Directive 2014/94/EU1 of the European Parliament and of the Council on the deployment (OJ"),
        ("Directive 2014/94/EU".to_string(), Some("on the deployment".to_string()))
    );
    assert_eq!(
        act("Regulation (EU) No 1315/201317 of the Council."),
        ("Regulation (EU) No 1315/2013".to_string(), None)
    );
}

#[test]
fn lists_after_a_plural() {
    assert_eq!(
        scanned(
            Language::En,
            "amending Regulations (EC) No 401/2009 and (EU) 2018/1999, and Directives \
             2009/138/EC, 2013/36/EU or 2014/65/EU apply."
        )
        .into_iter()
        .map(|(w, _)| w)
        .collect::<Vec<_>>(),
        [
            "Regulations (EC) No 401/2009",
            "(EU) 2018/1999",
            "Directives 2009/138/EC",
            "2013/36/EU",
            "2014/65/EU"
        ]
    );
    assert_eq!(
        scanned(
            Language::Nl,
            "Richtlijnen 2009/138/EG en 2013/36/EU, PB L 331."
        )
        .len(),
        2
    );
    // A singular heads no list.
    assert_eq!(
        scanned(
            Language::En,
            "Regulation (EU) 2018/1999 and 2019/20 seasons"
        )
        .len(),
        1
    );
}

#[test]
fn a_pack_addition_with_a_broken_pattern_is_reported() {
    let extra: toml::Table = "[citations]\necli = '(unclosed'\ncelex = '(?P<sector>3)'"
        .parse()
        .unwrap();
    let pack = Pack::builtin(Language::En).extended(&extra);
    let errors = pattern_errors(&pack);
    assert!(
        errors.iter().any(|e| e.contains("`citations.ecli`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`citations.celex`: no group named `year`")),
        "{errors:?}"
    );
    assert!(crate::rules::pack_errors(&pack).len() >= 2);
}

#[test]
fn notes_to_the_publications_office() {
    let g = Pack::builtin(Language::En).compiled::<Grammar>();
    let text = "By … (OP: please insert the date (4 years) and COM(2022) 304) see COM(2022) 305.";
    let notes = g.note_ranges(text);
    assert_eq!(notes.len(), 1);
    assert!(text[notes[0].clone()].ends_with("COM(2022) 304)"));
    let line = "OP : please insert the number of the Regulation contained in COM(2022) 304";
    let r = g.note_ranges(line);
    assert_eq!((r.len(), r[0].clone()), (1, 0..line.len()));
    let two = "(3) OP : please insert the number in COM(2022) 304. COM(2021)82 final.";
    let r = g.note_ranges(two);
    assert_eq!(
        (r.len(), r[0].clone()),
        (1, 0..two.find(". COM").unwrap() + 1)
    );
    let after = "(OJ L 334, 17.12.2010, p. 17). + OP: please insert COM(2023)160. Next.";
    let r = &g.note_ranges(after)[0];
    assert!(after[r.clone()].contains("COM(2023)160") && !after[r.clone()].contains("Next"));
    assert!(g
        .note_ranges("The OP: none here, and SHOP: neither")
        .is_empty());
}

#[test]
fn fragments_in_any_order_never_panic() {
    let pieces = [
        "Regulation (EU) ",
        "No ",
        "nr. ",
        "2019/",
        "1148",
        "/EU",
        "12",
        "(",
        ")",
        "OP: ",
        "COM",
        "(2020)",
        " 795",
        " final",
        "OJ L 277, ",
        "27.10.2022",
        ", p. ",
        "€",
        "…",
        "CELEX:",
        "32019R1937",
        "ECLI:EU:C:2020:559",
        "doc. ",
        "9156/22",
        ".",
        " ",
        "\n",
        "Richtlijnen ",
        " en ",
        "of the Council of 1 May 2019 on ",
        "é",
        "(EU, Euratom) ",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for lang in [Language::En, Language::Nl] {
        let g = Pack::builtin(lang).compiled::<Grammar>();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for f in scan(&s, &g) {
                assert!(f.start <= f.end && f.end <= s.len(), "{s:?}");
                assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            }
            let _ = g.note_ranges(&s);
        }
    }
}
