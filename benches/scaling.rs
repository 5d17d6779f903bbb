//! Scaling: one document of 0.3, 3 and 30 MB made of the seeds concatenated (in
//! turn, until the size is reached), loaded and linted with every default rule on
//! one thread. Prints the time and MB/s at each size: linear time shows as a flat
//! MB/s curve.
//!
//! `cargo bench --bench scaling` (all three sizes) or
//! `cargo bench --bench scaling -- 0.3 3` (chosen sizes, in MB).

use std::time::Instant;

use policylint::engine::{lint, Settings};

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect()
}

/// The seeds in turn until `bytes` is reached (whole seeds; the last may overshoot).
fn document(seeds: &[String], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 200_000);
    for s in seeds.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(s);
        out.push_str("\n\n");
    }
    out
}

/// CPU time of this thread in seconds (Linux: /proc/thread-self/schedstat, in ns);
/// the wall clock elsewhere. CPU time is what a shared, loaded machine cannot inflate.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| wall.elapsed().as_secs_f64())
}

fn main() {
    let sizes: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![0.3, 3.0, 30.0]
    } else {
        sizes
    };
    let seeds = seeds();
    let settings = Settings::default();
    println!(
        "{:>8} {:>10} {:>10} {:>9} {:>10}",
        "MB", "findings", "cpu s", "MB/s", "wall s"
    );
    for mb in sizes {
        let text = document(&seeds, (mb * 1e6) as usize);
        // Small documents: the best of several runs; big ones: one.
        let runs = if text.len() < 1_000_000 { 5 } else { 1 };
        let mut best = f64::INFINITY;
        let mut best_wall = f64::INFINITY;
        let mut findings = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let cpu = cpu_seconds(t);
            let doc = policylint::document::load::load("scaling.txt", text.as_bytes(), None)
                .expect("text");
            findings = lint(&doc, &settings).len();
            best = best.min(cpu_seconds(t) - cpu);
            best_wall = best_wall.min(t.elapsed().as_secs_f64());
        }
        let size = text.len() as f64 / 1e6;
        println!(
            "{size:>8.2} {findings:>10} {best:>10.3} {:>9.2} {best_wall:>10.3}",
            size / best
        );
    }
}
