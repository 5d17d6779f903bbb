//! Language packs: the files `rules/<code>.toml`, embedded in the binary (see
//! `build.rs`), plus packs registered at run time; a project configuration may extend
//! any of them. Each rule family reads its own section and may
//! cache a compiled form (automata, word sets) with [`Pack::compiled`].

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A language: a handle on a registered pack. The built-in packs are the files
/// `rules/<code>.toml` (listed by `build.rs`, one constant each: `Language::Nl`, …);
/// more may be added at run time with [`register`]. Serialized as its code ("nl").
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(u16);

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

mod embedded;

/// The most packs [`register`] adds to the built-in ones.
const MAX_REGISTERED: usize = 32;

/// One registered pack and its code.
struct Entry {
    code: &'static str,
    pack: Pack,
}

/// The built-in packs, parsed on first use.
fn builtin_entries() -> &'static [Entry] {
    static BUILTIN: OnceLock<Vec<Entry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        BUILTIN_PACKS
            .iter()
            .zip(BUILTIN_PACKS_BLOB)
            .enumerate()
            .map(|(i, ((code, _), blob))| Entry {
                code,
                // The build parsed the TOML and checked it; its encoding reads faster,
                // one section at a time.
                pack: Pack {
                    language: Language(i as u16),
                    table: OnceLock::new(),
                    sections: Some(
                        embedded::Sections::index(blob)
                            .unwrap_or_else(|| panic!("built-in pack {code} is invalid")),
                    ),
                    cache: Mutex::new(HashMap::new()),
                },
            })
            .collect()
    })
}

/// Packs registered at run time, after the built-in ones.
static REGISTERED: [OnceLock<Entry>; MAX_REGISTERED] = [const { OnceLock::new() }; MAX_REGISTERED];
static REGISTERED_COUNT: AtomicUsize = AtomicUsize::new(0);
static REGISTERING: Mutex<()> = Mutex::new(());

fn entry(language: Language) -> &'static Entry {
    let i = usize::from(language.0);
    let builtin = builtin_entries();
    match builtin.get(i) {
        Some(e) => e,
        // A handle exists only once its pack is registered.
        None => REGISTERED[i - builtin.len()]
            .get()
            .unwrap_or_else(|| unreachable!("a language handle names a registered pack")),
    }
}

/// Register a language pack from its TOML source under a language code, before the
/// first document in that language is read (see ARCHITECTURE.md, "How to add a
/// language"). The pack is checked against a built-in pack, which serves as its schema:
/// unknown keys and wrong types are errors. Registering the same code again with the
/// same source returns the same handle.
pub fn register(code: &str, source: &str) -> Result<Language, String> {
    let valid_code = !code.is_empty()
        && code.len() <= 8
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !valid_code || code == "auto" {
        return Err(format!(
            "`{code}` is not a language code (lowercase letters)"
        ));
    }
    let table: toml::Table = source
        .parse()
        .map_err(|e: toml::de::Error| format!("pack `{code}`: {}", e.message().trim()))?;
    let _guard = REGISTERING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(existing) = Language::from_code(code) {
        return if *entry(existing).pack.table() == table {
            Ok(existing)
        } else {
            Err(format!("a different pack `{code}` is already registered"))
        };
    }
    // The schema: every key some built-in pack has.
    let mut schema = toml::Table::new();
    for e in builtin_entries() {
        merge(&mut schema, e.pack.table());
    }
    if let Some(first) = check_addition(&schema, &table).first() {
        return Err(format!("pack `{code}`: {first}"));
    }
    let n = REGISTERED_COUNT.load(Ordering::Acquire);
    let slot = REGISTERED
        .get(n)
        .ok_or_else(|| format!("at most {MAX_REGISTERED} packs can be registered"))?;
    let code: &'static str = Box::leak(code.to_string().into_boxed_str());
    let language = Language((builtin_entries().len() + n) as u16);
    let _ = slot.set(Entry {
        code,
        pack: Pack::new(language, table),
    });
    REGISTERED_COUNT.store(n + 1, Ordering::Release);
    Ok(language)
}

