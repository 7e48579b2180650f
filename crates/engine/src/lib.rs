//! svodka-engine: a pasted English or Russian article in, an [`Analysis`] out — summaries in
//! English and Russian, sentence-aligned, with people, places and organisations marked.
//!
//! Stages: [`prepare`] (clean-up, validation, language, sentences, chunks) → [`summarise`] →
//! [`translate`] → [`entities`], composed per language in [`routes`], run on the [`worker`]
//! thread that owns the models.

pub mod analysis;
pub mod compare;
pub mod entities;
pub mod error;
pub mod lang;
pub mod models;
pub mod prepare;
pub mod routes;
pub mod summarise;
pub mod translate;
pub mod worker;

pub use analysis::{Analysis, Document, Entities, Length, Route, Stage};
pub use compare::Comparison;
pub use entities::{Entity, EntityKind};
pub use error::{EngineError, ErrorKind, Result};
pub use lang::Lang;
pub use models::{default_models_dir, Manifest, Role};
pub use routes::{EngineConfig, Progress};
pub use worker::{Engine, JobHandle};
