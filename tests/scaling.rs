//! Crafted inputs that used to take super-linear time: the cost of 4× the input must
//! stay near 4× (a quadratic path gives 16×, a cubic one 64×). Each measurement is the
//! best of three runs, and the bound leaves room for a loaded machine.

use std::time::{Duration, Instant};

use policylint::engine::{lint, Settings};

fn lint_time(name: &str, text: &str) -> Duration {
    let settings = Settings::default();
    (0..5)
        .map(|_| {
            let t = Instant::now();
            let doc = policylint::document::load::load(name, text.as_bytes(), None).unwrap();
            let _ = lint(&doc, &settings);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Assert that `make(4n)` costs less than 10× `make(n)`.
fn assert_linear(what: &str, name: &str, make: impl Fn(usize) -> String, n: usize) {
    let small = make(n);
    let big = make(4 * n);
    let ts = lint_time(name, &small);
    let tb = lint_time(name, &big);
    let ratio = tb.as_secs_f64() / ts.as_secs_f64().max(1e-4);
    eprintln!(
        "{what}: {} bytes {:?}, {} bytes {:?}, ratio {ratio:.1}",
        small.len(),
        ts,
        big.len(),
        tb
    );
    assert!(
        ratio < 10.0,
        "{what}: 4x the input took {ratio:.1}x the time"
    );
}

#[test]
fn one_sentence_with_many_commitment_cues() {
    assert_linear(
        "commitment cues",
        "cues.txt",
        |n| {
            let mut s = String::from("Titel\n\n");
            for i in 0..n {
                s.push_str(if i % 2 == 0 {
                    "de Commissie zal in 2021 en de lidstaten zullen ook, "
                } else {
                    "the Commission will and Member States shall, "
                });
            }
            s.push_str("klaar.\n");
            s
        },
        150,
    );
}

#[test]
fn one_very_long_token_in_a_key_action_item() {
    assert_linear(
        "long token",
        "token.md",
        |n| {
            let word: String = "beleidsmaatregelenkader".chars().cycle().take(n).collect();
            format!(
                "# Nota\n\nDe Commissie zal:\n\n- het {word} herzien;\n- een beleidskader opstellen.\n\nDe Commissie zal het beleidskader in 2022 herzien en het maatregelenkader opstellen.\n"
            )
        },
        4000,
    );
}

#[test]
fn many_suppression_comments_and_findings() {
    assert_linear(
        "suppressions",
        "supp.md",
        |n| {
            let mut s = String::from("# Nota\n\n");
            for _ in 0..n {
                s.push_str(
                    "<!-- policylint-disable-next-line TX001 -- quoted -->\nWij steunen de de lidstaten.\n\nWij steunen de de lidstaten.\n\n",
                );
            }
            s
        },
        150,
    );
}

#[test]
fn brackets_of_one_kind_closed_by_another() {
    // "[ [ [ … ) ) )": each closer looked for its opener through every bracket of the
    // other kind left open (quadratic); the openers are now indexed by kind. Timed on
    // the rule's own scan, so that the other rules' cost does not hide the growth.
    use policylint::document::{Span, Text};
    use policylint::rules::text::unbalanced_delimiter::unmatched_delimiters;
    let time = |n: usize| {
        let s = format!("De tekst {}{}", "[ ".repeat(n), ") ".repeat(n));
        let text = Text::from_source(&s, Span::new(0, s.len()));
        (0..3)
            .map(|_| {
                let t = Instant::now();
                assert_eq!(unmatched_delimiters(&text).len(), 2 * n);
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let (small, big) = (time(20_000), time(80_000));
    let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-4);
    eprintln!("brackets closed by another kind: {small:?}, 4x: {big:?}, ratio {ratio:.1}");
    assert!(ratio < 10.0, "4x the brackets took {ratio:.1}x the time");
}
