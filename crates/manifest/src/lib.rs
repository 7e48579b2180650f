//! svodka-manifest: what svodka knows about each model (models/manifest.toml, compiled in) and
//! the one answer to "is this model installed?". No torch and no network: the engine loads what
//! [`installed`] finds, svodka-hub installs what the manifest lists, and both read it here.

mod manifest;
mod pins;
mod store;

pub use manifest::{Architecture, Generation, LengthRange, Manifest, ManifestError, ModelSpec};
pub use pins::{PageSize, PinnedFile};
pub use store::{
    default_models_dir, install_hint, installed, FileState, InstallState, ModelFiles, NotInstalled,
    STATE_FILE,
};
