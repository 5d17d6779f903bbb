//! The command line (the only module besides the report writers that prints).
//!
//! Exit codes: 0 no finding at or above the fail level (or `--exit-zero`), 1 at least
//! one such finding, 2 a usage, configuration or I/O error.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser as _;
use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use policylint::baseline::Baseline;
use policylint::config::LanguageSetting;
use policylint::config::{self, CliSettings, ConfigCache, ShownSettings};
use policylint::document;
use policylint::document::profile::Profile;
use policylint::engine::{self, Settings};
use policylint::files::{self, Filter, Input};
use policylint::finding::Level;
use policylint::pack::PackSet;
use policylint::report::{self, FileError, FileReport, RunReport};

mod citations;
mod progress;

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "policylint",
    version,
    about = "A linter for policy texts (EU communications, Council conclusions, press releases; Dutch and English)"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files, directories (recursive; .txt and .md) and glob patterns; `-` reads stdin.
    Check(CheckArgs),
    /// Print the recovered document model of one file.
    Dump {
        #[arg(long, value_enum, default_value_t = DumpFormat::Tree)]
        format: DumpFormat,
        /// Force the language instead of detecting it.
        #[arg(long, value_parser = language_arg())]
        language: Option<LanguageArg>,
        /// The file to dump (`-` for standard input).
        file: String,
    },
    /// The commitment register: every commitment or request with its actor, deadline
    /// and status.
    Commitments {
        #[arg(long, value_enum, default_value_t = CommitmentsFormat::Markdown)]
        format: CommitmentsFormat,
        /// Force the language instead of detecting it.
        #[arg(long, value_parser = language_arg())]
        language: Option<LanguageArg>,
        /// The document date, YYYY-MM-DD, for texts that state none of their own.
        #[arg(long, value_name = "YYYY-MM-DD")]
        document_date: Option<String>,
        /// Count commitments inside quotations (press-release quotes).
        #[arg(long)]
        quotations: bool,
        /// Files, directories or quoted glob patterns; `-` for standard input (default: .).
        paths: Vec<String>,
    },
    /// The acts and documents each file cites (EU acts, Commission documents, Official
    /// Journal references, CELEX, ECLI, Council documents), with every place cited.
    Citations {
        #[arg(long, value_enum, default_value_t = CommitmentsFormat::Markdown)]
        format: CommitmentsFormat,
        /// Force the language instead of detecting it.
        #[arg(long, value_parser = language_arg())]
        language: Option<LanguageArg>,
        /// Files, directories or quoted glob patterns; `-` for standard input (default: .).
        paths: Vec<String>,
    },
    /// Write every finding into a Word document as a comment (author "policylint");
    /// a second run replaces its own comments and keeps the drafters'.
    Annotate {
        #[command(flatten)]
        settings: SettingsArgs,
        /// The annotated copy to write (the input itself only when named here).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The Word document (.docx).
        file: PathBuf,
    },
    /// List every rule: code, name, group, default level, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule code (FN001) or name (footnote-undefined).
        rule: String,
    },
    /// Print the settings that apply to PATH after config discovery and merging.
    ShowSettings {
        #[command(flatten)]
        settings: SettingsArgs,
        #[arg(long, value_enum, default_value_t = SettingsFormat::Toml)]
        format: SettingsFormat,
        /// A file or directory (default: the current directory).
        path: Option<String>,
    },
}

/// Options that shape the settings, shared by `check` and `show-settings`.
#[derive(ClapArgs, Debug, Clone, Default)]
pub struct SettingsArgs {
    /// Only these rules: codes, names or prefixes (`FN`), comma-separated; replaces the config's select.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Skip these rules: codes, names or prefixes, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this configuration file instead of discovering policylint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The document language (default: detected per file).
    #[arg(long, value_parser = language_arg())]
    pub language: Option<LanguageArg>,
    /// The document's own date, YYYY-MM-DD (past-deadline compares with it).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub document_date: Option<String>,
    /// The kind of document, instead of detecting it (`dump` shows what was detected).
    #[arg(long, value_parser = profile_parser())]
    pub profile: Option<Profile>,
}

