//! `check --format html` in a real browser.
//!
//! The page is generated for a seed (and for a real PDF of `../shared/realworld/pdf`
//! when that directory is there), and every expectation is computed from another
//! output of the same build (the JSON findings, `rules --format json`,
//! `commitments --format json`, `dump --format json`), never copied.
//!
//! The browser tests run headless Chromium (`chromium`, `chromium-browser` or
//! `google-chrome` on PATH) and skip with a message when none is installed: the page
//! loads without console messages or script errors, holds one `<mark>` per finding
//! with a non-empty span, its filters work from the URL (`#level=error`,
//! `#family=…`), and a screenshot shows highlighted text.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

const SEED: &str = "seeds/000_36c74a95654013fe.txt";
const PDF: &str = "../shared/realworld/pdf/03_com2023_335_step.pdf";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run policylint in the crate root; stdout (any exit code but 2).
fn policylint(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("policylint")
        .expect("binary built")
        .current_dir(root())
        .args(args)
        .output()
        .expect("policylint runs");
    assert_ne!(
        out.status.code(),
        Some(2),
        "policylint {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&policylint(args)).expect("JSON output")
}

fn html(path: &str) -> String {
    String::from_utf8(policylint(&["check", "--format", "html", path])).expect("UTF-8 page")
}

fn findings(path: &str) -> Vec<Value> {
    json(&["check", "--format", "json", path])["findings"]
        .as_array()
        .expect("findings")
        .clone()
}

fn with_span(findings: &[Value]) -> usize {
    findings
        .iter()
        .filter(|f| f["byte_end"].as_u64() > f["byte_start"].as_u64())
        .count()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The findings list entries a DOM shows (not `hidden`).
fn shown_entries(dom: &str) -> usize {
    dom.split("<li class=\"fi ")
        .skip(1)
        .filter(|rest| {
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            !tag.contains(" hidden")
        })
        .count()
}

#[test]
fn the_page_marks_and_lists_every_finding() {
    let page = html(SEED);
    let found = findings(SEED);
    assert!(!found.is_empty(), "the seed has findings");
    assert_eq!(count(&page, "<mark "), with_span(&found));
    assert_eq!(count(&page, "<mark "), count(&page, "</mark>"));
    assert_eq!(count(&page, "<li class=\"fi "), found.len());
    // Every rule that fired has its explanation.
    let mut codes: Vec<&str> = found.iter().filter_map(|f| f["code"].as_str()).collect();
    codes.dedup();
    for code in codes {
        assert!(
            page.contains(&format!("<details id=\"rule-{code}\">")),
            "{code}"
        );
    }
}

#[test]
fn the_page_shows_the_register_and_the_footnote_map() {
    let page = html(SEED);
    let register = json(&["commitments", "--format", "json", SEED]);
    let rows = register.as_array().expect("register rows").len();
    assert!(rows > 0);
    let table = section(&page, "id=\"d0-register\"", "</details>");
    assert_eq!(count(table, "<tr class=\"st-"), rows);

    let dump = json(&["dump", "--format", "json", SEED]);
    let refs = dump["footnote_references"].as_array().map_or(0, Vec::len);
    let defs = dump["footnote_definitions"].as_array().map_or(0, Vec::len);
    assert!(refs > 0 && defs > 0);
    let map = section(&page, "id=\"d0-notes\"", "</details>");
    assert_eq!(count(map, "href=\"#d0-n"), refs + defs);
    // Every link of the map and the register has its target in the text.
    for link in map
        .split("href=\"#")
        .skip(1)
        .chain(table.split("href=\"#").skip(1))
    {
        let id = &link[..link.find('"').expect("quoted")];
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
}

fn section<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let s = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the page"));
    let e = page[s..].find(end).map_or(page.len(), |e| s + e);
    &page[s..e]
}

#[test]
fn the_page_is_self_contained_and_shows_hostile_text_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.txt");
    let text = "<script>document.title='owned'</script></pre><img src=x onerror=alert(1)>\n\
                ::error file=a::injected\n\
                ##[group]x\n\
                The Commission will present a proposal.\n";
    std::fs::write(&path, text).expect("write");
    let page = html(&path.to_string_lossy());
    assert!(!page.contains("<script>document.title"));
    assert!(!page.contains("<img"));
    assert!(
        !page.contains("</pre><"),
        "the text cannot close its element"
    );
    assert!(page.contains("&lt;script&gt;document.title="));
    for line in page.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line}");
        assert!(!line.contains("##["), "{line}");
    }
    // Nothing is fetched: no element refers outside the page.
    for tag in page.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(
            !["img", "iframe", "link", "object", "embed", "audio", "video", "source", "base"]
                .contains(&name.to_ascii_lowercase().as_str()),
            "<{tag}>"
        );
        assert!(!tag.contains(" src=") && !tag.contains("srcset"), "<{tag}>");
    }
    for needle in ["@import", "url(", "http-equiv"] {
        assert!(!page.contains(needle), "{needle}");
    }
    for link in page.split("href=\"").skip(1) {
        assert!(
            link.starts_with('#'),
            "only links within the page: {link:.40}"
        );
    }
}