impl Language {
    /// The pack's language code ("nl").
    pub fn code(self) -> &'static str {
        entry(self).code
    }

    /// The language registered under a code.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::registered().find(|l| l.code() == code)
    }

    /// Every registered language: built-in packs in code order, then those added with
    /// [`register`].
    pub fn registered() -> impl Iterator<Item = Language> {
        let n = builtin_entries().len() + REGISTERED_COUNT.load(Ordering::Acquire);
        (0..n).map(|i| Language(i as u16))
    }

    /// Every registered language in the order recognition prefers it on a tie: the
    /// pack marked `[language] default = true` first, then the others in
    /// [`Language::registered`] order.
    pub fn all() -> Vec<Language> {
        let mut all: Vec<Language> = Language::registered().collect();
        all.sort_by_key(|&l| !Pack::builtin(l).is_default());
        all
    }

    /// The codes of every registered language, for messages and the command line.
    pub fn codes() -> Vec<&'static str> {
        Language::all().into_iter().map(Language::code).collect()
    }
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Language({})", self.code())
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Language::from_code(s).ok_or_else(|| {
            format!(
                "unknown language `{s}` (known: {})",
                Language::codes().join(", ")
            )
        })
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// The language packs in force: the built-in (or registered) ones, extended by
/// configuration.
#[derive(Clone, Debug, Default)]
pub struct PackSet {
    extended: BTreeMap<Language, Arc<Pack>>,
}

impl PackSet {
    /// The pack of a language: its extension by configuration, or the pack as shipped.
    pub fn get(&self, language: Language) -> &Pack {
        match self.extended.get(&language) {
            Some(p) => p,
            None => Pack::builtin(language),
        }
    }

    /// Use an extended pack for its language.
    pub fn insert(&mut self, pack: Arc<Pack>) {
        self.extended.insert(pack.language, pack);
    }

    /// The languages whose pack configuration extends, in [`Language::all`] order.
    pub fn extended_languages(&self) -> Vec<Language> {
        Language::all()
            .into_iter()
            .filter(|l| self.extended.contains_key(l))
            .collect()
    }

    /// True when configuration extends the pack of `language`.
    pub fn extends(&self, language: Language) -> bool {
        self.extended.contains_key(&language)
    }

    /// The extended packs.
    pub fn extended(&self) -> impl Iterator<Item = &Arc<Pack>> {
        self.extended.values()
    }
}

/// A language pack: the raw table plus a cache of compiled sections.
pub struct Pack {
    pub language: Language,
    /// The whole table: given, or (a built-in pack) assembled from `sections` when
    /// asked for.
    table: OnceLock<toml::Table>,
    /// A built-in pack's sections, each decoded on first use.
    sections: Option<embedded::Sections>,
    cache: Mutex<HashMap<TypeId, CompiledCell>>,
}

/// One compiled form, built at most once even when several threads ask at the same time.
type CompiledCell = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pack")
            .field("language", &self.language)
            .finish()
    }
}

/// A compiled form of (part of) a pack, built once per pack.
pub trait FromPack: Send + Sync + 'static {
    fn from_pack(pack: &Pack) -> Self;
}

