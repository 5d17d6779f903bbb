//! The command line. (Minimal first cut; the full contract lands with issue 3.)

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::document;
use crate::pack::Pack;
use crate::rules::{registry, Context};

#[derive(Parser, Debug)]
#[command(name = "policylint", version, about = "A linter for policy texts")]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint files and directories.
    Check { paths: Vec<String> },
}

pub fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Check { paths } => {
            let mut out = std::io::stdout().lock();
            let mut status = 0u8;
            for p in paths {
                let files: Vec<std::path::PathBuf> = match std::fs::read_dir(&p) {
                    Ok(rd) => {
                        let mut v: Vec<_> = rd.flatten().map(|e| e.path()).collect();
                        v.sort();
                        v.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"));
                        v
                    }
                    Err(_) => vec![p.clone().into()],
                };
                for f in files {
                    let path = f.to_string_lossy().replace('\\', "/");
                    let bytes = match std::fs::read(&f) {
                        Ok(b) => b,
                        Err(e) => {
                            let _ = writeln!(out, "{path}: cannot read file: {e}");
                            status = 2;
                            continue;
                        }
                    };
                    let source = match crate::decode::decode(&path, &bytes) {
                        Ok(s) => s,
                        Err(e) => {
                            let _ = writeln!(out, "{path}: {e}");
                            status = 2;
                            continue;
                        }
                    };
                    let doc = document::parse(source, None);
                    let pack = Pack::builtin(doc.language);
                    for rule in registry() {
                        let mut cx = Context::new(rule.meta(), None, pack);
                        rule.check(&doc, &mut cx);
                        for f in cx.into_findings() {
                            let pos = doc.source.position(f.span.start);
                            let _ = writeln!(
                                out,
                                "{path}:{}:{}: {}[{}] {}",
                                pos.line,
                                pos.column,
                                f.level.as_str(),
                                f.code,
                                f.message
                            );
                            status = status.max(1);
                        }
                    }
                }
            }
            ExitCode::from(status)
        }
    }
}
