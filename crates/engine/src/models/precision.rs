//! Which number format the transformer models (summariser, translators, English NER) compute
//! their linear layers in.

use std::sync::Arc;

use rust_bert::int8::{Int8Store, Kernel};
use serde::{Deserialize, Serialize};
use svodka_manifest::ModelFiles;

use super::int8_cache::Int8Cache;
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
        self.effective_on(rust_bert::int8::kernel())
    }

    /// Why int8 was asked for but the models run in f32, for the analysis's notes.
    pub fn fallback_note(self) -> Option<String> {
        self.fallback_note_on(rust_bert::int8::kernel())
    }

    fn effective_on(self, kernel: &Kernel) -> Precision {
        match self {
            Precision::Int8 if kernel.weight_limit().is_none() => Precision::F32,
            other => other,
        }
    }

    fn fallback_note_on(self, kernel: &Kernel) -> Option<String> {
        match (self, kernel) {
            (Precision::Int8, Kernel::Unavailable(why)) => Some(format!(
                "int8 is not available on this CPU ({why}): the models ran in f32, which gives \
                 transformers' exact results but takes several times longer"
            )),
            _ => None,
        }
    }

    /// How int8 runs on this CPU, for benchmark records and logs (the CLI has no rust-bert).
    pub fn int8_kernel() -> String {
        rust_bert::int8::kernel().to_string()
    }

    /// Builds the model whose files are `files` in this precision. For int8, `warm_up` then
    /// runs it once, so that every layer quantises its weights (and frees the f32 ones) while
    /// loading, not in the middle of the reader's first analysis; the quantised weights are kept
    /// beside the model ([`Int8Cache`]), and a later build takes them from there instead.
    pub fn build<M>(
        self,
        files: &ModelFiles,
        build: impl FnOnce() -> std::result::Result<M, rust_bert::RustBertError>,
        warm_up: impl FnOnce(&M) -> Result<()>,
    ) -> Result<M> {
        if self.is_int8() {
            tracing::info!("int8: {}", Precision::int8_kernel());
        }
        let limit = self
            .effective()
            .is_int8()
            .then(|| rust_bert::int8::kernel().weight_limit())
            .flatten();
        let Some(limit) = limit else {
            return Ok(rust_bert::int8::building(false, build)?);
        };
        let cache = Int8Cache::beside(files, limit);
        let store = Arc::new(
            cache
                .as_ref()
                .map_or_else(Int8Store::default, Int8Cache::store),
        );
        let started = std::time::Instant::now();
        let model = rust_bert::int8::building_with(Some(store.clone()), build)?;
        let built = started.elapsed();
        warm_up(&model)?;
        tracing::info!(
            model = %files.id,
            build_ms = built.as_millis() as u64,
            warm_up_ms = (started.elapsed() - built).as_millis() as u64,
            "int8 model loaded"
        );
        if let Some(cache) = &cache {
            cache.finish(&store);
        }
        Ok(model)
    }

    /// What the app and the CLI run unless told otherwise: int8, several times faster (docs/
    /// BENCHMARKS.md: int8 against f32 on trained weights). The engine's own default stays f32,
    /// transformers' exact results, which the parity tests hold it to.
    pub const FOR_READERS: Precision = Precision::Int8;

    /// `$SVODKA_PRECISION` (`f32` or `int8`) for the desktop app; unset means
    /// [`Precision::FOR_READERS`], and an unknown value is logged and ignored rather than
    /// stopping the app.
    pub fn from_env() -> Precision {
        match std::env::var("SVODKA_PRECISION") {
            Ok(value) if !value.is_empty() => value.parse().unwrap_or_else(|e| {
                tracing::warn!("SVODKA_PRECISION: {e}; using {}", Precision::FOR_READERS);
                Precision::FOR_READERS
            }),
            _ => Precision::FOR_READERS,
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Precision::F32 => "f32",
            Precision::Int8 => "int8",
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int8_falls_back_to_f32_with_a_note_where_the_kernel_is_unavailable() {
        let unavailable = Kernel::Unavailable("fbgemm cannot run: no AVX2".into());
        assert_eq!(Precision::Int8.effective_on(&unavailable), Precision::F32);
        let note = Precision::Int8.fallback_note_on(&unavailable).unwrap();
        assert!(note.contains("no AVX2") && note.contains("f32"), "{note}");
        assert_eq!(Precision::F32.fallback_note_on(&unavailable), None);
        for usable in [Kernel::Exact, Kernel::SaturatingPairs] {
            assert_eq!(Precision::Int8.effective_on(&usable), Precision::Int8);
            assert_eq!(Precision::Int8.fallback_note_on(&usable), None);
        }
        assert_eq!(Precision::F32.effective_on(&Kernel::Exact), Precision::F32);
    }
}
