//! `svodka`: the command line over svodka-engine. Parsing, progress display and rendering only;
//! all logic lives in the engine.

mod batch;
mod bench;
mod bench_workload;
mod failure;
mod library;
mod models;
mod render;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use svodka_analysis::Length;
use svodka_engine::models::Precision;
use svodka_engine::prepare::decode_input;
use svodka_engine::{Engine, EngineConfig};
use svodka_manifest::{default_models_dir, Manifest};

use crate::failure::{Failure, Result};

#[derive(Parser)]
#[command(
    name = "svodka",
    version,
    about = "Summarise an English or Russian news article in both languages"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Summarise an article: English and Russian summaries side by side, with entities.
    Analyze {
        /// The article (plain text or HTML); `-` or nothing reads standard input. Several
        /// files are a batch: one JSON line per article, `{"id": FILE, "analysis": …}`.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// A batch from standard input, JSON Lines: `{"id": …, "text": …}` per line, one
        /// `{"id": …, "analysis": …}` line out per article as it finishes (models load once).
        #[arg(long, conflicts_with = "files")]
        jsonl: bool,
        /// In a batch, skip the ids whose results FILE already holds (resume by appending to it).
        #[arg(long, value_name = "FILE")]
        skip_done: Option<PathBuf>,
        /// Summary length.
        #[arg(long, value_enum, default_value_t = LengthArg::Medium)]
        length: LengthArg,
        /// Print the full Analysis as JSON instead of the side-by-side view.
        #[arg(long)]
        json: bool,
        /// Model folder [default: $SVODKA_MODELS or ~/.local/share/svodka/models].
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Also save the analysis to the library.
        #[arg(long)]
        save: bool,
        /// Title for --save [default: the summary's first sentence].
        #[arg(long, requires = "save")]
        title: Option<String>,
        /// Tags for --save, comma-separated.
        #[arg(long, value_delimiter = ',', requires = "save")]
        tags: Vec<String>,
        /// Library file [default: $SVODKA_LIBRARY or ~/.local/share/svodka/library.sqlite3].
        #[arg(long, value_name = "FILE")]
        library: Option<PathBuf>,
        #[command(flatten)]
        precision: PrecisionArg,
    },
    /// Saved analyses: list, search (English and Russian, any inflection), show, export, import,
    /// delete, restore.
    Library {
        #[command(subcommand)]
        action: library::LibraryAction,
        /// Library file [default: $SVODKA_LIBRARY or ~/.local/share/svodka/library.sqlite3].
        #[arg(long, value_name = "FILE", global = true)]
        library: Option<PathBuf>,
    },
    /// The models: list (default), install, verify, remove, import.
    Models {
        #[command(subcommand)]
        action: Option<models::ModelsAction>,
        /// Model folder [default: $SVODKA_MODELS or ~/.local/share/svodka/models].
        #[arg(long, value_name = "DIR", global = true)]
        models: Option<PathBuf>,
    },
    /// Time the pipeline on the sample articles (see docs/BENCHMARKS.md).
    Bench {
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
        /// Runs per article (after one warm-up run).
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// One workload of the cross-system benchmark (bench/run.py) instead: summarise-greedy,
        /// summarise-beam4, translate-en-ru, translate-ru-en, ner, analyze.
        #[arg(long, requires = "input")]
        workload: Option<String>,
        /// The workload file written by bench/workloads.py.
        #[arg(long)]
        input: Option<PathBuf>,
        #[command(flatten)]
        precision: PrecisionArg,
    },
}

#[derive(clap::Args)]
struct PrecisionArg {
    /// Number format of the transformer models: int8 (several times faster, less memory,
    /// slightly different wording; docs/BENCHMARKS.md) or f32 (transformers' exact results).
    #[arg(long, default_value_t = Precision::FOR_READERS, value_parser = |s: &str| s.parse::<Precision>())]
    precision: Precision,
}

#[derive(Clone, Copy, ValueEnum)]
enum LengthArg {
    Short,
    Medium,
    Long,
}

