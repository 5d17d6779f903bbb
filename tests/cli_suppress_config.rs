//! `[[suppress]]` entries in policylint.toml: findings hidden by rule and quoted text
//! in a text extract (where no comment can be written), unused entries reported, and
//! entries without a reason refused.

use std::process::Command;

const TEXT: &str =
    "The ENISA and the RELEX working party will meet.\n\nThe JRC will report on it.\n";

fn check(dir: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .args(["check", "--format", "concise", "--color", "never"])
        .args(extra)
        .arg("note.txt")
        .output()
        .expect("run policylint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("note.txt"), TEXT).unwrap();
    std::fs::write(dir.path().join("policylint.toml"), config).unwrap();
    dir
}

#[test]
fn an_entry_hides_the_finding_it_quotes_and_no_other() {
    let dir = project("");
    let (_, before, _) = check(dir.path(), &["--select", "AC001"]);
    assert!(before.contains("`RELEX`"), "{before}");
    assert!(before.contains("`JRC`"), "{before}");

    let dir = project(
        "[[suppress]]\nrule = \"acronym-undefined\"\ntext = \"RELEX\"\nreason = \"the Council's distribution code\"\n",
    );
    let (_, after, err) = check(dir.path(), &["--select", "AC001"]);
    assert!(!after.contains("`RELEX`"), "{after}");
    assert!(after.contains("`JRC`"), "{after}");
    assert!(!err.contains("matched no finding"), "{err}");
}

#[test]
fn an_unused_entry_names_itself() {
    let dir = project(
        "[[suppress]]\nrule = \"AC001\"\ntext = \"NOSUCHWORD\"\nreason = \"left from an old draft\"\n",
    );
    let (_, _, err) = check(dir.path(), &["--select", "AC001"]);
    assert!(
        err.contains(
            "policylint.toml:2: the suppression of AC001 \"NOSUCHWORD\" matched no finding"
        ),
        "{err}"
    );
}

#[test]
fn an_entry_needs_a_reason_and_a_known_rule() {
    let dir = project("[[suppress]]\nrule = \"AC001\"\ntext = \"RELEX\"\nreason = \" \"\n");
    let (code, _, err) = check(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`reason` must say why"), "{err}");

    let dir = project("[[suppress]]\nrule = \"ZZ999\"\ntext = \"RELEX\"\nreason = \"x\"\n");
    let (code, _, err) = check(dir.path(), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[[suppress]]"), "{err}");
}
