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

/// One repeated word: one finding per file, so the concise output names every file
/// checked.
const CLEAN: &str = "Titel\n\nWij steunen de de lidstaten.\n";

/// `check --format concise` over `args` in `dir`: exit code, the files with a
/// finding (sorted, once each), and standard error.
fn json_run(dir: &std::path::Path, args: &[&str]) -> (i32, Vec<String>, Vec<String>) {
    let r = run(policylint()
        .current_dir(dir)
        .args(["check", "--format", "concise"])
        .args(args));
    let mut files: Vec<String> = r
        .stdout
        .lines()
        .filter_map(|l| l.split_once(':').map(|(p, _)| p.to_string()))
        .collect();
    files.sort();
    files.dedup();
    let errors = r.stderr.lines().map(str::to_string).collect();
    (r.code, files, errors)
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_without_blocking_walked_or_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), CLEAN).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let (code, files, errors) = json_run(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert!(files.iter().any(|f| f.ends_with("a.txt")), "{files:?}");
    assert!(errors.iter().any(|e| e.contains("FIFO")), "{errors:?}");
    let (code, _, errors) = json_run(dir.path(), &["pipe.txt", "a.txt"]);
    assert_eq!(code, 2);
    assert!(errors.iter().any(|e| e.contains("FIFO")), "{errors:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_a_file_is_linted_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("docs/sub")).unwrap();
    std::fs::write(d.join("docs/a.txt"), CLEAN).unwrap();
    std::fs::write(d.join("docs/sub/b.txt"), CLEAN).unwrap();
    // A self-link, a link back to the parent and a pair of links into each other.
    std::os::unix::fs::symlink(".", d.join("docs/self")).unwrap();
    std::os::unix::fs::symlink("..", d.join("docs/sub/up")).unwrap();
    std::os::unix::fs::symlink("sub", d.join("docs/into-sub")).unwrap();
    std::os::unix::fs::symlink("../into-sub", d.join("docs/sub/back")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("docs/alias.txt")).unwrap();
    let (code, files, errors) = json_run(d, &["docs"]);
    assert_eq!(code, 1, "{errors:?}");
    assert_eq!(files, ["docs/a.txt", "docs/sub/b.txt"], "{files:?}");
}

#[test]
fn gitignore_ignore_and_hidden_are_respected_unless_no_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["keep.txt", "skipped/x.txt", "private.md", ".hidden/h.txt"] {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, CLEAN).unwrap();
    }
    std::fs::write(d.join(".gitignore"), "skipped/\n").unwrap();
    std::fs::write(d.join(".ignore"), "private.md\n").unwrap();
    let (code, files, _) = json_run(d, &["."]);
    assert_eq!(code, 1);
    assert_eq!(files, ["keep.txt"]);
    let (_, files, _) = json_run(d, &["--no-ignore", "."]);
    assert_eq!(
        files,
        [".hidden/h.txt", "keep.txt", "private.md", "skipped/x.txt"]
    );
}

#[test]
fn a_broken_config_affects_only_the_files_it_governs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["good/a.txt", "bad/b.txt", "bad/deeper/c.txt"] {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, CLEAN).unwrap();
    }
    std::fs::write(d.join("bad/policylint.toml"), "[rules\nbroken = ").unwrap();
    let r = run(policylint()
        .current_dir(d)
        .args(["check", "--format", "concise", "good", "bad"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.contains("good/a.txt:"), "{}", r.stdout);
    assert!(!r.stdout.contains("bad/"), "{}", r.stdout);
    for f in ["bad/b.txt", "bad/deeper/c.txt"] {
        assert!(
            r.stderr.contains(&format!("{f}: invalid configuration")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_stray_byte_in_utf8_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("stray.txt");
    let mut bytes = "Titel\n\nTweeëntwintig coördinaties.\nEen "
        .as_bytes()
        .to_vec();
    let at = bytes.len();
    bytes.push(0x93);
    bytes.extend_from_slice("fout hier.\n".as_bytes());
    std::fs::write(&p, &bytes).unwrap();
    let r = run(policylint().current_dir(dir.path()).args([
        "check",
        "--format",
        "concise",
        "stray.txt",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("PLX004"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(line.starts_with("stray.txt:4:5:"), "{line}");
    assert!(line.contains(&format!("byte {at}")), "{line}");
    assert!(line.contains("0x93"), "{line}");
    // The rest of the text is read as the UTF-8 it is.
    assert!(!r.stdout.contains("Ã"), "{}", r.stdout);
}

#[test]
fn utf16_without_a_bom_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("u16.txt");
    let bytes: Vec<u8> = CLEAN.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&p, bytes).unwrap();
    let r = run(policylint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "u16.txt"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("u16.txt:3:"), "{}", r.stdout);
}

/// Every input the fuzz targets flagged (crash or timeout), kept under
/// tests/fixtures/fuzz/: each loads, lints and renders, in bounded time.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let t = std::time::Instant::now();
        policylint::pipeline::run(&name, &bytes).unwrap();
        // Debug build, loaded machine: generous, but far below a hang.
        assert!(t.elapsed().as_secs() < 20, "{name}: {:?}", t.elapsed());
    }
}