// ---------------------------------------------------------------------------
// In a browser

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

struct Browser {
    exe: PathBuf,
    profile: tempfile::TempDir,
}

/// What the browser printed: the DOM (with `--dump-dom`) and its log.
struct Run {
    stdout: String,
    stderr: String,
}

impl Browser {
    fn run(&self, extra: &[&str], url: &str) -> Run {
        let mut child = Command::new(&self.exe)
            .args([
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!("--user-data-dir={}", self.profile.path().display()))
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let read = |mut r: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut s = Vec::new();
                let _ = r.read_to_end(&mut s);
                String::from_utf8_lossy(&s).into_owned()
            })
        };
        let (out, err) = (read(Box::new(stdout)), read(Box::new(stderr)));
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            match child.try_wait().expect("wait") {
                Some(_) => break,
                None if Instant::now() > deadline => {
                    let _ = child.kill();
                    panic!("chromium did not finish within 180 s on {url}");
                }
                None => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        Run {
            stdout: out.join().expect("stdout reader"),
            stderr: err.join().expect("stderr reader"),
        }
    }

    fn dom(&self, url: &str) -> String {
        let run = self.run(&["--dump-dom"], url);
        // Console messages and uncaught exceptions are logged as `…:CONSOLE…`.
        let console: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .collect();
        assert!(console.is_empty(), "console output on {url}: {console:#?}");
        let html_tag = &run.stdout[..run.stdout.find("<head").unwrap_or(0)];
        assert!(
            html_tag.contains("data-ready=\"1\""),
            "the page script ran to its end on {url}: {html_tag}"
        );
        assert!(
            !html_tag.contains("data-js-errors"),
            "script errors on {url}: {html_tag}"
        );
        run.stdout
    }
}

/// Is a level's mark colour (the CSS background) painted in the screenshot?
fn painted_pixels(png_path: &Path, rgb: [u8; 3]) -> (usize, usize) {
    let file = std::fs::File::open(png_path).expect("screenshot written");
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let bytes = &buf[..info.buffer_size()];
    let mut colours = std::collections::HashSet::new();
    let mut hits = 0;
    for px in bytes.chunks_exact(channels) {
        if px[..3] == rgb {
            hits += 1;
        }
        if colours.len() < 10_000 {
            colours.insert([px[0], px[1], px[2]]);
        }
    }
    (hits, colours.len())
}

