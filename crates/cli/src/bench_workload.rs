//! `svodka bench --workload NAME --input FILE`: one workload of the cross-system benchmark
//! (bench/run.py), run the way bench/hf.py and bench/ct2.py run it in transformers and
//! CTranslate2 — same inputs, same generation settings, same thread count — printing one JSON
//! line per run and a summary line. One workload per process, so peak memory and the cold start
//! (measured by the caller, from spawn to the first line) belong to it alone.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use serde_json::{json, Value};
use svodka_analysis::{Length, Role};
use svodka_engine::entities::Tagger;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_engine::translate::Translator;
use svodka_engine::{Engine, EngineConfig};
use svodka_manifest::{installed, Generation, LengthRange, Manifest};

use crate::failure::Failure;

/// Sentences per translation call, in every system.
const BATCH: usize = 8;

pub fn run(
    models: PathBuf,
    workload: &str,
    input: &Path,
    runs: usize,
    precision: Precision,
) -> Result<(), Failure> {
    run_inner(&models, workload, input, runs, precision)
        .map_err(|e| Failure::Other(format!("bench: {workload}: {e}")))
}

fn run_inner(
    models: &Path,
    workload: &str,
    input: &Path,
    runs: usize,
    precision: Precision,
) -> Result<(), String> {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?,
    )
    .map_err(|e| format!("{}: {e}", input.display()))?;
    let manifest = Manifest::builtin();
    let files = |role: Role| {
        installed(models, manifest.for_role(role).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())
    };
    let settings = |role: Role| -> Result<Generation, String> {
        manifest
            .for_role(role)
            .map_err(|e| e.to_string())?
            .generation
            .ok_or_else(|| "no generation settings".to_string())
    };
    let str_of = |key: &str| -> Result<String, String> {
        spec[key]
            .as_str()
            .map(str::to_string)
            .ok_or(format!("{key} missing from the workload file"))
    };
    let int_of = |key: &str| spec[key].as_i64().ok_or(format!("{key} missing"));

    // The English summary's sentences of the last analyze run: what bench/floor.py needs to
    // know how much translation and tagging the whole analyze did.
    let summary_sentences: Rc<RefCell<Vec<String>>> = Rc::default();
    // Each workload: load (timed), then `runs + 1` runs (the first is the warm-up and ends the
    // cold start), each returning the number of tokens generated.
    let started = Instant::now();
    let mut job: Box<dyn FnMut() -> Result<usize, String>> = match workload {
        "summarise-greedy" | "summarise-beam4" => {
            let mut g = settings(Role::SummariseEn)?;
            g.num_beams = if workload == "summarise-greedy" { 1 } else { 4 };
            let length = int_of("summary_tokens")?;
            let model = Summariser::load(&files(Role::SummariseEn)?, g, precision)
                .map_err(|e| e.to_string())?;
            let text = str_of("summarise_text")?;
            Box::new(move || {
                let range = LengthRange {
                    min_length: length,
                    max_length: length,
                };
                let out = model
                    .summarise_chunks(&[text.as_str()], range)
                    .map_err(|e| e.to_string())?;
                Ok(out.iter().map(|g| g.ids.len() - 1).sum())
            })
        }
        "translate-en-ru" | "translate-ru-en" => {
            let (role, key) = if workload == "translate-en-ru" {
                (Role::TranslateEnRu, "sentences_en")
            } else {
                (Role::TranslateRuEn, "sentences_ru")
            };
            let cap = int_of("translation_tokens")?;
            let g = Generation {
                num_beams: 1,
                min_length: cap,
                max_length: cap,
                ..settings(role)?
            };
            let model = Translator::load(&files(role)?, g, precision).map_err(|e| e.to_string())?;
            let sentences: Vec<String> = spec[key]
                .as_array()
                .ok_or(format!("{key} missing"))?
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect();
            Box::new(move || {
                let mut tokens = 0;
                for batch in sentences.chunks(BATCH) {
                    let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
                    let out = model
                        .translate_batch_with(&refs, &g)
                        .map_err(|e| e.to_string())?;
                    tokens += out.iter().map(|g| g.ids.len() - 1).sum::<usize>();
                }
                Ok(tokens)
            })
        }
        "ner" => {
            let model = Tagger::load(&files(Role::NerEn)?, precision).map_err(|e| e.to_string())?;
            let text = str_of("article")?;
            Box::new(move || {
                model.tag(&[text.as_str()]);
                Ok(0)
            })
        }
        "analyze" => {
            let engine = Engine::start(EngineConfig {
                precision,
                ..EngineConfig::new(models.to_path_buf())
            });
            let text = str_of("article")?;
            let shapes = summary_sentences.clone();
            Box::new(move || {
                let analysis = engine
                    .analyze(text.clone(), Length::Medium, |_| {})
                    .map_err(|e| e.to_string())?;
                *shapes.borrow_mut() = analysis
                    .summaries
                    .en
                    .document()
                    .map(|d| {
                        d.sentences
                            .iter()
                            .map(|s| s.slice(&d.text).to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(0)
            })
        }
        other => return Err(format!("unknown workload {other}")),
    };
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Peak memory after loading, before any run: tells loading's share of the peak from the runs'.
    let load_peak_rss_mib = crate::bench::peak_rss_kib().map(|k| k / 1024);
    let mut times = Vec::new();
    let mut tokens = 0;
    for i in 0..=runs {
        let t = Instant::now();
        tokens = job()?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!("{}", json!({"run": i, "ms": ms, "tokens": tokens}));
        if i > 0 {
            times.push(ms);
        }
    }
    if !summary_sentences.borrow().is_empty() {
        println!(
            "{}",
            json!({"summary_sentences": *summary_sentences.borrow()})
        );
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "{}",
        json!({
            "system": if precision.is_int8() { "svodka-int8" } else { "svodka" },
            "int8_kernel": precision.is_int8().then(Precision::int8_kernel),
            "workload": workload,
            "load_ms": load_ms,
            "median_ms": median,
            "runs_ms": times,
            "generated_tokens": tokens,
            "threads": tch::get_num_threads(),
            "peak_rss_mib": crate::bench::peak_rss_kib().map(|k| k / 1024),
            "load_peak_rss_mib": load_peak_rss_mib,
        })
    );
    Ok(())
}
