//! Benchmarks for the core: load + validate, score, save, summary.
//! Run with `cargo bench --bench core`; targets are in the README.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use pmprb::catalog;
use pmprb::draft::store::save_atomic;
use pmprb::questionnaire::load_str;
use pmprb::scoring::score;
use pmprb::synth;

fn load(c: &mut Criterion) {
    let src = catalog::embedded()
        .find(|e| e.file == "pmprb-2020.toml")
        .expect("embedded")
        .src;
    c.bench_function("load+validate pmprb-2020", |b| {
        b.iter(|| black_box(load_str(black_box(src))).questionnaire.is_some())
    });
}

fn scoring(c: &mut Criterion) {
    for n in [150usize, 10_000] {
        let q = load_str(&synth::questionnaire_toml(n))
            .questionnaire
            .expect("synthetic loads");
        let d = synth::draft(&q, 2);
        c.bench_function(&format!("score {n} questions"), |b| {
            b.iter(|| black_box(score(&q, black_box(&d.answers))))
        });
    }
    let q = catalog::find_embedded("pmprb-2020").expect("embedded");
    let d = synth::draft(&q, 1);
    c.bench_function("score pmprb-2020 full", |b| {
        b.iter(|| black_box(score(&q, &d.answers)))
    });
}

fn saving(c: &mut Criterion) {
    let q = load_str(&synth::questionnaire_toml(10_000))
        .questionnaire
        .expect("synthetic loads");
    let d = synth::draft(&q, 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    c.bench_function("serialize+atomic save 10000 answers", |b| {
        b.iter(|| save_atomic(&path, d.to_toml().as_bytes()).expect("save"))
    });
    let text = d.to_toml();
    c.bench_function("parse draft 10000 answers", |b| {
        b.iter(|| black_box(pmprb::draft::Draft::parse(&text)).is_ok())
    });
}

fn summary(c: &mut Criterion) {
    let q = catalog::find_embedded("pmprb-2020").expect("embedded");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for i in 0..1000 {
        let mut d = synth::draft(&q, 1 + i % 3);
        d.unit = format!("Unit {i}");
        let p = dir.path().join(format!("d{i}.toml"));
        std::fs::write(&p, d.to_toml()).expect("write");
        files.push(p);
    }
    let mut g = c.benchmark_group("summary");
    g.sample_size(10);
    g.bench_function("summary 1000 drafts of pmprb-2020", |b| {
        b.iter_batched(
            || files.clone(),
            |f| {
                black_box(pmprb::commands::summary_collect(pmprb::i18n::Lang::Id, &f))
                    .rows
                    .len()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, load, scoring, saving, summary);
criterion_main!(benches);
