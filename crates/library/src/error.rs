use thiserror::Error;

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("the library database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no saved analysis with id {0}")]
    NotFound(i64),
    #[error(
        "the library at {path} was written by a newer svodka (schema {found}, this one knows up \
         to {known}); update svodka to open it"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("cannot import: {0}")]
    BadImport(String),
    #[error("{0}")]
    BadInput(String),
}

/// Coarse classes of [`LibraryError`], stable for callers (CLI exit codes, UI states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryErrorKind {
    /// An id, a title, a tag or an import file the reader gave: they can fix it.
    BadInput,
    /// The database or the file system failed, or the library needs a newer svodka.
    Internal,
}

impl LibraryError {
    pub fn kind(&self) -> LibraryErrorKind {
        use LibraryError::*;
        match self {
            NotFound(_) | BadImport(_) | BadInput(_) => LibraryErrorKind::BadInput,
            Sqlite(_) | Io { .. } | NewerSchema { .. } => LibraryErrorKind::Internal,
        }
    }
}
