//! The document date: `--document-date` wins over a dateline in the text; a configured
//! date only fills in for a text that states none; and when no date is known at all the
//! past-deadline rule says once that it could not run.

use std::process::Command;

const DATED: &str = "Brussel, 9.12.2020\n\n# Mededeling van de Commissie\n\nDe Commissie zal tegen eind 2019 een verslag over de uitvoering uitbrengen.\n";
const UNDATED: &str = "# Mededeling van de Commissie\n\nDe Commissie zal tegen eind 2019 een verslag over de uitvoering uitbrengen.\n";

fn concise(dir: &std::path::Path, text: &str, extra: &[&str]) -> String {
    std::fs::write(dir.join("nota.md"), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policylint"))
        .current_dir(dir)
        .args(["check", "--format", "concise", "--select", "CM003,PLX005"])
        .args(extra)
        .arg("nota.md")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_command_line_date_wins_over_the_dateline_and_the_configured_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    // The text's own date (9 December 2020) puts the 2019 deadline in the past.
    let own = concise(dir.path(), DATED, &[]);
    assert!(own.contains("CM003"), "{own}");
    // Given on the command line, an earlier date wins: 2019 is still ahead.
    let cli = concise(dir.path(), DATED, &["--document-date", "2018-06-01"]);
    assert!(!cli.contains("CM003"), "{cli}");
    // A configured date only fills in where the text states none.
    std::fs::write(
        dir.path().join("policylint.toml"),
        "document-date = \"2018-06-01\"\n",
    )
    .unwrap();
    let configured = concise(dir.path(), DATED, &[]);
    assert!(configured.contains("CM003"), "{configured}");
    let filled_in = concise(dir.path(), UNDATED, &[]);
    assert!(!filled_in.contains("CM003"), "{filled_in}");
    assert!(
        !filled_in.contains("past deadlines not checked"),
        "{filled_in}"
    );
}

#[test]
fn with_no_date_known_the_past_deadline_check_says_once_that_it_did_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = concise(dir.path(), UNDATED, &[]);
    assert_eq!(
        out.matches("past deadlines not checked (CM003)").count(),
        1,
        "{out}"
    );
    let dated = concise(dir.path(), UNDATED, &["--document-date", "2020-12-09"]);
    assert!(!dated.contains("past deadlines not checked"), "{dated}");
    assert!(dated.contains("CM003"), "{dated}");
}
