//! `policylint citations` in each format, and the citation rules (CT) on the shared
//! real documents (skipped when ../shared is absent).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/rules/citation-inconsistent/fires-en.txt";

fn policylint() -> Command {
    let mut cmd = Command::cargo_bin("policylint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn stdout(cmd: &mut Command) -> (String, i32) {
    let out = cmd.output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn citations_lists_every_act_in_every_format() {
    // The fixture cites Regulation (EU) 2022/2065 in recitals (1) and (2) (lines 3 and
    // 5), as a directive in recital (3), and Directive 2000/31/EC twice.
    let (md, code) = stdout(policylint().args(["citations", FIXTURE]));
    assert_eq!(code, 0, "{md}");
    assert!(md.starts_with(&format!("## {FIXTURE}")), "{md}");
    assert!(md.contains("| regulation | Regulation (EU) 2022/2065 | on a Single Market For Digital Services and amending Directive 2000/31/EC | 3, 5 |"), "{md}");
    assert!(
        md.contains("| directive | Directive (EU) 2022/2065 | — | 7 |"),
        "{md}"
    );

    let (csv, code) = stdout(policylint().args(["citations", "--format", "csv", FIXTURE]));
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("path,kind,citation,number,title,places"));
    assert!(
        csv.lines().any(|l| l.starts_with(&format!(
            "{FIXTURE},oj-reference,\"OJ L 305, 26.11.2019, p. 17\",L 305,,9"
        ))),
        "{csv}"
    );

    let (json, code) = stdout(policylint().args(["citations", "--format", "json", FIXTURE]));
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).expect("JSON");
    let cites = v[0]["citations"].as_array().expect("an array");
    assert_eq!(v[0]["path"], FIXTURE);
    let dsa = cites
        .iter()
        .find(|c| c["kind"] == "regulation" && c["number"] == "2022/2065")
        .expect("the DSA is listed");
    let lines: Vec<u64> = dsa["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 5]);
    // Text input has no pages.
    assert!(dsa["places"][0].get("page").is_none());
}

#[test]
fn citations_reports_unreadable_files_and_reads_stdin() {
    let out = policylint()
        .args(["citations", "no-such-file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    let out = policylint()
        .args(["citations", "--format", "json", "-"])
        .write_stdin("See COM (2020) 795 and Regulation (EU) No 1025/2012.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = v[0]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["commission-document", "regulation"]);
}

fn shared(rel: &str) -> Option<PathBuf> {
    common::shared_path(&format!("realworld/{rel}"))
}

/// The CT findings of a file, as (code, line).
fn ct_findings(path: &Path) -> Vec<(String, u64)> {
    let out = policylint()
        .args(["check", "--select", "CT", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn listed(path: &Path) -> Value {
    let out = policylint()
        .args(["citations", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn the_published_dsa_follows_the_style_guide_and_cites_the_explosives_regulation() {
    for rel in [
        "txt/10_regulation_2022_2065_dsa.txt",
        "pdf/10_regulation_2022_2065_dsa.pdf",
    ] {
        let Some(path) = shared(rel) else { return };
        // An act as the Official Journal publishes it is written in the style guide's
        // forms: no citation rule has anything to say.
        assert_eq!(ct_findings(&path), [], "{rel}");
        // Recital 12 and Article 2(4) cite Regulation (EU) 2019/1148 on explosives
        // precursors, with its title in the footnote.
        let v = listed(&path);
        let cites = v[0]["citations"].as_array().unwrap();
        let explosives = cites
            .iter()
            .find(|c| c["number"] == "2019/1148")
            .unwrap_or_else(|| panic!("{rel}: 2019/1148 not listed"));
        assert_eq!(explosives["kind"], "regulation");
        assert!(explosives["title"]
            .as_str()
            .unwrap()
            .starts_with("on the marketing and use of explosives precursors"));
        assert!(explosives["places"].as_array().unwrap().len() >= 2);
        if rel.ends_with(".pdf") {
            assert!(explosives["places"][0]["page"].as_u64().is_some());
        }
        // The GDPR and the e-commerce directive are cited.
        for number in ["2016/679", "2000/31/EC"] {
            assert!(
                cites
                    .iter()
                    .any(|c| c["number"] == number
                        || c["citation"].as_str().unwrap().ends_with(number)),
                "{rel}: {number}"
            );
        }
    }
}

#[test]
fn malformed_citations_in_the_shared_documents_are_found() {
    // The soil monitoring proposal cites the European Climate Law once as "(OJ L 243,
    // 9.7.2021)." without its page (and once with it).
    if let Some(path) = shared("txt/02_com2023_416_soil_monitoring_law.txt") {
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("(OJ L 243, 9.7.2021)."))
            .expect("the reference is in the text") as u64
            + 1;
        assert!(ct_findings(&path).contains(&("CT004".to_string(), line)));
    }
    // The Dutch AFIR proposal repeals "Richtlijn 2014/94/EG": a directive of 2014 is
    // an EU act.
    if let Some(path) = shared("txt/04_com2021_559_afir_nl.txt") {
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains("Richtlijn 2014/94/EG"))
            .expect("in the text") as u64
            + 1;
        assert!(ct_findings(&path).contains(&("CT003".to_string(), line)));
    }
    // The BNC fiche names the proposal "COM (2022) 546" and links its CELEX number
    // 52022PC0546 (a proposal: PC): the form is reported, the CELEX number is right.
    if let Some(path) = shared("txt/05_bnc_fiche_instant_payments_nl.txt") {
        let found = ct_findings(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .position(|l| l.trim() == "COM (2022) 546")
            .expect("in the text") as u64
            + 1;
        assert!(found.contains(&("CT001".to_string(), line)), "{found:?}");
        assert!(found.iter().all(|(code, _)| code != "CT005"), "{found:?}");
    }
    // The Council conclusions' cover note cites the earlier text "doc. 7745/21".
    if let Some(path) = shared("txt/01_council_conclusions_copernicus_2035.txt") {
        let v = listed(&path);
        assert!(v[0]["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "council-document" && c["number"] == "7745/21"));
    }
}

/// The citation scan and the CT rules on a crafted paragraph: many citations of one
/// act with CELEX numbers, unclosed brackets in titles, OP notes. 4× the input must
/// cost well under 16× (quadratic) the time.
#[test]
fn citations_scale_linearly() {
    use policylint::engine::{lint, Settings};
    use std::time::{Duration, Instant};
    let make = |n: usize| {
        let mut s = String::from("Recitals\n\n");
        for _ in 0..n {
            s.push_str(
                "Directive (EU) 2019/1937 (CELEX 32019R1937) of the Council of 1 May 2019 on \
                 ((((( (OP: insert (( COM (2020) 795 and OJ L 1, 1.1.2020; ",
            );
        }
        s.push_str("end.\n");
        s
    };
    let time = |text: &str| -> Duration {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let doc = policylint::document::load::load("c.txt", text.as_bytes(), None).unwrap();
                let _ = lint(&doc, &Settings::default());
                let pack = policylint::pack::Pack::builtin(doc.language);
                let _ = policylint::rules::citations::list(&doc, pack);
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let (small, big) = (make(150), make(600));
    let (ts, tb) = (time(&small), time(&big));
    let ratio = tb.as_secs_f64() / ts.as_secs_f64().max(1e-4);
    eprintln!("citations: {ts:?} → {tb:?}, ratio {ratio:.1}");
    assert!(ratio < 10.0, "4x the input took {ratio:.1}x the time");
}
