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
    #[error("{model}: {file} is not the file svodka pins ({detail}); nothing of it was kept. The Hub may have changed the repository, or a mirror serves something else")]
    Pinned {
        model: String,
        file: String,
        detail: String,
    },
    #[error("{model}: {file} has no pinned sha256 and {reason}, so it cannot be checked; pass --allow-unpinned to accept it unchecked")]
    Unpinned {
        model: String,
        file: String,
        reason: String,
    },
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

/// Coarse classes of [`HubError`], stable for callers (CLI exit codes, UI states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The folder to import lacks files: the reader can fix the folder.
    BadInput,
    /// The Hub cannot be reached at all: the reader can check the connection or import.
    Offline,
    /// The Hub answered but the model could not be installed (missing or gated file, a failed
    /// transfer, a checksum mismatch, a full disk): the model stays missing; retrying may help.
    Install,
    Cancelled,
    /// A file-system failure or a bug.
    Internal,
}

impl HubError {
    pub fn kind(&self) -> ErrorKind {
        use HubError::*;
        match self {
            ImportMissing(_) => ErrorKind::BadInput,
            Offline { .. } => ErrorKind::Offline,
            NotFound { .. }
            | Denied { .. }
            | Http { .. }
            | DiskFull { .. }
            | Checksum { .. }
            | Pinned { .. }
            | Unpinned { .. } => ErrorKind::Install,
            Cancelled => ErrorKind::Cancelled,
            Io { .. } => ErrorKind::Internal,
        }
    }

    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> HubError {
        let path = path.into();
        move |source| HubError::Io { path, source }
    }
}

pub type Result<T, E = HubError> = std::result::Result<T, E>;
