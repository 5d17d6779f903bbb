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

/// Commitment detection alone (issue target: well under 50 ms for the five seeds),
/// on documents parsed beforehand; the grammar is compiled once, before measuring.
fn commitments_seeds(c: &mut Criterion) {
    let docs: Vec<_> = seeds()
        .into_iter()
        .map(|(path, bytes)| {
            policylint::document::parse(
                policylint::decode::decode(&path, &bytes).expect("text"),
                None,
            )
        })
        .collect();
    let register = |doc: &policylint::document::Document| {
        let pack = policylint::pack::Pack::builtin(doc.language);
        // A fresh copy: the register is not taken from a document's analysis cache.
        let fresh = doc.clone();
        policylint::rules::commitments::register_dated_by_body(&fresh, pack, None, false, false)
            .len()
    };
    docs.iter().for_each(|d| {
        register(d);
    });
    c.bench_function(
        "commitment register, five seeds (key-action support included)",
        |b| b.iter(|| docs.iter().map(register).sum::<usize>()),
    );
}

criterion_group!(benches, check_seeds, commitments_seeds);
criterion_main!(benches);
