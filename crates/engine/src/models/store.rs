//! Where installed models live, and checking that a model's folder holds what the manifest says
//! before rust-bert sees it (rust-bert panics on unreadable config files; we want a message).

use std::path::{Path, PathBuf};

use crate::error::{EngineError, Result};
use crate::models::manifest::ModelSpec;

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

/// Where slovnet's Russian NER packs are: `$SVODKA_SLOVNET`, else the repository's
/// third_party/slovnet that scripts/setup-slovnet.sh fills (a packaged app passes its own).
pub fn default_slovnet_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SVODKA_SLOVNET").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../third_party/slovnet"
    ))
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

/// Is the model's folder complete? Cheap: looks at files only.
pub fn is_installed(models_dir: &Path, spec: &ModelSpec) -> bool {
    locate(models_dir, spec).is_ok()
}

/// Finds the model's files, or says exactly what is missing and how to install it.
pub fn locate(models_dir: &Path, spec: &ModelSpec) -> Result<ModelFiles> {
    let dir = models_dir.join(&spec.id);
    let missing = |what: String| EngineError::ModelMissing {
        id: spec.id.clone(),
        role: spec.role.describe().to_string(),
        dir: dir.clone(),
        hint: format!("{what}; {}", install_hint(spec, &dir)),
    };
    if !dir.is_dir() {
        return Err(missing("the folder does not exist".into()));
    }
    // svodka-hub downloads into `<file>.partial` and renames when verified: a partial file means
    // an install was interrupted, and the folder is not to be trusted until it finishes.
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

pub fn install_hint(spec: &ModelSpec, dir: &Path) -> String {
    format!(
        "install it with `svodka models install {}` (about {} MB, licence {}), or download {} \
         from https://huggingface.co/{} into {}",
        spec.id,
        spec.approx_download_mb,
        spec.licence,
        spec.download.join(", "),
        spec.repo,
        dir.display()
    )
}

/// Reads config.json into rust-bert's own config type, so a broken file becomes an error here
/// instead of a panic inside rust-bert (whose `Config::from_file` unwraps).
pub fn read_config<T: serde::de::DeserializeOwned>(files: &ModelFiles) -> Result<T> {
    let unreadable = |reason: String| EngineError::ModelUnreadable {
        id: files.id.clone(),
        dir: files.dir.clone(),
        reason,
    };
    let text = std::fs::read_to_string(&files.config)
        .map_err(|e| unreadable(format!("config.json: {e}")))?;
    serde_json::from_str(&text).map_err(|e| unreadable(format!("config.json: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::manifest::{Manifest, Role};

    #[test]
    fn missing_model_names_itself_and_how_to_install() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::TranslateEnRu).unwrap();
        let tmp = std::env::temp_dir().join("svodka-store-test-missing");
        let e = locate(&tmp, spec).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("opus-mt-en-ru"), "{msg}");
        assert!(msg.contains("Helsinki-NLP/opus-mt-en-ru"), "{msg}");
        assert!(msg.contains("rust_model.ot"), "{msg}");
        assert_eq!(e.kind(), crate::error::ErrorKind::Model);
    }

    #[test]
    fn an_interrupted_install_is_not_installed() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::NerEn).unwrap();
        let root =
            std::env::temp_dir().join(format!("svodka-store-test-partial-{}", std::process::id()));
        let dir = root.join(&spec.id);
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["config.json", "model.safetensors", "vocab.txt"] {
            std::fs::write(dir.join(f), b"{}").unwrap();
        }
        assert!(locate(&root, spec).is_ok());
        std::fs::write(dir.join("model.safetensors.partial"), b"").unwrap();
        let msg = locate(&root, spec).unwrap_err().to_string();
        assert!(msg.contains("interrupted"), "{msg}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn broken_config_is_an_error_not_a_panic() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::NerEn).unwrap();
        let root =
            std::env::temp_dir().join(format!("svodka-store-test-broken-{}", std::process::id()));
        let dir = root.join(&spec.id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.json"), "{not json").unwrap();
        std::fs::write(dir.join("model.safetensors"), b"").unwrap();
        std::fs::write(dir.join("vocab.txt"), "[PAD]\n").unwrap();
        let files = locate(&root, spec).unwrap();
        let e = read_config::<rust_bert::bert::BertConfig>(&files).unwrap_err();
        assert!(matches!(e, EngineError::ModelUnreadable { .. }), "{e}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
