//! Configuration: `policylint.toml`, discovered upward from each file's directory (or
//! given with `--config`), merged with the command line into engine [`Settings`].
//!
//! ```toml
//! language = "nl"                 # auto | nl | en
//! document-date = "2020-12-09"    # the document's own date (past-deadline uses it)
//! pack-dirs = ["packs"]           # directories with nl.toml / en.toml to merge
//!
//! [rules]
//! select = ["FN", "CM001"]        # codes, names, prefixes or "ALL" (default: all rules)
//! ignore = ["TX002"]
//!
//! [rules.levels]
//! FN002 = "error"                 # error | warning | info | off
//!
//! [rules.options.key-action-not-in-body]
//! min-overlap = 0.5
//!
//! [[overrides]]
//! files = ["press/*.md"]
//! document-date = "2021-01-01"
//! [overrides.rules]
//! ignore = ["KA"]
//!
//! [pack.nl]
//! acronyms.known = ["EOM"]
//! ```
//!
//! Precedence, lowest first: defaults, the configuration file, matching `[[overrides]]`
//! (in file order), command-line flags. `select` replaces, `ignore` accumulates.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::config_suppress::ConfigSuppression;
use crate::document::profile::Profile;
use crate::finding::Level;
use crate::iso_date::DocumentDate;
use crate::lang::Language;
use crate::pack::Pack;
use crate::rule::RuleOptions;
use crate::rules;
use crate::settings::{PackSet, RuleSetting, Settings};

pub const CONFIG_NAME: &str = "policylint.toml";

/// `language = "auto"` or the code of a registered pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LanguageSetting {
    Auto,
    Fixed(Language),
}

impl LanguageSetting {
    pub fn language(self) -> Option<Language> {
        match self {
            LanguageSetting::Auto => None,
            LanguageSetting::Fixed(l) => Some(l),
        }
    }
}

impl std::str::FromStr for LanguageSetting {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "auto" {
            return Ok(LanguageSetting::Auto);
        }
        Language::from_code(s)
            .map(LanguageSetting::Fixed)
            .ok_or_else(|| {
                format!(
                    "unknown language `{s}`, expected one of `auto`, {}",
                    Language::codes()
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

impl Serialize for LanguageSetting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.language().map_or("auto", Language::code))
    }
}

impl<'de> Deserialize<'de> for LanguageSetting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelSetting {
    Error,
    Warning,
    Info,
    Off,
}

/// The file as written. Every field is optional; unknown keys are errors.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// `auto`, `nl` or `en`.
    pub language: Option<LanguageSetting>,
    /// The document's date, `YYYY-MM-DD`.
    pub document_date: Option<Spanned<DocumentDate>>,
    /// The document profile (`legal-act`, `council-conclusions`, …) instead of detecting it.
    pub profile: Option<Profile>,
    pub rules: Option<RulesConfig>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Additions to the language packs: `[pack.nl]`, `[pack.en]`, one per registered pack.
    pub pack: Option<PackConfig>,
    /// Directories holding `<code>.toml` pack additions (`nl.toml`, …), relative to the file.
    #[serde(default)]
    pub pack_dirs: Vec<Spanned<String>>,
    /// `[[suppress]]`: findings hidden by rule and quoted text, with a reason.
    #[serde(default)]
    pub suppress: Vec<SuppressEntry>,
}

/// One `[[suppress]]` entry as written (see [`crate::config_suppress`]).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SuppressEntry {
    /// A rule code, name or prefix.
    pub rule: Spanned<String>,
    /// The quoted text of the finding.
    pub text: Spanned<String>,
    /// Why the finding is not a problem here (required).
    pub reason: Spanned<String>,
    /// Globs relative to the configuration file's directory; none: every file.
    #[serde(default)]
    pub files: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub levels: BTreeMap<String, Spanned<LevelSetting>>,
    #[serde(default)]
    pub options: BTreeMap<String, Spanned<RuleOptions>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs, relative to the configuration file's directory.
    pub files: Vec<Spanned<String>>,
    pub language: Option<LanguageSetting>,
    pub document_date: Option<Spanned<DocumentDate>>,
    pub profile: Option<Profile>,
    pub rules: Option<RulesConfig>,
}

/// `[pack.<code>]` tables, by language code (checked against the registered packs).
pub type PackConfig = BTreeMap<String, toml::Table>;

