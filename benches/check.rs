//! A full `check` over the seeds: decode, parse and lint every seed with all rules
//! (what `policylint check seeds/` does, minus printing).

use criterion::{criterion_group, criterion_main, Criterion};

use policylint::engine::{lint, Settings};

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.to_string_lossy().into_owned(),
                std::fs::read(&p).expect("readable"),
            )
        })
        .collect()
}

fn check_seeds(c: &mut Criterion) {
    let seeds = seeds();
    let settings = Settings::default();
    c.bench_function("check seeds (all rules)", |b| {
        b.iter(|| {
            let mut findings = 0;
            for (path, bytes) in &seeds {
                let source = policylint::decode::decode(path, bytes).expect("text");
                let doc = policylint::document::parse(source, None);
                findings += lint(&doc, &settings).len();
            }
            findings
        })
    });
}

criterion_group!(benches, check_seeds);
criterion_main!(benches);
