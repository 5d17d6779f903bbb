//! CM001–CM003 (their fixtures run in `rule_fixtures.rs`): spans on the firing
//! fixtures, the register renderers, and the examples of issue 6 on the seed documents.

use policylint::document::{parse, parse_str, Document};
use policylint::finding::Finding;
use policylint::pack::Pack;
use policylint::rules::commitments::{
    self, register, render_csv, render_json, render_markdown, CommitmentKind, Options, Status,
};
use policylint::rules::{Context, Rule};
use policylint::source::SourceFile;

mod common;

use common::fixtures::{fixtures_of, lint_fixture, load_fixture, Expect};

fn fixture(rule: &str, name: &str) -> Document {
    load_fixture(
        &std::path::Path::new("tests/fixtures/rules")
            .join(rule)
            .join(name),
    )
}

fn seed(name: &str) -> Document {
    let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("seed exists");
    let source = policylint::decode::decode(&path, &bytes).expect("seed decodes");
    parse(source, None)
}

fn run(rule: &dyn Rule, doc: &Document) -> Vec<Finding> {
    let pack = Pack::builtin(doc.language);
    let mut cx = Context::new(rule.meta(), None, pack);
    rule.check(doc, &mut cx);
    cx.into_findings()
}

fn render(doc: &Document, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let p = doc.source.position(f.span.start);
        let shown = &doc.text()[f.span.start..f.span.end];
        out.push_str(&format!(
            "{}:{}: {} {}\n    | {}\n",
            p.line, p.column, f.code, f.message, shown
        ));
        for r in &f.related {
            let rp = doc.source.position(r.span.start);
            out.push_str(&format!("    = {}:{}: {}\n", rp.line, rp.column, r.message));
        }
        if let Some(h) = &f.help {
            out.push_str(&format!("    help: {h}\n"));
        }
    }
    out
}

