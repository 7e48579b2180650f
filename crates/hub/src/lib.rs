//! svodka-hub: installs the real models from the Hugging Face Hub into the model store, reliably:
//! downloads stream to `<file>.partial`, resume with `Range`, retry transient failures, are held
//! to the manifest's pins (commit, size, sha256 or git blob id; pins.rs), and move into place only
//! when complete, then record every file in the state file. What "installed" means is
//! svodka-manifest's. No torch here: the engine loads what this crate installs.

pub mod download;
mod endpoint;
mod error;
pub mod pins;
pub mod store;
#[cfg(feature = "test-server")]
pub mod testing;

pub use download::Progress;
pub use endpoint::{Endpoint, Options};
pub use error::{ErrorKind, HubError, Result};
