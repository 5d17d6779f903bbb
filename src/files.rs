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
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    /// Walk everything: do not read `.gitignore`, `.ignore` and git's excludes, and
    /// enter hidden directories (`--no-ignore`).
    pub no_ignore: bool,
}

impl Filter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let compile = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut set = globset::GlobSetBuilder::new();
            for g in globs {
                // `glob`'s syntax as before: `[` must close.
                glob::Pattern::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?;
                set.add(globset::Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
            }
            set.build()
                .map(Some)
                .map_err(|e| format!("invalid glob: {e}"))
        };
        Ok(Filter {
            include: compile(include)?,
            exclude: compile(exclude)?,
            no_ignore: false,
        })
    }

    fn matches(patterns: &globset::GlobSet, shown: &str) -> bool {
        let name = shown.rsplit('/').next().unwrap_or(shown);
        patterns.is_match(shown) || patterns.is_match(name)
    }

    pub fn excluded(&self, shown: &str) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|p| Self::matches(p, shown))
    }

    /// Kept by a walk: an included extension (or an `--include` glob), not excluded.
    pub fn keeps(&self, shown: &str) -> bool {
        if self.excluded(shown) {
            return false;
        }
        if let Some(include) = &self.include {
            return Self::matches(include, shown);
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
            // A FIFO or a device would block or never end when read: refused here,
            // before anything opens it.
            if let Some(kind) = std::fs::metadata(path).ok().and_then(|m| special_kind(&m)) {
                errors.push(InputError {
                    path: show(path),
                    message: format!("not a regular file ({kind}); not read"),
                });
                continue;
            }
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
    // One file reached under several names (a symlink to a file or a directory
    // already walked) is linted once: under its own name when that is among them,
    // else under the first.
    let mut chosen: std::collections::HashMap<PathBuf, (usize, bool)> =
        std::collections::HashMap::new();
    let mut keep = vec![true; inputs.len()];
    for (i, input) in inputs.iter().enumerate() {
        let Input::File { path, .. } = input else {
            continue;
        };
        let Ok(real) = std::fs::canonicalize(path) else {
            continue;
        };
        let direct = std::path::absolute(path).is_ok_and(|a| a == real);
        match chosen.get(&real).copied() {
            None => {
                chosen.insert(real, (i, direct));
            }
            Some((j, chosen_direct)) => {
                if direct && !chosen_direct {
                    keep[j] = false;
                    chosen.insert(real, (i, direct));
                } else {
                    keep[i] = false;
                }
            }
        }
    }
    let mut k = keep.into_iter();
    inputs.retain(|_| k.next().unwrap_or(true));
    (inputs, errors)
}

/// Read a file that is checked to be a regular file first (a FIFO named on the
/// command line, or swapped in since the walk, must not block the run).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(std::io::Error::other(format!(
            "not a regular file ({kind})"
        )));
    }
    std::fs::read(path)
}

/// Write a file so that it is either the old one or the whole new one, never a
/// truncated mix: write a temporary file in the same directory, sync it, then rename
/// it over the target (a full disk leaves the old file as it was).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "baseline".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// What a file is when it is neither a regular file nor a directory: reading it
/// could block (a FIFO, a terminal) or never end (a device).
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
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

/// Recursive walk in name order with the `ignore` crate: `.gitignore`, `.ignore`,
/// `.policylintignore` and git's excludes are respected and hidden entries skipped (unless `--no-ignore`),
/// `target/` is skipped, symlinks are followed without looping, and entries that are
/// not regular files (FIFOs, devices, sockets) are never opened.
fn walk(dir: &Path, filter: &Filter, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .follow_links(true)
        .hidden(!filter.no_ignore)
        .ignore(!filter.no_ignore)
        .git_ignore(!filter.no_ignore)
        .git_exclude(!filter.no_ignore)
        .git_global(!filter.no_ignore)
        .parents(!filter.no_ignore)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !filter.no_ignore {
        // A project keeps what it does not want linted (test fixtures full of
        // deliberate defects, its own READMEs) out of walks without hiding it from git.
        builder.add_custom_ignore_filename(".policylintignore");
    }
    let root = dir.to_path_buf();
    let exclude = filter.clone();
    builder.filter_entry(move |e| {
        if e.depth() == 0 || e.path() == root {
            return true;
        }
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        !(is_dir && (e.file_name() == "target" || exclude.excluded(&show(e.path()))))
    });
    for entry in builder.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                if let Some(message) = walk_error(&e) {
                    errors.push(message);
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let p = entry.path();
        let shown = show(p);
        let Some(t) = entry.file_type() else {
            continue;
        };
        if t.is_dir() {
            continue;
        }
        if !filter.keeps(&shown) {
            continue;
        }
        // The type of what a link points to (the walker follows links).
        if let Some(kind) = std::fs::metadata(p).ok().and_then(|m| special_kind(&m)) {
            errors.push(InputError {
                path: shown,
                message: format!("not a regular file ({kind}); skipped"),
            });
            continue;
        }
        inputs.push(Input::File {
            path: p.to_path_buf(),
            shown,
        });
    }
}

/// A walk error as a message; a symlink loop is not one (the loop is simply not
/// entered again).
fn walk_error(e: &ignore::Error) -> Option<InputError> {
    match e {
        ignore::Error::WithPath { path, err } => walk_error(err).map(|m| InputError {
            path: show(path),
            message: m.message,
        }),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::Loop { .. } => None,
        ignore::Error::Io(io) => Some(InputError {
            path: String::new(),
            message: format!("cannot read: {}", io_message(io)),
        }),
        // A broken .gitignore line: not the user's document; the walk goes on.
        ignore::Error::Glob { .. } => None,
        other => Some(InputError {
            path: String::new(),
            message: other.to_string(),
        }),
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
        assert!(f.keeps("docs/a.pdf") && f.keeps("docs/a.docx"));
        assert!(!f.keeps("docs/a.html"));
        assert!(!f.keeps("docs/draft-a.txt"));
        let f = Filter::new(&["*.markdown".into()], &[]).unwrap();
        assert!(f.keeps("x/y.markdown"));
        assert!(!f.keeps("x/y.txt"));
        assert!(Filter::new(&["[".into()], &[]).is_err());
    }

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("baseline.json");
        std::fs::write(&p, "old").unwrap();
        write_atomically(&p, b"new contents").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new contents");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        // A target that cannot be replaced (a directory) leaves nothing behind.
        let d = dir.path().join("sub");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("x"), "x").unwrap();
        assert!(write_atomically(&d, b"y").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn io_messages_drop_the_os_error_suffix() {
        let e = std::fs::read("/definitely/not/here").unwrap_err();
        assert_eq!(io_message(&e), "No such file or directory");
    }
}