/// The mark background of a level, as the page's style sheet sets it.
fn mark_colour(level: &str) -> [u8; 3] {
    let css = std::fs::read_to_string(root().join("src/report/html/report.css")).expect("css");
    let rule = format!("mark.lv-{level}, .mc.lv-{level} {{ background: #");
    let at = css
        .find(&rule)
        .unwrap_or_else(|| panic!("{rule} in the CSS"))
        + rule.len();
    let hex = &css[at..at + 6];
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour");
    [byte(0), byte(2), byte(4)]
}

fn check_in_browser(browser: &Browser, input: &str, dir: &Path, name: &str) {
    let started = Instant::now();
    let page = html(input);
    let file = dir.join(format!("{name}.html"));
    std::fs::write(&file, &page).expect("write page");
    let url = format!("file://{}", file.display());
    let found = findings(input);
    let rules = json(&["rules", "--format", "json"]);
    let group = |code: &str| -> String {
        rules
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["code"] == code)
            .and_then(|r| r["group"].as_str())
            .unwrap_or("other")
            .to_string()
    };

    // Loaded: no console output, the script ran, one <mark> per finding with a span.
    let dom = browser.dom(&url);
    assert_eq!(count(&dom, "<mark "), with_span(&found), "{name}");
    assert_eq!(
        shown_entries(&dom),
        found.len(),
        "{name}: all shown at first"
    );

    // Filters from the URL.
    let errors = found.iter().filter(|f| f["level"] == "error").count();
    let dom = browser.dom(&format!("{url}#level=error"));
    assert_eq!(shown_entries(&dom), errors, "{name}: #level=error");
    let family = group(found[0]["code"].as_str().expect("code"));
    let in_family = found
        .iter()
        .filter(|f| group(f["code"].as_str().unwrap_or("")) == family)
        .count();
    let dom = browser.dom(&format!("{url}?family={family}"));
    assert_eq!(shown_entries(&dom), in_family, "{name}: ?family={family}");
    let warnings_of_family = found
        .iter()
        .filter(|f| f["level"] == "warning" && group(f["code"].as_str().unwrap_or("")) == family)
        .count();
    let dom = browser.dom(&format!("{url}#family={family}&level=warning"));
    assert_eq!(
        shown_entries(&dom),
        warnings_of_family,
        "{name}: family and level"
    );
    // The marks of hidden findings are switched off, the others stay on.
    let marks_off = dom
        .split("<mark ")
        .skip(1)
        .filter(|m| m[..m.find('>').unwrap_or(0)].contains(" off"))
        .count();
    let shown_with_span = found
        .iter()
        .filter(|f| {
            f["level"] == "warning"
                && group(f["code"].as_str().unwrap_or("")) == family
                && f["byte_end"].as_u64() > f["byte_start"].as_u64()
        })
        .count();
    assert_eq!(marks_off, with_span(&found) - shown_with_span, "{name}");

    // A screenshot at the finding with the longest span shows highlighted text.
    let span = |f: &Value| {
        f["byte_end"].as_u64().unwrap_or(0)
            - f["byte_start"]
                .as_u64()
                .unwrap_or(0)
                .min(f["byte_end"].as_u64().unwrap_or(0))
    };
    let first = (0..found.len())
        .max_by_key(|&i| (span(&found[i]), std::cmp::Reverse(i)))
        .expect("a finding");
    assert!(span(&found[first]) > 0, "{name}: a finding with a span");
    let level = found[first]["level"].as_str().expect("level").to_string();
    let shot = dir.join(format!("{name}.png"));
    browser.run(
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
            "--hide-scrollbars",
        ],
        &format!("{url}#d0-f{first}"),
    );
    let (hits, colours) = painted_pixels(&shot, mark_colour(&level));
    assert!(
        colours > 50,
        "{name}: the screenshot is not blank ({colours} colours)"
    );
    assert!(
        hits > 100,
        "{name}: the screenshot shows a {level} highlight ({hits} pixels of its colour)"
    );
    eprintln!(
        "{name}: {} bytes, {} findings, checked in Chromium in {:.1?}; screenshot {}",
        page.len(),
        found.len(),
        started.elapsed(),
        shot.display()
    );
}