impl SettingsArgs {
    /// The settings given on the command line, checked: every selector resolves and
    /// the date is a date (parsed here, where it enters); the error names the value.
    fn cli_settings(&self) -> Result<CliSettings, String> {
        let mut cli = CliSettings {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            language: self.language,
            document_date: None,
            profile: self.profile,
        };
        cli.validate()?;
        if let Some(d) = &self.document_date {
            cli.document_date = Some(
                policylint::iso_date::parse(d)
                    .ok_or_else(|| format!("invalid document date `{d}` (expected YYYY-MM-DD)"))?,
            );
        }
        Ok(cli)
    }
}

#[derive(ClapArgs, Debug, Clone)]
pub struct CheckArgs {
    /// Files, directories or quoted glob patterns; `-` for standard input (default: .).
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Human output: show every finding with its excerpt, instead of listing a rule's
    /// many findings in a file together.
    #[arg(long)]
    pub expand: bool,
    /// After the findings, count them per rule and per file (to standard error for the
    /// machine formats). The human format prints the per-rule count by default when
    /// several files are checked.
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and exit.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Lint only files matching these globs when walking directories (replaces .txt/.md).
    #[arg(long, value_delimiter = ',')]
    pub include: Vec<String>,
    /// Skip files and directories matching these globs when walking.
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Walk every file: ignore no `.gitignore`/`.ignore` rules and enter hidden
    /// directories.
    #[arg(long)]
    pub no_ignore: bool,
    /// The name to show for standard input (`-`); its extension picks the parser.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--language`: `auto` or the code of a registered pack (the library's
/// [`LanguageSetting`]); the possible values come from the pack registry.
pub type LanguageArg = LanguageSetting;

/// The value parser of `--language`: `auto` and every registered pack's code.
fn language_arg() -> impl clap::builder::TypedValueParser<Value = LanguageSetting> {
    let codes: Vec<&'static str> = std::iter::once("auto")
        .chain(policylint::lang::Language::codes())
        .collect();
    clap::builder::PossibleValuesParser::new(codes).try_map(|code| code.parse::<LanguageSetting>())
}

/// `--profile`: one of the library's profile names (derived from [`Profile::ALL`], so
/// a new profile needs no change here).
fn profile_parser() -> impl clap::builder::TypedValueParser<Value = Profile> {
    clap::builder::PossibleValuesParser::new(Profile::ALL.map(Profile::as_str))
        .map(|name: String| Profile::from_name(&name).expect("a possible value is a profile name"))
}

/// `check --format`: the library's [`report::Format`], as the command line spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source snippets (default)
    Human,
    /// one line per finding: `path:line:col: level[CODE] message`
    Concise,
    /// the contract's JSON object
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// one self-contained HTML page: the documents with the findings marked in place
    Html,
}

impl From<Format> for report::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Human => report::Format::Human,
            Format::Concise => report::Format::Concise,
            Format::Json => report::Format::Json,
            Format::Sarif => report::Format::Sarif,
            Format::Github => report::Format::Github,
            Format::Html => report::Format::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DumpFormat {
    Tree,
    Json,
    /// The text every span points into: the file itself, or the canonical text
    /// rendering of a PDF or Word document.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CommitmentsFormat {
    Markdown,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SettingsFormat {
    Toml,
    Json,
}

pub fn main() -> ExitCode {
    let args = Args::parse();
    let stdout = std::io::stdout();
    // Standard error is not held locked: the progress bar writes to it from the
    // workers (it is unbuffered, so nothing is lost by locking per write).
    let code = run(args, &mut stdout.lock(), &mut std::io::stderr());
    ExitCode::from(code)
}

/// Run a parsed command line; returns the exit code.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match args.command {
        Command::Check(check_args) => check(&check_args, out, err),
        Command::Dump {
            format,
            language,
            file,
        } => dump(&file, format, language, out, err),
        Command::Commitments {
            format,
            language,
            document_date,
            quotations,
            paths,
        } => commitments(
            &paths,
            format,
            language,
            document_date.as_deref(),
            quotations,
            out,
            err,
        ),
        Command::Citations {
            format,
            language,
            paths,
        } => citations::run(&paths, format, language, out, err),
        Command::Annotate {
            settings,
            output,
            file,
        } => annotate(&settings, &file, &output, err),
        Command::Rules { format } => rules(format, out),
        Command::Explain { rule } => explain(&rule, out, err),
        Command::ShowSettings {
            settings,
            format,
            path,
        } => show_settings(&settings, format, path.as_deref(), out, err),
    }
}

