//! Reading slovnet's and navec's tar packs, as natasha 1.6.0 ships them.
//!
//! slovnet_ner_news_v1.tar: meta.json (id, protocol 1), model.json (the module tree with each
//! weight's shape, dtype and array number), arrays/N.bin (raw little-endian), vocabs/{word,shape,
//! tag}.gz (one item per line). navec_news_v1_1B_250K_300d_100q.tar: meta.json, pq.bin (header of
//! four u32 — vectors, dim, qdim, centroids — then u8 indexes [vectors × qdim], then f32 codes
//! [qdim × centroids × dim/qdim]) and vocab.bin (not needed: slovnet's word vocabulary is navec's).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

/// A pack's failure, as text for [`crate::EngineError::ModelUnreadable`].
pub type PackResult<T> = std::result::Result<T, String>;

pub struct Pack {
    files: HashMap<String, Vec<u8>>,
}

impl Pack {
    pub fn open(path: &Path) -> PackResult<Pack> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut archive = tar::Archive::new(file);
        let mut files = HashMap::new();
        let bad = |e: std::io::Error| format!("{}: not a readable tar ({e})", path.display());
        for entry in archive.entries().map_err(bad)? {
            let mut entry = entry.map_err(bad)?;
            if !entry.header().entry_type().is_file() {
                continue;
            }
            let name = entry.path().map_err(bad)?.to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(bad)?;
            files.insert(name, bytes);
        }
        Ok(Pack { files })
    }

    pub fn bytes(&self, name: &str) -> PackResult<&[u8]> {
        self.files
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| format!("{name} is missing from the pack"))
    }

    pub fn json<T: for<'de> Deserialize<'de>>(&self, name: &str) -> PackResult<T> {
        serde_json::from_slice(self.bytes(name)?).map_err(|e| format!("{name}: {e}"))
    }

    /// The pack's id, after checking its protocol is the one this reader knows.
    pub fn meta_id(&self) -> PackResult<String> {
        #[derive(Deserialize)]
        struct Meta {
            id: String,
            #[serde(default = "protocol_one")]
            protocol: u32,
        }
        fn protocol_one() -> u32 {
            1
        }
        let meta: Meta = self.json("meta.json")?;
        if meta.protocol != 1 {
            return Err(format!("unknown pack protocol {}", meta.protocol));
        }
        Ok(meta.id)
    }

    /// A gzipped vocabulary, one item per line (Python's `splitlines`).
    pub fn vocab(&self, name: &str) -> PackResult<Vec<String>> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(self.bytes(&format!("vocabs/{name}.gz"))?)
            .read_to_string(&mut text)
            .map_err(|e| format!("vocabs/{name}.gz: {e}"))?;
        Ok(text.lines().map(str::to_string).collect())
    }

    /// A float32 weight described in model.json, checked against its declared shape.
    pub fn array(&self, weight: &WeightRef) -> PackResult<Vec<f32>> {
        if weight.dtype != "float32" {
            return Err(format!("unexpected dtype {}", weight.dtype));
        }
        let id = weight
            .array
            .ok_or_else(|| "a weight has no array".to_string())?;
        let name = format!("arrays/{id}.bin");
        let bytes = self.bytes(&name)?;
        let len: usize = weight.shape.iter().product();
        if bytes.len() != len * 4 {
            return Err(format!(
                "{name}: {} bytes for shape {:?}",
                bytes.len(),
                weight.shape
            ));
        }
        Ok(f32s(bytes))
    }
}

pub fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

/// model.json's reference to one weight.
#[derive(Debug, Clone, Deserialize)]
pub struct WeightRef {
    pub shape: Vec<usize>,
    pub dtype: String,
    /// Absent for navec's weights, which come from the navec pack.
    #[serde(default)]
    pub array: Option<usize>,
}

