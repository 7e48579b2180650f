// svodka: not part of rust-bert 0.23.0 (see vendor/README.md).
//
//! Loading a safetensors file one tensor at a time. tch's `VarStore::load` reads the whole file
//! into memory and builds every tensor from it before copying them into the variables, so a
//! model briefly takes three times its size; reading each tensor's bytes straight from the file
//! and copying them into its variable keeps the peak at the model plus its largest tensor.

use std::collections::HashMap;
use std::convert::TryFrom;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;
use tch::nn::VarStore;
use tch::{Kind, TchError, Tensor};

use crate::RustBertError;

#[derive(Deserialize)]
struct Entry {
    dtype: String,
    shape: Vec<i64>,
    data_offsets: (u64, u64),
}

fn kind_of(dtype: &str) -> Option<Kind> {
    Some(match dtype {
        "F32" => Kind::Float,
        "F16" => Kind::Half,
        "BF16" => Kind::BFloat16,
        "F64" => Kind::Double,
        "I64" => Kind::Int64,
        "I32" => Kind::Int,
        "I16" => Kind::Int16,
        "I8" => Kind::Int8,
        "U8" => Kind::Uint8,
        "BOOL" => Kind::Bool,
        _ => return None,
    })
}

fn bad(path: &Path, why: impl std::fmt::Display) -> RustBertError {
    RustBertError::IOError(format!("{}: {why}", path.display()))
}

/// Copies every variable of `vs` from the safetensors file at `path`; a variable the file lacks
/// is an error, as with `VarStore::load`.
pub fn load_safetensors(path: &Path, vs: &mut VarStore) -> Result<(), RustBertError> {
    let mut file = File::open(path).map_err(|e| bad(path, e))?;
    let mut len = [0u8; 8];
    file.read_exact(&mut len).map_err(|e| bad(path, e))?;
    let header_len = u64::from_le_bytes(len);
    let file_len = file.metadata().map_err(|e| bad(path, e))?.len();
    if header_len > file_len.saturating_sub(8) {
        return Err(bad(
            path,
            "not a safetensors file (header longer than the file)",
        ));
    }
    let mut header = vec![0u8; header_len as usize];
    file.read_exact(&mut header).map_err(|e| bad(path, e))?;
    let mut raw: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&header).map_err(|e| bad(path, e))?;
    raw.remove("__metadata__");
    let entries: HashMap<String, Entry> =
        serde_json::from_value(serde_json::Value::Object(raw)).map_err(|e| bad(path, e))?;
    let data_start = 8 + header_len;
    let mut bytes = Vec::new();
    for (name, var) in vs.variables_.lock().unwrap().named_variables.iter_mut() {
        let entry = entries.get(name).ok_or_else(|| {
            TchError::TensorNameNotFound(name.clone(), path.display().to_string())
        })?;
        let kind = kind_of(&entry.dtype)
            .ok_or_else(|| bad(path, format!("{name}: unsupported dtype {}", entry.dtype)))?;
        let (begin, end) = entry.data_offsets;
        if begin > end || data_start + end > file_len {
            return Err(bad(path, format!("{name}: data outside the file")));
        }
        // The bytes must be exactly the shape's (libtorch copies numel × size from the buffer)
        // and as many values as the variable holds.
        let numel = entry.shape.iter().try_fold(1u64, |n, &d| {
            u64::try_from(d).ok().and_then(|d| n.checked_mul(d))
        });
        let fits = numel.and_then(|n| n.checked_mul(kind.elt_size_in_bytes() as u64));
        if fits != Some(end - begin) || numel != Some(var.numel() as u64) {
            return Err(bad(
                path,
                format!(
                    "{name}: shape {:?} ({} bytes) in the file, {:?} in the model",
                    entry.shape,
                    end - begin,
                    var.size()
                ),
            ));
        }
        bytes.resize((end - begin) as usize, 0);
        file.seek(SeekFrom::Start(data_start + begin))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| bad(path, e))?;
        let tensor = Tensor::f_from_data_size(&bytes, &var.size(), kind)?;
        tch::no_grad(|| {
            var.set_data(&var.to_kind(kind));
            var.f_copy_(&tensor)
        })
        .map_err(|e| bad(path, format!("{name}: {e}")))?;
    }
    Ok(())
}
