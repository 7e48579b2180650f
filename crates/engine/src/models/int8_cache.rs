//! int8 weights kept beside the model they came from, so that every launch after the first reads
//! them instead of reading the f32 weights and quantising them again (issue 17: quantising made
//! the first result of a launch ~1.8× a warm analysis).
//!
//! The cache is `svodka-int8-w<limit>.safetensors` in the model's folder, an ordinary safetensors
//! file any safetensors reader opens: per layer its int8 values (`<weight name>.int8`) and row
//! scales (`<weight name>.scales`). Not fbgemm's packed form, which depends on the CPU's
//! instructions: packing again at load is cheap. Its metadata says what it was made from — the
//! weights file's name, size, modification time and sha256, and the weight limit of the kernel
//! (±127 or ±63, also in the name, so a folder shared by two kinds of CPU keeps one of each) —
//! and holds a CRC-32 of the data. It is used only while all of that holds: the weights file has
//! the same size and modification time, its sha256 is the one svodka-hub recorded when it
//! installed the file (where it did), and the data is intact. Otherwise the model quantises as
//! on a first launch and the cache is written again. Re-hashing the weights at every launch
//! would cost ~0.6 s per GB, most of what the cache saves, so a file is taken to be unchanged
//! while its size and time are (as make and cargo do).
//!
//! A cache that cannot be written (a read-only folder) or read costs nothing but time: the model
//! is quantised at launch as before, and the log says why.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rust_bert::int8::{Int8Store, Int8Weight, Quantised};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use svodka_manifest::{InstallState, ModelFiles};
use tch::{Kind, Tensor};

/// Changes whenever what a cache holds or how layers are named changes.
const FORMAT: &str = "svodka-int8/1";

/// The cache file of one model's weights for one weight limit.
pub struct Int8Cache {
    path: PathBuf,
    weights: PathBuf,
    origin: Origin,
}

/// What a cache was made from: written into its metadata, compared at every load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Origin {
    format: String,
    weights: String,
    size: String,
    modified_ns: String,
    limit: String,
    /// From svodka-install.json where svodka-hub installed the weights, else computed when the
    /// cache is written; empty while unknown (only in `Int8Cache::beside`'s view of the file).
    sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Metadata {
    #[serde(flatten)]
    origin: Origin,
    crc32: String,
}

/// A tensor's entry in a safetensors header.
#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    dtype: String,
    shape: Vec<i64>,
    data_offsets: (u64, u64),
}

/// Why a cache was not used.
#[derive(Debug)]
enum Unusable {
    Absent,
    /// Made from other weights, for another kernel, or by another svodka.
    Stale(String),
    Damaged(String),
}

impl Int8Cache {
    /// The cache of `files`' weights for int8 weights on ±`limit`; `None` if the weights file
    /// cannot even be looked at (loading it then fails with its own message).
    pub fn beside(files: &ModelFiles, limit: i64) -> Option<Int8Cache> {
        let meta = std::fs::metadata(&files.weights).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let name = files.weights.file_name()?.to_string_lossy().into_owned();
        let sha256 = InstallState::read(&files.dir)
            .and_then(|state| state.files.get(&name).cloned())
            .filter(|file| file.size == meta.len())
            .map(|file| file.sha256)
            .unwrap_or_default();
        Some(Int8Cache {
            path: files.dir.join(format!("svodka-int8-w{limit}.safetensors")),
            weights: files.weights.clone(),
            origin: Origin {
                format: FORMAT.into(),
                weights: name,
                size: meta.len().to_string(),
                modified_ns: modified.as_nanos().to_string(),
                limit: limit.to_string(),
                sha256,
            },
        })
    }

    /// The store a build takes its int8 weights from: the cached ones when the cache is usable,
    /// else an empty store that keeps what the layers quantise, for [`Int8Cache::finish`].
    pub fn store(&self) -> Int8Store {
        let started = std::time::Instant::now();
        match self.read() {
            Ok(weights) if weights.is_empty() => {
                tracing::warn!(cache = %self.path.display(), "int8 cache holds no weights: quantising again");
                Int8Store::keeping()
            }
            Ok(weights) => {
                tracing::info!(
                    cache = %self.path.display(),
                    layers = weights.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "int8 weights from the cache"
                );
                Int8Store::given(weights)
            }
            Err(why) => {
                match why {
                    Unusable::Absent => {}
                    Unusable::Stale(why) => {
                        tracing::info!(cache = %self.path.display(), "int8 cache out of date ({why}): quantising again")
                    }
                    Unusable::Damaged(why) => {
                        tracing::warn!(cache = %self.path.display(), "int8 cache damaged ({why}): quantising again")
                    }
                }
                Int8Store::keeping()
            }
        }
    }

