//! `svodka models …`: list, install from the Hub, verify, remove, import. Display only; the work is
//! svodka-hub's (downloads, store) and svodka-engine's (what the pipeline can use).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use svodka_engine::models::{model_status, store};
use svodka_engine::Manifest;
use svodka_hub::download::Downloader;
use svodka_hub::store as hub_store;
use svodka_hub::{Endpoint, HubModel, Options};

use crate::{EXIT_MODEL, EXIT_OTHER};

#[derive(Subcommand)]
pub enum ModelsAction {
    /// Every model, whether it is installed, its size and licence.
    List {
        /// Exit with 3 unless every model is installed.
        #[arg(long)]
        check: bool,
    },
    /// Download models from the Hugging Face Hub ($HF_ENDPOINT overrides the host); an
    /// interrupted download resumes where it stopped.
    Install {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Re-check installed models' files against the checksums recorded at install.
    Verify { id: Option<String> },
    /// Delete a model's folder.
    Remove { id: String },
    /// Install a model from a folder holding its files (downloaded elsewhere).
    Import { id: String, folder: PathBuf },
}

pub fn run(action: Option<ModelsAction>, models: Option<PathBuf>) -> ExitCode {
    let dir = models.unwrap_or_else(store::default_models_dir);
    match action.unwrap_or(ModelsAction::List { check: false }) {
        ModelsAction::List { check } => list(&dir, check),
        ModelsAction::Install { ids } => install(&dir, &ids),
        ModelsAction::Verify { id } => verify(&dir, id),
        ModelsAction::Remove { id } => with_model(&id, |m| match hub_store::remove(&dir, m) {
            Ok(true) => {
                println!("removed {}", m.id);
                Ok(())
            }
            Ok(false) => {
                println!("{} was not installed", m.id);
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }),
        ModelsAction::Import { id, folder } => with_model(&id, |m| {
            hub_store::import(&dir, m, &folder)
                .map(|s| {
                    println!(
                        "imported {} ({} files) into {}",
                        m.id,
                        s.files.len(),
                        dir.display()
                    )
                })
                .map_err(|e| e.to_string())
        }),
    }
}

fn with_model(id: &str, f: impl FnOnce(&HubModel) -> Result<(), String>) -> ExitCode {
    let result = HubModel::find(id)
        .map_err(|e| e.to_string())
        .and_then(|m| f(&m));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("svodka: {e}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

fn list(dir: &Path, check: bool) -> ExitCode {
    println!("Model folder: {}", dir.display());
    let status = model_status(&Manifest::builtin(), dir, &store::default_slovnet_dir());
    let hub: Vec<HubModel> = HubModel::builtin();
    for m in &status {
        let about = hub
            .iter()
            .find(|h| h.id == m.id)
            .map(|h| {
                let flag = if h.non_commercial() {
                    ", non-commercial"
                } else {
                    ""
                };
                format!(
                    " · {} · {} MB · {}{flag}",
                    h.languages.join("→"),
                    h.approx_download_mb,
                    h.licence
                )
            })
            .unwrap_or_default();
        if m.installed {
            println!(
                "  installed  {:<22} {}{about}\n             {}",
                m.id, m.role, m.detail
            );
        } else {
            println!(
                "  missing    {:<22} {}{about}\n             {}",
                m.id, m.role, m.detail
            );
        }
    }
    if check && !status.iter().all(|m| m.installed) {
        return ExitCode::from(EXIT_MODEL);
    }
    ExitCode::SUCCESS
}

fn install(dir: &Path, ids: &[String]) -> ExitCode {
    let endpoint = Endpoint::from_env();
    let downloader = match Downloader::new(endpoint.clone(), Options::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("svodka: {e}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
    let cancel = AtomicBool::new(false);
    for id in ids {
        let model = match HubModel::find(id) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("svodka: {e}");
                return ExitCode::from(EXIT_OTHER);
            }
        };
        if model.non_commercial() {
            eprintln!(
                "note: {} is licensed {} (non-commercial use only)",
                model.id, model.licence
            );
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:22} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_message(model.id.clone());
        bar.enable_steady_tick(Duration::from_millis(200));
        let result = hub_store::install(&downloader, dir, &model, &cancel, &mut |p| {
            bar.set_length(p.total);
            bar.set_position(p.done);
        });
        bar.finish_and_clear();
        match result {
            Ok(state) => {
                let bytes: u64 = state.files.values().map(|f| f.size).sum();
                println!(
                    "installed {} ({} files, {:.1} MB, licence {}) in {}",
                    model.id,
                    state.files.len(),
                    bytes as f64 / 1e6,
                    model.licence,
                    dir.join(&model.id).display()
                );
            }
            Err(e) => {
                eprintln!("svodka: installing {}: {e}", model.id);
                return ExitCode::from(EXIT_OTHER);
            }
        }
    }
    ExitCode::SUCCESS
}

fn verify(dir: &Path, id: Option<String>) -> ExitCode {
    let models: Vec<HubModel> = match id {
        Some(id) => match HubModel::find(&id) {
            Ok(m) => vec![m],
            Err(e) => {
                eprintln!("svodka: {e}");
                return ExitCode::from(EXIT_OTHER);
            }
        },
        None => HubModel::builtin()
            .into_iter()
            .filter(|m| dir.join(&m.id).exists())
            .collect(),
    };
    let mut all_ok = true;
    for m in &models {
        match hub_store::verify(dir, m) {
            Ok(bad) if bad.is_empty() => println!("ok         {}", m.id),
            Ok(bad) => {
                all_ok = false;
                println!(
                    "damaged    {}: {} (run `svodka models install {}`)",
                    m.id,
                    bad.join(", "),
                    m.id
                );
            }
            Err(e) => {
                all_ok = false;
                println!("error      {}: {e}", m.id);
            }
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_MODEL)
    }
}