/// `annotate`: the logic is in [`document::docx::annotate`].
fn annotate(args: &SettingsArgs, file: &Path, output: &Path, err: &mut dyn Write) -> u8 {
    let cli = match args.cli_settings() {
        Ok(c) => c,
        Err(m) => {
            let _ = writeln!(err, "error: {m}");
            return EXIT_ERROR;
        }
    };
    let config = ConfigCache::new(args.config.as_deref()).and_then(|mut c| c.for_file(file));
    let result = match config {
        Err(e) => Err(format!("invalid configuration: {e}")),
        Ok(config) => {
            let settings = config::resolve(config.as_deref(), file, &cli);
            document::docx::annotate::annotate_file(file, output, settings.language, |doc| {
                engine::lint(doc, &settings)
            })
        }
    };
    match result {
        Ok(s) => {
            let _ = writeln!(
                err,
                "wrote {} to {} ({} replaced)",
                report::plural(s.written, "comment"),
                output.display(),
                s.replaced
            );
            EXIT_CLEAN
        }
        Err(m) => {
            let _ = writeln!(err, "error: {m}");
            EXIT_ERROR
        }
    }
}

fn human_options(args: &CheckArgs) -> report::human::HumanOptions {
    report::human::HumanOptions {
        color: args.format == Format::Human && use_color(args.color),
        expand: args.expand,
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}

/// One input with the settings that apply to it.
struct Job {
    input: Input,
    settings: Settings,
    stdin: Option<Vec<u8>>,
}

fn lint_job(job: Job) -> Result<(FileReport, Settings), FileError> {
    lint_job_keeping(job, |_, _| ()).map(|(file, settings, ())| (file, settings))
}

/// [`lint_job`], keeping what `keep` takes from the document before it is dropped.
fn lint_job_keeping<T>(
    job: Job,
    keep: impl FnOnce(&document::Document, &Settings) -> T,
) -> Result<(FileReport, Settings, T), FileError> {
    let shown = job.input.shown().to_string();
    let bytes = match (&job.input, job.stdin) {
        (_, Some(bytes)) => bytes,
        (Input::File { path, .. }, None) => files::read_regular(path).map_err(|e| FileError {
            path: shown.clone(),
            message: format!("cannot read file: {}", files::io_message(&e)),
        })?,
        (Input::Stdin { .. }, None) => Vec::new(),
    };
    let doc =
        document::load::load_configured(&shown, &bytes, job.settings.language, &job.settings.packs)
            .map_err(|e| FileError {
                path: shown.clone(),
                message: e.message,
            })?;
    let findings = engine::lint(&doc, &job.settings);
    let kept = keep(&doc, &job.settings);
    Ok((
        FileReport {
            source: doc.source,
            findings,
        },
        job.settings,
        kept,
    ))
}

/// `check`, in phases: set up (settings, filter, configuration, baseline), collect the
/// jobs, then either stream (lint in order, print each file as it is done) or lint
/// everything in parallel, each file isolated, and write the baseline or the report;
/// the exit code summarises.
fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // Messages name files and quote text: no line of them may drive a CI runner.
    let mut err = report::escape::RunnerSafe::new(err, report::escape::Style::Text);
    let err: &mut dyn Write = &mut err;
    let fail = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "error: {message}");
        EXIT_ERROR
    };
    let setup = match CheckSetup::new(args) {
        Ok(s) => s,
        Err(m) => return fail(err, m),
    };
    let CheckSetup {
        cli,
        filter,
        mut configs,
        baseline,
    } = setup;
    let (jobs, early_errors) = match collect_jobs(args, &cli, &filter, &mut configs, err) {
        Ok(j) => j,
        Err(m) => return fail(err, m),
    };

    if args.write_baseline.is_none() && report::is_streamed(args.format.into()) {
        let code = check_streamed(args, jobs, early_errors, baseline.as_ref(), out, err);
        report_unused_suppressions(&configs, err);
        return code;
    }
    // The HTML report shows what it needs of each document beside the findings.
    let html = args.format == Format::Html && args.write_baseline.is_none();
    let mut report = RunReport::default();
    report.errors.extend(early_errors);
    let mut file_settings = Vec::new();
    let mut extras = Vec::new();
    for r in lint_isolated(jobs, html) {
        match r {
            Ok((f, settings, extra)) => {
                report.files.push(f);
                file_settings.push(settings);
                extras.extend(extra);
            }
            Err(e) => report.errors.push(e),
        }
    }

    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &report, err);
    }
    if let Some(index) = &baseline {
        for (file, settings) in report.files.iter_mut().zip(&file_settings) {
            apply_baseline(index, file, settings);
        }
    }
    if let Err(code) = write_report(args, &report, &extras, html, &configs, out, err) {
        return code;
    }
    summarise(args, &report)
}

