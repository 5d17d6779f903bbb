//! Start-up: the whole `policylint check` process on an empty file and on one-line
//! files (a neutral Dutch line, a Dutch line with a commitment marker word, a neutral
//! English line, an English commitment, and commitments that open the date, condition
//! and actor grammars), what an editor or a pre-commit hook pays on
//! every save. Prints the process CPU time (user + system) per run for each; the goal
//! is under 5 ms.
//!
//! `cargo bench --bench startup` (200 runs per file) or `cargo bench --bench startup --
//! 50` (the runs per file).

use std::path::Path;
mod common;

use common::children_cpu;
use std::process::Command;
use std::time::Instant;

const FILES: [(&str, &str); 8] = [
    ("empty", ""),
    (
        "Dutch line",
        "De regio krijgt een nieuwe aanpak voor water en bodem.\n",
    ),
    (
        "Dutch line, marker word",
        "Het kabinet bespreekt vandaag de nieuwe aanpak voor de regio.\n",
    ),
    (
        "English line",
        "The Commission presents a new approach to water and soil in the region.\n",
    ),
    (
        "English commitment",
        "The Commission will present the new approach today.\n",
    ),
    (
        "Dutch commitment, year",
        "De Commissie zal in 2025 een voorstel indienen.\n",
    ),
    (
        "Dutch, date, accents",
        "Het kabinet zal vóór 1 juni 2026 een wetsvoorstel indienen.\n",
    ),
    (
        "English, condition, year",
        "If necessary, the Commission will propose further measures in 2026.\n",
    ),
];

fn main() {
    let runs: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("startup");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let exe = env!("CARGO_BIN_EXE_policylint");
    println!("policylint check FILE, {runs} runs each (process CPU = user + system):");
    for (i, (name, text)) in FILES.iter().enumerate() {
        let file = dir.join(format!("{i}.txt"));
        std::fs::write(&file, text).expect("write");
        let run = || {
            let status = Command::new(exe)
                .arg("check")
                .arg(&file)
                .output()
                .expect("run policylint")
                .status;
            assert!(status.code().is_some_and(|c| c <= 1), "policylint failed");
        };
        // Warm the page cache.
        run();
        let before = children_cpu();
        let wall = Instant::now();
        for _ in 0..runs {
            run();
        }
        let wall = wall.elapsed().as_secs_f64() / f64::from(runs);
        match (before, children_cpu()) {
            (Some(a), Some(b)) => println!(
                "{name:>26}: {:.2} ms CPU, {:.2} ms wall per run",
                (b - a) * 1e3 / f64::from(runs),
                wall * 1e3
            ),
            _ => println!("{name:>26}: {:.2} ms wall per run", wall * 1e3),
        }
    }
}
