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