impl Pack {
    pub fn new(language: Language, table: toml::Table) -> Self {
        Pack {
            language,
            table: OnceLock::from(table),
            sections: None,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The pack of a registered language as shipped or registered (parsed once per
    /// process), without a project's additions.
    pub fn builtin(language: Language) -> &'static Pack {
        &entry(language).pack
    }

    /// True for the pack marked `[language] default = true`: the language assumed when
    /// recognition finds no more evidence for another.
    pub fn is_default(&self) -> bool {
        self.get("language.default")
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// This pack extended by a configuration table: arrays are appended, tables merged.
    pub fn extended(&self, extra: &toml::Table) -> Pack {
        let mut table = self.table().clone();
        merge(&mut table, extra);
        Pack::new(self.language, table)
    }

    pub fn table(&self) -> &toml::Table {
        self.table.get_or_init(|| {
            self.sections
                .as_ref()
                .map(embedded::Sections::table)
                .unwrap_or_default()
        })
    }

    /// Look up a value by dotted path ("sentences.abbreviations").
    pub fn get(&self, path: &str) -> Option<&toml::Value> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let mut v = match (&self.sections, self.table.get()) {
            (Some(sections), None) => sections.get(first)?,
            _ => self.table().get(first)?,
        };
        for p in parts {
            v = v.as_table()?.get(p)?;
        }
        Some(v)
    }

    /// A list of strings by dotted path; empty when absent.
    pub fn strings(&self, path: &str) -> Vec<String> {
        self.get(path)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Deserialize a section into a typed struct.
    pub fn section<T: DeserializeOwned>(&self, path: &str) -> Option<T> {
        self.get(path).and_then(|v| v.clone().try_into().ok())
    }

    /// The compiled form `T` of this pack, built on first use and shared afterwards.
    /// Threads that ask while it is being built wait for that build instead of
    /// building their own.
    pub fn compiled<T: FromPack>(&self) -> Arc<T> {
        let cell = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(TypeId::of::<T>())
            .or_default()
            .clone();
        // The map's lock is released here, so building `T` may ask for other forms.
        // A shipped pack's patterns were checked by its tests: not checked again.
        let value = cell.get_or_init(|| {
            let shipped = builtin_entries()
                .get(usize::from(self.language.0))
                .is_some_and(|e| std::ptr::eq(&e.pack, self));
            Arc::new(crate::lazy_regex::building_trusted(shipped, || {
                T::from_pack(self)
            })) as Arc<dyn Any + Send + Sync>
        });
        value
            .clone()
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("the cell of a type holds that type"))
    }
}

fn merge(base: &mut toml::Table, extra: &toml::Table) {
    for (k, v) in extra {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(e)) => merge(b, e),
            (Some(toml::Value::Array(b)), toml::Value::Array(e)) => b.extend(e.iter().cloned()),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_packs_hold_data_only() {
        // Test examples live in tests/fixtures/pack_examples/, not in the shipped packs.
        fn has_examples(t: &toml::Table) -> Option<String> {
            t.iter().find_map(|(k, v)| match v {
                toml::Value::Table(inner) => has_examples(inner).map(|p| format!("{k}.{p}")),
                _ => (k == "examples" || k == "tests").then(|| k.clone()),
            })
        }
        for l in Language::registered() {
            assert_eq!(has_examples(Pack::builtin(l).table()), None, "{l}");
        }
    }

    #[test]
    fn embedded_tables_are_the_pack_source() {
        for ((code, source), blob) in BUILTIN_PACKS.iter().zip(BUILTIN_PACKS_BLOB) {
            let from_toml: toml::Table = source.parse().unwrap();
            let sections = embedded::Sections::index(blob).expect("indexed");
            for (key, value) in &from_toml {
                assert_eq!(sections.get(key), Some(value), "pack {code}, section {key}");
            }
            assert_eq!(sections.get("no-such-section"), None);
            assert_eq!(sections.table(), from_toml, "pack {code}");
            assert_eq!(Some(from_toml), embedded::decode(blob), "pack {code}");
            // A cut or altered blob is refused, never a panic.
            for cut in [0, 1, blob.len() / 2, blob.len() - 1] {
                assert_eq!(embedded::decode(&blob[..cut]), None, "pack {code}");
                assert!(
                    embedded::Sections::index(&blob[..cut]).is_none(),
                    "pack {code}"
                );
            }
            let longer: &'static [u8] = [*blob, b"T"].concat().leak();
            assert_eq!(embedded::decode(longer), None, "pack {code}");
        }
    }

    #[test]
    fn builtin_packs_parse_and_extend() {
        for lang in [Language::Nl, Language::En] {
            let p = Pack::builtin(lang);
            assert!(!p.strings("sentences.abbreviations").is_empty());
            let extra: toml::Table = "[sentences]\nabbreviations = [\"xyz.\"]".parse().unwrap();
            let e = p.extended(&extra);
            assert!(e
                .strings("sentences.abbreviations")
                .contains(&"xyz.".to_string()));
            assert_eq!(
                e.strings("sentences.abbreviations").len(),
                p.strings("sentences.abbreviations").len() + 1
            );
        }
    }
}

/// Check a pack addition (from `policylint.toml` or a pack directory) against the pack
/// it extends, which serves as its schema: every key must exist there with a value of
/// the same type (arrays: elements of the type the pack's own elements have; tables in
/// arrays: keys the pack's own tables use). Returns one message per problem, naming the
/// dotted key and the entry.
pub fn check_addition(schema: &toml::Table, addition: &toml::Table) -> Vec<String> {
    let mut issues = Vec::new();
    check_table("", schema, addition, &mut issues);
    issues
}

fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

fn same_type(schema: &toml::Value, value: &toml::Value) -> bool {
    use toml::Value::*;
    matches!(
        (schema, value),
        (String(_), String(_))
            | (Integer(_), Integer(_))
            | (Float(_), Float(_) | Integer(_))
            | (Boolean(_), Boolean(_))
            | (Datetime(_), Datetime(_))
            | (Array(_), Array(_))
            | (Table(_), Table(_))
    )
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn check_table(prefix: &str, schema: &toml::Table, table: &toml::Table, issues: &mut Vec<String>) {
    for (key, value) in table {
        let path = join(prefix, key);
        match schema.get(key) {
            None => {
                let mut known: Vec<&str> = schema.keys().map(String::as_str).collect();
                known.sort_unstable();
                issues.push(format!(
                    "unknown key `{path}` (known here: {})",
                    known.join(", ")
                ));
            }
            Some(s) => check_value(&path, s, value, issues),
        }
    }
}

fn check_value(path: &str, schema: &toml::Value, value: &toml::Value, issues: &mut Vec<String>) {
    if !same_type(schema, value) {
        issues.push(format!(
            "`{path}` must be {}, not {}",
            type_name(schema),
            type_name(value)
        ));
        return;
    }
    match (schema, value) {
        (toml::Value::Table(s), toml::Value::Table(v)) => check_table(path, s, v, issues),
        (toml::Value::Array(s), toml::Value::Array(v)) => {
            let Some(first) = s.first() else {
                return; // the pack's own list is empty: nothing to compare with
            };
            for (i, item) in v.iter().enumerate() {
                let at = format!("{path}[{i}]");
                if !same_type(first, item) {
                    issues.push(format!(
                        "`{at}` must be {}, not {} ({})",
                        type_name(first),
                        type_name(item),
                        short(item)
                    ));
                    continue;
                }
                if let toml::Value::Table(t) = item {
                    // The keys of every table the pack's list holds.
                    let mut keys = toml::Table::new();
                    for e in s.iter().filter_map(|e| e.as_table()) {
                        for (k, v) in e {
                            keys.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                    check_table(&at, &keys, t, issues);
                }
            }
        }
        _ => {}
    }
}

fn short(v: &toml::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod addition_tests {
    use super::*;

    fn issues(addition: &str) -> Vec<String> {
        let schema = Pack::builtin(Language::Nl).table();
        check_addition(schema, &addition.parse().unwrap())
    }

    #[test]
    fn well_formed_additions_pass() {
        assert!(issues("[sentences]\nabbreviations = [\"zzz.\"]").is_empty());
        assert!(issues("[[dates.months]]\nnumber = 1\nnames = [\"jan\"]").is_empty());
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_named() {
        let i = issues("[sentences]\nabreviations = [\"x.\"]");
        assert!(
            i[0].contains("unknown key `sentences.abreviations`"),
            "{i:?}"
        );
        let i = issues("[sentences]\nabbreviations = \"x.\"");
        assert!(
            i[0].contains("`sentences.abbreviations` must be an array"),
            "{i:?}"
        );
        let i = issues("[[dates.months]]\nnumber = \"een\"\nnames = [\"jan\"]");
        assert!(
            i[0].contains("`dates.months[0].number` must be an integer"),
            "{i:?}"
        );
        let i = issues("[dates]\nmonths = [3]");
        assert!(i[0].contains("`dates.months[0]` must be a table"), "{i:?}");
        let i = issues("[nosuch]\nx = 1");
        assert!(i[0].contains("unknown key `nosuch`"), "{i:?}");
    }
}
