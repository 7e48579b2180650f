//! Progress out and cancellation in: every stage of a job reports through a [`Clock`], which
//! checks the cancel flag at each report, so a job stops at the next chunk, batch or stage.

use std::time::Instant;

use svodka_analysis::{Stage, StageTiming};

use crate::error::{EngineError, Result};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    /// 0.0 ..= 1.0 within the stage.
    pub fraction: f32,
}

/// Per-job callbacks: progress out, cancellation in.
pub trait JobContext {
    fn progress(&mut self, p: Progress);
    fn cancelled(&self) -> bool;
}

/// Times one stage and relays its progress, checking for cancellation at every report.
pub(crate) struct Clock {
    stage: Stage,
    started: Instant,
}

impl Clock {
    pub(crate) fn start(stage: Stage, ctx: &mut dyn JobContext) -> Result<Clock> {
        let clock = Clock {
            stage,
            started: Instant::now(),
        };
        clock.progress(0.0, ctx)?;
        Ok(clock)
    }

    pub(crate) fn progress(&self, fraction: f32, ctx: &mut dyn JobContext) -> Result<()> {
        if ctx.cancelled() {
            return Err(EngineError::Cancelled);
        }
        ctx.progress(Progress {
            stage: self.stage,
            fraction: fraction.clamp(0.0, 1.0),
        });
        Ok(())
    }

    pub(crate) fn finish(
        &self,
        timings: &mut Vec<StageTiming>,
        ctx: &mut dyn JobContext,
    ) -> Result<()> {
        self.progress(1.0, ctx)?;
        timings.push(StageTiming {
            stage: self.stage,
            ms: self.started.elapsed().as_millis() as u64,
        });
        Ok(())
    }
}
