//! Parsing benchmark: all five seeds, one core. Target: well under 20 ms in release.

use criterion::{criterion_group, criterion_main, Criterion};
use policylint::document::parse;
use policylint::source::SourceFile;

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("seeds dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('0'))
        })
        .map(|p| {
            (
                p.to_string_lossy().to_string(),
                std::fs::read_to_string(&p).expect("seed"),
            )
        })
        .collect();
    out.sort();
    out
}

fn bench_parse(c: &mut Criterion) {
    let seeds = seeds();
    c.bench_function("parse all five seeds", |b| {
        b.iter(|| {
            for (path, text) in &seeds {
                let doc = parse(SourceFile::from_str(path.as_str(), text), None);
                std::hint::black_box(doc.sentences.len());
            }
        })
    });
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
