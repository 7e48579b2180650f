//! `svodka bench`: the whole pipeline on the sample articles, timed per stage from the
//! Analysis's own timings, with the process's peak memory. Numbers go to docs/BENCHMARKS.md.

use std::path::PathBuf;
use std::time::Instant;

use svodka_analysis::{Length, Stage};
use svodka_engine::entities::slovnet::{self, Slovnet};
use svodka_engine::models::Precision;
use svodka_engine::{Engine, EngineConfig};

use crate::failure::{Failure, Result};

const ARTICLES: [(&str, &str); 2] = [
    (
        "en-article",
        include_str!("../../../samples/en-article.txt"),
    ),
    (
        "ru-article",
        include_str!("../../../samples/ru-article.txt"),
    ),
];

pub fn run(models: PathBuf, runs: usize, precision: Precision) -> Result {
    println!("models: {}", models.display());
    if precision.is_int8() {
        println!("int8: {}", Precision::int8_kernel());
    }
    let engine = Engine::start(EngineConfig {
        precision,
        ..EngineConfig::new(models)
    });
    for (name, text) in ARTICLES {
        let mut per_run: Vec<Vec<(Stage, u64)>> = Vec::new();
        for i in 0..=runs {
            match engine.analyze(text.to_string(), Length::Medium, |_| {}) {
                // Run 0 loads the models and warms the caches; it is reported separately.
                Ok(a) if i == 0 => {
                    let load = a
                        .timings
                        .iter()
                        .find(|t| t.stage == Stage::LoadModels)
                        .map_or(0, |t| t.ms);
                    println!(
                        "{name}: first run {} ms (model loading {load} ms)",
                        a.timings.iter().map(|t| t.ms).sum::<u64>()
                    );
                }
                Ok(a) => per_run.push(a.timings.iter().map(|t| (t.stage, t.ms)).collect()),
                Err(e) => return Err(Failure::Other(format!("bench: {name}: {e}"))),
            }
        }
        let stages: Vec<Stage> = per_run
            .first()
            .map(|r| r.iter().map(|(s, _)| *s).collect())
            .unwrap_or_default();
        for stage in stages {
            let mut ms: Vec<u64> = per_run
                .iter()
                .filter_map(|r| r.iter().find(|(s, _)| *s == stage).map(|(_, m)| *m))
                .collect();
            ms.sort_unstable();
            println!(
                "{name}: {:<18} median {:>6} ms  (min {}, max {}, n={})",
                format!("{stage:?}"),
                ms[ms.len() / 2],
                ms[0],
                ms[ms.len() - 1],
                ms.len()
            );
        }
        let mut totals: Vec<u64> = per_run
            .iter()
            .map(|r| r.iter().map(|(_, m)| m).sum())
            .collect();
        totals.sort_unstable();
        if let Some(median) = totals.get(totals.len() / 2) {
            println!("{name}: {:<18} median {:>6} ms", "total", median);
        }
    }
    slovnet_alone();
    if let Some(peak) = peak_rss_kib() {
        println!("peak resident memory: {} MiB", peak / 1024);
    }
    Ok(())
}

/// The bundled Russian NER on its own: loading, and tagging a long article (the Russian sample
/// repeated to 100,000 characters, half the input limit).
fn slovnet_alone() {
    let dir = slovnet::default_dir();
    let started = Instant::now();
    let slovnet = match Slovnet::load(&dir) {
        Ok(s) => s,
        Err(e) => {
            println!("slovnet: skipped ({e})");
            return;
        }
    };
    println!("slovnet: load {} ms", started.elapsed().as_millis());
    let sample = ARTICLES[1].1;
    let long: String = sample.chars().cycle().take(100_000).collect();
    for (name, text) in [("ru-article", sample), ("100k chars", long.as_str())] {
        let started = Instant::now();
        let tokens = slovnet.tag_tokens(text).len();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "slovnet: {name}: {tokens} tokens in {ms:.0} ms ({:.0} tokens/s)",
            tokens as f64 / ms * 1000.0
        );
    }
}

/// VmHWM from /proc (Linux): the process's peak resident set.
pub(crate) fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
