//! `svodka models …`: list, install from the Hub, verify, remove, import. Display only; the work is
//! svodka-hub's (downloads, store) and svodka-engine's (what the pipeline can use).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use svodka_engine::entities::slovnet;
use svodka_engine::models::model_status;
use svodka_hub::download::Downloader;
use svodka_hub::store;
use svodka_hub::{Endpoint, Options};
use svodka_manifest::{default_models_dir, Manifest, ModelSpec};

use crate::failure::{Failure, Result};

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
        /// Accept files that can be checked neither by a pinned sha256 nor by the pinned
        /// commit's git blob id (a mirror that sends neither). Files that differ from their pin
        /// are refused all the same.
        #[arg(long)]
        allow_unpinned: bool,
    },
    /// Re-check installed models' files against the checksums recorded at install.
    Verify { id: Option<String> },
    /// Delete a model's folder.
    Remove { id: String },
    /// Install a model from a folder holding its files (downloaded elsewhere).
    Import { id: String, folder: PathBuf },
}

pub fn run(action: Option<ModelsAction>, models: Option<PathBuf>) -> Result {
    let dir = models.unwrap_or_else(default_models_dir);
    let manifest = Manifest::from_env()?;
    match action.unwrap_or(ModelsAction::List { check: false }) {
        ModelsAction::List { check } => list(&manifest, &dir, check),
        ModelsAction::Install {
            ids,
            allow_unpinned,
        } => {
            let accept = store::Accept {
                unpinned: allow_unpinned,
            };
            install(&manifest, &dir, &ids, accept)
        }
        ModelsAction::Verify { id } => verify(&manifest, &dir, id),
        ModelsAction::Remove { id } => {
            let m = manifest.find(&id)?;
            if store::remove(&dir, m)? {
                println!("removed {}", m.id);
            } else {
                println!("{} was not installed", m.id);
            }
            Ok(())
        }
        ModelsAction::Import { id, folder } => {
            let m = manifest.find(&id)?;
            let state = store::import(&dir, m, &folder)?;
            println!(
                "imported {} ({} files) into {}",
                m.id,
                state.files.len(),
                dir.display()
            );
            Ok(())
        }
    }
}

fn list(manifest: &Manifest, dir: &Path, check: bool) -> Result {
    println!("Model folder: {}", dir.display());
    let status = model_status(manifest, dir, &slovnet::default_dir());
    for m in &status {
        let flag = if m.non_commercial {
            ", non-commercial"
        } else {
            ""
        };
        println!(
            "  {:<9}  {:<22} {} · {} · {} MB · {}{flag}\n             {}",
            if m.installed { "installed" } else { "missing" },
            m.id,
            m.role,
            m.languages.join("→"),
            m.size_mb,
            m.licence,
            m.detail
        );
    }
    let missing = status.iter().filter(|m| !m.installed).count();
    if check && missing > 0 {
        return Err(Failure::Models(format!(
            "{missing} of {} models are not installed",
            status.len()
        )));
    }
    Ok(())
}

fn install(manifest: &Manifest, dir: &Path, ids: &[String], accept: store::Accept) -> Result {
    // Every id is checked before anything downloads.
    let models: Vec<&ModelSpec> = ids
        .iter()
        .map(|id| manifest.find(id))
        .collect::<std::result::Result<_, _>>()?;
    let downloader = Downloader::new(Endpoint::from_env(), Options::from_env())?;
    let cancel = AtomicBool::new(false);
    for model in models {
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
        let result = store::install(&downloader, dir, model, accept, &cancel, &mut |p| {
            bar.set_length(p.total);
            bar.set_position(p.done);
        });
        bar.finish_and_clear();
        let state = result?;
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
    Ok(())
}

fn verify(manifest: &Manifest, dir: &Path, id: Option<String>) -> Result {
    let models: Vec<&ModelSpec> = match id {
        Some(id) => vec![manifest.find(&id)?],
        None => manifest
            .models
            .iter()
            .filter(|m| dir.join(&m.id).exists())
            .collect(),
    };
    let mut damaged = 0;
    for m in models {
        match store::verify(dir, m) {
            Ok(bad) if bad.is_empty() => println!("ok         {}", m.id),
            Ok(bad) => {
                damaged += 1;
                println!(
                    "damaged    {}: {} (run `svodka models install {}`)",
                    m.id,
                    bad.join(", "),
                    m.id
                );
            }
            Err(e) => {
                damaged += 1;
                println!("error      {}: {e}", m.id);
            }
        }
    }
    if damaged > 0 {
        return Err(Failure::Models(format!(
            "{damaged} model(s) damaged or unreadable; reinstall as shown above"
        )));
    }
    Ok(())
}