/// `rule_fixtures.rs` runs the fixtures; here, what the CM rules promise of their spans
/// on every firing fixture: the first line of the sentence, never more.
#[test]
fn commitment_findings_point_at_one_line() {
    let mut checked = 0;
    for rule in [
        &policylint::rules::commitments::UndatedCommitment as &dyn Rule,
        &policylint::rules::commitments::VagueDeadline,
        &policylint::rules::commitments::PastDeadline,
    ] {
        let meta = rule.meta();
        for path in fixtures_of(meta.name) {
            let linted = lint_fixture(&path, meta.code);
            if linted.name.expect != Expect::Fires {
                continue;
            }
            assert!(!linted.findings.is_empty(), "{}", path.display());
            for f in &linted.findings {
                let shown = &linted.doc.text()[f.span.start..f.span.end];
                assert!(
                    !shown.contains('\n'),
                    "{}: {}",
                    path.display(),
                    render(&linted.doc, &linted.findings)
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6);
}

#[test]
fn document_date_option_decides_past_deadlines() {
    let text = "De Commissie zal uiterlijk in maart 2021 een verslag indienen.\n";
    let doc = parse_str("x.txt", text);
    let pack = Pack::builtin(doc.language);
    let late = Options {
        document_date: chrono::NaiveDate::from_ymd_opt(2021, 6, 1),
        ..Options::default()
    };
    let cs = register(&doc, pack, &late);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].status, Status::Past);
    let early = Options {
        document_date: chrono::NaiveDate::from_ymd_opt(2020, 12, 9),
        ..Options::default()
    };
    assert_eq!(register(&doc, pack, &early)[0].status, Status::Dated);
    // Through the rule option.
    let meta = policylint::rules::commitments::PastDeadline.meta();
    let options: toml::Table = "document-date = \"2021-06-01\"".parse().unwrap();
    let mut cx = Context::new(meta, Some(&options), pack);
    policylint::rules::commitments::PastDeadline.check(&doc, &mut cx);
    assert_eq!(cx.into_findings().len(), 1);
    // Through the configuration's document-date.
    let mut cx = Context::new(meta, None, pack)
        .with_document_date(chrono::NaiveDate::from_ymd_opt(2021, 6, 1), false);
    policylint::rules::commitments::PastDeadline.check(&doc, &mut cx);
    assert_eq!(cx.into_findings().len(), 1);
    // A dateline in the text wins over the configuration.
    let dated = parse_str(
        "y.txt",
        "Brussel, 9.12.2020\n\nMededeling.\n\nDe Commissie zal uiterlijk in maart 2021 een verslag indienen.\n",
    );
    let mut cx = Context::new(meta, None, pack)
        .with_document_date(chrono::NaiveDate::from_ymd_opt(2021, 6, 1), false);
    policylint::rules::commitments::PastDeadline.check(&dated, &mut cx);
    assert!(cx.into_findings().is_empty());
}

#[test]
fn register_renders_markdown_csv_and_json() {
    let doc = fixture("undated-commitment", "fires-nl.txt");
    let cs = register(&doc, Pack::builtin(doc.language), &Options::default());
    let md = render_markdown(doc.path(), &cs);
    insta::assert_snapshot!("register_markdown_nl", md);
    let csv = render_csv(doc.path(), &cs);
    assert!(csv.starts_with("path,line,actor,kind,action,time,normalised,status\n"));
    assert_eq!(csv.lines().count(), cs.len() + 1);
    let json: serde_json::Value = serde_json::from_str(&render_json(doc.path(), &cs)).unwrap();
    assert_eq!(json.as_array().map(|a| a.len()), Some(cs.len()));
    assert_eq!(json[0]["status"], "undated");
    // Several documents: one header, one array.
    let two = [(doc.path(), &cs[..]), ("other.txt", &cs[..])];
    let csv = commitments::render_many("csv", &two);
    assert_eq!(csv.matches("path,line").count(), 1);
    assert_eq!(csv.lines().count(), 2 * cs.len() + 1);
    let json: serde_json::Value =
        serde_json::from_str(&commitments::render_many("json", &two)).unwrap();
    assert_eq!(json.as_array().map(|a| a.len()), Some(2 * cs.len()));
    assert_eq!(
        commitments::render_many("markdown", &two)
            .matches("## ")
            .count(),
        2
    );
}

#[test]
fn document_date_is_found_in_the_seeds() {
    let d = |name: &str| commitments::document_date(&seed(name)).map(|d| d.date.to_string());
    assert_eq!(d("002_4cd158ec9b524649.txt").as_deref(), Some("2024-12-12"));
    assert_eq!(d("003_92cce1b2e57afc3b.txt").as_deref(), Some("2022-06-20"));
    assert_eq!(d("004_ec9ddc5444050131.txt").as_deref(), Some("2020-12-09"));
}

fn register_of(name: &str) -> (Document, Vec<commitments::Commitment>) {
    let doc = seed(name);
    let cs = register(&doc, Pack::builtin(doc.language), &Options::default());
    (doc, cs)
}

fn at_line(cs: &[commitments::Commitment], line: usize) -> Option<&commitments::Commitment> {
    cs.iter().find(|c| c.line == line)
}

#[test]
fn seed_004_press_release() {
    let (_, cs) = register_of("004_ec9ddc5444050131.txt");
    let binnenkort = at_line(&cs, 21)
        .into_iter()
        .chain(cs.iter())
        .find(|c| c.action.contains("voorstellen indienen"))
        .expect("the 'binnenkort' commitment");
    assert_eq!(binnenkort.status, Status::Vague);
    assert_eq!(binnenkort.line, 21);
    let presented = cs
        .iter()
        .find(|c| c.time.as_ref().is_some_and(|t| t.text == "in 2021"))
        .expect("'die in 2021 zal worden gepresenteerd'");
    assert_eq!(presented.status, Status::Dated);
    // The commissioners' quotes are not commitments by default.
    assert!(cs
        .iter()
        .all(|c| !c.action.contains("onderwerpen aanpakken")));
    let vague = run(
        &policylint::rules::commitments::VagueDeadline,
        &seed("004_ec9ddc5444050131.txt"),
    );
    assert_eq!(vague.len(), 1);
}

#[test]
fn seed_000_counter_terrorism_agenda() {
    let (doc, cs) = register_of("000_36c74a95654013fe.txt");
    let midden = cs
        .iter()
        .find(|c| {
            c.time
                .as_ref()
                .is_some_and(|t| t.text == "Tegen midden 2021")
        })
        .expect("'Tegen midden 2021 zal de Commissie'");
    assert_eq!(midden.status, Status::Dated);
    assert_eq!(
        midden.time.as_ref().unwrap().normalised.as_deref(),
        Some("2021-06")
    );
    let edeo = at_line(&cs, 239).expect("line 239");
    assert_eq!(edeo.status, Status::Undated);
    assert_eq!(edeo.actor, "de Commissie en de EDEO");
    let undated = run(&policylint::rules::commitments::UndatedCommitment, &doc);
    assert!(undated.iter().any(|f| doc.line_of(f.span.start) == 239));
    // "In 2020 heeft de Commissie … en zij zal nagaan …": the year is in another clause.
    let nagaan = cs
        .iter()
        .find(|c| c.action.contains("biologische bedreigingen"))
        .expect("'zij zal nagaan'");
    assert_eq!(nagaan.status, Status::Undated);
    assert_eq!(nagaan.actor, "de Commissie");
    // Roughly a hundred commitments, a good share of them dated.
    assert!((90..=160).contains(&cs.len()), "{}", cs.len());
    let dated = cs.iter().filter(|c| c.status == Status::Dated).count();
    assert!(dated * 10 >= cs.len(), "{dated} of {}", cs.len());
    // A box item dated only in the body: "de fysieke bescherming van gebedshuizen helpen
    // te verbeteren" ↔ "Vanaf 2021 wil de Commissie … projecten ondersteunen die de
    // fysieke bescherming van gebedshuizen verbeteren".
    let gebedshuizen = cs
        .iter()
        .find(|c| {
            matches!(c.unit, commitments::Unit::BoxItem { .. }) && c.action.contains("gebedshuizen")
        })
        .expect("the box item on places of worship");
    assert_eq!(gebedshuizen.status, Status::Dated);
    assert!(gebedshuizen.supported_by.is_some());
    // Key-action box items inherit the frame's actor.
    assert!(cs
        .iter()
        .any(|c| matches!(c.unit, commitments::Unit::BoxItem { .. })
            && c.kind == CommitmentKind::Request
            && c.actor == "de lidstaten"));
}

#[test]
fn seed_002_council_requests_one_per_point() {
    let (doc, cs) = register_of("002_4cd158ec9b524649.txt");
    let requests: Vec<_> = cs
        .iter()
        .filter(|c| c.kind == CommitmentKind::Request)
        .collect();
    // 18 lowercase points under the 11 lead-ins; the lead-ins themselves are not counted.
    assert_eq!(requests.len(), 18);
    assert!(requests.iter().all(|c| c.unit == commitments::Unit::Point));
    assert!(requests
        .iter()
        .all(|c| matches!(c.status, Status::Undated | Status::Conditional)));
    assert!(requests
        .iter()
        .any(|c| c.actor == "de Commissie en de lidstaten"));
    let findings = run(&policylint::rules::commitments::UndatedCommitment, &doc);
    assert!(findings.len() >= 17);
    // No finding on a lead-in line.
    let src = doc.text();
    assert!(findings
        .iter()
        .all(|f| !src[f.span.start..f.span.end].contains("verzoekt")));
}

#[test]
fn seed_003_council_calls_are_requests() {
    let (_, cs) = register_of("003_92cce1b2e57afc3b.txt");
    assert!(cs
        .iter()
        .any(|c| c.kind == CommitmentKind::Request && c.actor == "de EU en de lidstaten"));
    assert!(cs.iter().all(|c| c.status != Status::Past));
}

#[test]
fn register_is_fast_enough() {
    // A loose bound for debug builds; release takes a few milliseconds per seed.
    let docs: Vec<Document> = ["000_36c74a95654013fe.txt", "002_4cd158ec9b524649.txt"]
        .iter()
        .map(|n| seed(n))
        .collect();
    let _ = register(
        &docs[1],
        Pack::builtin(docs[1].language),
        &Options::default(),
    );
    let t = std::time::Instant::now();
    for d in &docs {
        let _ = register(d, Pack::builtin(d.language), &Options::default());
    }
    assert!(t.elapsed().as_secs() < 20);
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "zal",
        "De Commissie zal:",
        "verzoekt de RAAD de LIDSTATEN:\n\n1. a\n",
        "“De Commissie zal ",
        "Q9 2021 — ééé zal zullen",
    ] {
        let doc = parse(SourceFile::from_str("odd.txt", text), None);
        let _ = register(&doc, Pack::builtin(doc.language), &Options::default());
    }
}

