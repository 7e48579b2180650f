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
    /// scale per output row, ±127 or ±63 by what this CPU's kernels add exactly): several times
    /// faster on a CPU and a quarter of the bytes per weight, at the cost of small differences in
    /// the generated text. Where fbgemm cannot run exactly, the models stay f32 with a note.
    Int8,
}

impl Precision {
    pub fn is_int8(self) -> bool {
        self == Precision::Int8
    }

    /// What the models compute in: int8 only where fbgemm's int8 product is exact on this CPU
    /// (`rust_bert::int8::kernel`), f32 otherwise — never an int8 result that may be wrong.
    pub fn effective(self) -> Precision {
        match self {
            Precision::Int8 if rust_bert::int8::kernel().weight_limit().is_none() => Precision::F32,
            other => other,
        }
    }

    /// Why int8 was asked for but the models run in f32, for the analysis's notes.
    pub fn fallback_note(self) -> Option<String> {
        match (self, rust_bert::int8::kernel()) {
            (Precision::Int8, rust_bert::int8::Kernel::Unavailable(why)) => Some(format!(
                "int8 is not available on this CPU ({why}): the models ran in f32, which gives \
                 transformers' exact results but takes several times longer"
            )),
            _ => None,
        }
    }

    /// How int8 runs on this CPU, for benchmark records and logs.
    pub fn int8_kernel() -> String {
        use rust_bert::int8::Kernel;
        match rust_bert::int8::kernel() {
            Kernel::Exact => "weights ±127 (products added in 32 bits)".into(),
            Kernel::SaturatingPairs => "weights ±63 (pairs of products added in 16 bits)".into(),
            Kernel::Unavailable(why) => format!("unavailable: {why}"),
        }
    }

    /// Builds a model in this precision. For int8, `warm_up` then runs it once, so that every
    /// layer quantises its weights (and frees the f32 ones) while loading, not in the middle of
    /// the reader's first analysis.
    pub fn build<M>(
        self,
        build: impl FnOnce() -> std::result::Result<M, rust_bert::RustBertError>,
        warm_up: impl FnOnce(&M) -> Result<()>,
    ) -> Result<M> {
        if self.is_int8() {
            tracing::info!("int8: {}", Precision::int8_kernel());
        }
        let int8 = self.effective().is_int8();
        let model = rust_bert::int8::building(int8, build)?;
        if int8 {
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