#[test]
fn chromium_loads_the_page_without_errors_and_shows_the_findings() {
    let Some(exe) = chromium() else {
        // CI installs a browser and sets this, so that a failed install cannot turn the
        // browser test into a silent skip.
        assert!(
            std::env::var_os("POLICYLINT_REQUIRE_BROWSER").is_none(),
            "POLICYLINT_REQUIRE_BROWSER is set but no chromium is on PATH"
        );
        eprintln!("skipping: no chromium, chromium-browser or google-chrome on PATH");
        return;
    };
    let browser = Browser {
        exe,
        profile: tempfile::tempdir().expect("profile dir"),
    };
    // Kept for a look when POLICYLINT_HTML_OUT names a directory.
    let keep = std::env::var_os("POLICYLINT_HTML_OUT").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = keep.as_deref().unwrap_or(tmp.path());
    std::fs::create_dir_all(dir).expect("output dir");
    check_in_browser(&browser, SEED, dir, "seed");
    if root().join(PDF).exists() {
        check_in_browser(&browser, PDF, dir, "pdf");
    } else {
        eprintln!("skipping the PDF: {PDF} not found (../shared absent)");
    }
}

// ---------------------------------------------------------------------------
// Any text

mod any_text {
    use policylint::engine::{lint, Settings};
    use policylint::report::html::{render, FileExtra};
    use policylint::report::{FileReport, RunReport};
    use proptest::prelude::*;

    fn fragments() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("De Commissie zal in 2025 een voorstel indienen.".to_string()),
            Just("The Commission will propose a regulation.".to_string()),
            Just("\n12\n".to_string()),
            Just("\n1 Zie COM(2020) 795.\n".to_string()),
            Just("\u{c}".to_string()),
            Just("\r".to_string()),
            Just("<script>x</script>".to_string()),
            Just("::error::x\n##[group]".to_string()),
            Just("\u{202e}\u{1b}[31m".to_string()),
            Just("KERNACTIES\n".to_string()),
            "[a-zé€ .,:%<>&\"]{0,12}",
            "[0-9]{1,3}",
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.join(""))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the text, the page has one balanced `<mark>` per finding with a
        /// span, and no document text becomes markup.
        #[test]
        fn the_page_is_well_formed(text in fragments(), markdown in any::<bool>()) {
            let path = if markdown { "p.md" } else { "p.txt" };
            let doc = policylint::document::parse_str(path, &text);
            let settings = Settings::default();
            let findings = lint(&doc, &settings);
            let extra = FileExtra::build(&doc, &settings);
            let with_span = findings.iter().filter(|f| f.span.start < f.span.end).count();
            let report = RunReport {
                files: vec![FileReport { source: doc.source, findings }],
                errors: vec![],
            };
            let page = render(&report, &[extra]);
            prop_assert_eq!(page.matches("<mark ").count(), with_span);
            prop_assert_eq!(page.matches("</mark>").count(), with_span);
            let pre = &page[page.find("<pre").unwrap()..page.find("</pre>").unwrap()];
            prop_assert_eq!(pre.matches("<span").count(), pre.matches("</span>").count());
            prop_assert!(!pre.contains("<script"));
            prop_assert_eq!(page.matches("<script>").count(), 2);
        }
    }
}

#[test]
fn the_exit_code_is_that_of_the_other_formats() {
    let code = |format: &str, extra: &[&str]| {
        Command::cargo_bin("policylint")
            .expect("binary built")
            .current_dir(root())
            .args(["check", "--format", format, SEED])
            .args(extra)
            .output()
            .expect("runs")
            .status
            .code()
    };
    for extra in [
        &[][..],
        &["--exit-zero"][..],
        &["--select", "FN001", "--fail-on", "error"][..],
    ] {
        assert_eq!(code("html", extra), code("json", extra), "{extra:?}");
    }
}
