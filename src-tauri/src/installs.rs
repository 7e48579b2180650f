//! Model installs from the Hub, one per model at a time, off the async runtime (svodka-hub's
//! client is blocking), each with its own cancel flag.

use std::path::PathBuf;

use svodka_hub::download::Downloader;
use svodka_hub::store::{self, InstallProgress};
use svodka_hub::{Endpoint, Options};
use svodka_manifest::Manifest;

use crate::busy::{on_blocking_pool, Busy};
use crate::protocol::{CommandError, CommandErrorKind};

pub struct Installs {
    endpoint: Endpoint,
    store: PathBuf,
    manifest: Manifest,
    busy: Busy,
}

impl Installs {
    pub fn new(endpoint: Endpoint, store: PathBuf, manifest: Manifest) -> Installs {
        Installs {
            endpoint,
            store,
            manifest,
            busy: Busy::default(),
        }
    }

    pub async fn install(
        &self,
        id: &str,
        mut progress: impl FnMut(InstallProgress) + Send + 'static,
    ) -> Result<(), CommandError> {
        let model = self.manifest.find(id)?.clone();
        let running = self
            .busy
            .start(id, format!("{id} is already being installed"))?;
        let cancel = running.cancel_flag();
        let (endpoint, store_dir) = (self.endpoint.clone(), self.store.clone());
        on_blocking_pool("install", move || {
            let downloader = Downloader::new(endpoint, Options::from_env())?;
            // The window offers no way around the pins: what cannot be checked is refused.
            let accept = store::Accept::default();
            store::install(
                &downloader,
                &store_dir,
                &model,
                accept,
                &cancel,
                &mut progress,
            )?;
            Ok(())
        })
        .await
    }

    /// Stops an install; its partial download stays and the next install resumes it.
    pub fn cancel(&self, id: &str) -> bool {
        self.busy.cancel(id)
    }

    pub fn remove(&self, id: &str) -> Result<bool, CommandError> {
        if self.busy.is_running(id) {
            return Err(CommandError {
                kind: CommandErrorKind::Busy,
                message: format!("{id} is being installed; cancel the install first"),
            });
        }
        let model = self.manifest.find(id)?;
        Ok(store::remove(&self.store, model)?)
    }
}
