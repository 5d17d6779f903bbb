//! Path discovery for `check`: files, directories (recursive), glob patterns and `-`.

use std::path::{Path, PathBuf};

/// Extensions linted when walking a directory (unless `--include` says otherwise).
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "pdf", "docx"];

/// One input to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk: the path to open and the path to show (as given, with `/`).
    File { path: PathBuf, shown: String },
    /// Standard input, shown under this name.
    Stdin { shown: String },
}

impl Input {
    pub fn shown(&self) -> &str {
        match self {
            Input::File { shown, .. } | Input::Stdin { shown } => shown,
        }
    }
}

/// A path argument that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// Which files a directory walk keeps.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub include: Vec<glob::Pattern>,
    pub exclude: Vec<glob::Pattern>,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let compile = |globs: &[String]| {
            globs
                .iter()
                .map(|g| glob::Pattern::new(g).map_err(|e| format!("invalid glob `{g}`: {e}")))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Filter {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    fn matches(patterns: &[glob::Pattern], shown: &str) -> bool {
        let name = shown.rsplit('/').next().unwrap_or(shown);
        patterns.iter().any(|p| p.matches(shown) || p.matches(name))
    }

    pub fn excluded(&self, shown: &str) -> bool {
        Self::matches(&self.exclude, shown)
    }

    /// Kept by a walk: an included extension (or an `--include` glob), not excluded.
    pub fn keeps(&self, shown: &str) -> bool {
        if self.excluded(shown) {
            return false;
        }
        if !self.include.is_empty() {
            return Self::matches(&self.include, shown);
        }
        let ext = shown.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        ext.is_some_and(|e| DEFAULT_EXTENSIONS.contains(&e.as_str()))
    }
}

/// The path as shown: `/` separators, no leading `./`.
pub fn show(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if s.is_empty() {
        ".".to_string()
    } else {
        s.to_string()
    }
}

/// An I/O error as a message, without Rust's "(os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Expand the command line's paths into sorted, de-duplicated inputs.
/// Explicit files are kept whatever their extension; walked files must pass `filter`.
pub fn discover(
    args: &[String],
    stdin_filename: Option<&str>,
    filter: &Filter,
) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let args: Vec<String> = if args.is_empty() {
        vec![".".to_string()]
    } else {
        args.to_vec()
    };
    for arg in &args {
        if arg == "-" {
            inputs.push(Input::Stdin {
                shown: stdin_filename.unwrap_or("-").to_string(),
            });
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            walk(path, filter, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File {
                path: path.to_path_buf(),
                shown: show(path),
            });
        } else if arg.contains(['*', '?', '[']) {
            expand_glob(arg, filter, &mut inputs, &mut errors);
        } else {
            // Reported when read, as "cannot read file", like any unreadable file.
            inputs.push(Input::File {
                path: path.to_path_buf(),
                shown: show(path),
            });
        }
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.shown() == b.shown());
    (inputs, errors)
}

fn expand_glob(
    pattern: &str,
    filter: &Filter,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
) {
    let paths = match glob::glob(pattern) {
        Ok(p) => p,
        Err(e) => {
            errors.push(InputError {
                path: pattern.to_string(),
                message: format!("invalid glob pattern: {e}"),
            });
            return;
        }
    };
    let mut any = false;
    for entry in paths {
        match entry {
            Ok(p) if p.is_dir() => {
                any = true;
                walk(&p, filter, inputs, errors);
            }
            Ok(p) => {
                let shown = show(&p);
                if filter.excluded(&shown) {
                    continue;
                }
                any = true;
                inputs.push(Input::File { path: p, shown });
            }
            Err(e) => errors.push(InputError {
                path: show(e.path()),
                message: format!("cannot read: {}", io_message(e.error())),
            }),
        }
    }
    if !any {
        errors.push(InputError {
            path: pattern.to_string(),
            message: "no files match this pattern".to_string(),
        });
    }
}

/// Recursive walk in name order; hidden entries (`.git`, `.cache`) and `target/` are
/// skipped.
fn walk(dir: &Path, filter: &Filter, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(InputError {
                path: show(dir),
                message: format!("cannot read directory: {}", io_message(&e)),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let shown = show(&p);
        if p.is_dir() {
            if name == "target" || filter.excluded(&shown) {
                continue;
            }
            walk(&p, filter, inputs, errors);
        } else if filter.keeps(&shown) {
            inputs.push(Input::File { path: p, shown });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_paths_use_slashes_and_drop_dot_prefix() {
        assert_eq!(show(Path::new("./seeds/a.txt")), "seeds/a.txt");
        assert_eq!(show(Path::new(".")), ".");
        assert_eq!(show(Path::new("a\\b.md")), "a/b.md");
    }

    #[test]
    fn filters_follow_extensions_and_globs() {
        let f = Filter::new(&[], &["*draft*".into()]).unwrap();
        assert!(f.keeps("docs/a.txt"));
        assert!(f.keeps("docs/a.MD"));
        assert!(f.keeps("docs/a.pdf"));
        assert!(!f.keeps("docs/a.html"));
        assert!(!f.keeps("docs/draft-a.txt"));
        let f = Filter::new(&["*.markdown".into()], &[]).unwrap();
        assert!(f.keeps("x/y.markdown"));
        assert!(!f.keeps("x/y.txt"));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }

    #[test]
    fn io_messages_drop_the_os_error_suffix() {
        let e = std::fs::read("/definitely/not/here").unwrap_err();
        assert_eq!(io_message(&e), "No such file or directory");
    }
}
