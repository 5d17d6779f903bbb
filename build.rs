//! Lists the built-in language packs: every `rules/<code>.toml`. Generates
//! `$OUT_DIR/builtin_packs.rs` with one `(code, source)` entry per pack (embedded with
//! `include_str!`, sorted by code) and a `Language` handle per pack (`Language::Nl`, …),
//! so that adding a language is adding a pack file, with no edit to the code.
//!
//! Each pack is also parsed here and embedded as a compact tagged encoding of the same
//! table (`BUILTIN_PACKS_BLOB`, read by `src/pack/embedded.rs`): every run reads the
//! packs at start-up, and decoding this costs about a tenth of reading JSON into the
//! table (which was itself a quarter of parsing the TOML). A pack that does not parse
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
    out.push_str(
        "/// The built-in packs' tables, encoded (see `pack/embedded.rs`), in `BUILTIN_PACKS` order.\n",
    );
    out.push_str("pub(crate) const BUILTIN_PACKS_BLOB: &[&[u8]] = &[\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    for (code, path) in &packs {
        let source = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let table: toml::Table = source
            .parse()
            .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
        let mut blob = Vec::new();
        encode_sections(&table, &mut blob);
        let target = out_dir.join(format!("pack-{code}.bin"));
        std::fs::write(&target, blob)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
        writeln!(
            out,
            "    include_bytes!({:?}),",
            target.display().to_string()
        )
        .unwrap();
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

/// A pack: `P`, the number of top-level sections, then each one's key, the length of
/// its encoded value and the value (so that a run finds a section without reading
/// the others).
fn encode_sections(table: &toml::Table, out: &mut Vec<u8>) {
    out.push(b'P');
    push_len(table.len(), out);
    for (key, value) in table {
        push_len(key.len(), out);
        out.extend_from_slice(key.as_bytes());
        let mut encoded = Vec::new();
        encode_value(value, &mut encoded);
        push_len(encoded.len(), out);
        out.extend_from_slice(&encoded);
    }
}

/// The encoding `src/pack/embedded.rs` decodes: a tag byte, then a little-endian `u32`
/// count or length, or the 8 bytes of a number.
fn encode_table(table: &toml::Table, out: &mut Vec<u8>) {
    out.push(b'T');
    push_len(table.len(), out);
    for (key, value) in table {
        push_len(key.len(), out);
        out.extend_from_slice(key.as_bytes());
        encode_value(value, out);
    }
}

fn encode_value(value: &toml::Value, out: &mut Vec<u8>) {
    match value {
        toml::Value::Table(t) => encode_table(t, out),
        toml::Value::Array(items) => {
            out.push(b'A');
            push_len(items.len(), out);
            for item in items {
                encode_value(item, out);
            }
        }
        toml::Value::String(s) => {
            out.push(b'S');
            push_len(s.len(), out);
            out.extend_from_slice(s.as_bytes());
        }
        toml::Value::Integer(i) => {
            out.push(b'I');
            out.extend_from_slice(&i.to_le_bytes());
        }
        toml::Value::Float(f) => {
            out.push(b'F');
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        toml::Value::Boolean(b) => {
            out.push(b'B');
            out.push(u8::from(*b));
        }
        toml::Value::Datetime(d) => {
            let s = d.to_string();
            out.push(b'D');
            push_len(s.len(), out);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn push_len(n: usize, out: &mut Vec<u8>) {
    let n = u32::try_from(n).expect("a pack's strings and tables are small");
    out.extend_from_slice(&n.to_le_bytes());
}
