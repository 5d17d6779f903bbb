//! Every example in the README runs as printed: each fenced block that opens with
//! `$ policylint …` is run (through `sh`, so pipes work) and the lines it shows must
//! appear in the output, in order (a line `…` stands for lines left out).
//!
//! The examples run in a scratch directory holding `seeds/` (this repository's) and the
//! files the README's examples name (`nota.md`, `draft.docx`, from
//! tests/fixtures/readme/).

use std::path::Path;
use std::process::Command;

struct Example {
    line: usize,
    command: String,
    shown: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((_, l)) = lines.next() {
        if !l.starts_with("```") {
            continue;
        }
        let Some((n, first)) = lines.next() else {
            break;
        };
        let Some(command) = first.strip_prefix("$ policylint ") else {
            // Not an example: skip to the fence that closes the block.
            for (_, l) in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
            }
            continue;
        };
        let mut shown = Vec::new();
        for (_, l) in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            shown.push(l.trim_end().to_string());
        }
        out.push(Example {
            line: n + 1,
            command: command.to_string(),
            shown,
        });
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn every_readme_example_runs_as_printed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 8,
        "the README's examples were not found ({})",
        examples.len()
    );
    let scratch = tempfile::tempdir().unwrap();
    copy_dir(&root.join("seeds"), &scratch.path().join("seeds"));
    copy_dir(&root.join("tests/fixtures/readme"), scratch.path());
    let bin = Path::new(env!("CARGO_BIN_EXE_policylint"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("policylint {}", ex.command))
            .current_dir(scratch.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let actual: Vec<&str> = text.lines().map(str::trim_end).collect();
        let mut at = 0;
        for want in ex.shown.iter().filter(|l| l.as_str() != "…") {
            match actual[at..].iter().position(|a| a == want) {
                Some(i) => at += i + 1,
                None => {
                    failures.push(format!(
                        "README.md:{}: `policylint {}` does not print\n  {want}\nafter what matched so far; it printed:\n{text}",
                        ex.line, ex.command
                    ));
                    break;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
