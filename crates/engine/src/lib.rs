//! svodka-engine: a pasted English or Russian article in, an [`Analysis`](svodka_analysis::Analysis)
//! out — summaries in English and Russian, sentence-aligned, with people, places and
//! organisations marked.
//!
//! Stages: [`prepare`] (clean-up, validation, language, sentences, chunks) → [`plan`] (which
//! route the installed models allow) → [`summarise`] → [`translate`] → [`entities`], composed in
//! `pipeline.rs` over the [`models::cache::ModelCache`], and run on the worker thread
//! ([`Engine`]) that owns the models. [`compare`] writes other versions of a summary and scores
//! them. The types of the result are svodka-analysis's, the model manifest svodka-manifest's.

pub mod compare;
mod config;
pub mod entities;
mod error;
pub mod lang;
pub mod models;
mod pipeline;
pub mod plan;
pub mod prepare;
mod progress;
pub mod summarise;
pub mod translate;
mod worker;

pub use config::EngineConfig;
pub use error::{EngineError, ErrorKind, Result};
pub use progress::{JobContext, Progress};
pub use worker::{Engine, JobHandle};
