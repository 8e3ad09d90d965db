//! Criterion benchmarks of the in-process kernels on a typical generated article (1,500 words,
//! 20 claims): Markdown → plain text with source map, locating all claims, parsing a sidecar,
//! and the word diff of two versions. Run: `cargo bench --bench kernels`.
// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

// Shared by several bench targets, each using part of it.
#[allow(dead_code)]
#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use factcheck::model::sidecar::Sidecar;
use factcheck::text::anchor::{Budget, Quote, locate_all_exact};
use factcheck::text::article::Article;
use factcheck::text::suggest::Threshold;
use factcheck::text::worddiff::Edit;

fn kernels(c: &mut Criterion) {
    let mut rng = corpus::Rng(7);
    let md = corpus::article(&mut rng, 1, 1500);
    let excluded = ["Reader comments".to_string()];
    c.bench_function("article parse, 1,500 words", |b| {
        b.iter(|| Article::parse(md.clone(), &excluded))
    });
    let a = Article::parse(md.clone(), &excluded);
    let side = corpus::sidecar(&mut rng, "a.md", &md, 20);
    let quotes: Vec<&Quote> = side.claims.iter().map(|c| &c.quote).collect();
    c.bench_function("locate 20 claims", |b| {
        b.iter(|| locate_all_exact(&a.text, &quotes, &Budget::for_text(&a.text)))
    });
    let yaml = side.to_yaml();
    c.bench_function("sidecar parse + validate, 20 claims", |b| {
        b.iter(|| Sidecar::parse(&yaml, Path::new("a.claims.yaml"), "a.md").unwrap())
    });
    let edited = Article::parse(md.replacen("percent", "per cent", 3), &excluded);
    c.bench_function("word diff of two versions", |b| {
        b.iter(|| Edit::between(a.text.as_str(), edited.text.as_str()))
    });
    // `claim suggest` throughput: a 100,000-word article, every sentence scored by the trained
    // model (issue #21 asks for at least 100,000 sentences per second on one core).
    let long = Article::parse(corpus::article(&mut rng, 2, 100_000), &excluded);
    let sentences = long.text.sentences().len();
    let mut group = c.benchmark_group("claim suggest");
    group.throughput(criterion::Throughput::Elements(sentences as u64));
    group.bench_function(format!("{sentences} sentences"), |b| {
        b.iter(|| factcheck::text::suggest::suggest(&long, &[], Threshold::List))
    });
    group.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