impl From<LengthArg> for Length {
    fn from(l: LengthArg) -> Length {
        match l {
            LengthArg::Short => Length::Short,
            LengthArg::Medium => Length::Medium,
            LengthArg::Long => Length::Long,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // Engine panics are caught and reported as one-line errors; the default hook would also
    // print libtorch's C++ backtrace. Keep it for RUST_BACKTRACE users only.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| tracing::debug!("panic: {info}")));
    }
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn run(command: Command) -> Result {
    match command {
        Command::Analyze {
            files,
            jsonl,
            skip_done,
            length,
            json,
            models,
            save,
            title,
            tags,
            library,
            precision,
        } => {
            let engine = || -> Result<Engine> {
                Ok(Engine::start(EngineConfig {
                    precision: precision.precision,
                    manifest: Manifest::from_env()?,
                    ..EngineConfig::new(models.clone().unwrap_or_else(default_models_dir))
                }))
            };
            if jsonl || files.len() > 1 {
                if save {
                    return Err(Failure::BadInput(
                        "--save takes one article; save batch results with `svodka library \
                         import`"
                            .into(),
                    ));
                }
                let source = match jsonl {
                    true => batch::Source::JsonLines,
                    false => batch::Source::Files(files),
                };
                return run_batch(&engine()?, source, length.into(), skip_done);
            }
            if skip_done.is_some() {
                return Err(Failure::BadInput(
                    "--skip-done is for batches (several files or --jsonl)".into(),
                ));
            }
            let save = save.then(|| SaveTo {
                path: library.unwrap_or_else(svodka_library::default_library_path),
                title,
                tags,
            });
            let text = decode_input(&read_input(files.into_iter().next())?)?;
            analyze(&engine()?, text, length.into(), json, save)
        }
        Command::Library { action, library } => library::run(
            action,
            &library.unwrap_or_else(svodka_library::default_library_path),
        ),
        Command::Models { action, models } => models::run(action, models),
        Command::Bench {
            models,
            runs,
            workload,
            input,
            precision,
        } => {
            let models = models.unwrap_or_else(default_models_dir);
            match (workload, input) {
                (Some(w), Some(i)) => {
                    bench_workload::run(models, &w, &i, runs, precision.precision)
                }
                _ => bench::run(models, runs, precision.precision),
            }
        }
    }
}

fn read_input(file: Option<PathBuf>) -> Result<Vec<u8>> {
    match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(&path)
            .map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", path.display()))),
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(Failure::BadInput(
                    "no input: give a FILE, or pipe the article into `svodka analyze -`".into(),
                ));
            }
            let mut buf = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::BadInput(format!("cannot read standard input: {e}")))?;
            Ok(buf)
        }
    }
}

/// Where and how `analyze --save` stores its result.
struct SaveTo {
    path: PathBuf,
    title: Option<String>,
    tags: Vec<String>,
}

fn run_batch(
    engine: &Engine,
    source: batch::Source,
    length: Length,
    skip_done: Option<PathBuf>,
) -> Result {
    let skip = match &skip_done {
        Some(path) => batch::done_ids(path)?,
        None => Default::default(),
    };
    let tally = batch::run(
        engine,
        source,
        length,
        &skip,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
    )?;
    eprintln!(
        "svodka: {} analysed, {} failed, {} already done",
        tally.analysed, tally.failed, tally.skipped
    );
    if tally.failed > 0 {
        return Err(Failure::SomeFailed(tally.failed));
    }
    Ok(())
}

fn analyze(
    engine: &Engine,
    text: String,
    length: Length,
    json: bool,
    save: Option<SaveTo>,
) -> Result {
    let bar = progress_bar();
    let shown = bar.clone();
    let result = engine.analyze(text, length, move |p| {
        shown.set_message(p.stage.describe());
        shown.set_position((p.fraction * 100.0) as u64);
    });
    bar.finish_and_clear();
    let analysis = result?;
    if json {
        let text = serde_json::to_string_pretty(&analysis)
            .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        print!(
            "{}",
            render::side_by_side(&analysis, render::terminal_width())
        );
    }
    if let Some(to) = save {
        library::save(&to.path, analysis, to.title, to.tags)
            .map_err(|e| Failure::Other(format!("the analysis was not saved: {e}")))?;
    }
    Ok(())
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(100), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:40} [{bar:30}] {pos:>3}%")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}
