//! Every way a `svodka` command can fail, and the one place its exit code is decided.
//!
//! Exit codes (README): 0 ok · 1 anything else (an install the Hub refused or that failed, a
//! cancelled or internal error, an output that could not be written) · 2 bad input (the
//! article, a file, an id or a name the reader gave) · 3 a model is missing, broken or damaged
//! · 4 offline: the Hub cannot be reached (import a folder instead) · 5 a batch finished, but
//! some of its articles failed (each named on standard error).

use std::process::ExitCode;

use svodka_engine::{EngineError, ErrorKind};
use svodka_hub::{ErrorKind as HubErrorKind, HubError};
use svodka_library::{LibraryError, LibraryErrorKind};
use svodka_manifest::ManifestError;

pub const EXIT_OTHER: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;
pub const EXIT_MODEL: u8 = 3;
pub const EXIT_OFFLINE: u8 = 4;
pub const EXIT_SOME_FAILED: u8 = 5;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error(transparent)]
    Hub(#[from] HubError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// Something the reader gave (a file, an argument) is not usable.
    #[error("{0}")]
    BadInput(String),
    /// A model check failed; what is wrong was printed above.
    #[error("{0}")]
    Models(String),
    #[error("{0}")]
    Other(String),
    /// A batch ran to its end, but this many of its articles failed (reported as they did).
    #[error("{0} article(s) of the batch failed; they are named above")]
    SomeFailed(usize),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Engine(e) => match e.kind() {
                ErrorKind::BadInput => EXIT_BAD_INPUT,
                ErrorKind::Model => EXIT_MODEL,
                ErrorKind::Cancelled | ErrorKind::Internal => EXIT_OTHER,
            },
            Failure::Library(e) => match e.kind() {
                LibraryErrorKind::BadInput => EXIT_BAD_INPUT,
                LibraryErrorKind::Internal => EXIT_OTHER,
            },
            Failure::Hub(e) => match e.kind() {
                HubErrorKind::BadInput => EXIT_BAD_INPUT,
                HubErrorKind::Offline => EXIT_OFFLINE,
                HubErrorKind::Install | HubErrorKind::Cancelled | HubErrorKind::Internal => {
                    EXIT_OTHER
                }
            },
            Failure::Manifest(ManifestError::UnknownModel(_)) => EXIT_BAD_INPUT,
            Failure::Manifest(ManifestError::Invalid(_)) => EXIT_OTHER,
            Failure::BadInput(_) => EXIT_BAD_INPUT,
            Failure::Models(_) => EXIT_MODEL,
            Failure::Other(_) => EXIT_OTHER,
            Failure::SomeFailed(_) => EXIT_SOME_FAILED,
        }
    }

    /// Prints the message (prefixed, like every svodka error) and gives the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("svodka: {self}");
        ExitCode::from(self.exit_code())
    }
}

pub type Result<T = (), E = Failure> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_has_its_documented_code() {
        let offline = HubError::Offline {
            host: "huggingface.co".into(),
            reason: "dns".into(),
        };
        assert_eq!(Failure::from(offline).exit_code(), EXIT_OFFLINE);
        assert_eq!(Failure::from(HubError::Cancelled).exit_code(), EXIT_OTHER);
        assert_eq!(Failure::SomeFailed(1).exit_code(), EXIT_SOME_FAILED);
        assert_eq!(
            Failure::from(EngineError::EmptyInput).exit_code(),
            EXIT_BAD_INPUT
        );
        assert_eq!(
            Failure::from(EngineError::ModelUnreadable {
                id: "x".into(),
                dir: "/m".into(),
                reason: "r".into()
            })
            .exit_code(),
            EXIT_MODEL
        );
        assert_eq!(
            Failure::from(LibraryError::NotFound(7)).exit_code(),
            EXIT_BAD_INPUT
        );
        assert_eq!(
            Failure::from(ManifestError::UnknownModel("x".into())).exit_code(),
            EXIT_BAD_INPUT
        );
        assert_eq!(Failure::Models("damaged".into()).exit_code(), EXIT_MODEL);
    }
}
