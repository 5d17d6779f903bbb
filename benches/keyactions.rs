//! Key-action coverage benchmark: every box item of a seed scored against its body
//! (index build included), one document at a time. Target: well under 50 ms each.

use criterion::{criterion_group, criterion_main, Criterion};
use policylint::document::parse;
use policylint::pack::Pack;
use policylint::rules::key_actions::support;
use policylint::source::SourceFile;

fn bench_support(c: &mut Criterion) {
    for name in ["000_36c74a95654013fe.txt", "001_9c6f262ed3157b37.txt"] {
        let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("seed");
        let doc = parse(SourceFile::from_str(path.as_str(), &text), None);
        let pack = Pack::builtin(doc.language);
        c.bench_function(&format!("key-action support {name}"), |b| {
            b.iter(|| std::hint::black_box(support(&doc, pack).len()))
        });
    }
}

criterion_group!(benches, bench_support);
criterion_main!(benches);
