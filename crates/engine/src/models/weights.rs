//! Weight files → a rust-bert `ModelResource`.
//!
//! Marian uses static sinusoidal position tables that HF's `save_pretrained` (and so many
//! safetensors checkpoints) leaves out, while rust-bert refuses to load without them. When they
//! are absent we compute them exactly as transformers does and hand rust-bert an in-memory copy.

use std::sync::{Arc, RwLock};

use rust_bert::pipelines::common::ModelResource;
use rust_bert::resources::{BufferResource, LocalResource};
use tch::{Kind, Tensor};

use crate::error::{EngineError, Result};
use svodka_manifest::ModelFiles;

const POSITION_KEYS: [&str; 2] = [
    "model.encoder.embed_positions.weight",
    "model.decoder.embed_positions.weight",
];

pub fn plain(files: &ModelFiles) -> ModelResource {
    ModelResource::Torch(Box::new(LocalResource::from(files.weights.clone())))
}

/// Marian weights, with the static position tables filled in when the file lacks them.
pub fn marian(files: &ModelFiles, max_positions: i64, d_model: i64) -> Result<ModelResource> {
    if files.weights.extension().and_then(|e| e.to_str()) != Some("safetensors") {
        return Ok(plain(files));
    }
    let unreadable = |reason: String| EngineError::ModelUnreadable {
        id: files.id.clone(),
        dir: files.dir.clone(),
        reason,
    };
    let mut named = Tensor::read_safetensors(&files.weights)
        .map_err(|e| unreadable(format!("{}: {e}", files.weights.display())))?;
    if !add_missing_positions(&mut named, max_positions, d_model) {
        return Ok(plain(files));
    }
    tracing::info!(model = %files.id, "computed Marian sinusoidal position tables absent from the weights");
    let mut buffer = Vec::new();
    Tensor::save_multi_to_stream(&named, &mut buffer)
        .map_err(|e| unreadable(format!("re-packing weights: {e}")))?;
    Ok(ModelResource::Torch(Box::new(BufferResource {
        data: Arc::new(RwLock::new(buffer)),
    })))
}

/// Adds Marian's static position tables to `named` where the checkpoint left them out; returns
/// whether any was added.
pub fn add_missing_positions(
    named: &mut Vec<(String, Tensor)>,
    max_positions: i64,
    d_model: i64,
) -> bool {
    let missing: Vec<&str> = POSITION_KEYS
        .iter()
        .copied()
        .filter(|k| !named.iter().any(|(n, _)| n == k))
        .collect();
    if missing.is_empty() {
        return false;
    }
    let table = sinusoidal_positions(max_positions, d_model);
    for key in missing {
        named.push((key.to_string(), table.shallow_clone()));
    }
    true
}

/// transformers' `MarianSinusoidalPositionalEmbedding._init_weight`: angles in f64, sines of the
/// even columns in the first half, cosines of the odd columns in the second half, then f32.
pub fn sinusoidal_positions(n_pos: i64, dim: i64) -> Tensor {
    let sentinel = if dim % 2 == 0 { dim / 2 } else { dim / 2 + 1 };
    let mut values = vec![0f32; (n_pos * dim) as usize];
    for pos in 0..n_pos {
        let row = &mut values[(pos * dim) as usize..((pos + 1) * dim) as usize];
        for j in 0..dim {
            let angle = pos as f64 / 10000f64.powf(2.0 * (j / 2) as f64 / dim as f64);
            if j % 2 == 0 {
                row[(j / 2) as usize] = angle.sin() as f32;
            } else {
                row[(sentinel + j / 2) as usize] = angle.cos() as f32;
            }
        }
    }
    Tensor::from_slice(&values)
        .reshape([n_pos, dim])
        .to_kind(Kind::Float)
}
