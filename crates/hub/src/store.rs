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

/// Downloads every file of `model` into `<store>/<id>/`, skipping files already complete.
pub fn install(
    downloader: &Downloader,
    store: &Path,
    model: &ModelSpec,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(InstallProgress),
) -> Result<InstallState> {
    let dir = store.join(&model.id);
    let previous = InstallState::read(&dir);

    // Ask the Hub about every file first: sizes for the disk check, and an unreachable Hub, a
    // missing file or a gated repository fail here, before anything is written.
    let mut remotes: Vec<(String, Remote)> = Vec::new();
    for path in &model.download {
        let job = file_job(model, path, &dir, cancel);
        remotes.push((path.clone(), downloader.resolve(&job)?));
    }
    std::fs::create_dir_all(&dir).map_err(HubError::io(&dir))?;
    let already = |path: &str, remote: &Remote| {
        let done = previous
            .as_ref()
            .and_then(|s| s.files.get(path))
            .is_some_and(|f| {
                remote.sha256.as_ref().is_none_or(|sha| *sha == f.sha256)
                    && remote.size.is_none_or(|size| size == f.size)
                    && std::fs::metadata(dir.join(path)).is_ok_and(|m| m.len() == f.size)
            });
        done
    };
    let total: u64 = remotes.iter().filter_map(|(_, r)| r.size).sum();
    let needed: u64 = remotes
        .iter()
        .filter(|(p, r)| !already(p, r))
        .map(|(p, r)| {
            let partial = std::fs::metadata(crate::download::partial_path(&dir.join(p)))
                .map(|m| m.len())
                .unwrap_or(0);
            r.size.unwrap_or(0).saturating_sub(partial)
        })
        .sum();
    check_space(&dir, needed)?;

    let mut files = BTreeMap::new();
    let mut finished: u64 = 0;
    for (path, remote) in &remotes {
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
        let sha256 = downloader.fetch(&job, remote, &mut |p: Progress| {
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
        return Ok(model.download.clone());
    };
    let mut bad = Vec::new();
    for path in &model.download {
        let ok = match (state.files.get(path), hash_file(&dir.join(path))) {
            (Some(want), Ok((size, sha))) => want.size == size && want.sha256 == sha,
            _ => false,
        };
        if !ok {
            bad.push(path.clone());
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

/// Copies a model's files from a folder the reader downloaded elsewhere, hashing them.
pub fn import(store: &Path, model: &ModelSpec, from: &Path) -> Result<InstallState> {
    for path in &model.download {
        if !from.join(path).is_file() {
            return Err(HubError::ImportMissing(from.join(path)));
        }
    }
    let dir = store.join(&model.id);
    std::fs::create_dir_all(&dir).map_err(HubError::io(&dir))?;
    let mut files = BTreeMap::new();
    for path in &model.download {
        let src = from.join(path);
        let dest: PathBuf = dir.join(path);
        let partial = crate::download::partial_path(&dest);
        std::fs::copy(&src, &partial).map_err(HubError::io(&src))?;
        let (size, sha256) = hash_file(&partial)?;
        std::fs::rename(&partial, &dest).map_err(HubError::io(&dest))?;
        files.insert(path.clone(), FileState { size, sha256 });
    }
    let state = InstallState {
        id: model.id.clone(),
        repo: model.repo.clone(),
        revision: model.revision.clone(),
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
