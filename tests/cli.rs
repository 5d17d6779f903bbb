//! The command line against the contract: exit codes, formats, configuration errors,
//! unreadable files, standard input, baselines and the auxiliary commands.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "seeds/000_36c74a95654013fe.txt";

/// A Markdown document whose suppression comment lacks a reason (PLX002, warning) and
/// suppresses nothing (PLX001, info).
const NO_REASON_MD: &str = "# Nota\n\n<!-- policylint-disable-next-line PLX003 -->\nDe Commissie zal in 2021 een verslag uitbrengen.\n";

/// A Markdown document whose only finding is an unused suppression (PLX001, info).
const UNUSED_MD: &str = "# Nota\n\n<!-- policylint-disable-next-line PLX003 -- checked by hand -->\nDe Commissie zal in 2021 een verslag uitbrengen.\n";

fn policylint() -> Command {
    let mut cmd = Command::cargo_bin("policylint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn temp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn path_in(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_string_lossy().into_owned()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json_of(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

// ---------------------------------------------------------------- exit codes

#[test]
fn clean_file_exits_0() {
    let dir = temp_with(&[("clean.md", "# Nota\n\nDit is een korte tekst.\n")]);
    let r = run(policylint().args(["check", &path_in(&dir, "clean.md")]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("1 file checked: 0 errors, 0 warnings, 0 infos"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_warning_exits_1_by_default_and_fail_on_moves_the_threshold() {
    let dir = temp_with(&[("a.md", NO_REASON_MD)]);
    let file = path_in(&dir, "a.md");
    let r = run(policylint().args(["check", &file]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("warning[PLX002]"), "{}", r.stdout);
    assert_eq!(
        run(policylint().args(["check", "--fail-on", "error", &file])).code,
        0
    );
    assert_eq!(
        run(policylint().args(["check", "--fail-on", "info", &file])).code,
        1
    );
    assert_eq!(
        run(policylint().args(["check", "--exit-zero", &file])).code,
        0
    );
}

#[test]
fn info_findings_fail_only_with_fail_on_info() {
    let dir = temp_with(&[("a.md", UNUSED_MD)]);
    let file = path_in(&dir, "a.md");
    let r = run(policylint().args(["check", "--format", "concise", &file]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout
            .contains(":3:1: info[PLX001] suppression of PLX003 matches no finding"),
        "{}",
        r.stdout
    );
    assert_eq!(
        run(policylint().args(["check", "--fail-on", "info", &file])).code,
        1
    );
}

#[test]
fn unknown_rule_in_select_exits_2_and_names_it() {
    let r = run(policylint().args(["check", "--select", "FN,XX999", SEED]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("XX999"), "{}", r.stderr);
    let r = run(policylint().args(["check", "--ignore", "not-a-rule", SEED]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not-a-rule"), "{}", r.stderr);
}

#[test]
fn bad_config_key_exits_2_naming_key_file_and_line() {
    let dir = temp_with(&[
        (
            "policylint.toml",
            "language = \"nl\"\n[rules]\nselct = [\"FN\"]\n",
        ),
        ("doc.txt", "Tekst.\n"),
    ]);
    let r = run(policylint().args(["check", &path_in(&dir, "doc.txt")]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("selct"), "{}", r.stderr);
    assert!(r.stderr.contains("policylint.toml:3"), "{}", r.stderr);

    let bad_level = temp_with(&[("policylint.toml", "[rules.levels]\nPLX002 = \"loud\"\n")]);
    let r = run(policylint().args([
        "check",
        "--config",
        &path_in(&bad_level, "policylint.toml"),
        SEED,
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("policylint.toml:2") && r.stderr.contains("PLX002"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_file_among_good_ones_exits_2_and_the_others_are_linted() {
    let dir = temp_with(&[("a.md", NO_REASON_MD)]);
    let r = run(policylint().args([
        "check",
        "--format",
        "json",
        SEED,
        "missing.txt",
        &path_in(&dir, "a.md"),
    ]));
    assert_eq!(r.code, 2);
    let v = json_of(&r);
    assert_eq!(v["errors"][0]["path"], "missing.txt");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("cannot read file"));
    assert_eq!(v["summary"]["files"], 2);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "PLX002"));

    // Human output: the error goes to stderr, the report to stdout.
    let r = run(policylint().args(["check", SEED, "missing.txt"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("error: missing.txt: cannot read file"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("1 file checked"), "{}", r.stdout);
}

#[test]
fn binary_file_is_refused_with_exit_2() {
    let dir = temp_with(&[("bin.txt", "ab\0cd")]);
    let r = run(policylint().args(["check", &path_in(&dir, "bin.txt")]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("binary"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(policylint().args(["check", "--format", "xml"])).code, 2);
    assert_eq!(
        run(policylint().args(["check", "--document-date", "2021-02-30", SEED])).code,
        2
    );
}

// ---------------------------------------------------------------- formats

fn seed_and_findings(format: &str) -> (Run, tempfile::TempDir) {
    let dir = temp_with(&[("a.md", NO_REASON_MD)]);
    let r = run(policylint().args([
        "check",
        "--exit-zero",
        "--format",
        format,
        SEED,
        &path_in(&dir, "a.md"),
    ]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    (r, dir)
}

#[test]
fn json_matches_the_contract() {
    let (r, dir) = seed_and_findings("json");
    let v = json_of(&r);
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 0);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["code", "rule", "level", "path", "message"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        for key in [
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
        ] {
            assert!(f[key].is_u64(), "{key} in {f}");
        }
        assert!(f["related"].is_array() && f["notes"].is_array());
        assert!(f["help"].is_null() || f["help"].is_string());
    }
    let f = findings.iter().find(|f| f["code"] == "PLX002").unwrap();
    assert_eq!(f["path"], path_in(&dir, "a.md").replace('\\', "/"));
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        f["byte_start"].as_u64(),
        Some(NO_REASON_MD.find("<!--").unwrap() as u64)
    );
    assert_eq!(
        f["byte_end"].as_u64(),
        Some((NO_REASON_MD.find("-->").unwrap() + 3) as u64)
    );
    let s = &v["summary"];
    assert_eq!(s["files"], 2);
    let total =
        s["error"].as_u64().unwrap() + s["warning"].as_u64().unwrap() + s["info"].as_u64().unwrap();
    assert_eq!(s["findings"].as_u64(), Some(total));
    assert_eq!(total as usize, findings.len());
    // Sorted by path, then byte offset, then code.
    let keys: Vec<(String, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["byte_start"].as_u64().unwrap(),
                f["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn sarif_has_the_required_fields() {
    let (r, _dir) = seed_and_findings("sarif");
    let v = json_of(&r);
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "policylint");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for r in rules {
        assert!(r["shortDescription"]["text"].is_string());
        assert!(r["fullDescription"]["text"].is_string());
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        assert!(ids.contains(&res["ruleId"].as_str().unwrap()));
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        assert!(res["message"]["text"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].is_string());
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][key].as_u64().unwrap() >= 1, "{key}");
        }
    }
}

#[test]
fn github_annotations_are_one_line_each() {
    let (r, _dir) = seed_and_findings("github");
    assert!(!r.stdout.is_empty());
    for line in r.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(
            line.contains(",line=") && line.contains(",endColumn=") && line.contains(",title="),
            "{line}"
        );
    }
    assert!(r.stdout.contains("::warning file="), "{}", r.stdout);
}

#[test]
fn concise_and_human_render_the_same_findings() {
    let (concise, _d1) = seed_and_findings("concise");
    let (human, _d2) = seed_and_findings("human");
    let n = concise.stdout.lines().count();
    assert!(n > 0);
    let mut places = std::collections::BTreeMap::<String, usize>::new();
    for line in concise.stdout.lines() {
        // path:line:col: level[CODE] message
        let rest = line.split_once(": ").map(|(_, r)| r).unwrap_or("");
        assert!(
            rest.starts_with("error[") || rest.starts_with("warning[") || rest.starts_with("info["),
            "{line}"
        );
        let code = rest.split(['[', ']']).nth(1).unwrap().to_string();
        *places.entry(code).or_default() += 1;
    }
    let is_header = |l: &&str| {
        ["error[", "warning[", "note[", "info["]
            .iter()
            .any(|p| l.starts_with(p))
    };
    // By default a rule's many findings in a file are one entry that counts them
    // ("warning[CM001]: 31 × …"): the counts add up to every finding, per rule.
    let mut shown = std::collections::BTreeMap::<String, usize>::new();
    let mut entries = 0;
    for header in human.stdout.lines().filter(is_header) {
        entries += 1;
        let code = header.split(['[', ']']).nth(1).unwrap().to_string();
        let after = header.split_once("]: ").unwrap().1;
        let count = after
            .split_once(" × ")
            .and_then(|(k, _)| k.parse::<usize>().ok())
            .unwrap_or(1);
        *shown.entry(code).or_default() += count;
    }
    assert_eq!(shown, places, "{}", human.stdout);
    assert!(entries < n, "lists make fewer entries than findings");
    assert!(human.stdout.contains("2 files checked"), "{}", human.stdout);

    // `--expand`: one diagnostic per finding.
    let dir = temp_with(&[("a.md", NO_REASON_MD)]);
    let expanded = run(policylint().args([
        "check",
        "--exit-zero",
        "--expand",
        SEED,
        &path_in(&dir, "a.md"),
    ]));
    assert_eq!(
        expanded.stdout.lines().filter(is_header).count(),
        n,
        "{}",
        expanded.stdout
    );
}

#[test]
fn human_output_snapshot() {
    let r = run(policylint()
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "nota.md",
            "-",
        ])
        .write_stdin(NO_REASON_MD));
    insta::assert_snapshot!("human_suppression_without_reason", r.stdout);
}

#[test]
fn color_follows_the_flag() {
    let dir = temp_with(&[("a.md", NO_REASON_MD)]);
    let file = path_in(&dir, "a.md");
    let always = run(policylint().args(["check", "--color", "always", &file]));
    assert!(always.stdout.contains('\u{1b}'));
    let auto = run(policylint().args(["check", &file]).env("NO_COLOR", "1"));
    assert!(!auto.stdout.contains('\u{1b}'));
    let never = run(policylint().args(["check", "--color", "never", &file]));
    assert!(!never.stdout.contains('\u{1b}'));
}

// ---------------------------------------------------------------- inputs

#[test]
fn stdin_is_linted_under_its_name() {
    let r = run(policylint()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin(NO_REASON_MD));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json_of(&r);
    assert_eq!(v["findings"][0]["path"], "draft.md");
    let r = run(policylint()
        .args(["check", "-"])
        .write_stdin("Een gewone zin.\n"));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn directories_walk_recursively_with_include_and_exclude() {
    let dir = temp_with(&[
        ("docs/a.txt", "Tekst.\n"),
        ("docs/b.md", "Tekst.\n"),
        ("docs/c.html", "not linted\n"),
        ("docs/sub/d.txt", "Tekst.\n"),
        ("docs/.hidden/e.txt", "Tekst.\n"),
        ("docs/drafts/f.txt", "Tekst.\n"),
    ]);
    let root = path_in(&dir, "docs");
    let files = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let r = run(policylint().args(&args));
        assert_eq!(r.code, 0, "{}", r.stderr);
        json_of(&r)["summary"]["files"].as_u64().unwrap()
    };
    assert_eq!(files(&[&root]), 4);
    assert_eq!(files(&[&root, "--exclude", "drafts"]), 3);
    assert_eq!(files(&[&root, "--include", "*.md"]), 1);
    let pattern = format!("{root}/*.txt");
    assert_eq!(files(&[&pattern]), 1);
    // A pattern that matches nothing is an error.
    let r = run(policylint().args(["check", &format!("{root}/*.docx")]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no files match"), "{}", r.stderr);
}

#[test]
fn no_path_means_the_current_directory() {
    let dir = temp_with(&[("x/a.md", NO_REASON_MD), ("b.txt", "Tekst.\n")]);
    let r = run(policylint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("\nx/a.md:3:1: warning[PLX002]"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------- config

#[test]
fn config_levels_and_ignores_apply_and_show_settings_prints_them() {
    let dir = temp_with(&[
        ("policylint.toml", "document-date = \"2020-12-09\"\n[rules.levels]\nPLX002 = \"error\"\n[[overrides]]\nfiles = [\"quiet/*\"]\n[overrides.rules]\nignore = [\"PLX\"]\n"),
        ("a.md", NO_REASON_MD),
        ("quiet/b.md", NO_REASON_MD),
    ]);
    let r = run(policylint().args([
        "check",
        "--format",
        "json",
        "--fail-on",
        "error",
        &path_in(&dir, "a.md"),
        &path_in(&dir, "quiet/b.md"),
    ]));
    assert_eq!(r.code, 1);
    let v = json_of(&r);
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["path"].as_str().unwrap().ends_with("a.md")),
        "{findings:?}"
    );
    assert!(findings
        .iter()
        .any(|f| f["code"] == "PLX002" && f["level"] == "error"));

    let r = run(policylint().args(["show-settings", "--format", "json", &path_in(&dir, "a.md")]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_of(&r);
    assert_eq!(v["document-date"], "2020-12-09");
    assert_eq!(v["rules"]["PLX002"]["level"], "error");
    assert!(v["config"].as_str().unwrap().ends_with("policylint.toml"));
    let r = run(policylint().args(["show-settings", &path_in(&dir, "quiet/b.md")]));
    assert!(!r.stdout.contains("PLX002"), "{}", r.stdout);
}

// ---------------------------------------------------------------- baseline

#[test]
fn baseline_hides_recorded_findings_and_reports_stale_entries() {
    let text = "# Nota over de uitvoering van de strategie voor de veiligheidsunie\n\n\
                <!-- policylint-disable-next-line PLX003 -->\nDe Commissie zal in 2021 een verslag uitbrengen.\n";
    let dir = temp_with(&[("a.md", text)]);
    let file = path_in(&dir, "a.md");
    let baseline = path_in(&dir, "baseline.json");
    let r = run(policylint().args(["check", "--write-baseline", &baseline, &file]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        // PLX002 and PLX001 on the comment, and PLX005: no document date, so the
        // dated commitment cannot be checked for a past deadline.
        r.stderr.contains("wrote 3 baseline entries"),
        "{}",
        r.stderr
    );

    // A new paragraph at the top and the next line reflowed: still recognised.
    let moved = format!(
        "Een nieuwe inleiding.\n\n{}",
        text.replace("zal in 2021 een verslag", "zal in 2021 een\nverslag")
    );
    std::fs::write(&file, &moved).unwrap();
    let r = run(policylint().args(["check", "--format", "json", "--baseline", &baseline, &file]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(json_of(&r)["findings"], serde_json::json!([]));

    // Fixed: the entry for PLX002 no longer matches anything and says so.
    std::fs::write(
        &file,
        moved.replace("PLX003 -->", "PLX003 -- checked by hand -->"),
    )
    .unwrap();
    let r = run(policylint().args(["check", "--format", "json", "--baseline", &baseline, &file]));
    let v = json_of(&r);
    let stale: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "PLX003")
        .collect();
    // The PLX001 entry went stale too: the comment's text changed.
    assert_eq!(stale.len(), 2, "{v}");
    assert!(
        stale.iter().any(|f| f["message"]
            .as_str()
            .unwrap()
            .starts_with("1 baseline entry for PLX002 matches no finding: \"")),
        "{v}"
    );
}

#[test]
fn a_baseline_works_from_another_directory_and_the_summary_counts_what_it_hid() {
    let text = "# Nota\n\n<!-- policylint-disable-next-line PLX003 -->\nDe Commissie zal in 2021 een verslag uitbrengen.\n";
    let dir = temp_with(&[("docs/a.md", text), ("ci/.keep", "")]);
    // Written from the project root, the baseline kept in ci/.
    let r = run(policylint().current_dir(dir.path()).args([
        "check",
        "--write-baseline",
        "ci/baseline.json",
        "docs/a.md",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(dir.path().join("ci/baseline.json")).unwrap();
    assert!(written.contains("\"../docs/a.md\""), "{written}");
    // Used from inside docs/: the file is `a.md` there, the baseline `../ci/…`.
    let r = run(policylint().current_dir(dir.path().join("docs")).args([
        "check",
        "--color",
        "never",
        "--baseline",
        "../ci/baseline.json",
        "a.md",
    ]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("0 warnings, 0 infos; 3 findings hidden by the baseline"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------- other commands

#[test]
fn rules_and_explain() {
    let r = run(policylint().args(["rules", "--format", "json"]));
    assert_eq!(r.code, 0);
    let v = json_of(&r);
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"PLX001"));
    for m in v.as_array().unwrap() {
        for key in [
            "code",
            "name",
            "group",
            "default_level",
            "summary",
            "explanation",
        ] {
            assert!(m[key].is_string(), "{key} in {m}");
        }
    }
    let r = run(policylint().args(["rules"]));
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("PLX002  invalid-suppression")),
        "{}",
        r.stdout
    );

    let r = run(policylint().args(["explain", "unused-suppression"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.starts_with("# unused-suppression (PLX001)\n"),
        "{}",
        r.stdout
    );
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Options",
    ] {
        assert!(
            r.stdout.contains(&format!("\n{heading}\n")),
            "{heading}: {}",
            r.stdout
        );
    }
    let r = run(policylint().args(["explain", "XX999"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("XX999"));
}

#[test]
fn dump_json_and_tree() {
    let r = run(policylint().args(["dump", "--format", "json", SEED]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = json_of(&r);
    assert_eq!(v["path"], SEED);
    assert_eq!(v["language"], "nl");
    assert_eq!(v["format"], "pdf-text");
    for key in [
        "pages",
        "headings",
        "points",
        "key_action_boxes",
        "footnote_references",
        "footnote_definitions",
        "paragraphs",
    ] {
        let items = v[key].as_array().unwrap_or_else(|| panic!("{key}"));
        for item in items {
            assert!(
                item["line"].is_u64() && item["byte_start"].is_u64() && item["byte_end"].is_u64(),
                "{key}: {item}"
            );
        }
    }
    assert!(v["sentences"].is_u64());
    let r = run(policylint().args(["dump", SEED]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with(SEED), "{}", r.stdout);
    assert_eq!(run(policylint().args(["dump", "missing.txt"])).code, 2);
}

#[test]
fn commitments_register_in_every_format() {
    let press = "seeds/004_ec9ddc5444050131.txt";
    let md = run(policylint().args(["commitments", press]));
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(
        md.stdout.contains("| 21 | de Commissie | self |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("| binnenkort |"), "{}", md.stdout);
    let csv = run(policylint().args(["commitments", "--format", "csv", press]));
    let mut rows = csv.stdout.lines();
    assert!(rows.next().unwrap().starts_with("path,line,"));
    assert_eq!(rows.count(), 3);
    let json = run(policylint().args(["commitments", "--format", "json", "seeds/"]));
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let all = v.as_array().expect("array");
    assert!(all
        .iter()
        .any(|c| c["path"] == press && c["status"] == "dated" && c["normalised"] == "2021"));
    // A missing file among good ones: reported, the others still listed, exit 2.
    let r = run(policylint().args(["commitments", "missing.txt", press]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert!(r.stdout.contains("de Commissie"));
    // Standard input, and a bad date.
    let r = run(policylint()
        .args(["commitments", "-"])
        .write_stdin("The Commission will present a proposal by the end of 2021.\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("2021-Q4") || r.stdout.contains("2021"),
        "{}",
        r.stdout
    );
    let r = run(policylint().args(["commitments", "--document-date", "9.12.2020", press]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--document-date"));
}

#[test]
fn seeds_run_without_errors() {
    let r = run(policylint().args(["check", "--format", "json", "seeds/"]));
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let v = json_of(&r);
    assert_eq!(
        v["summary"]["files"].as_u64(),
        Some(count_seeds(Path::new("seeds")))
    );
}

fn count_seeds(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p: &PathBuf| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .count() as u64
}

// ---------------------------------------------------------------- real rules on a seed

#[test]
fn seed_finding_exits_1_with_the_contract_fields() {
    let r = run(policylint().args(["check", "--format", "json", "--select", "FN001", SEED]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json_of(&r);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "FN001");
    assert_eq!(f["rule"], "footnote-undefined");
    assert_eq!(f["level"], "error");
    assert_eq!(f["path"], SEED);
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(82), Some(1))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(82), Some(2))
    );
    // byte_* index the file's bytes: they cover the reference mark itself.
    let bytes = std::fs::read(SEED).unwrap();
    let (s, e) = (
        f["byte_start"].as_u64().unwrap() as usize,
        f["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[s..e], b"2");
    assert!(f["message"].as_str().unwrap().contains("footnote 2"));
}

#[test]
fn selection_and_levels_change_the_exit_code() {
    // The seed's only FN002 finding is a warning.
    let only_fn002 = ["check", "--select", "footnote-unreferenced", SEED];
    assert_eq!(run(policylint().args(only_fn002)).code, 1);
    let r = run(policylint().args(["check", "--fail-on", "error", "--select", "FN002", SEED]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(
        // Other rule families report warnings on this seed too.
        run(policylint().args(["check", "--ignore", "FN,AC,TV,TX,CM,KA,CT", SEED])).code,
        0
    );
    let dir = temp_with(&[(
        "policylint.toml",
        "[rules.levels]\nFN001 = \"off\"\nFN002 = \"info\"\nCM001 = \"off\"\nCM002 = \"off\"\nCM003 = \"off\"\nKA001 = \"off\"\n",
    )]);
    let config = path_in(&dir, "policylint.toml");
    let r = run(policylint().args([
        "check", "--format", "concise", "--config", &config, "--select", "FN", SEED,
    ]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("FN001"), "{}", r.stdout);
    assert!(r.stdout.contains("info[FN002]"), "{}", r.stdout);
}

#[test]
fn seed_human_output_snapshot() {
    let r = run(policylint().args(["check", "--color", "never", "--select", "FN", SEED]));
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("human_seed_000_footnotes", r.stdout);
}

#[test]
fn seed_in_machine_formats() {
    let r = run(policylint().args(["check", "--format", "github", "--select", "FN001", SEED]));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with(&format!(
            "::error file={SEED},line=82,col=1,endLine=82,endColumn=2,title=FN001 (footnote-undefined)::footnote 2"
        )),
        "{}",
        r.stdout
    );
    let r = run(policylint().args(["check", "--format", "sarif", "--select", "FN001", SEED]));
    let v = json_of(&r);
    let res = &v["runs"][0]["results"][0];
    assert_eq!(res["ruleId"], "FN001");
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], SEED);
    assert_eq!(loc["region"]["startLine"], 82);
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let fn001 = &rules[res["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(fn001["id"], "FN001");
    assert_eq!(fn001["defaultConfiguration"]["level"], "error");
}

#[test]
fn baseline_on_a_seed_hides_everything_it_recorded() {
    let dir = temp_with(&[]);
    let baseline = path_in(&dir, "b.json");
    assert_eq!(
        run(policylint().args(["check", "--write-baseline", &baseline, "seeds/"])).code,
        0
    );
    let r = run(policylint().args([
        "check",
        "--format",
        "json",
        "--baseline",
        &baseline,
        "seeds/",
    ]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(json_of(&r)["summary"]["findings"], 0);
}

#[test]
fn markdown_suppression_silences_a_real_finding_with_a_reason() {
    let text = "# Nota\n\nDe cijfers volgen. TODO: cijfers invullen.\n\n\
                <!-- policylint-disable-next-line PL002 -- de cijfers komen van Eurostat -->\n\
                De tabel volgt. TODO: tabel.\n";
    let dir = temp_with(&[("s.md", text)]);
    let r = run(policylint().args(["check", "--format", "concise", &path_in(&dir, "s.md")]));
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert!(
        lines[0].ends_with(":3:20: error[PL002] placeholder \"TODO\" left in the text"),
        "{}",
        r.stdout
    );
    // Without the comment, line 6 is reported too.
    std::fs::write(
        dir.path().join("s.md"),
        text.replace("PL002 --", "PL001 --"),
    )
    .unwrap();
    let r = run(policylint().args(["check", "--format", "concise", &path_in(&dir, "s.md")]));
    assert!(r.stdout.contains(":6:17: error[PL002]"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("info[PLX001] suppression of PL001 matches no finding"),
        "{}",
        r.stdout
    );
}

#[test]
fn language_can_be_forced() {
    let r = run(policylint().args(["dump", "--format", "json", "--language", "en", SEED]));
    assert_eq!(json_of(&r)["language"], "en");
    let r = run(policylint().args([
        "show-settings",
        "--language",
        "en",
        "--document-date",
        "2020-12-09",
        SEED,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let shown: toml::Table = r.stdout.parse().expect("show-settings prints TOML");
    assert_eq!(shown["language"].as_str(), Some("en"));
    assert_eq!(shown["document-date"].as_str(), Some("2020-12-09"));
}

#[test]
fn profile_is_detected_and_can_be_set_on_the_command_line_and_per_path() {
    let act =
        std::fs::read_to_string("tests/fixtures/rules/undated-commitment/silent-en-legal-act.txt")
            .unwrap();
    let dir = temp_with(&[("act.txt", &act), ("drafts/act.txt", &act)]);
    let file = path_in(&dir, "act.txt");
    let cm = |extra: &[&str], path: &str| {
        let mut args = vec!["check", "--format", "json", "--select", "CM001"];
        args.extend_from_slice(extra);
        args.push(path);
        let r = run(policylint().args(&args));
        json_of(&r)["summary"]["findings"].as_u64().unwrap()
    };
    // Detected as a legal act: obligations are not commitments.
    assert_eq!(cm(&[], &file), 0);
    // Read as a communication, the same text has undated commitments.
    assert!(cm(&["--profile", "communication"], &file) > 0);
    // Per path in the configuration.
    std::fs::write(
        dir.path().join("policylint.toml"),
        "[[overrides]]\nfiles = [\"drafts/*\"]\nprofile = \"communication\"\n",
    )
    .unwrap();
    assert_eq!(cm(&[], &file), 0);
    assert!(cm(&[], &path_in(&dir, "drafts/act.txt")) > 0);
    // dump shows the verdict.
    let r = run(policylint().args(["dump", "--format", "json", &file]));
    assert_eq!(json_of(&r)["profile"]["profile"], "legal-act");
    // An unknown profile is a usage error.
    let r = run(policylint().args(["check", "--profile", "memo", &file]));
    assert_eq!(r.code, 2);
}
