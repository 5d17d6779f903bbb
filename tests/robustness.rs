//! No input makes the engine or a reporter panic: arbitrary text (with suppression
//! comments, footnote-like digits, odd line ends and non-ASCII) through parse, lint and
//! every output format.

use policylint::engine::{lint, Settings};
use policylint::report::{self, FileReport, Format, RunReport};
use proptest::prelude::*;

fn fragments() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<!-- policylint-disable-next-line FN001 -- r -->".to_string()),
        Just("<!-- policylint-disable FN -->".to_string()),
        Just("<!-- policylint-enable FN001 -->".to_string()),
        Just("<!-- policylint-".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: noot".to_string()),
        Just("\n12\n".to_string()),
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just("```\n".to_string()),
        "[a-zé€ .,:%]{0,12}",
        "[0-9]{1,3}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn lint_and_render_never_panic(text in fragments(), markdown in any::<bool>()) {
        let path = if markdown { "p.md" } else { "p.txt" };
        let doc = policylint::document::parse_str(path, &text);
        let findings = lint(&doc, &Settings::default());
        for f in &findings {
            prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
        let run = RunReport { files: vec![FileReport { source: doc.source, findings }], errors: vec![] };
        for format in [Format::Human, Format::Concise, Format::Json, Format::Sarif, Format::Github, Format::Html] {
            let mut out = Vec::new();
            let options = report::human::HumanOptions { color: true, expand: false };
            report::write(format, &run, &mut out, options).unwrap();
        }
    }
}
