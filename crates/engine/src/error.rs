use std::path::PathBuf;

/// Everything the engine can refuse or fail at. Each variant's message is written for the person
/// who pasted the article; callers map [`EngineError::kind`] to exit codes or UI states.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("the input is empty")]
    EmptyInput,
    #[error("the input does not look like text (it contains binary data)")]
    BinaryInput,
    #[error("the input is too long: {chars} characters, the limit is {limit}")]
    InputTooLarge { chars: usize, limit: usize },
    #[error("unsupported language: {0} (svodka reads English and Russian)")]
    UnsupportedLanguage(String),
    #[error("could not tell which language the text is in; paste a longer passage")]
    UndetectedLanguage,
    #[error("model {id} ({role}) is not installed in {dir}: {hint}")]
    ModelMissing {
        id: String,
        role: String,
        dir: PathBuf,
        hint: String,
    },
    #[error("model {id} in {dir} could not be loaded: {reason}")]
    ModelUnreadable {
        id: String,
        dir: PathBuf,
        reason: String,
    },
    #[error("the model manifest is invalid: {0}")]
    Manifest(String),
    #[error("cannot compare: {0}")]
    CannotCompare(String),
    #[error("cancelled")]
    Cancelled,
    #[error("inference failed: {0}")]
    Inference(String),
    #[error("the engine worker has stopped")]
    WorkerGone,
}

/// Coarse classes of [`EngineError`], stable for callers (CLI exit codes, UI states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something about the pasted text: the user can fix it.
    BadInput,
    /// A model is missing or broken: the user can install or repair it.
    Model,
    Cancelled,
    /// A bug or an environment failure.
    Internal,
}

impl EngineError {
    pub fn kind(&self) -> ErrorKind {
        use EngineError::*;
        match self {
            EmptyInput
            | BinaryInput
            | InputTooLarge { .. }
            | UnsupportedLanguage(_)
            | UndetectedLanguage
            | CannotCompare(_) => ErrorKind::BadInput,
            ModelMissing { .. } | ModelUnreadable { .. } => ErrorKind::Model,
            Cancelled => ErrorKind::Cancelled,
            Manifest(_) | Inference(_) | WorkerGone => ErrorKind::Internal,
        }
    }
}

impl From<rust_bert::RustBertError> for EngineError {
    fn from(e: rust_bert::RustBertError) -> Self {
        EngineError::Inference(e.to_string())
    }
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

impl From<svodka_manifest::NotInstalled> for EngineError {
    fn from(e: svodka_manifest::NotInstalled) -> Self {
        EngineError::ModelMissing {
            id: e.id,
            role: e.role.describe().to_string(),
            dir: e.dir,
            hint: format!("{}; {}", e.what, e.hint),
        }
    }
}

impl From<svodka_manifest::ManifestError> for EngineError {
    fn from(e: svodka_manifest::ManifestError) -> Self {
        EngineError::Manifest(e.to_string())
    }
}
