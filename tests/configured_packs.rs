//! Every consumer of a language pack reads the pack as the project's `policylint.toml`
//! extends it (`[pack.<code>]`): the parser's sentence splitter (used by `check`,
//! `dump`, `commitments`, `citations`), `dump` and `commitments`.

use assert_cmd::Command;
use policylint::config::Config;
use policylint::document::load::{load, load_configured};

/// A Dutch text with an abbreviation the built-in pack does not know ("wsch.") before a
/// capital: the splitter ends a sentence there unless the pack lists it.
const TEXT: &str = "De Raad besluit wsch. Dinsdag over het voorstel van de Commissie. \
De lidstaten zijn het met de Raad eens.\n";

const ABBREVIATION: &str = "[pack.nl.sentences]\nabbreviations = [\"wsch.\"]\n";

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn policylint(dir: &tempfile::TempDir) -> Command {
    let mut c = Command::cargo_bin("policylint").expect("binary");
    c.current_dir(dir.path());
    c
}

/// The JSON a successful run of `policylint ARGS` in `dir` prints.
fn json_of(dir: &tempfile::TempDir, args: &[&str]) -> serde_json::Value {
    let out = policylint(dir).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn the_sentence_splitter_reads_the_configured_pack() {
    let config = Config::parse(std::path::Path::new("policylint.toml"), ABBREVIATION)
        .expect("valid configuration");
    let plain = load("a.txt", TEXT.as_bytes(), None).expect("loads");
    let configured = load_configured("a.txt", TEXT.as_bytes(), None, &config.packs).expect("loads");
    assert_eq!(plain.sentences.len(), 3);
    assert_eq!(configured.sentences.len(), 2);
    // Another language's additions leave a Dutch text alone.
    let english = Config::parse(
        std::path::Path::new("policylint.toml"),
        "[pack.en.sentences]\nabbreviations = [\"wsch.\"]\n",
    )
    .expect("valid configuration");
    let other = load_configured("a.txt", TEXT.as_bytes(), None, &english.packs).expect("loads");
    assert_eq!(other.sentences.len(), 3);
}

#[test]
fn dump_reads_the_configured_pack() {
    let sentences = |dir: &tempfile::TempDir| -> u64 {
        let v = json_of(dir, &["dump", "--format", "json", "a.txt"]);
        v["sentences"].as_u64().expect("a sentence count")
    };
    assert_eq!(sentences(&dir_with(&[("a.txt", TEXT)])), 3);
    assert_eq!(
        sentences(&dir_with(&[
            ("a.txt", TEXT),
            ("policylint.toml", ABBREVIATION)
        ])),
        2
    );
}

#[test]
fn dump_and_commitments_report_a_broken_configuration() {
    let dir = dir_with(&[
        ("a.txt", TEXT),
        (
            "policylint.toml",
            "[pack.nl.sentences]\nabreviations = [\"x.\"]\n",
        ),
    ]);
    for args in [&["dump", "a.txt"][..], &["commitments", "a.txt"][..]] {
        let out = policylint(&dir).args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("sentences.abreviations"), "{args:?}: {err}");
    }
}

#[test]
fn commitments_read_the_configured_pack() {
    let text = "Brief aan de Kamer\n\nHet Planbureau zal in 2025 een rapport publiceren over de woningmarkt. \
De Commissie zal in 2026 een voorstel indienen.\n";
    let actors = |dir: &tempfile::TempDir| -> Vec<String> {
        let v = json_of(dir, &["commitments", "--format", "json", "brief.txt"]);
        let mut actors = Vec::new();
        collect_actors(&v, &mut actors);
        actors
    };
    let plain = actors(&dir_with(&[("brief.txt", text)]));
    assert_eq!(plain, ["de Commissie"]);
    let config = "[[pack.nl.commitments.actors]]\nname = \"het Planbureau\"\npattern = 'het\\s+Planbureau'\n";
    let configured = actors(&dir_with(&[
        ("brief.txt", text),
        ("policylint.toml", config),
    ]));
    assert_eq!(configured, ["het Planbureau", "de Commissie"]);
}

/// Every `"actor"` string in a JSON value, in order.
fn collect_actors(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("actor", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_actors(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_actors(x, out)),
        _ => {}
    }
}
