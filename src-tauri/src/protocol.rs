//! What crosses the IPC boundary besides the engine's own `Analysis`: command arguments, progress
//! messages and errors. TypeScript declarations for all of them are generated (ts-rs) into
//! ui/src/bindings/, and tests/bindings.rs fails when those files are out of date.

use serde::{Deserialize, Serialize};
use svodka_analysis::{Analysis, Length, Stage};
use svodka_engine::{EngineError, ErrorKind};
use svodka_hub::{ErrorKind as HubErrorKind, HubError};
use svodka_library::{EntityFacet, EntryMeta, LibraryError, LibraryErrorKind, TagFacet};
use svodka_manifest::ManifestError;
use ts_rs::TS;

/// `analyze`'s arguments.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AnalyzeRequest {
    /// The article as pasted (plain text or HTML).
    pub text: String,
    pub length: Length,
}

/// One progress message on the channel passed to `analyze`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProgressEvent {
    pub stage: Stage,
    /// 0..=1 within the stage.
    pub fraction: f32,
    /// A label a person can read ("summarising").
    pub label: String,
}

/// `library_save`'s arguments: a new entry, or (with `id`) new title, tags, note and analysis
/// for a saved one.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveRequest {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub meta: EntryMeta,
    pub analysis: Analysis,
}

/// `apply_picks`'s arguments.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PicksRequest {
    pub analysis: Analysis,
    /// The translated summary's new sentences, in order.
    pub sentences: Vec<String>,
    /// Recorded in the analysis's notes: where the sentences came from.
    pub note: String,
}

/// What the Library panel's filters offer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Facets {
    pub tags: Vec<TagFacet>,
    pub entities: Vec<EntityFacet>,
}

impl From<svodka_engine::Progress> for ProgressEvent {
    fn from(p: svodka_engine::Progress) -> Self {
        ProgressEvent {
            stage: p.stage,
            fraction: p.fraction,
            label: p.stage.describe().to_string(),
        }
    }
}

/// One progress message on the channel passed to `install_model`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InstallEvent {
    /// The file being downloaded.
    pub file: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
    /// Bytes per second.
    pub rate: f64,
}

/// Why a command failed: a class the UI can act on, and a message written for the reader.
#[derive(Debug, Clone, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: CommandErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CommandErrorKind {
    /// Something about the pasted text (empty, too long, not English or Russian).
    BadInput,
    /// A model is installed but broken, or missing where the route needs it.
    Model,
    /// The reader cancelled.
    Cancelled,
    /// Another analysis (or an install of the same model) is running.
    Busy,
    /// The Hub cannot be reached (installs).
    Offline,
    /// A bug or an environment failure.
    Internal,
}

impl CommandError {
    pub fn internal(message: String) -> CommandError {
        CommandError {
            kind: CommandErrorKind::Internal,
            message,
        }
    }
}

impl From<LibraryError> for CommandError {
    fn from(e: LibraryError) -> Self {
        let kind = match e.kind() {
            LibraryErrorKind::BadInput => CommandErrorKind::BadInput,
            LibraryErrorKind::Internal => CommandErrorKind::Internal,
        };
        CommandError {
            kind,
            message: e.to_string(),
        }
    }
}

impl From<HubError> for CommandError {
    fn from(e: HubError) -> Self {
        let kind = match e.kind() {
            HubErrorKind::BadInput => CommandErrorKind::BadInput,
            HubErrorKind::Offline => CommandErrorKind::Offline,
            HubErrorKind::Install => CommandErrorKind::Model,
            HubErrorKind::Cancelled => CommandErrorKind::Cancelled,
            HubErrorKind::Internal => CommandErrorKind::Internal,
        };
        CommandError {
            kind,
            message: e.to_string(),
        }
    }
}

impl From<ManifestError> for CommandError {
    fn from(e: ManifestError) -> Self {
        let kind = match e {
            ManifestError::UnknownModel(_) => CommandErrorKind::BadInput,
            ManifestError::Invalid(_) => CommandErrorKind::Internal,
        };
        CommandError {
            kind,
            message: e.to_string(),
        }
    }
}

impl From<EngineError> for CommandError {
    fn from(e: EngineError) -> Self {
        let kind = match e.kind() {
            ErrorKind::BadInput => CommandErrorKind::BadInput,
            ErrorKind::Model => CommandErrorKind::Model,
            ErrorKind::Cancelled => CommandErrorKind::Cancelled,
            ErrorKind::Internal => CommandErrorKind::Internal,
        };
        CommandError {
            kind,
            message: e.to_string(),
        }
    }
}
