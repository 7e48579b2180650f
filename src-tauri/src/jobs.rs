//! The one running engine job (an analysis, a comparison, applying picks): submitting it to the
//! engine's worker thread, cancelling it, and waiting for it without blocking Tauri's main
//! thread or a tokio worker.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use svodka_analysis::{Analysis, Length};
use svodka_engine::compare::Comparison;
use svodka_engine::{Engine, EngineConfig, JobHandle, Progress};

use crate::busy::{on_blocking_pool, Busy};
use crate::protocol::CommandError;

/// The engine runs one job at a time; this is its key in [`Busy`].
const ENGINE: &str = "engine";

pub struct Jobs {
    engine: Engine,
    pub config: EngineConfig,
    busy: Busy,
}

impl Jobs {
    pub fn new(engine: Engine, config: EngineConfig) -> Jobs {
        Jobs {
            engine,
            config,
            busy: Busy::default(),
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
        let running = self.busy.start(
            ENGINE,
            "svodka is already working on an analysis or comparison; cancel it or wait for it",
        )?;
        let job = submit(&self.engine, running.cancel_flag());
        // The reply comes over a blocking channel: wait for it on tokio's blocking pool.
        on_blocking_pool("engine", move || job.wait().map_err(CommandError::from)).await
    }

    /// Asks the running job to stop; true if there was one.
    pub fn cancel(&self) -> bool {
        self.busy.cancel(ENGINE)
    }
}
