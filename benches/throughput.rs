//! Throughput: the whole `policylint check --format json` process on one thread over
//! a corpus of the seeds repeated (default 30 MB), side by side with a floor program
//! that only reads the same files and splits them into lines and words, in one run.
//! Prints MB/s for both and their ratio.
//!
//! `cargo bench --bench throughput` (30 MB) or `cargo bench --bench throughput -- 3`
//! (the corpus size in MB).

use std::path::{Path, PathBuf};
mod common;

use common::children_cpu;
use std::process::Command;
use std::time::Instant;

/// Copies of the seed files (`seeds/*.txt`) in `dir` until `bytes` is reached.
fn corpus(dir: &Path, bytes: usize) -> usize {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("corpus dir");
    let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut total = 0;
    for copy in 0.. {
        if total >= bytes {
            break;
        }
        for f in &files {
            let name = format!("c{copy}_{}", f.file_name().unwrap().to_string_lossy());
            total += std::fs::copy(f, dir.join(name)).expect("copy") as usize;
        }
    }
    total
}

/// The floor: read each file, split it into lines and words, count them.
fn floor(dir: &Path) -> usize {
    let mut words = 0;
    for e in std::fs::read_dir(dir).expect("corpus") {
        let text = std::fs::read_to_string(e.expect("entry").path()).expect("utf-8");
        for line in text.lines() {
            words += line.split_whitespace().count();
        }
    }
    words
}

fn main() {
    let mb: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30.0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("throughput-corpus");
    let bytes = corpus(&dir, (mb * 1e6) as usize) as f64 / 1e6;

    let mut best_floor = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(floor(&dir));
        best_floor = best_floor.min(t.elapsed().as_secs_f64());
    }

    let exe = env!("CARGO_BIN_EXE_policylint");
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let before = children_cpu();
        let wall = Instant::now();
        let out = Command::new(exe)
            .args(["check", "--format", "json", "--exit-zero"])
            .arg(&dir)
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .expect("run policylint");
        assert!(out.status.success(), "policylint failed");
        let seconds = match (before, children_cpu()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall.elapsed().as_secs_f64(),
        };
        best = best.min(seconds);
    }
    println!("corpus: {bytes:.1} MB of repeated seeds, one thread");
    println!(
        "floor (read + lines + words): {best_floor:.3} s, {:.1} MB/s",
        bytes / best_floor
    );
    println!(
        "policylint check --format json: {best:.3} s CPU, {:.2} MB/s",
        bytes / best
    );
    println!("ratio policylint / floor: {:.0}x", best / best_floor);
}
