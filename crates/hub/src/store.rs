//! Installing into the model store: `<store>/<id>/` receives a model's files and, last,
//! `svodka-install.json` with every file's size and sha256 (svodka-manifest reads it to decide
//! whether the model is installed; `verify` re-hashes). Downloads in progress live next to their
//! targets as `<name>.partial`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use svodka_manifest::{FileState, InstallState, ModelSpec, STATE_FILE};

use crate::download::{hash_file, Downloader, FileJob, Progress, Remote};
use crate::error::{HubError, Result};
use crate::pins::{self, Check};

/// Written last, through a temporary file, so a state file on disk always describes a complete
/// install.
fn write_state(state: &InstallState, dir: &Path) -> Result<()> {
    let path = dir.join(STATE_FILE);
    let tmp = dir.join(format!("{STATE_FILE}.partial"));
    let text = serde_json::to_string_pretty(state).expect("state serialises");
    std::fs::write(&tmp, text).map_err(HubError::io(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(HubError::io(&path))
}

/// Overall progress of one model's install, for a single progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct InstallProgress {
    pub file: String,
    pub done: u64,
    pub total: u64,
    pub rate: f64,
}

/// What an install may accept beyond the manifest's pins.
#[derive(Debug, Clone, Copy, Default)]
pub struct Accept {
    /// Files that can be checked neither by a pinned sha256 nor by the pinned commit's git blob
    /// id are accepted unchecked (the CLI's `--allow-unpinned`).
    pub unpinned: bool,
}

/// Downloads every file of `model` into `<store>/<id>/`, skipping files already complete, each
/// held to the manifest's pins (svodka-hub's pins.rs).
pub fn install(
    downloader: &Downloader,
    store: &Path,
    model: &ModelSpec,
    accept: Accept,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(InstallProgress),
) -> Result<InstallState> {
    let dir = store.join(&model.id);
    let previous = InstallState::read(&dir);

    // Ask the Hub about every file first and hold what it says to the pins: sizes for the disk
    // check, and an unreachable Hub, a missing file, a gated repository or a file that is not
    // the pinned one fail here, before anything is written.
    let mut remotes: Vec<(String, Remote, Check)> = Vec::new();
    for pin in &model.files {
        let job = file_job(model, &pin.path, &dir, cancel);
        let mut remote = downloader.resolve(&job)?;
        let check = pins::check_remote(model, pin, &remote, accept.unpinned)?;
        if let Check::Sha256(want) = &check {
            // The pin is what the content must hash to, whatever the Hub announced.
            remote.sha256 = Some(want.clone());
        }
        remotes.push((pin.path.clone(), remote, check));
    }
    let commit = remotes.iter().find_map(|(_, r, _)| r.commit.clone());
    std::fs::create_dir_all(&dir).map_err(HubError::io(&dir))?;
    let already = |path: &str, remote: &Remote| {
        let done = previous
            .as_ref()
            .and_then(|s| s.files.get(path))
            .is_some_and(|f| {
                // A git-stored file (no sha256) is kept only from an install of the same commit.
                let same_commit =
                    previous.as_ref().and_then(|p| p.commit.as_ref()) == commit.as_ref();
                remote
                    .sha256
                    .as_ref()
                    .map_or(same_commit, |sha| *sha == f.sha256)
                    && remote.size.is_none_or(|size| size == f.size)
                    && std::fs::metadata(dir.join(path)).is_ok_and(|m| m.len() == f.size)
            });
        done
    };
    let total: u64 = remotes.iter().filter_map(|(_, r, _)| r.size).sum();
    let needed: u64 = remotes
        .iter()
        .filter(|(p, r, _)| !already(p, r))
        .map(|(p, r, _)| {
            let partial = std::fs::metadata(crate::download::partial_path(&dir.join(p)))
                .map(|m| m.len())
                .unwrap_or(0);
            r.size.unwrap_or(0).saturating_sub(partial)
        })
        .sum();
    check_space(&dir, needed)?;

    let mut files = BTreeMap::new();
    let mut finished: u64 = 0;
    for (path, remote, check) in &remotes {
        let dest = dir.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(HubError::io(parent))?;
        }
        if already(path, remote) {
            let prev = &previous.as_ref().expect("checked by already()").files[path];
            files.insert(path.clone(), prev.clone());
            finished += prev.size;
            continue;
        }
        // A stale complete file (an older revision) is replaced, never trusted.
        let _ = std::fs::remove_file(&dest);
        let job = file_job(model, path, &dir, cancel);
        let pin = model.pin(path).expect("remotes come from the pins");
        let held = |partial: &Path, size: u64, sha256: &str| {
            pins::check_content(model, pin, check, partial, size, sha256)
        };
        let sha256 = downloader.fetch(&job, remote, &held, &mut |p: Progress| {
            progress(InstallProgress {
                file: path.clone(),
                done: finished + p.done,
                total: total.max(finished + p.done),
                rate: p.rate,
            })
        })?;
        let size = std::fs::metadata(&dest).map_err(HubError::io(&dest))?.len();
        finished += size;
        files.insert(path.clone(), FileState { size, sha256 });
    }
    let state = InstallState {
        id: model.id.clone(),
        repo: model.repo.clone(),
        revision: model.revision.clone(),
        commit,
        source: "hub".into(),
        files,
    };
    write_state(&state, &dir)?;
    Ok(state)
}

