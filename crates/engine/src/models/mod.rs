//! Model knowledge and loading: the manifest, the store on disk, weights, generation.

pub mod generate;
pub mod manifest;
pub mod precision;
pub mod status;
pub mod store;
pub mod weights;

pub use generate::Generated;
pub use manifest::{Architecture, Generation, LengthRange, Manifest, ModelSpec, Role};
pub use precision::Precision;
pub use status::{model_status, ModelStatus};
pub use store::{default_models_dir, default_slovnet_dir, ModelFiles};
