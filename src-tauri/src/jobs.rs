//! The one running engine job (an analysis, a comparison, applying picks): submitting it to the
//! engine's worker thread, cancelling it, and waiting for it without blocking Tauri's main
//! thread or a tokio worker.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use svodka_engine::analysis::Length;
use svodka_engine::{Analysis, Comparison, Engine, EngineConfig, JobHandle, Progress};

use crate::protocol::{CommandError, CommandErrorKind};

pub struct Jobs {
    engine: Engine,
    pub config: EngineConfig,
    /// The cancel flag of the running job, if one runs.
    current: Mutex<Option<Arc<AtomicBool>>>,
}

impl Jobs {
    pub fn new(engine: Engine, config: EngineConfig) -> Jobs {
        Jobs {
            engine,
            config,
            current: Mutex::new(None),
        }
    }

    /// Runs one analysis on the engine thread; `progress` is called from that thread.
    pub async fn analyze(
        &self,
        text: String,
        length: Length,
        progress: impl FnMut(Progress) + Send + 'static,
    ) -> Result<Analysis, CommandError> {
        self.run(|engine, cancel| engine.submit_with_cancel(text, length, progress, cancel))
            .await
    }

    /// Other versions of the analysis's translated summary, scored.
    pub async fn compare(
        &self,
        analysis: Analysis,
        progress: impl FnMut(Progress) + Send + 'static,
    ) -> Result<Comparison, CommandError> {
        self.run(|engine, cancel| engine.submit_compare(analysis, progress, cancel))
            .await
    }

    /// The analysis with the reader's picked sentences as its translated summary.
    pub async fn apply_picks(
        &self,
        analysis: Analysis,
        sentences: Vec<String>,
        note: String,
    ) -> Result<Analysis, CommandError> {
        self.run(|engine, cancel| engine.submit_apply_picks(analysis, sentences, note, cancel))
            .await
    }

    async fn run<T: Send + 'static>(
        &self,
        submit: impl FnOnce(&Engine, Arc<AtomicBool>) -> JobHandle<T>,
    ) -> Result<T, CommandError> {
        let cancel = Arc::new(AtomicBool::new(false));
        let _running = Running::start(&self.current, cancel.clone())?;
        let job = submit(&self.engine, cancel);
        // The reply comes over a blocking channel: wait for it on tokio's blocking pool.
        match tauri::async_runtime::spawn_blocking(move || job.wait()).await {
            Ok(reply) => reply.map_err(CommandError::from),
            Err(e) => Err(CommandError {
                kind: CommandErrorKind::Internal,
                message: format!("the engine task failed: {e}"),
            }),
        }
    }

    /// Asks the running analysis to stop; true if there was one.
    pub fn cancel(&self) -> bool {
        match &*self.current.lock().unwrap_or_else(|p| p.into_inner()) {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }
}

/// Marks a job as the running one for as long as its command runs. If the command's future is
/// dropped (its window closed) the job is cancelled too: nobody is waiting for its result.
struct Running<'a> {
    slot: &'a Mutex<Option<Arc<AtomicBool>>>,
    cancel: Arc<AtomicBool>,
}

impl<'a> Running<'a> {
    fn start(
        slot: &'a Mutex<Option<Arc<AtomicBool>>>,
        cancel: Arc<AtomicBool>,
    ) -> Result<Running<'a>, CommandError> {
        let mut current = slot.lock().unwrap_or_else(|p| p.into_inner());
        if current.is_some() {
            return Err(CommandError {
                kind: CommandErrorKind::Busy,
                message: "svodka is already working on an analysis or comparison; cancel it or wait for it".into(),
            });
        }
        *current = Some(cancel.clone());
        Ok(Running { slot, cancel })
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        *self.slot.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