/// What `check` needs before it looks at any input.
struct CheckSetup {
    cli: CliSettings,
    filter: Filter,
    configs: ConfigCache,
    baseline: Option<policylint::baseline::BaselineIndex>,
}

impl CheckSetup {
    fn new(args: &CheckArgs) -> Result<Self, String> {
        let cli = args.settings.cli_settings()?;
        let filter = Filter {
            no_ignore: args.no_ignore,
            ..Filter::new(&args.include, &args.exclude)?
        };
        let configs = ConfigCache::new(args.settings.config.as_deref())
            .map_err(|e| format!("invalid configuration: {e}"))?;
        let baseline = match &args.baseline {
            Some(p) => Some(
                Baseline::load(p)
                    .map_err(|e| e.to_string())?
                    .index_from(p.parent().unwrap_or(std::path::Path::new("."))),
            ),
            None => None,
        };
        Ok(CheckSetup {
            cli,
            filter,
            configs,
            baseline,
        })
    }
}

/// Find the inputs and give each the settings that apply to it. Returns the jobs and
/// the errors of inputs that cannot be linted (not found, broken configuration), in
/// that order; `Err` when standard input cannot be read.
fn collect_jobs(
    args: &CheckArgs,
    cli: &CliSettings,
    filter: &Filter,
    configs: &mut ConfigCache,
    err: &mut dyn Write,
) -> Result<(Vec<Job>, Vec<FileError>), String> {
    let (inputs, input_errors) =
        files::discover(&args.paths, args.stdin_filename.as_deref(), filter);
    if inputs.is_empty() && input_errors.is_empty() {
        let _ = writeln!(err, "warning: no .txt or .md files found to check");
    }
    let mut errors: Vec<FileError> = input_errors
        .into_iter()
        .map(|e| FileError {
            path: e.path,
            message: e.message,
        })
        .collect();
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let path = match &input {
            Input::File { path, .. } => path.clone(),
            Input::Stdin { shown } => PathBuf::from(shown),
        };
        // A broken policylint.toml is the error of the files it governs; the other
        // files are still linted.
        let config = match configs.for_file(&path) {
            Ok(c) => c,
            Err(e) => {
                errors.push(FileError {
                    path: input.shown().to_string(),
                    message: format!("invalid configuration: {e}"),
                });
                continue;
            }
        };
        let settings = config::resolve(config.as_deref(), &path, cli);
        let stdin = match input {
            Input::Stdin { .. } => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map_err(|e| {
                    format!("cannot read standard input: {}", files::io_message(&e))
                })?;
                Some(buf)
            }
            Input::File { .. } => None,
        };
        jobs.push(Job {
            input,
            settings,
            stdin,
        });
    }
    Ok((jobs, errors))
}

