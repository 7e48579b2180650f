//! The one busy guard: work that runs at most once per key (the engine job, an install per
//! model), each with a cancel flag that other commands can set.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::protocol::{CommandError, CommandErrorKind};

#[derive(Default)]
pub struct Busy {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Busy {
    fn slots(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicBool>>> {
        // A panic while holding the lock leaves the map itself sound.
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Marks `key` as running until the returned guard drops; refused as `busy` (with
    /// `message`) when it already runs.
    pub fn start(
        &self,
        key: &str,
        message: impl Into<String>,
    ) -> Result<Running<'_>, CommandError> {
        let mut slots = self.slots();
        if slots.contains_key(key) {
            return Err(CommandError {
                kind: CommandErrorKind::Busy,
                message: message.into(),
            });
        }
        let cancel = Arc::new(AtomicBool::new(false));
        slots.insert(key.to_string(), cancel.clone());
        Ok(Running {
            busy: self,
            key: key.to_string(),
            cancel,
        })
    }

    /// Asks the work running under `key` to stop; false when none runs.
    pub fn cancel(&self, key: &str) -> bool {
        match self.slots().get(key) {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    pub fn is_running(&self, key: &str) -> bool {
        self.slots().contains_key(key)
    }
}

/// Work in progress. If its command's future is dropped (the window closed), the work is
/// cancelled too — nobody is waiting for its result — and the slot is freed.
pub struct Running<'a> {
    busy: &'a Busy,
    key: String,
    cancel: Arc<AtomicBool>,
}

impl Running<'_> {
    /// The flag the work checks.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        self.busy.slots().remove(&self.key);
    }
}

/// Runs `f` on tokio's blocking pool — for work that blocks (inference replies, downloads,
/// SQLite) and must keep both the main thread and the async workers free. A task that panicked
/// or was torn down becomes an internal error naming `what`.
pub async fn on_blocking_pool<T, F>(what: &str, f: F) -> Result<T, CommandError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, CommandError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::internal(format!("the {what} task failed: {e}")))?
}
