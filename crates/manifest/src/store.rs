//! The model store on disk and the one definition of an installed model.
//!
//! `<store>/<id>/` holds a model's files; svodka-hub also writes `svodka-install.json` there,
//! last, recording each file's size and sha256. Downloads in progress sit next to their targets
//! as `<name>.partial`. A model folder filled by hand (no state file) is fine too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use svodka_analysis::Role;

use crate::ModelSpec;

pub const STATE_FILE: &str = "svodka-install.json";

/// The default model store: `$SVODKA_MODELS`, else the OS data dir (`~/.local/share/svodka/models`).
pub fn default_models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SVODKA_MODELS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("svodka")
        .join("models")
}

/// What an install recorded about each file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileState {
    pub size: u64,
    pub sha256: String,
}

/// `svodka-install.json`: written by svodka-hub when every file is in place and checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstallState {
    pub id: String,
    pub repo: String,
    pub revision: String,
    /// The commit the Hub said it served (installs before format 2 recorded none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// "hub" or "import".
    pub source: String,
    pub files: BTreeMap<String, FileState>,
}

impl InstallState {
    pub fn read(dir: &Path) -> Option<InstallState> {
        let text = std::fs::read_to_string(dir.join(STATE_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// The files of one installed model, all checked to exist.
#[derive(Debug, Clone)]
pub struct ModelFiles {
    pub id: String,
    pub dir: PathBuf,
    pub config: PathBuf,
    pub weights: PathBuf,
    /// In the order of the manifest's `tokenizer` list.
    pub tokenizer: Vec<PathBuf>,
}

/// Why a model is not usable from the store, and how to install it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("model {id} ({role}) is not installed in {}: {what}; {hint}", dir.display())]
pub struct NotInstalled {
    pub id: String,
    pub role: Role,
    pub dir: PathBuf,
    /// What is missing or wrong ("config.json is missing").
    pub what: String,
    /// How to install it ([`install_hint`]).
    pub hint: String,
}

/// Installed means: the folder holds config.json, one of the accepted weight files and every
/// tokenizer file; no download of it is half done (`.partial`); and, where svodka installed it,
/// every file it recorded still has its recorded size. Cheap: looks at file metadata only
/// (`svodka models verify` re-hashes).
pub fn installed(models_dir: &Path, spec: &ModelSpec) -> Result<ModelFiles, NotInstalled> {
    let dir = models_dir.join(&spec.id);
    let missing = |what: String| NotInstalled {
        id: spec.id.clone(),
        role: spec.role,
        dir: dir.clone(),
        what,
        hint: install_hint(spec, &dir),
    };
    if !dir.is_dir() {
        return Err(missing("the folder does not exist".into()));
    }
    let interrupted = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        })
        .unwrap_or(false);
    if interrupted {
        return Err(missing(
            "an install was interrupted (a .partial file is there); installing again resumes it"
                .into(),
        ));
    }
    if let Some(state) = InstallState::read(&dir) {
        for (name, file) in &state.files {
            let size = std::fs::metadata(dir.join(name)).map(|m| m.len()).ok();
            if size != Some(file.size) {
                return Err(missing(format!(
                    "{name} changed or disappeared since it was installed; installing again \
                     repairs it"
                )));
            }
        }
    }
    let config = dir.join("config.json");
    if !config.is_file() {
        return Err(missing("config.json is missing".into()));
    }
    let weights = spec
        .weights
        .iter()
        .map(|w| dir.join(w))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            missing(format!(
                "no weights file (one of {})",
                spec.weights.join(", ")
            ))
        })?;
    let mut tokenizer = Vec::new();
    for f in &spec.tokenizer {
        let p = dir.join(f);
        if !p.is_file() {
            return Err(missing(format!("{f} is missing")));
        }
        tokenizer.push(p);
    }
    Ok(ModelFiles {
        id: spec.id.clone(),
        dir,
        config,
        weights,
        tokenizer,
    })
}

/// How to install `spec` into `dir`, with the CLI or by hand.
pub fn install_hint(spec: &ModelSpec, dir: &Path) -> String {
    format!(
        "install it with `svodka models install {}` ({} MB, licence {}), or download {} \
         from https://huggingface.co/{}/tree/{} into {} and `svodka models import` it",
        spec.id,
        spec.download_mb(),
        spec.licence,
        spec.download().collect::<Vec<_>>().join(", "),
        spec.repo,
        spec.revision,
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Manifest;

    fn ner() -> ModelSpec {
        Manifest::builtin().for_role(Role::NerEn).unwrap().clone()
    }

    fn complete(root: &Path, spec: &ModelSpec) -> PathBuf {
        let dir = root.join(&spec.id);
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["config.json", "model.safetensors", "vocab.txt"] {
            std::fs::write(dir.join(f), b"{}").unwrap();
        }
        dir
    }

    #[test]
    fn a_missing_model_names_itself_and_how_to_install() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::TranslateEnRu).unwrap();
        let root = tempfile::tempdir().unwrap();
        let msg = installed(root.path(), spec).unwrap_err().to_string();
        assert!(msg.contains("opus-mt-en-ru"), "{msg}");
        assert!(msg.contains("the folder does not exist"), "{msg}");
        assert!(msg.contains("Helsinki-NLP/opus-mt-en-ru"), "{msg}");
        assert!(msg.contains("model.safetensors"), "{msg}");
        // The size is the pinned files' sum; the link is the pinned commit's tree.
        assert!(msg.contains("(312 MB"), "{msg}");
        assert!(msg.contains(&format!("tree/{}", spec.revision)), "{msg}");
    }

    #[test]
    fn a_folder_filled_by_hand_is_installed() {
        let root = tempfile::tempdir().unwrap();
        let dir = complete(root.path(), &ner());
        let files = installed(root.path(), &ner()).unwrap();
        assert_eq!(files.weights, dir.join("model.safetensors"));
        std::fs::remove_file(dir.join("vocab.txt")).unwrap();
        let e = installed(root.path(), &ner()).unwrap_err();
        assert_eq!(e.what, "vocab.txt is missing");
    }

    #[test]
    fn an_interrupted_install_is_not_installed() {
        let root = tempfile::tempdir().unwrap();
        let dir = complete(root.path(), &ner());
        std::fs::write(dir.join("model.safetensors.partial"), b"").unwrap();
        let msg = installed(root.path(), &ner()).unwrap_err().to_string();
        assert!(msg.contains("interrupted"), "{msg}");
    }

    #[test]
    fn a_recorded_file_of_another_size_is_not_installed() {
        let root = tempfile::tempdir().unwrap();
        let dir = complete(root.path(), &ner());
        let state = InstallState {
            id: "bert-base-NER".into(),
            repo: "dslim/bert-base-NER".into(),
            revision: "main".into(),
            commit: None,
            source: "hub".into(),
            files: [(
                "model.safetensors".to_string(),
                FileState {
                    size: 2,
                    sha256: "x".into(),
                },
            )]
            .into(),
        };
        std::fs::write(dir.join(STATE_FILE), serde_json::to_string(&state).unwrap()).unwrap();
        assert!(installed(root.path(), &ner()).is_ok());
        std::fs::write(dir.join("model.safetensors"), b"{}{}").unwrap();
        let e = installed(root.path(), &ner()).unwrap_err();
        assert!(e.what.contains("model.safetensors changed"), "{}", e.what);
    }
}