fn file_job<'a>(
    model: &'a ModelSpec,
    path: &'a str,
    dir: &Path,
    cancel: &'a AtomicBool,
) -> FileJob<'a> {
    FileJob {
        repo: &model.repo,
        revision: &model.revision,
        path,
        dest: dir.join(path),
        cancel,
    }
}

pub(crate) fn check_space(dir: &Path, needed: u64) -> Result<()> {
    // Keep a margin for the state file and the file system's own needs.
    let margin = 64 << 20;
    let free = fs4::available_space(dir).map_err(HubError::io(dir))?;
    if needed > 0 && needed + margin > free {
        return Err(HubError::DiskFull {
            dir: dir.to_path_buf(),
            needed_mb: (needed + margin) >> 20,
            free_mb: free >> 20,
        });
    }
    Ok(())
}

/// Re-hashes every file of an installed model against its state file; names the bad ones.
pub fn verify(store: &Path, model: &ModelSpec) -> Result<Vec<String>> {
    let dir = store.join(&model.id);
    let Some(state) = InstallState::read(&dir) else {
        return Ok(model.download().map(String::from).collect());
    };
    let mut bad = Vec::new();
    for pin in &model.files {
        let ok = match (state.files.get(&pin.path), hash_file(&dir.join(&pin.path))) {
            (Some(want), Ok((size, sha))) => {
                want.size == size
                    && want.sha256 == sha
                    && pin.sha256.as_ref().is_none_or(|p| *p == sha)
            }
            _ => false,
        };
        if !ok {
            bad.push(pin.path.clone());
        }
    }
    Ok(bad)
}

/// Removes a model's folder (files, partial downloads, state).
pub fn remove(store: &Path, model: &ModelSpec) -> Result<bool> {
    let dir = store.join(&model.id);
    if !dir.exists() {
        return Ok(false);
    }
    std::fs::remove_dir_all(&dir).map_err(HubError::io(&dir))?;
    Ok(true)
}

/// Copies a model's files from a folder the reader downloaded elsewhere, hashing them and
/// holding them to the pins: a pinned sha256 must match, and every file's size must agree with
/// its pinned size (the reader chose the git-stored files; nothing else can check them here).
pub fn import(store: &Path, model: &ModelSpec, from: &Path) -> Result<InstallState> {
    for path in model.download() {
        if !from.join(path).is_file() {
            return Err(HubError::ImportMissing(from.join(path)));
        }
    }
    for pin in &model.files {
        let (size, sha256) = hash_file(&from.join(&pin.path))?;
        let check = pin.sha256.clone().map_or(Check::Unchecked, Check::Sha256);
        pins::check_content(model, pin, &check, &from.join(&pin.path), size, &sha256)?;
    }
    let dir = store.join(&model.id);
    std::fs::create_dir_all(&dir).map_err(HubError::io(&dir))?;
    let mut files = BTreeMap::new();
    for path in model.download() {
        let src = from.join(path);
        let dest: PathBuf = dir.join(path);
        let partial = crate::download::partial_path(&dest);
        std::fs::copy(&src, &partial).map_err(HubError::io(&src))?;
        let (size, sha256) = hash_file(&partial)?;
        std::fs::rename(&partial, &dest).map_err(HubError::io(&dest))?;
        files.insert(path.to_string(), FileState { size, sha256 });
    }
    let state = InstallState {
        id: model.id.clone(),
        repo: model.repo.clone(),
        revision: model.revision.clone(),
        commit: None,
        source: "import".into(),
        files,
    };
    write_state(&state, &dir)?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_little_space_is_refused_before_downloading() {
        let dir = std::env::temp_dir();
        assert!(check_space(&dir, 1 << 20).is_ok());
        match check_space(&dir, u64::MAX / 4) {
            Err(HubError::DiskFull {
                needed_mb, free_mb, ..
            }) => assert!(needed_mb > free_mb),
            other => panic!("{other:?}"),
        }
    }
}
