//! The engine worker: one thread owns the models (libtorch modules are not `Sync`) and runs jobs
//! one at a time — analyses, comparisons, applying a reader's picks; callers get progress
//! callbacks, can cancel, and wait for the reply.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;

use svodka_analysis::{Analysis, Length};

use crate::compare::Comparison;
use crate::config::EngineConfig;
use crate::error::{EngineError, Result};
use crate::models::cache::ModelCache;
use crate::progress::{JobContext, Progress};

type ProgressFn = Box<dyn FnMut(Progress) + Send>;

/// What a job does with the models; it sends its own reply.
type Work = Box<dyn FnOnce(&mut ModelCache, &mut Ctx) -> Outcome + Send>;

/// Whether a job panicked (the models are then reloaded, in case one was left half-built).
enum Outcome {
    Done,
    Panicked,
}

struct Job {
    work: Work,
    progress: ProgressFn,
    cancel: Arc<AtomicBool>,
}

/// Handle to the worker thread. Dropping it lets the thread finish its queue and exit.
pub struct Engine {
    jobs: mpsc::Sender<Job>,
}

/// A submitted job: wait for its result. It is cancelled through the flag given at submission.
pub struct JobHandle<T = Analysis> {
    reply: mpsc::Receiver<Result<T>>,
}

impl<T> JobHandle<T> {
    pub fn wait(self) -> Result<T> {
        self.reply.recv().unwrap_or(Err(EngineError::WorkerGone))
    }
}

impl Engine {
    pub fn start(config: EngineConfig) -> Engine {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("svodka-engine".into())
            .spawn(move || run(config, queue))
            .expect("spawning the engine thread");
        Engine { jobs }
    }

    pub fn submit(
        &self,
        text: String,
        length: Length,
        progress: impl FnMut(Progress) + Send + 'static,
    ) -> JobHandle {
        self.submit_with_cancel(text, length, progress, Arc::new(AtomicBool::new(false)))
    }

    /// Like [`Engine::submit`], with a cancel flag the caller made beforehand (so that, say, the
    /// progress callback or another command can set it).
    pub fn submit_with_cancel(
        &self,
        text: String,
        length: Length,
        progress: impl FnMut(Progress) + Send + 'static,
        cancel: Arc<AtomicBool>,
    ) -> JobHandle {
        self.submit_work(progress, cancel, move |models, ctx| {
            models.analyze(&text, length, ctx)
        })
    }

    /// Submit and wait.
    pub fn analyze(
        &self,
        text: String,
        length: Length,
        progress: impl FnMut(Progress) + Send + 'static,
    ) -> Result<Analysis> {
        self.submit(text, length, progress).wait()
    }

    /// Other versions of the analysis's translated summary, scored (see [`crate::compare`]).
    pub fn submit_compare(
        &self,
        analysis: Analysis,
        progress: impl FnMut(Progress) + Send + 'static,
        cancel: Arc<AtomicBool>,
    ) -> JobHandle<Comparison> {
        self.submit_work(progress, cancel, move |models, ctx| {
            models.compare(&analysis, ctx)
        })
    }

    /// The analysis with the reader's picked sentences as its translated summary.
    pub fn apply_picks(
        &self,
        analysis: Analysis,
        sentences: Vec<String>,
        note: String,
    ) -> Result<Analysis> {
        self.submit_apply_picks(analysis, sentences, note, Arc::new(AtomicBool::new(false)))
            .wait()
    }

    pub fn submit_apply_picks(
        &self,
        analysis: Analysis,
        sentences: Vec<String>,
        note: String,
        cancel: Arc<AtomicBool>,
    ) -> JobHandle<Analysis> {
        self.submit_work(
            |_| {},
            cancel,
            move |models, _| models.apply_picks(&analysis, &sentences, &note),
        )
    }

    fn submit_work<T: Send + 'static>(
        &self,
        progress: impl FnMut(Progress) + Send + 'static,
        cancel: Arc<AtomicBool>,
        work: impl FnOnce(&mut ModelCache, &mut dyn JobContext) -> Result<T> + Send + 'static,
    ) -> JobHandle<T> {
        let (reply, rx) = mpsc::channel();
        let failed = reply.clone();
        let job = Job {
            work: Box::new(move |models, ctx| {
                let result = catch_unwind(AssertUnwindSafe(|| work(models, ctx)));
                let (result, outcome) = match result {
                    Ok(r) => (r, Outcome::Done),
                    Err(panic) => (Err(panic_error(panic)), Outcome::Panicked),
                };
                let _ = reply.send(result);
                outcome
            }),
            progress: Box::new(progress),
            cancel,
        };
        if self.jobs.send(job).is_err() {
            let _ = failed.send(Err(EngineError::WorkerGone));
        }
        JobHandle { reply: rx }
    }
}

struct Ctx<'a> {
    progress: &'a mut ProgressFn,
    cancel: &'a AtomicBool,
}

impl JobContext for Ctx<'_> {
    fn progress(&mut self, p: Progress) {
        (self.progress)(p)
    }
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

fn run(config: EngineConfig, queue: mpsc::Receiver<Job>) {
    let mut models = ModelCache::new(config.clone());
    for mut job in queue {
        let mut ctx = Ctx {
            progress: &mut job.progress,
            cancel: &job.cancel,
        };
        if let Outcome::Panicked = (job.work)(&mut models, &mut ctx) {
            models = ModelCache::new(config.clone());
        }
    }
}

/// A panic inside rust-bert or libtorch, as an error for the caller.
fn panic_error(panic: Box<dyn std::any::Any + Send>) -> EngineError {
    let what = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into());
    // libtorch errors carry a C++ backtrace; the first line is the message.
    let what = what.lines().next().unwrap_or_default().to_string();
    tracing::error!(%what, "engine job panicked");
    EngineError::Inference(format!("internal error: {what}"))
}