/// A configuration error: names the file, the line and the key.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    /// 1-based; 0 when the error is about the whole file (it cannot be read).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// A loaded, validated configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The directory globs and pack-dirs are relative to.
    pub dir: PathBuf,
    pub file: ConfigFile,
    pub packs: PackSet,
    /// The `[[suppress]]` entries, validated, in file order (with their `files` globs).
    pub suppressions: Vec<(Vec<String>, Arc<ConfigSuppression>)>,
}

/// Command-line settings, which win over every file.
#[derive(Clone, Debug, Default)]
pub struct CliSettings {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub language: Option<LanguageSetting>,
    pub document_date: Option<chrono::NaiveDate>,
    pub profile: Option<Profile>,
}

impl CliSettings {
    /// Check every selector and the date; the error names the bad value.
    pub fn validate(&self) -> Result<(), String> {
        for s in self.select.iter().flatten().chain(&self.ignore) {
            rules::resolve_selector(s)?;
        }
        Ok(())
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |t| t.matches('\n').count() + 1)
}

/// The key written on a line: `key = …`, or the `[table]` header.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    if l.starts_with('[') {
        return Some(l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    }
    let (key, _) = l.split_once('=')?;
    Some(key.trim().trim_matches('"').to_string())
}

impl Config {
    /// Read, parse and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            line: 0,
            message: format!(
                "cannot read configuration: {}",
                crate::files::io_message(&e)
            ),
        })?;
        Self::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let err_at = |offset: usize, message: String| {
            let line = line_of(text, offset);
            let message = match key_on_line(text, line) {
                Some(key) if !message.contains(&format!("`{key}`")) => {
                    format!("key `{key}`: {message}")
                }
                _ => message,
            };
            ConfigError {
                path: shown.clone(),
                line,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err_at(offset, e.message().trim().to_string())
        })?;

        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };

        // Semantic checks: every selector names a rule, dates exist, globs compile.
        let check_rules = |rules: &RulesConfig| -> Result<(), ConfigError> {
            let lists = [
                ("select", rules.select.as_deref().unwrap_or_default()),
                ("ignore", &rules.ignore),
            ];
            for (list, selectors) in lists {
                for s in selectors {
                    rules::resolve_selector(s.get_ref())
                        .map_err(|m| err_at(s.span().start, format!("in `{list}`: {m}")))?;
                }
            }
            for (key, level) in &rules.levels {
                rules::resolve_selector(key)
                    .map_err(|m| err_at(level.span().start, format!("in [rules.levels]: {m}")))?;
            }
            for (key, options) in &rules.options {
                if rules::lookup(key).is_none() {
                    return Err(err_at(
                        options.span().start,
                        format!(
                            "[rules.options.{key}]: unknown rule `{key}` (use a rule code or name)"
                        ),
                    ));
                }
            }
            Ok(())
        };
        let mut suppressions = Vec::new();
        for e in &file.suppress {
            let codes = rules::resolve_selector(e.rule.get_ref())
                .map_err(|m| err_at(e.rule.span().start, format!("in [[suppress]]: {m}")))?
                .iter()
                .map(|m| m.code)
                .collect();
            if e.text.get_ref().trim().is_empty() {
                return Err(err_at(
                    e.text.span().start,
                    "in [[suppress]]: `text` must quote the text of the finding".into(),
                ));
            }
            if e.reason.get_ref().trim().is_empty() {
                return Err(err_at(
                    e.reason.span().start,
                    "in [[suppress]]: `reason` must say why the finding is not a problem".into(),
                ));
            }
            for g in &e.files {
                glob::Pattern::new(g.get_ref()).map_err(|err| {
                    err_at(
                        g.span().start,
                        format!("invalid glob `{}`: {err}", g.get_ref()),
                    )
                })?;
            }
            let origin = format!("{shown}:{}", line_of(text, e.rule.span().start));
            suppressions.push((
                e.files.iter().map(|g| g.get_ref().clone()).collect(),
                Arc::new(ConfigSuppression::new(
                    codes,
                    e.text.get_ref().clone(),
                    e.reason.get_ref().clone(),
                    origin,
                )),
            ));
        }
        if let Some(rules) = &file.rules {
            check_rules(rules)?;
        }
        for o in &file.overrides {
            if let Some(rules) = &o.rules {
                check_rules(rules)?;
            }
            for g in &o.files {
                glob::Pattern::new(g.get_ref()).map_err(|e| {
                    err_at(
                        g.span().start,
                        format!("invalid glob `{}`: {e}", g.get_ref()),
                    )
                })?;
            }
        }

        // Pack additions: pack-dirs first, then the [pack.*] tables. Each addition is
        // checked against the built-in pack (keys and types) where it comes from.
        let mut extras: BTreeMap<Language, Vec<toml::Table>> = BTreeMap::new();
        let check_addition = |lang: Language,
                              table: &toml::Table,
                              origin: &str,
                              line: usize|
         -> Result<(), ConfigError> {
            let issues = crate::pack::check_addition(Pack::builtin(lang).table(), table);
            match issues.first() {
                None => Ok(()),
                Some(first) => Err(ConfigError {
                    path: origin.to_string(),
                    line,
                    message: format!(
                        "pack addition for `{}`: {first}{}",
                        lang.code(),
                        if issues.len() > 1 {
                            format!(" (and {} more)", issues.len() - 1)
                        } else {
                            String::new()
                        }
                    ),
                }),
            }
        };
        for d in &file.pack_dirs {
            let pack_dir = dir.join(d.get_ref());
            if !pack_dir.is_dir() {
                return Err(err_at(
                    d.span().start,
                    format!("pack directory `{}` does not exist", pack_dir.display()),
                ));
            }
            for lang in Language::all() {
                let p = pack_dir.join(format!("{}.toml", lang.code()));
                let Ok(src) = std::fs::read_to_string(&p) else {
                    continue;
                };
                let table: toml::Table = src.parse().map_err(|e: toml::de::Error| ConfigError {
                    path: p.display().to_string(),
                    line: e.span().map_or(0, |s| line_of(&src, s.start)),
                    message: e.message().trim().to_string(),
                })?;
                check_addition(lang, &table, &p.display().to_string(), 0)?;
                extras.entry(lang).or_default().push(table);
            }
        }
        if let Some(pack) = &file.pack {
            let shown = path.display().to_string();
            for (code, table) in pack {
                let header = format!("[pack.{code}");
                let line = text.find(&header).map_or(0, |at| line_of(text, at));
                let lang = Language::from_code(code).ok_or_else(|| ConfigError {
                    path: shown.clone(),
                    line,
                    message: format!(
                        "[pack.{code}]: unknown language `{code}` (known: {})",
                        Language::codes().join(", ")
                    ),
                })?;
                check_addition(lang, table, &shown, line)?;
                extras.entry(lang).or_default().push(table.clone());
            }
        }
        let build = |lang: Language, tables: &[toml::Table]| -> Option<Arc<Pack>> {
            let (first, rest) = tables.split_first()?;
            let mut pack = Pack::builtin(lang).extended(first);
            for t in rest {
                pack = pack.extended(t);
            }
            Some(Arc::new(pack))
        };
        let mut packs = PackSet::default();
        for (&lang, tables) in &extras {
            if let Some(pack) = build(lang, tables) {
                packs.insert(pack);
            }
        }
        // Patterns are checked on the extended pack, where they will be compiled.
        for pack in packs.extended() {
            if let Some(first) = rules::pack_errors(pack).first() {
                return Err(ConfigError {
                    path: path.display().to_string(),
                    line: 0,
                    message: format!("pack addition for `{}`: {first}", pack.language.code()),
                });
            }
        }
        Ok(Config {
            path: path.to_path_buf(),
            dir,
            file,
            packs,
            suppressions,
        })
    }

    /// Whether `file` (relative to the config's directory) matches one of `globs`.
    fn matches(&self, file: &Path, globs: &[Spanned<String>]) -> bool {
        let globs: Vec<&str> = globs.iter().map(|g| g.get_ref().as_str()).collect();
        self.matches_globs(file, &globs)
    }

    fn matches_globs(&self, file: &Path, globs: &[&str]) -> bool {
        let relative = relative_to(file, &self.dir);
        let opts = glob::MatchOptions {
            require_literal_separator: false,
            ..Default::default()
        };
        globs.iter().any(|g| {
            glob::Pattern::new(g).is_ok_and(|p| {
                p.matches_path_with(&relative, opts)
                    || relative
                        .file_name()
                        .is_some_and(|n| p.matches_with(&n.to_string_lossy(), opts))
            })
        })
    }

    /// The `[[suppress]]` entries that apply to `file`.
    pub fn suppressions_for(&self, file: &Path) -> Vec<Arc<ConfigSuppression>> {
        self.suppressions
            .iter()
            .filter(|(globs, _)| {
                globs.is_empty() || {
                    let globs: Vec<&str> = globs.iter().map(String::as_str).collect();
                    self.matches_globs(file, &globs)
                }
            })
            .map(|(_, s)| s.clone())
            .collect()
    }

    /// The `[[overrides]]` whose globs match `file` (relative to the config's directory).
    fn matching_overrides<'a>(&'a self, file: &'a Path) -> impl Iterator<Item = &'a Override> {
        self.file
            .overrides
            .iter()
            .filter(move |o| self.matches(file, &o.files))
    }
}