/// One linted file: its report, its settings and what the HTML report keeps of it.
type Linted = Result<(FileReport, Settings, Option<report::html::FileExtra>), FileError>;

/// Lint every job in parallel, each isolated (a panic is that file's error), in the
/// jobs' order; with `html`, keep what the HTML report shows of each document.
fn lint_isolated(jobs: Vec<Job>, html: bool) -> Vec<Linted> {
    let progress = progress::Progress::new(jobs.len(), false);
    let results = jobs
        .into_par_iter()
        .map(|job| {
            let shown = job.input.shown().to_string();
            let _tick = progress::Tick(&progress);
            policylint::isolate::catch(|| {
                lint_job_keeping(job, |doc, settings| {
                    html.then(|| report::html::FileExtra::build(doc, settings))
                })
            })
            .unwrap_or_else(|message| {
                Err(FileError {
                    path: shown,
                    message,
                })
            })
        })
        .collect();
    progress.finish();
    results
}

/// `--write-baseline`: record the run's findings, entry paths relative to the baseline
/// file so that it works from any directory.
fn write_baseline(path: &Path, report: &RunReport, err: &mut dyn Write) -> u8 {
    let baseline = Baseline::from_findings(
        report
            .files
            .iter()
            .map(|f| (&f.source, f.findings.as_slice())),
    )
    .relative_to(path.parent().unwrap_or(std::path::Path::new(".")));
    if let Err(e) = files::write_atomically(path, baseline.to_json().as_bytes()) {
        let _ = writeln!(
            err,
            "error: cannot write baseline {}: {}",
            path.display(),
            files::io_message(&e)
        );
        return EXIT_ERROR;
    }
    let _ = writeln!(
        err,
        "wrote {} to {}",
        report::plural(baseline.entries.len(), "baseline entry"),
        path.display()
    );
    for e in &report.errors {
        let _ = writeln!(err, "error: {}: {}", e.path, e.message);
    }
    if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// Write the whole run's report (errors first on stderr for the formats read by
/// people), the unused suppressions and the statistics. `Err` holds the exit code when
/// the report cannot be written.
fn write_report(
    args: &CheckArgs,
    report: &RunReport,
    extras: &[report::html::FileExtra],
    html: bool,
    configs: &ConfigCache,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), u8> {
    let machine = matches!(args.format, Format::Json | Format::Sarif | Format::Github);
    if !machine {
        for e in &report.errors {
            let _ = writeln!(
                err,
                "error: {}: {}",
                report::escape::control(&e.path),
                report::escape::control(&e.message)
            );
        }
    }
    let human = human_options(args);
    let written = if html {
        report::html::write(report, extras, out)
    } else {
        report::write(args.format.into(), report, out, human)
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "error: cannot write the report: {e}");
            return Err(EXIT_ERROR);
        }
    }
    report_unused_suppressions(configs, err);
    if args.statistics {
        let mut stats = report::statistics::Statistics::default();
        for f in &report.files {
            stats.add_file(&f.source.path, &f.findings);
        }
        let _ = if machine || html {
            stats.write_all(err)
        } else {
            stats.write_all(out)
        };
    }
    let _ = out.flush();
    Ok(())
}

