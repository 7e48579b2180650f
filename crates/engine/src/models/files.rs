//! Reading a model's files once svodka-manifest has found them: config.json into rust-bert's
//! config type, checked, because rust-bert panics on unreadable config files and we want a message.

use svodka_manifest::ModelFiles;

use crate::error::{EngineError, Result};

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
    use svodka_analysis::Role;
    use svodka_manifest::{installed, Manifest};

    #[test]
    fn broken_config_is_an_error_not_a_panic() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::NerEn).unwrap();
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(&spec.id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.json"), "{not json").unwrap();
        std::fs::write(dir.join("model.safetensors"), b"").unwrap();
        std::fs::write(dir.join("vocab.txt"), "[PAD]\n").unwrap();
        let files = installed(root.path(), spec).unwrap();
        let e = read_config::<rust_bert::bert::BertConfig>(&files).unwrap_err();
        assert!(matches!(e, EngineError::ModelUnreadable { .. }), "{e}");
    }

    #[test]
    fn a_missing_model_is_a_model_error_naming_it() {
        let m = Manifest::builtin();
        let spec = m.for_role(Role::TranslateEnRu).unwrap();
        let root = tempfile::tempdir().unwrap();
        let e = EngineError::from(installed(root.path(), spec).unwrap_err());
        assert_eq!(e.kind(), crate::error::ErrorKind::Model);
        let msg = e.to_string();
        assert!(
            msg.starts_with("model opus-mt-en-ru (English→Russian translator) is not installed in"),
            "{msg}"
        );
        assert!(
            msg.contains("the folder does not exist; install it with"),
            "{msg}"
        );
    }
}