/// model.json of slovnet's NER: `NER(emb=WordShapeEmbedding, encoder=CNNEncoder, head=NERHead)`.
#[derive(Debug, Deserialize)]
pub struct NerJson {
    pub emb: EmbJson,
    pub encoder: EncoderJson,
    pub head: HeadJson,
}

#[derive(Debug, Deserialize)]
pub struct EmbJson {
    pub word: NavecJson,
    pub shape: EmbeddingJson,
}

#[derive(Debug, Deserialize)]
pub struct NavecJson {
    pub id: String,
}

#[derive(Debug, Deserialize)]
pub struct EmbeddingJson {
    pub weight: WeightRef,
}

#[derive(Debug, Deserialize)]
pub struct EncoderJson {
    pub layers: Vec<LayerJson>,
}

#[derive(Debug, Deserialize)]
pub struct LayerJson {
    pub conv: ConvJson,
    pub norm: NormJson,
}

#[derive(Debug, Deserialize)]
pub struct ConvJson {
    pub weight: WeightRef,
    pub bias: WeightRef,
    pub padding: usize,
}

#[derive(Debug, Deserialize)]
pub struct NormJson {
    pub weight: WeightRef,
    pub bias: WeightRef,
    pub mean: WeightRef,
    pub std: WeightRef,
}

#[derive(Debug, Deserialize)]
pub struct HeadJson {
    pub proj: LinearJson,
    pub crf: CrfJson,
}

#[derive(Debug, Deserialize)]
pub struct LinearJson {
    pub weight: WeightRef,
    pub bias: WeightRef,
}

#[derive(Debug, Deserialize)]
pub struct CrfJson {
    pub transitions: WeightRef,
}

/// navec's product-quantised embeddings: word `w` is the concatenation, over the `qdim`
/// sub-spaces `q`, of centroid `indexes[w][q]` of sub-space `q`.
pub struct Navec {
    pub vectors: usize,
    pub qdim: usize,
    pub centroids: usize,
    /// Sub-vector length (dim / qdim).
    pub chunk: usize,
    pub indexes: Vec<u8>,
    pub codes: Vec<f32>,
}

impl Navec {
    pub fn from_pq(bytes: &[u8]) -> PackResult<Navec> {
        let header = |i: usize| -> PackResult<usize> {
            bytes
                .get(i * 4..i * 4 + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or_else(|| "pq.bin: truncated header".to_string())
        };
        let (vectors, dim, qdim, centroids) = (header(0)?, header(1)?, header(2)?, header(3)?);
        if qdim == 0 || dim % qdim != 0 || centroids > 256 {
            return Err(format!(
                "pq.bin: unexpected header dim {dim}, qdim {qdim}, centroids {centroids}"
            ));
        }
        let chunk = dim / qdim;
        let indexes_end = 16 + vectors * qdim;
        let expected = indexes_end + qdim * centroids * chunk * 4;
        if bytes.len() != expected {
            return Err(format!(
                "pq.bin: {} bytes, expected {expected}",
                bytes.len()
            ));
        }
        let indexes = bytes[16..indexes_end].to_vec();
        if indexes.iter().any(|&i| i as usize >= centroids) {
            return Err("pq.bin: an index points past the centroids".into());
        }
        Ok(Navec {
            vectors,
            qdim,
            centroids,
            chunk,
            indexes,
            codes: f32s(&bytes[indexes_end..]),
        })
    }

    pub fn dim(&self) -> usize {
        self.qdim * self.chunk
    }

    /// Writes word `id`'s vector into `out` (length [`Navec::dim`]).
    pub fn vector_into(&self, id: usize, out: &mut [f32]) {
        let indexes = &self.indexes[id * self.qdim..(id + 1) * self.qdim];
        for (q, &centroid) in indexes.iter().enumerate() {
            let at = (q * self.centroids + centroid as usize) * self.chunk;
            out[q * self.chunk..(q + 1) * self.chunk]
                .copy_from_slice(&self.codes[at..at + self.chunk]);
        }
    }
}