/// The exit code of a whole run.
fn summarise(args: &CheckArgs, report: &RunReport) -> u8 {
    if !report.errors.is_empty() {
        EXIT_ERROR
    } else if !args.exit_zero
        && report
            .max_level()
            .is_some_and(|l| l >= args.fail_on.level())
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Every `[[suppress]]` entry of the run's configuration files that hid nothing.
fn report_unused_suppressions(configs: &ConfigCache, err: &mut dyn Write) {
    for config in configs.loaded() {
        for (_, s) in &config.suppressions {
            if s.used() == 0 {
                let _ = writeln!(
                    err,
                    "warning: {}: the suppression of {} \"{}\" matched no finding (unused-suppression)",
                    report::escape::control(&s.origin),
                    s.codes.join(", "),
                    report::escape::control(&s.text)
                );
            }
        }
    }
}

/// Hide a file's findings recorded in the baseline; report its unmatched entries, each
/// by the message it recorded. Returns how many findings were hidden.
fn apply_baseline(
    index: &policylint::baseline::BaselineIndex,
    file: &mut FileReport,
    settings: &Settings,
) -> usize {
    let before = file.findings.len();
    let stale = index.filter(&file.source, &mut file.findings);
    let hidden = before - file.findings.len();
    for entry in stale {
        let message = if entry.message.is_empty() {
            format!("1 baseline entry for {} matches no finding", entry.code)
        } else {
            format!(
                "1 baseline entry for {} matches no finding: \"{}\"",
                entry.code, entry.message
            )
        };
        if let Some(f) = engine::meta_finding(
            settings,
            &engine::UnmatchedBaselineEntry::META,
            policylint::source::Span::new(0, 0),
            message,
        ) {
            file.findings.push(f);
        }
    }
    engine::sort_findings(&mut file.findings);
    hidden
}

/// `check` in a streamed format: each file's findings are printed as soon as it and
/// every file before it are linted, and then dropped, so memory holds the files in
/// flight, not the whole run.
fn check_streamed(
    args: &CheckArgs,
    jobs: Vec<Job>,
    early_errors: Vec<FileError>,
    baseline: Option<&policylint::baseline::BaselineIndex>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let github = args.format == Format::Github;
    let human = human_options(args);
    let mut stats = report::statistics::Statistics::default();
    let mut baseline_hidden = 0;
    let progress = progress::Progress::new(jobs.len(), false);
    let print_error = |err: &mut dyn Write, e: &FileError| {
        let _ = writeln!(
            err,
            "error: {}: {}",
            report::escape::control(&e.path),
            report::escape::control(&e.message)
        );
    };
    let mut errors = Vec::new();
    let mut error_count = 0;
    for e in early_errors {
        error_count += 1;
        if github {
            errors.push(e);
        } else {
            print_error(err, &e);
        }
    }
    let mut files = 0;
    let mut counts = report::Counts::default();
    let mut max_level: Option<Level> = None;
    let mut write_error: Option<std::io::Error> = None;
    policylint::ordered::for_each_ordered(
        jobs,
        |job| {
            let shown = job.input.shown().to_string();
            policylint::isolate::catch(|| lint_job(job)).unwrap_or_else(|message| {
                Err(FileError {
                    path: shown,
                    message,
                })
            })
        },
        |result| match result {
            Ok((mut file, settings)) => {
                if let Some(index) = baseline {
                    baseline_hidden += apply_baseline(index, &mut file, &settings);
                }
                files += 1;
                progress.inc();
                stats.add_file(&file.source.path, &file.findings);
                for f in &file.findings {
                    counts.add(f.level);
                    max_level = max_level.max(Some(f.level));
                }
                if write_error.is_none() {
                    let written = progress
                        .suspend(|| report::write_one(args.format.into(), file, out, human));
                    if let Err(e) = written {
                        write_error = Some(e);
                    }
                }
            }
            Err(e) => {
                error_count += 1;
                progress.inc();
                if github {
                    errors.push(e);
                } else {
                    progress.suspend(|| print_error(err, &e));
                }
            }
        },
    );
    progress.finish();
    let result = match write_error {
        Some(e) => Err(e),
        None => {
            // The tables go before the human summary line, which stays the last line.
            let several = files > 1 && args.format == Format::Human;
            let tables = if args.statistics {
                if github {
                    stats.write_all(err)
                } else {
                    writeln!(out).and_then(|_| stats.write_all(out))
                }
            } else if several && !stats.is_empty() {
                writeln!(out).and_then(|_| stats.write_rules(out))
            } else {
                Ok(())
            };
            tables.and_then(|_| {
                report::write_end(
                    args.format.into(),
                    files,
                    counts,
                    baseline_hidden,
                    errors,
                    out,
                    human.color,
                )
            })
        }
    };
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "error: cannot write the report: {e}");
            return EXIT_ERROR;
        }
    }
    let _ = out.flush();
    if error_count > 0 {
        EXIT_ERROR
    } else if !args.exit_zero && max_level.is_some_and(|l| l >= args.fail_on.level()) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn dump(
    file: &str,
    format: DumpFormat,
    language: Option<LanguageArg>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        files::read_regular(Path::new(file))
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: {file}: cannot read file: {}",
                files::io_message(&e)
            );
            return EXIT_ERROR;
        }
    };
    let shown = files::show(Path::new(file));
    let packs = match configured_packs(&mut None, Path::new(&shown)) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "error: {file}: invalid configuration: {e}");
            return EXIT_ERROR;
        }
    };
    let language = language.and_then(|l| l.language());
    let doc = match document::load::load_configured(&shown, &bytes, language, &packs) {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "error: {file}: {e}");
            return EXIT_ERROR;
        }
    };
    let result = match format {
        DumpFormat::Tree => report::dump_tree::write_with(&doc, packs.get(doc.language), out),
        DumpFormat::Json => report::dump_json::write_with(&doc, packs.get(doc.language), out),
        DumpFormat::Text => out.write_all(doc.text().as_bytes()),
    };
    match result {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_ERROR
        }
    }
}

