//! Holding what the Hub serves to what the manifest pins: the commit it says it served, each
//! file's size, and each file's content — by the pinned sha256 where the manifest has one (LFS
//! files), else by the git blob id the Hub sends for that commit (git-stored files, which the
//! commit pins through git's content addressing). Anything that cannot be checked either way is
//! refused unless the reader asked to accept unpinned files.

use std::path::Path;

use sha1::{Digest, Sha1};
use svodka_manifest::{ModelSpec, PinnedFile};

use crate::download::Remote;
use crate::error::{HubError, Result};

/// How one file's content will be checked once downloaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Sha256(String),
    /// The git blob id (sha1 of "blob {len}\0" + content) the Hub sent for the pinned commit.
    GitBlob(String),
    /// Nothing to check against: the reader passed `--allow-unpinned`.
    Unchecked,
}

/// What the Hub said about a file, held to its pin before anything is downloaded.
pub fn check_remote(
    model: &ModelSpec,
    pin: &PinnedFile,
    remote: &Remote,
    allow_unpinned: bool,
) -> Result<Check> {
    let refuse = |detail: String| HubError::Pinned {
        model: model.id.clone(),
        file: pin.path.clone(),
        detail,
    };
    let commit_ok = match &remote.commit {
        Some(served) if served.starts_with(&model.commit) => true,
        Some(served) => {
            return Err(refuse(format!(
                "the Hub served commit {served}, svodka pins {}",
                model.commit
            )))
        }
        None => false,
    };
    if let Some(size) = remote.size {
        if !pin.size.admits(size) {
            return Err(refuse(format!(
                "the Hub announced {size} bytes, the pinned size is {}",
                pin.size
            )));
        }
    }
    if let Some(want) = &pin.sha256 {
        if let Some(announced) = remote.sha256.as_ref().filter(|a| *a != want) {
            return Err(refuse(format!(
                "the Hub announced sha256 {announced}, svodka pins {want}"
            )));
        }
        return Ok(Check::Sha256(want.clone()));
    }
    match &remote.git_blob {
        Some(blob) if commit_ok => Ok(Check::GitBlob(blob.clone())),
        _ if allow_unpinned => {
            tracing::warn!(
                "{}/{}: accepted unchecked (--allow-unpinned)",
                model.id,
                pin.path
            );
            Ok(Check::Unchecked)
        }
        _ => Err(HubError::Unpinned {
            model: model.id.clone(),
            file: pin.path.clone(),
            reason: if commit_ok {
                "the Hub sent no git blob id to check it against".into()
            } else {
                "the Hub did not say which commit it served".into()
            },
        }),
    }
}

/// The downloaded file at `path` (size and sha256 already computed) against its pin.
pub fn check_content(
    model: &ModelSpec,
    pin: &PinnedFile,
    check: &Check,
    path: &Path,
    size: u64,
    sha256: &str,
) -> Result<()> {
    let mismatch = |detail: String| HubError::Checksum {
        file: pin.path.clone(),
        detail,
    };
    if !pin.size.admits(size) {
        return Err(mismatch(format!(
            "{size} bytes, the pinned size is {}",
            pin.size
        )));
    }
    match check {
        Check::Sha256(want) if want != sha256 => Err(mismatch(format!(
            "sha256 {sha256}, {} pins {want}",
            model.id
        ))),
        Check::GitBlob(want) => {
            let got = git_blob_id(path)?;
            if got == *want {
                Ok(())
            } else {
                Err(mismatch(format!("git blob {got}, the Hub's is {want}")))
            }
        }
        _ => Ok(()),
    }
}

/// git's object id of a file's content: sha1 over "blob {len}\0" and the bytes. Git-stored files
/// are small (configs, vocabularies), so reading one whole is fine.
pub fn git_blob_id(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(HubError::io(path))?;
    Ok(git_blob_id_of(&bytes))
}

pub fn git_blob_id_of(bytes: &[u8]) -> String {
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_blob_ids_are_gits() {
        // What `git hash-object --stdin` prints for the same bytes.
        assert_eq!(
            git_blob_id_of(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(
            git_blob_id_of(b""),
            "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
        );
    }
}
