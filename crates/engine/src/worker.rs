//! The engine worker: one thread owns the models (libtorch modules are not `Sync`) and runs jobs
//! one at a time; callers get progress callbacks, can cancel, and wait for the reply.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread;

use crate::analysis::{Analysis, Length};
use crate::error::{EngineError, Result};
use crate::routes::{EngineConfig, JobContext, Models, Progress};

type ProgressFn = Box<dyn FnMut(Progress) + Send>;

struct Job {
    text: String,
    length: Length,
    progress: ProgressFn,
    cancel: Arc<AtomicBool>,
    reply: mpsc::Sender<Result<Analysis>>,
}

/// Handle to the worker thread. Dropping it lets the thread finish its queue and exit.
pub struct Engine {
    jobs: mpsc::Sender<Job>,
}

/// A submitted job: cancel it, or wait for its result.
pub struct JobHandle {
    cancel: Arc<AtomicBool>,
    reply: mpsc::Receiver<Result<Analysis>>,
}

impl JobHandle {
    /// Asks the job to stop at its next check (between chunks, batches and stages).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    pub fn canceller(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    pub fn wait(self) -> Result<Analysis> {
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
        let (reply, rx) = mpsc::channel();
        let job = Job {
            text,
            length,
            progress: Box::new(progress),
            cancel: cancel.clone(),
            reply,
        };
        if let Err(mpsc::SendError(job)) = self.jobs.send(job) {
            let _ = job.reply.send(Err(EngineError::WorkerGone));
        }
        JobHandle { cancel, reply: rx }
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
    let mut models = Models::new(config.clone());
    for mut job in queue {
        let mut ctx = Ctx {
            progress: &mut job.progress,
            cancel: &job.cancel,
        };
        let result = catch_unwind(AssertUnwindSafe(|| {
            models.analyze(&job.text, job.length, &mut ctx)
        }));
        let result = result.unwrap_or_else(|panic| {
            // A panic inside rust-bert or libtorch: report it, and reload models next time in
            // case one was left half-initialised.
            models = Models::new(config.clone());
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            // libtorch errors carry a C++ backtrace; the first line is the message.
            let what = what.lines().next().unwrap_or_default().to_string();
            tracing::error!(%what, "engine job panicked");
            Err(EngineError::Inference(format!("internal error: {what}")))
        });
        let _ = job.reply.send(result);
    }
}