/// `file` relative to `dir` when both resolve; otherwise `file` itself.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    let abs = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let (f, d) = (abs(file), abs(dir));
    f.strip_prefix(&d).map(Path::to_path_buf).unwrap_or(f)
}

/// Resolve the settings for one file from an optional configuration and the CLI.
pub fn resolve(config: Option<&Config>, file: &Path, cli: &CliSettings) -> Settings {
    let mut language = None;
    let mut document_date = None;
    let mut profile = None;
    let mut select: Option<Vec<String>> = None;
    let mut ignore: Vec<String> = Vec::new();
    let mut levels: Vec<(String, LevelSetting)> = Vec::new();
    let mut options: BTreeMap<&'static str, RuleOptions> = BTreeMap::new();

    let mut apply = |lang: Option<LanguageSetting>,
                     date: &Option<Spanned<DocumentDate>>,
                     prof: Option<Profile>,
                     rules: Option<&RulesConfig>| {
        if lang.is_some() {
            language = lang;
        }
        if prof.is_some() {
            profile = prof;
        }
        if let Some(d) = date {
            document_date = Some(d.get_ref().0);
        }
        let Some(rules) = rules else { return };
        if let Some(s) = &rules.select {
            select = Some(s.iter().map(|s| s.get_ref().clone()).collect());
        }
        ignore.extend(rules.ignore.iter().map(|s| s.get_ref().clone()));
        levels.extend(rules.levels.iter().map(|(k, v)| (k.clone(), *v.get_ref())));
        for (key, table) in &rules.options {
            if let Some(meta) = rules::lookup(key) {
                let entry = options.entry(meta.code).or_default();
                for (k, v) in table.get_ref() {
                    entry.insert(k.clone(), v.clone());
                }
            }
        }
    };
    if let Some(config) = config {
        apply(
            config.file.language,
            &config.file.document_date,
            config.file.profile,
            config.file.rules.as_ref(),
        );
        for o in config.matching_overrides(file) {
            apply(o.language, &o.document_date, o.profile, o.rules.as_ref());
        }
    }
    if let Some(s) = &cli.select {
        select = Some(s.clone());
    }
    ignore.extend(cli.ignore.iter().cloned());
    if cli.language.is_some() {
        language = cli.language;
    }
    if cli.document_date.is_some() {
        document_date = cli.document_date;
    }
    let document_date_forced = cli.document_date.is_some();
    if cli.profile.is_some() {
        profile = cli.profile;
    }

    let metas = rules::all_metas();
    let expand = |selectors: &[String]| -> Vec<&'static str> {
        selectors
            .iter()
            .flat_map(|s| rules::resolve_selector(s).unwrap_or_default())
            .map(|m| m.code)
            .collect()
    };
    let enabled: Vec<&'static str> = match &select {
        Some(s) => expand(s),
        None => metas.iter().map(|m| m.code).collect(),
    };
    let ignored = expand(&ignore);
    let mut rules: BTreeMap<&'static str, RuleSetting> = metas
        .iter()
        .filter(|m| enabled.contains(&m.code) && !ignored.contains(&m.code))
        .map(|m| {
            (
                m.code,
                RuleSetting {
                    level: m.default_level,
                    options: options.get(m.code).cloned(),
                },
            )
        })
        .collect();
    // Broad selectors first, so that `FN = "info"` then `FN001 = "error"` does what it says.
    let mut levels: Vec<(usize, Vec<&'static str>, LevelSetting)> = levels
        .iter()
        .map(|(k, v)| {
            let codes = expand(std::slice::from_ref(k));
            (codes.len(), codes, *v)
        })
        .collect();
    levels.sort_by_key(|l| std::cmp::Reverse(l.0));
    for (_, codes, level) in levels {
        for code in codes {
            match level {
                LevelSetting::Off => {
                    rules.remove(code);
                }
                LevelSetting::Error | LevelSetting::Warning | LevelSetting::Info => {
                    if let Some(r) = rules.get_mut(code) {
                        r.level = match level {
                            LevelSetting::Error => Level::Error,
                            LevelSetting::Warning => Level::Warning,
                            _ => Level::Info,
                        };
                    }
                }
            }
        }
    }
    Settings {
        language: language.and_then(LanguageSetting::language),
        document_date,
        document_date_forced,
        profile,
        rules,
        packs: config.map(|c| c.packs.clone()).unwrap_or_default(),
        suppressions: config.map(|c| c.suppressions_for(file)).unwrap_or_default(),
    }
}

