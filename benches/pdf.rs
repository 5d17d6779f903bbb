//! PDF front end benchmark: every PDF of ../shared/realworld/pdf, one core, reported
//! as pages per second (criterion's throughput in "elements" = pages). Skips with a
//! message when the shared set is absent. Target: a 100-page document in well under a
//! second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use policylint::document::load::load;

fn shared_pdfs() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/realworld/pdf");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping the PDF benchmark: {dir} not found");
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let bytes = std::fs::read(&p).expect("pdf");
            (p.to_string_lossy().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn bench_pdf(c: &mut Criterion) {
    let pdfs = shared_pdfs();
    if pdfs.is_empty() {
        return;
    }
    let pages: u64 = pdfs
        .iter()
        .map(|(p, b)| load(p, b, None).map_or(0, |d| d.pages.len() as u64))
        .sum();
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages));
    group.bench_function(format!("load the shared set ({pages} pages)"), |b| {
        b.iter(|| {
            for (path, bytes) in &pdfs {
                let doc = load(path, bytes, None);
                std::hint::black_box(doc.map(|d| d.sentences.len()).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