/// `policylint commitments`: the register of every file found, as `check` finds them.
fn commitments(
    paths: &[String],
    format: CommitmentsFormat,
    language: Option<LanguageArg>,
    document_date: Option<&str>,
    quotations: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let date = match document_date {
        None => None,
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let _ = writeln!(
                    err,
                    "error: --document-date `{d}` is not a date (YYYY-MM-DD)"
                );
                return EXIT_ERROR;
            }
        },
    };
    let mut registers = Vec::new();
    let code = each_document(paths, language, err, |shown, doc, packs| {
        let found = policylint::rules::commitments::register_dated_by_body(
            &doc,
            packs.get(doc.language),
            date,
            date.is_some(),
            quotations,
        );
        registers.push((shown, found));
    });
    write_listing(out, err, format, code, &registers, |name, lists| {
        policylint::rules::commitments::render_many(name, lists)
    })
}

/// Write one listing per file (commitments, citations) in `format`; an output error
/// other than a closed pipe turns `code` into the error exit.
pub(crate) fn write_listing<T>(
    out: &mut dyn Write,
    err: &mut dyn Write,
    format: CommitmentsFormat,
    code: u8,
    lists: &[(String, Vec<T>)],
    render: impl Fn(&str, &[(&str, &[T])]) -> String,
) -> u8 {
    let borrowed: Vec<(&str, &[T])> = lists
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let name = match format {
        CommitmentsFormat::Markdown => "markdown",
        CommitmentsFormat::Csv => "csv",
        CommitmentsFormat::Json => "json",
    };
    if let Err(e) = out.write_all(render(name, &borrowed).as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "error: {e}");
            return EXIT_ERROR;
        }
    }
    code
}

/// The language packs in force for a file: the built-in ones as the `policylint.toml`
/// that governs it (discovered as `check` discovers it) extends them.
fn configured_packs(
    configs: &mut Option<ConfigCache>,
    file: &Path,
) -> Result<PackSet, config::ConfigError> {
    let configs = match configs {
        Some(c) => c,
        None => configs.insert(ConfigCache::new(None)?),
    };
    let config = configs.for_file(file)?;
    Ok(config.map(|c| c.packs.clone()).unwrap_or_default())
}