/// Finds and caches configuration files: `--config`, or the nearest `policylint.toml`
/// upward from each file's directory.
pub struct ConfigCache {
    explicit: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl ConfigCache {
    pub fn new(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None => None,
        };
        Ok(ConfigCache {
            explicit,
            by_dir: HashMap::new(),
        })
    }

    /// Every configuration file loaded so far, each once.
    pub fn loaded(&self) -> Vec<Arc<Config>> {
        let mut all: Vec<Arc<Config>> = self.explicit.iter().cloned().collect();
        for c in self.by_dir.values().flatten() {
            if !all.iter().any(|a| Arc::ptr_eq(a, c)) {
                all.push(c.clone());
            }
        }
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }

    /// The configuration that applies to `file`.
    pub fn for_file(&mut self, file: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(c) = &self.explicit {
            return Ok(Some(c.clone()));
        }
        let start = std::path::absolute(file)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        self.for_dir(&start)
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(c) = self.by_dir.get(dir) {
            return Ok(c.clone());
        }
        let candidate = dir.join(CONFIG_NAME);
        let found = if candidate.is_file() {
            Some(Arc::new(Config::load(&candidate)?))
        } else {
            match dir.parent() {
                Some(parent) => self.for_dir(parent)?,
                None => None,
            }
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }
}

/// What `policylint show-settings` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ShownSettings {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    pub language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_date: Option<String>,
    /// The profile configured for the path (detected from the text when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    pub pack_additions: Vec<String>,
    pub rules: BTreeMap<String, ShownRule>,
}