#[test]
fn box_item_dated_by_its_supporting_passage() {
    let doc = seed("000_36c74a95654013fe.txt");
    let pack = Pack::builtin(doc.language);
    let plain = register(&doc, pack, &Options::default());
    let first_undated_item = plain
        .iter()
        .find_map(|c| match c.unit {
            commitments::Unit::BoxItem {
                box_index,
                item_index,
            } if c.status == Status::Undated => Some((box_index, item_index)),
            _ => None,
        })
        .expect("an undated box item");
    // The key-action matcher would find the passage; here: the "Tegen midden 2021" sentence.
    let passage = doc
        .sentences
        .iter()
        .find(|s| doc.sentence_text(s).starts_with("Tegen midden 2021"))
        .map(|s| doc.sentence_span(s))
        .expect("the passage");
    let find = move |_: &Document, b: usize, i: usize| {
        (b, i == first_undated_item.1 && b == first_undated_item.0)
            .1
            .then_some(passage)
    };
    let options = Options {
        supporting_passage: Some(&find),
        ..Options::default()
    };
    let supported = register(&doc, pack, &options);
    let item = supported
        .iter()
        .find(|c| {
            c.unit
                == commitments::Unit::BoxItem {
                    box_index: first_undated_item.0,
                    item_index: first_undated_item.1,
                }
        })
        .unwrap();
    assert_eq!(item.status, Status::Dated);
    assert_eq!(item.supported_by, Some(passage));
    assert_eq!(
        item.time.as_ref().and_then(|t| t.normalised.as_deref()),
        Some("2021-06")
    );
    assert!(render_markdown(doc.path(), &supported).contains("dated (body, line "));
}

