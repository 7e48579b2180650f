//! Model installs from the Hub, one per model at a time, off the async runtime (svodka-hub's
//! client is blocking), each with its own cancel flag.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use svodka_hub::download::Downloader;
use svodka_hub::store::{self, InstallProgress};
use svodka_hub::{Endpoint, HubError, HubModel, Options};

use crate::protocol::{CommandError, CommandErrorKind};

pub struct Installs {
    endpoint: Endpoint,
    store: PathBuf,
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Installs {
    pub fn new(endpoint: Endpoint, store: PathBuf) -> Installs {
        Installs {
            endpoint,
            store,
            running: Mutex::new(HashMap::new()),
        }
    }

    pub async fn install(
        &self,
        id: &str,
        mut progress: impl FnMut(InstallProgress) + Send + 'static,
    ) -> Result<(), CommandError> {
        let model = HubModel::find(id).map_err(hub_error)?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = Running::start(&self.running, id, cancel.clone())?;
        let (endpoint, store_dir) = (self.endpoint.clone(), self.store.clone());
        let result = tauri::async_runtime::spawn_blocking(move || {
            let downloader = Downloader::new(endpoint, Options::default())?;
            store::install(&downloader, &store_dir, &model, &cancel, &mut progress).map(|_| ())
        })
        .await;
        match result {
            Ok(r) => r.map_err(hub_error),
            Err(e) => Err(CommandError {
                kind: CommandErrorKind::Internal,
                message: format!("the install task failed: {e}"),
            }),
        }
    }

    /// Stops an install; its partial download stays and the next install resumes it.
    pub fn cancel(&self, id: &str) -> bool {
        match self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
        {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    pub fn remove(&self, id: &str) -> Result<bool, CommandError> {
        if self
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(id)
        {
            return Err(CommandError {
                kind: CommandErrorKind::Busy,
                message: format!("{id} is being installed; cancel the install first"),
            });
        }
        let model = HubModel::find(id).map_err(hub_error)?;
        store::remove(&self.store, &model).map_err(hub_error)
    }
}

/// Marks an install as running for as long as its command runs; if the command's future is
/// dropped (its window closed), the download is cancelled and the slot freed.
struct Running<'a> {
    slots: &'a Mutex<HashMap<String, Arc<AtomicBool>>>,
    id: String,
    cancel: Arc<AtomicBool>,
}

impl<'a> Running<'a> {
    fn start(
        slots: &'a Mutex<HashMap<String, Arc<AtomicBool>>>,
        id: &str,
        cancel: Arc<AtomicBool>,
    ) -> Result<Running<'a>, CommandError> {
        let mut running = slots.lock().unwrap_or_else(|p| p.into_inner());
        if running.contains_key(id) {
            return Err(CommandError {
                kind: CommandErrorKind::Busy,
                message: format!("{id} is already being installed"),
            });
        }
        running.insert(id.to_string(), cancel.clone());
        Ok(Running {
            slots,
            id: id.to_string(),
            cancel,
        })
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        self.slots
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

fn hub_error(e: HubError) -> CommandError {
    let kind = match e {
        HubError::Cancelled => CommandErrorKind::Cancelled,
        HubError::Offline { .. } => CommandErrorKind::Offline,
        HubError::Io { .. } => CommandErrorKind::Internal,
        _ => CommandErrorKind::Model,
    };
    CommandError {
        kind,
        message: e.to_string(),
    }
}