/// Load every file found under `paths` (`-`: standard input) and hand each document
/// to `each`; files that cannot be found, read or parsed are reported on `err`. Returns
/// the exit code so far (clean, or error when a file failed).
fn each_document(
    paths: &[String],
    language: Option<LanguageArg>,
    err: &mut dyn Write,
    mut each: impl FnMut(String, document::Document, &PackSet),
) -> u8 {
    let filter = match Filter::new(&[], &[]) {
        Ok(f) => f,
        Err(m) => {
            let _ = writeln!(err, "error: {m}");
            return EXIT_ERROR;
        }
    };
    let (inputs, input_errors) = files::discover(paths, None, &filter);
    let mut code = EXIT_CLEAN;
    for e in &input_errors {
        let _ = writeln!(err, "error: {}: {}", e.path, e.message);
        code = EXIT_ERROR;
    }
    let language = language.and_then(|l| l.language());
    let mut configs = None;
    for input in inputs {
        let shown = input.shown().to_string();
        let bytes = match &input {
            Input::File { path, .. } => files::read_regular(path),
            Input::Stdin { .. } => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
            }
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: {shown}: cannot read file: {}",
                    files::io_message(&e)
                );
                code = EXIT_ERROR;
                continue;
            }
        };
        let packs = match &input {
            Input::File { path, .. } => configured_packs(&mut configs, path),
            Input::Stdin { .. } => configured_packs(&mut configs, Path::new(&shown)),
        };
        let packs = match packs {
            Ok(p) => p,
            Err(e) => {
                let _ = writeln!(err, "error: {shown}: invalid configuration: {e}");
                code = EXIT_ERROR;
                continue;
            }
        };
        match document::load::load_configured(&shown, &bytes, language, &packs) {
            Ok(doc) => each(shown, doc, &packs),
            Err(e) => {
                let _ = writeln!(err, "error: {shown}: {e}");
                code = EXIT_ERROR;
            }
        }
    }
    code
}

fn rules(format: ListFormat, out: &mut dyn Write) -> u8 {
    let metas = engine::all_metas();
    let result = match format {
        ListFormat::Json => serde_json::to_writer_pretty(&mut *out, &metas)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        ListFormat::Text => {
            let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(4);
            let group_width = metas
                .iter()
                .map(|m| m.group.as_str().len())
                .max()
                .unwrap_or(5);
            metas.iter().try_for_each(|m| {
                writeln!(
                    out,
                    "{:<6}  {:<name_width$}  {:<group_width$}  {:<7}  {}",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    m.default_level.as_str(),
                    m.summary
                )
            })
        }
    };
    if result.is_ok() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

fn explain(rule: &str, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(meta) = engine::lookup(rule) else {
        let _ = writeln!(err, "error: unknown rule `{rule}` (see `policylint rules`)");
        return EXIT_ERROR;
    };
    let _ = writeln!(
        out,
        "# {} ({})\n\ngroup: {} · default level: {} · defined in {}\n\n{}",
        meta.name,
        meta.code,
        meta.group.as_str(),
        meta.default_level.as_str(),
        meta.location,
        report::explanation_text(meta).trim_end()
    );
    EXIT_CLEAN
}

fn show_settings(
    args: &SettingsArgs,
    format: SettingsFormat,
    path: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let cli = match args.cli_settings() {
        Ok(c) => c,
        Err(m) => {
            let _ = writeln!(err, "error: {m}");
            return EXIT_ERROR;
        }
    };
    let path = path.unwrap_or(".");
    let p = Path::new(path);
    // For a directory, the settings of a file directly inside it.
    let probe = if p.is_dir() {
        p.join("_")
    } else {
        p.to_path_buf()
    };
    let config = ConfigCache::new(args.config.as_deref()).and_then(|mut c| c.for_file(&probe));
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: invalid configuration: {e}");
            return EXIT_ERROR;
        }
    };
    let settings = config::resolve(config.as_deref(), &probe, &cli);
    let shown = ShownSettings::new(&files::show(p), config.as_deref(), &settings);
    let text = match format {
        SettingsFormat::Json => serde_json::to_string_pretty(&shown).map_err(|e| e.to_string()),
        SettingsFormat::Toml => toml::to_string(&shown).map_err(|e| e.to_string()),
    };
    match text {
        Ok(t) => {
            let _ = writeln!(out, "{}", t.trim_end());
            EXIT_CLEAN
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot print settings: {e}");
            EXIT_ERROR
        }
    }
}
