//! What can go wrong while installing, each written so the reader knows what to do next.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("cannot reach the Hub at {host} ({reason}); check the connection, or import a folder you downloaded elsewhere with `svodka models import <id> <folder>`")]
    Offline { host: String, reason: String },
    #[error("{repo} has no file {path} at revision {revision} (404 from the Hub)")]
    NotFound {
        repo: String,
        path: String,
        revision: String,
    },
    #[error("the Hub refused {repo}/{path} ({status}): the repository is gated or private; accept its terms on the Hub or import the files with `svodka models import`")]
    Denied {
        repo: String,
        path: String,
        status: u16,
    },
    #[error("the Hub failed on {url}: {reason}")]
    Http { url: String, reason: String },
    #[error("not enough disk space in {dir}: {needed_mb} MB needed, {free_mb} MB free")]
    DiskFull {
        dir: PathBuf,
        needed_mb: u64,
        free_mb: u64,
    },
    #[error("{file} did not match the Hub's checksum ({detail}); the download was removed — install again to retry")]
    Checksum { file: String, detail: String },
    #[error("unknown model {0}; `svodka models list` shows the known ones")]
    UnknownModel(String),
    #[error("{0} is missing from the folder to import")]
    ImportMissing(PathBuf),
    #[error("cancelled")]
    Cancelled,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl HubError {
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> HubError {
        let path = path.into();
        move |source| HubError::Io { path, source }
    }
}

pub type Result<T, E = HubError> = std::result::Result<T, E>;
