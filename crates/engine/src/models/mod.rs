//! Running models: the loaded-model cache, weights, generation settings, precision, and which
//! models are installed (for `svodka models` and the window). What each model is and whether it
//! is installed is svodka-manifest's.

pub mod cache;
pub mod files;
pub mod generate;
pub mod int8_cache;
mod precision;
mod status;
pub mod weights;

pub use precision::Precision;
pub use status::{model_status, ModelStatus};
