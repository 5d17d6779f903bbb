//! Lists the built-in language packs: every `rules/<code>.toml`. Generates
//! `$OUT_DIR/builtin_packs.rs` with one `(code, source)` entry per pack (embedded with
//! `include_str!`, sorted by code) and a `Language` handle per pack (`Language::Nl`, …),
//! so that adding a language is adding a pack file, with no edit to the code.
//!
//! Each pack is also parsed here and embedded as JSON (`BUILTIN_PACKS_JSON`): reading
//! JSON into the same table costs about a quarter of parsing the TOML, which every run
//! paid at start-up (about 2 ms of a one-line file's 10). A pack that does not parse
//! fails the build, naming the file.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("rules");
    let mut packs: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "toml" {
                return None;
            }
            let code = path.file_stem()?.to_str()?.to_string();
            Some((code, path))
        })
        .collect();
    packs.sort();
    let mut out = String::new();
    out.push_str("/// The built-in packs, `(code, source)`, sorted by code.\n");
    out.push_str("pub(crate) const BUILTIN_PACKS: &[(&str, &str)] = &[\n");
    for (code, path) in &packs {
        assert!(
            !code.is_empty()
                && code.len() <= 8
                && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "rules/{code}.toml: a pack is named by its language code (lowercase letters)"
        );
        writeln!(
            out,
            "    ({code:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    out.push_str("/// The built-in packs as JSON (the same tables), in `BUILTIN_PACKS` order.\n");
    out.push_str("pub(crate) const BUILTIN_PACKS_JSON: &[&str] = &[\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    for (code, path) in &packs {
        let source = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let table: toml::Table = source
            .parse()
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let json =
            serde_json::to_string(&table).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let target = out_dir.join(format!("pack-{code}.json"));
        std::fs::write(&target, json)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        writeln!(out, "    include_str!({:?}),", target.display().to_string()).unwrap();
    }
    out.push_str("];\n\n/// A handle per built-in pack.\n#[allow(non_upper_case_globals)]\nimpl Language {\n");
    for (i, (code, _)) in packs.iter().enumerate() {
        let name: String = code
            .split('-')
            .map(|part| {
                let mut c = part.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect();
        writeln!(
            out,
            "    /// The built-in `{code}` pack.\n    pub const {name}: Language = Language({i});"
        )
        .unwrap();
    }
    out.push_str("}\n");
    let target =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("builtin_packs.rs");
    std::fs::write(&target, out)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}
