//! Which number format the transformer models (summariser, translators, English NER) compute
//! their linear layers in.

use serde::{Deserialize, Serialize};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// f32 weights: token for token what transformers computes (the parity tests' setting).
    #[default]
    F32,
    /// The linear layers (and the vocabulary projection) on int8 weights (fbgemm, symmetric, one
    /// scale per output row): several times faster on a CPU and a quarter of the bytes per weight, at the
    /// cost of small differences in the generated text.
    Int8,
}

impl Precision {
    pub fn is_int8(self) -> bool {
        self == Precision::Int8
    }

    /// Builds a model in this precision. For int8, `warm_up` then runs it once, so that every
    /// layer quantises its weights (and frees the f32 ones) while loading, not in the middle of
    /// the reader's first analysis.
    pub fn build<M>(
        self,
        build: impl FnOnce() -> std::result::Result<M, rust_bert::RustBertError>,
        warm_up: impl FnOnce(&M) -> Result<()>,
    ) -> Result<M> {
        let model = rust_bert::int8::building(self.is_int8(), build)?;
        if self.is_int8() {
            warm_up(&model)?;
        }
        Ok(model)
    }

    /// `$SVODKA_PRECISION` (`f32` or `int8`) for the desktop app; unset means f32, and an
    /// unknown value is logged and ignored rather than stopping the app.
    pub fn from_env() -> Precision {
        match std::env::var("SVODKA_PRECISION") {
            Ok(value) if !value.is_empty() => value.parse().unwrap_or_else(|e| {
                tracing::warn!("SVODKA_PRECISION: {e}; using f32");
                Precision::F32
            }),
            _ => Precision::F32,
        }
    }
}

impl std::str::FromStr for Precision {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Precision, String> {
        match s {
            "f32" | "fp32" => Ok(Precision::F32),
            "int8" => Ok(Precision::Int8),
            other => Err(format!("unknown precision {other:?} (f32 or int8)")),
        }
    }
}
