//! The Analysis types live in svodka-analysis (no torch), shared with the library and the shell.

pub use svodka_analysis::analysis::*;