#[derive(Debug, Serialize)]
pub struct ShownRule {
    pub name: String,
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<RuleOptions>,
}

impl ShownSettings {
    pub fn new(path: &str, config: Option<&Config>, settings: &Settings) -> Self {
        let pack_additions = settings
            .packs
            .extended_languages()
            .into_iter()
            .map(|l| l.code().to_string())
            .collect();
        ShownSettings {
            path: path.to_string(),
            config: config.map(|c| c.path.display().to_string()),
            language: settings.language.map_or("auto", Language::code).to_string(),
            document_date: settings.document_date.map(crate::iso_date::format),
            profile: settings.profile,
            pack_additions,
            rules: settings
                .rules
                .iter()
                .map(|(code, r)| {
                    (
                        code.to_string(),
                        ShownRule {
                            name: rules::lookup(code).map_or("", |m| m.name).to_string(),
                            level: r.level,
                            options: r.options.clone(),
                        },
                    )
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("dir/policylint.toml"), text)
    }

    #[test]
    fn unknown_keys_name_key_file_and_line() {
        let err = parse("language = \"nl\"\n\n[rules]\nselct = [\"FN\"]\n").unwrap_err();
        assert_eq!(err.line, 4);
        assert_eq!(err.path, "dir/policylint.toml");
        assert!(err.message.contains("selct"), "{err}");
        let err = parse("language = \"fr\"\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.to_string().contains("language"), "{err}");
    }

    #[test]
    fn bad_values_name_the_key() {
        let err = parse("[rules.levels]\nPLX001 = \"eror\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("PLX001"), "{err}");
        let err = parse("[rules]\nignore = [\n  \"PLX\",\n  \"NOPE1\",\n]\n").unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("NOPE1"), "{err}");
        let err = parse("document-date = \"2021-02-30\"\n").unwrap_err();
        assert!(err.message.contains("2021-02-30"), "{err}");
        let err = parse("[rules.options.nonexistent-rule]\nx = 1\n").unwrap_err();
        assert!(err.message.contains("nonexistent-rule"), "{err}");
    }

    #[test]
    fn layers_merge_in_order() {
        let config = parse(
            "document-date = \"2020-12-09\"\n[rules]\nignore = [\"PLX001\"]\n[rules.levels]\nPLX = \"error\"\nPLX003 = \"off\"\n\
             [rules.options.invalid-suppression]\nx = 1\n\
             [[overrides]]\nfiles = [\"*.md\"]\nlanguage = \"en\"\n[overrides.rules]\nignore = [\"PLX002\"]\n",
        )
        .unwrap();
        let txt = resolve(
            Some(&config),
            Path::new("dir/a.txt"),
            &CliSettings::default(),
        );
        assert_eq!(txt.document_date, crate::iso_date::parse("2020-12-09"));
        assert_eq!(txt.language, None);
        assert_eq!(txt.level("PLX002"), Some(Level::Error));
        assert_eq!(txt.level("PLX001"), None);
        assert_eq!(txt.level("PLX003"), None);
        assert!(txt.rules["PLX002"]
            .options
            .as_ref()
            .is_some_and(|o| o.contains_key("x")));
        let md = resolve(
            Some(&config),
            Path::new("dir/sub/b.md"),
            &CliSettings::default(),
        );
        assert_eq!(md.language, Some(Language::En));
        assert_eq!(md.level("PLX002"), None);
        let cli = CliSettings {
            select: Some(vec!["PLX001".into()]),
            ignore: vec![],
            language: Some(LanguageSetting::Fixed(Language::Nl)),
            document_date: crate::iso_date::parse("2021-01-01"),
            profile: None,
        };
        // The CLI select replaces; the config's ignore still applies.
        let s = resolve(Some(&config), Path::new("dir/a.txt"), &cli);
        assert!(s.rules.is_empty());
        assert_eq!(s.language, Some(Language::Nl));
        assert_eq!(s.document_date, crate::iso_date::parse("2021-01-01"));
    }

    #[test]
    fn pack_additions_are_validated_with_key_and_entry() {
        // A malformed month entry used to switch the date rules off silently.
        let e =
            parse("[[pack.nl.dates.months]]\nnumber = \"dertien\"\nnames = [\"x\"]\n").unwrap_err();
        assert!(
            e.message
                .contains("`dates.months[0].number` must be an integer"),
            "{}",
            e.message
        );
        assert_eq!(e.line, 1);
        let e = parse("[pack.en.sentences]\nabreviations = [\"x.\"]\n").unwrap_err();
        assert!(
            e.message.contains("unknown key `sentences.abreviations`"),
            "{}",
            e.message
        );
        // An invalid regex used to be dropped without a word.
        let e = parse("[pack.en.xref]\ninternal-after = [\"(unclosed\"]\n").unwrap_err();
        assert!(
            e.message.contains("invalid pattern `(unclosed`"),
            "{}",
            e.message
        );
        let e = parse("[pack.nl.commitments]\nintent = [\"[oops\"]\n").unwrap_err();
        assert!(e.message.contains("[oops"), "{}", e.message);
    }

    #[test]
    fn pack_tables_extend_the_builtin_pack() {
        let config = parse("[pack.en.sentences]\nabbreviations = [\"zzz.\"]\n").unwrap();
        let settings = resolve(Some(&config), Path::new("x.txt"), &CliSettings::default());
        assert!(settings
            .packs
            .get(Language::En)
            .strings("sentences.abbreviations")
            .contains(&"zzz.".to_string()));
        assert!(!settings
            .packs
            .get(Language::Nl)
            .strings("sentences.abbreviations")
            .contains(&"zzz.".to_string()));
    }

    #[test]
    fn pack_dirs_merge_relative_to_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("packs")).unwrap();
        std::fs::write(
            dir.path().join("packs/nl.toml"),
            "[sentences]\nabbreviations = [\"bijv2.\"]\n",
        )
        .unwrap();
        let path = dir.path().join(CONFIG_NAME);
        let config = Config::parse(&path, "pack-dirs = [\"packs\"]\n").unwrap();
        let settings = resolve(
            Some(&config),
            &dir.path().join("a.txt"),
            &CliSettings::default(),
        );
        assert!(settings
            .packs
            .get(Language::Nl)
            .strings("sentences.abbreviations")
            .contains(&"bijv2.".to_string()));
        let err = Config::parse(&path, "\npack-dirs = [\"nope\"]\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("nope"), "{err}");
    }
}