    /// After the model's warm-up: writes what its layers quantised, or removes a cache that did
    /// not fit the model (some of its weights unused, or some layers quantised anyway), so that
    /// the next launch writes a whole one.
    pub fn finish(&self, store: &Int8Store) {
        let unused = store.unused();
        // A store given a cache's weights has some left over when their names or sizes no
        // longer fit (a keeping store is given none).
        let misfit = !unused.is_empty() || (store.taken() > 0 && store.quantised() > 0);
        if misfit {
            tracing::warn!(
                cache = %self.path.display(),
                unused = unused.len(),
                quantised = store.quantised(),
                "int8 cache did not fit the model: removed, written again at the next launch"
            );
            let _ = std::fs::remove_file(&self.path);
            return;
        }
        if store.taken() > 0 {
            return;
        }
        let kept = store.take_kept();
        if kept.is_empty() {
            return;
        }
        let started = std::time::Instant::now();
        match self.write(kept) {
            Ok(()) => tracing::info!(
                cache = %self.path.display(),
                ms = started.elapsed().as_millis() as u64,
                "int8 weights cached"
            ),
            Err(e) => tracing::warn!(
                cache = %self.path.display(),
                "int8 weights not cached ({e}): the next launch quantises them again"
            ),
        }
    }

    fn read(&self) -> Result<HashMap<String, Int8Weight>, Unusable> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Absent),
            Err(e) => return Err(Unusable::Damaged(e.to_string())),
        };
        let damaged = |why: String| Unusable::Damaged(why);
        let file_len = file.metadata().map_err(|e| damaged(e.to_string()))?.len();
        let mut file = BufReader::with_capacity(1 << 20, file);
        let mut len = [0u8; 8];
        file.read_exact(&mut len)
            .map_err(|e| damaged(format!("header: {e}")))?;
        let header_len = u64::from_le_bytes(len);
        if header_len > file_len.saturating_sub(8).min(64 << 20) {
            return Err(damaged("header longer than the file".into()));
        }
        let mut header = vec![0u8; header_len as usize];
        file.read_exact(&mut header)
            .map_err(|e| damaged(format!("header: {e}")))?;
        let mut header: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&header).map_err(|e| damaged(format!("header: {e}")))?;
        let metadata: Metadata = header
            .remove("__metadata__")
            .and_then(|m| serde_json::from_value(m).ok())
            .ok_or_else(|| damaged("no svodka metadata".into()))?;
        self.check_origin(&metadata.origin)?;
        let mut entries: Vec<(String, Entry)> = header
            .into_iter()
            .map(|(name, entry)| serde_json::from_value(entry).map(|e| (name, e)))
            .collect::<Result<_, _>>()
            .map_err(|e| damaged(format!("header: {e}")))?;
        entries.sort_by_key(|(_, e)| e.data_offsets.0);

        let data_start = 8 + header_len;
        let mut crc = crc32fast::Hasher::new();
        let mut tensors: HashMap<String, Tensor> = HashMap::new();
        let mut at = 0u64;
        let mut bytes = Vec::new();
        for (name, entry) in entries {
            let kind = match entry.dtype.as_str() {
                "I8" => Kind::Int8,
                "F32" => Kind::Float,
                other => return Err(damaged(format!("{name}: dtype {other}"))),
            };
            let numel = entry.shape.iter().try_fold(1u64, |n, &d| {
                u64::try_from(d).ok().and_then(|d| n.checked_mul(d))
            });
            let (begin, end) = entry.data_offsets;
            let fits = numel.and_then(|n| n.checked_mul(kind.elt_size_in_bytes() as u64));
            if begin != at || fits != Some(end.wrapping_sub(begin)) || data_start + end > file_len {
                return Err(damaged(format!("{name}: data outside its place")));
            }
            bytes.resize((end - begin) as usize, 0);
            file.read_exact(&mut bytes)
                .map_err(|e| damaged(format!("{name}: {e}")))?;
            crc.update(&bytes);
            let tensor = Tensor::f_from_data_size(&bytes, &entry.shape, kind)
                .map_err(|e| damaged(format!("{name}: {e}")))?;
            tensors.insert(name, tensor);
            at = end;
        }
        if data_start + at != file_len {
            return Err(damaged("bytes after the last tensor".into()));
        }
        let crc = format!("{:08x}", crc.finalize());
        if crc != metadata.crc32 {
            return Err(damaged(format!(
                "CRC-32 {crc}, the header says {}",
                metadata.crc32
            )));
        }

        let names: Vec<String> = tensors
            .keys()
            .filter_map(|k| k.strip_suffix(".int8"))
            .map(str::to_string)
            .collect();
        let mut layers = Vec::with_capacity(names.len());
        for name in names {
            let values = tensors.remove(&format!("{name}.int8")).expect("listed");
            let scales = tensors
                .remove(&format!("{name}.scales"))
                .ok_or_else(|| damaged(format!("{name}: no scales")))?;
            layers.push((name, values, scales));
        }
        if let Some(stray) = tensors.keys().next() {
            return Err(damaged(format!("{stray}: no int8 values")));
        }
        pack(layers).map_err(damaged)
    }

    fn check_origin(&self, cached: &Origin) -> Result<(), Unusable> {
        let now = &self.origin;
        let stale = |why: String| Err(Unusable::Stale(why));
        if cached.format != now.format {
            return stale(format!(
                "made by {}, this svodka reads {}",
                cached.format, now.format
            ));
        }
        if cached.limit != now.limit {
            return stale(format!(
                "weights on ±{}, this CPU's kernel needs ±{}",
                cached.limit, now.limit
            ));
        }
        if cached.weights != now.weights {
            return stale(format!(
                "made from {}, the model now loads {}",
                cached.weights, now.weights
            ));
        }
        if (&cached.size, &cached.modified_ns) != (&now.size, &now.modified_ns) {
            return stale(format!("{} changed since the cache was made", now.weights));
        }
        if !now.sha256.is_empty() && cached.sha256 != now.sha256 {
            return stale(format!(
                "made from sha256 {}, {} was installed as {}",
                cached.sha256, now.weights, now.sha256
            ));
        }
        Ok(())
    }

    /// Writes the cache beside the model through a temporary file renamed into place, so a
    /// reader (another svodka on the same folder) sees the old cache or the whole new one.
    fn write(&self, mut kept: Vec<Quantised>) -> std::io::Result<()> {
        kept.sort_by(|a, b| a.name.cmp(&b.name));
        let mut origin = self.origin.clone();
        if origin.sha256.is_empty() {
            origin.sha256 = sha256_of(&self.weights)?;
        }
        let tensors: Vec<(String, &Tensor)> = kept
            .iter()
            .flat_map(|q| {
                [
                    (format!("{}.int8", q.name), &q.values),
                    (format!("{}.scales", q.name), &q.scales),
                ]
            })
            .collect();
        let mut header = serde_json::Map::new();
        let mut crc = crc32fast::Hasher::new();
        let mut at = 0u64;
        let mut bytes = Vec::new();
        for (name, tensor) in &tensors {
            tensor_bytes(tensor, &mut bytes)?;
            crc.update(&bytes);
            let entry = Entry {
                dtype: if tensor.kind() == Kind::Int8 {
                    "I8"
                } else {
                    "F32"
                }
                .into(),
                shape: tensor.size(),
                data_offsets: (at, at + bytes.len() as u64),
            };
            at += bytes.len() as u64;
            header.insert(name.clone(), serde_json::to_value(entry)?);
        }
        let metadata = Metadata {
            origin,
            crc32: format!("{:08x}", crc.finalize()),
        };
        header.insert("__metadata__".into(), serde_json::to_value(metadata)?);
        let mut header = serde_json::to_vec(&header)?;
        // safetensors pads its header with spaces so the data starts 8-byte aligned.
        while header.len() % 8 != 0 {
            header.push(b' ');
        }

        let dir = self.path.parent().unwrap_or(Path::new("."));
        let temp = tempfile::Builder::new()
            .prefix(".svodka-int8-")
            .suffix(".partial-cache")
            .tempfile_in(dir)?;
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file());
        out.write_all(&(header.len() as u64).to_le_bytes())?;
        out.write_all(&header)?;
        for (_, tensor) in &tensors {
            tensor_bytes(tensor, &mut bytes)?;
            out.write_all(&bytes)?;
        }
        out.flush()?;
        drop(out);
        // As readable as the weights it came from (tempfile creates files for its owner only),
        // so a model folder shared by several accounts shares its cache too.
        if let Ok(meta) = std::fs::metadata(&self.weights) {
            let _ = temp.as_file().set_permissions(meta.permissions());
        }
        temp.as_file().sync_all()?;
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Packs each layer's int8 values for fbgemm, the layers shared out over the cores: packing is
/// most of what reading a cache costs, and the layers are independent.
fn pack(mut layers: Vec<(String, Tensor, Tensor)>) -> Result<HashMap<String, Int8Weight>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Largest first, each to the thread with the least so far: the output projection is ~12
    // times a layer's size.
    layers.sort_by_key(|(_, values, _)| std::cmp::Reverse(values.numel()));
    let mut shares: Vec<(usize, Vec<(String, Tensor, Tensor)>)> =
        (0..threads).map(|_| (0, Vec::new())).collect();
    for layer in layers {
        let share = shares
            .iter_mut()
            .min_by_key(|(size, _)| *size)
            .expect("a thread");
        share.0 += layer.1.numel();
        share.1.push(layer);
    }
    std::thread::scope(|scope| {
        let packing: Vec<_> = shares
            .into_iter()
            .map(|(_, share)| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|(name, values, scales)| {
                            Int8Weight::from_values(&values, &scales, None)
                                .map(|weight| (name.clone(), weight))
                                .map_err(|e| format!("{name}: {e}"))
                        })
                        .collect::<Result<Vec<_>, String>>()
                })
            })
            .collect();
        let mut weights = HashMap::new();
        for thread in packing {
            weights.extend(thread.join().expect("packing does not panic")?);
        }
        Ok(weights)
    })
}

/// A tensor's bytes, as safetensors stores them (little-endian, row-major: libtorch's own on x86).
fn tensor_bytes(tensor: &Tensor, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let tensor = tensor.contiguous();
    let numel = tensor.numel();
    bytes.resize(numel * tensor.kind().elt_size_in_bytes(), 0);
    tensor
        .f_copy_data_u8(bytes, numel)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher)?;
    Ok(hex::encode(hasher.finalize()))
}