#[test]
fn quotations_are_counted_only_on_request() {
    let doc = seed("004_ec9ddc5444050131.txt");
    let pack = Pack::builtin(doc.language);
    let with = Options {
        include_quotes: true,
        ..Options::default()
    };
    let without = register(&doc, pack, &Options::default());
    let with = register(&doc, pack, &with);
    assert!(with.len() > without.len());
    // "Vandaag, en in de komende weken, zal ik de onderwerpen aanpakken": the speaker.
    assert!(with.iter().any(|c| c.actor == "ik"));
}

#[test]
fn english_council_lead_ins_govern_lowercase_points() {
    let doc = fixture("undated-commitment", "fires-en-council.txt");
    let cs = register(&doc, Pack::builtin(doc.language), &Options::default());
    let summary: Vec<String> = cs
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c.line,
                c.actor,
                c.kind.as_str(),
                c.status.as_str()
            )
        })
        .collect();
    insta::assert_snapshot!("council_en_register", summary.join("\n"));
    let requests: Vec<_> = cs
        .iter()
        .filter(|c| c.kind == CommitmentKind::Request)
        .collect();
    assert_eq!(requests.len(), 3, "{summary:?}");
    assert_eq!(requests[0].actor, "the Member States");
    assert_eq!(requests[1].status, Status::Dated);
    assert_eq!(requests[2].actor, "the Commission");
}

mod never_panics {
    use super::*;
    use policylint::lang::Language;
    use policylint::rules::commitments::detect::Carry;
    use policylint::rules::commitments::Grammar;
    use proptest::prelude::*;

    fn words() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "De Commissie",
            "zal",
            "zullen",
            "verzoekt",
            "roept",
            "op",
            "de lidstaten",
            "om",
            "te",
            "tegen",
            "eind",
            "2021",
            "31 juni 2021",
            "binnenkort",
            "zodra",
            ",",
            ";",
            ":",
            "“",
            "”",
            "\"",
            "één",
            "coördinatie",
            "ë",
            "—",
            "COM(2020)",
            "795",
            "Richtlijn",
            "2016/681",
            "heeft",
            "en",
            "zij",
            "kunnen",
            "worden",
            "gepresenteerd",
            "The Commission",
            "will",
            "calls on",
            "Member States",
            "to",
            "by",
            "mid-2021",
            "as soon as possible",
            "\n",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.join(" "))
    }

    proptest! {
        #[test]
        fn classifier_and_time_parser_take_any_input(text in words()) {
            for lang in [Language::Nl, Language::En] {
                let g = Pack::builtin(lang).compiled::<Grammar>();
                let _ = g.detect(&text, &g.default_author, &mut Carry::default());
                let _ = g.timing(&text, None);
                let _ = g.frame(&text, "x");
                let _ = g.time.document_date(&text);
            }
        }

        #[test]
        fn register_takes_any_document(text in words()) {
            let doc = parse_str("p.txt", &text);
            let _ = register(&doc, Pack::builtin(doc.language), &Options::default());
        }
    }
}
