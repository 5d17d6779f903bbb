//! The command line under hostile input: output stays bounded and cannot drive a CI
//! runner, odd files never block or loop, one file's failure stays that file's.

use assert_cmd::Command;

mod common;

fn policylint() -> Command {
    let mut cmd = Command::cargo_bin("policylint").expect("binary built");
    cmd.env_remove("NO_COLOR");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A line the GitHub Actions runner would read as a command: `::cmd::` at its start
/// (after blanks), or `##[` anywhere. The runner ends lines at `\n` and at a lone `\r`.
fn runner_commands(out: &str) -> Vec<String> {
    out.split(['\n', '\r'])
        .filter(|l| l.trim_start().starts_with("::") || l.contains("##["))
        .map(str::to_string)
        .collect()
}

/// A seed's text with every line break removed inside one long paragraph: a 114 KB
/// file with one 63 KB line, with findings on the long line.
fn long_line_document() -> String {
    let seed = common::seed_text("000_36c74a95654013fe.txt");
    let mut long = seed.split('\n').collect::<Vec<_>>().join(" ");
    while long.len() < 63_000 {
        long = format!("{long} {long}");
    }
    let cut = policylint::source::floor_char_boundary(&long, 63_000);
    let head_cut = policylint::source::floor_char_boundary(&seed, 51_000);
    format!("{}\n{}\n", &seed[..head_cut], &long[..cut])
}

#[test]
fn one_huge_line_gives_bounded_output_in_every_text_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let text = long_line_document();
    std::fs::write(&path, &text).unwrap();
    for format in ["human", "concise"] {
        let r = run(policylint()
            .args(["check", "--color", "never", "--format", format])
            .arg(&path));
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        let findings = r.stdout.matches("[").count().max(1);
        // Every output line is short whatever the input's line length, so the output
        // is a bounded amount per finding.
        let longest = r
            .stdout
            .lines()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(longest <= 640, "{format}: a line of {longest} characters");
        assert!(
            r.stdout.len() <= findings * 4_000,
            "{format}: {} bytes for {findings} findings",
            r.stdout.len()
        );
        assert!(
            r.stdout.len() < text.len() * 2,
            "{format}: {}",
            r.stdout.len()
        );
    }
}

#[test]
fn hostile_names_and_text_produce_no_runner_command() {
    let dir = tempfile::tempdir().unwrap();
    // Document text with a lone carriage return before a command, the runner's older
    // syntax in the middle of a line, a terminal escape, and repeated words so that
    // findings quote the text.
    let text = "Titel\n\nDe Commissie zal de de maatregel nemen.\r::add-mask::geheim de de x.\nTekst ##[add-mask]geheim en en verder \u{1b}[2J de de.\n";
    let names = [
        "::add-mask::x.txt",
        "##[set-output name=a]b.txt",
        "a\rb.txt",
    ];
    let mut paths = Vec::new();
    for name in names {
        let p = dir.path().join(name);
        if std::fs::write(&p, text).is_ok() {
            paths.push(p);
        }
    }
    assert!(!paths.is_empty());
    for format in ["human", "concise", "json", "sarif"] {
        let r = run(policylint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "--format", format])
            .args(names.iter().filter(|n| dir.path().join(n).exists())));
        assert!(r.code == 1, "{format}: {} {}", r.code, r.stderr);
        assert!(
            r.stdout.contains("TX"),
            "{format}: findings expected: {}",
            r.stdout
        );
        assert_eq!(runner_commands(&r.stdout), Vec::<String>::new(), "{format}");
        assert_eq!(runner_commands(&r.stderr), Vec::<String>::new(), "{format}");
        assert!(!r.stdout.contains('\u{1b}'), "{format}: raw escape");
        if format == "json" || format == "sarif" {
            let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("still JSON");
            assert!(v.is_object());
        }
    }
}

#[test]
fn a_letter_whose_lowercase_is_longer_does_not_break_a_key_action_frame() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("frame.md");
    std::fs::write(
        &p,
        "# Nota\n\nDe Commissie İİİİİ zalé:\n\n- het plan uitvoeren;\n- een verslag opstellen.\n\nDe Commissie İİİ zal:\n\n1. het plan uitvoeren;\n2. een verslag opstellen.\n",
    )
    .unwrap();
    let r = run(policylint().args(["check", "--color", "never"]).arg(&p));
    assert!(r.code == 0 || r.code == 1, "{} {}", r.code, r.stderr);
}
