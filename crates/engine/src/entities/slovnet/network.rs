//! slovnet's NER network (slovnet/exec/model.py), in f32 like its numpy original:
//! navec word vectors ⊕ shape vectors → CNN layers (conv1d, ReLU, batch norm) → linear
//! projection to tag scores; the CRF on top is in `crf.rs`.
//!
//! Plain ndarray rather than tch: the network is 0.4 M parameters of three convolutions and a
//! projection, which ndarray's matrix product (matrixmultiply, already built for tch) runs in
//! milliseconds, and the code reads like the numpy it ports.

use ndarray::{s, Array1, Array2, ArrayView2, Axis};

use super::pack::{LayerJson, Navec, NerJson, Pack, PackResult, WeightRef};

struct ConvLayer {
    /// Kernel tap k as an [in, out] matrix, so a layer is Σₖ shift(x, k) · taps[k].
    taps: Vec<Array2<f32>>,
    padding: usize,
    bias: Array1<f32>,
    norm_weight: Array1<f32>,
    norm_bias: Array1<f32>,
    norm_mean: Array1<f32>,
    norm_std: Array1<f32>,
}

pub struct Network {
    navec: Navec,
    /// [shapes, shape dim]
    shape_emb: Array2<f32>,
    layers: Vec<ConvLayer>,
    /// [hidden, tags]
    proj_weight: Array2<f32>,
    proj_bias: Array1<f32>,
    /// [from tag, to tag]
    pub transitions: Array2<f32>,
}

fn vector(pack: &Pack, w: &WeightRef, len: usize) -> PackResult<Array1<f32>> {
    if w.shape != [len] {
        return Err(format!("expected a vector of {len}, got {:?}", w.shape));
    }
    Ok(Array1::from(pack.array(w)?))
}

fn matrix(pack: &Pack, w: &WeightRef) -> PackResult<Array2<f32>> {
    let &[rows, cols] = w.shape.as_slice() else {
        return Err(format!("expected a matrix, got {:?}", w.shape));
    };
    Array2::from_shape_vec((rows, cols), pack.array(w)?).map_err(|e| e.to_string())
}

impl ConvLayer {
    fn load(pack: &Pack, json: &LayerJson, in_dim: usize) -> PackResult<ConvLayer> {
        let &[filters, layer_in, kernel] = json.conv.weight.shape.as_slice() else {
            return Err(format!("conv weight shape {:?}", json.conv.weight.shape));
        };
        if layer_in != in_dim || kernel != 2 * json.conv.padding + 1 {
            return Err(format!(
                "conv weight {:?} with padding {} does not fit input {in_dim}",
                json.conv.weight.shape, json.conv.padding
            ));
        }
        // [filters, in, kernel] → one [in, filters] matrix per kernel tap.
        let weight = pack.array(&json.conv.weight)?;
        let taps = (0..kernel)
            .map(|k| {
                Array2::from_shape_fn((in_dim, filters), |(c, f)| {
                    weight[(f * in_dim + c) * kernel + k]
                })
            })
            .collect();
        Ok(ConvLayer {
            taps,
            padding: json.conv.padding,
            bias: vector(pack, &json.conv.bias, filters)?,
            norm_weight: vector(pack, &json.norm.weight, filters)?,
            norm_bias: vector(pack, &json.norm.bias, filters)?,
            norm_mean: vector(pack, &json.norm.mean, filters)?,
            norm_std: vector(pack, &json.norm.std, filters)?,
        })
    }

    fn out_dim(&self) -> usize {
        self.bias.len()
    }

    /// [tokens, in] → [tokens, out]: zero-padded convolution, ReLU, batch norm.
    fn forward(&self, x: ArrayView2<f32>) -> Array2<f32> {
        let (len, in_dim) = x.dim();
        let mut padded = Array2::zeros((len + 2 * self.padding, in_dim));
        padded
            .slice_mut(s![self.padding..self.padding + len, ..])
            .assign(&x);
        let mut out = Array2::zeros((len, self.out_dim()));
        for (k, tap) in self.taps.iter().enumerate() {
            out += &padded.slice(s![k..k + len, ..]).dot(tap);
        }
        out += &self.bias;
        out.mapv_inplace(|v| v.max(0.0));
        // As numpy: ((x - mean) / std) * weight + bias.
        out -= &self.norm_mean;
        out /= &self.norm_std;
        out *= &self.norm_weight;
        out += &self.norm_bias;
        out
    }
}

impl Network {
    pub fn load(pack: &Pack, json: &NerJson, navec: Navec) -> PackResult<Network> {
        let shape_emb = matrix(pack, &json.emb.shape.weight)?;
        let mut in_dim = navec.dim() + shape_emb.ncols();
        let mut layers = Vec::new();
        for layer in &json.encoder.layers {
            let layer = ConvLayer::load(pack, layer, in_dim)?;
            in_dim = layer.out_dim();
            layers.push(layer);
        }
        let proj_weight = matrix(pack, &json.head.proj.weight)?;
        if proj_weight.nrows() != in_dim {
            return Err(format!(
                "projection {:?} does not fit the encoder's {in_dim}",
                proj_weight.dim()
            ));
        }
        let tags = proj_weight.ncols();
        let proj_bias = vector(pack, &json.head.proj.bias, tags)?;
        let transitions = matrix(pack, &json.head.crf.transitions)?;
        if transitions.dim() != (tags, tags) {
            return Err(format!("CRF transitions {:?}", transitions.dim()));
        }
        Ok(Network {
            navec,
            shape_emb,
            layers,
            proj_weight,
            proj_bias,
            transitions,
        })
    }

    pub fn words(&self) -> usize {
        self.navec.vectors
    }

    pub fn shapes(&self) -> usize {
        self.shape_emb.nrows()
    }

    pub fn tags(&self) -> usize {
        self.proj_bias.len()
    }

    /// Tag scores [tokens, tags] for one text's word and shape ids (each within range).
    pub fn emissions(&self, word_ids: &[usize], shape_ids: &[usize]) -> Array2<f32> {
        let word_dim = self.navec.dim();
        let mut x = Array2::zeros((word_ids.len(), word_dim + self.shape_emb.ncols()));
        for ((mut row, &word), &shape) in x.axis_iter_mut(Axis(0)).zip(word_ids).zip(shape_ids) {
            let row = row
                .as_slice_mut()
                .expect("rows of a fresh array are contiguous");
            self.navec.vector_into(word, &mut row[..word_dim]);
            for (dst, src) in row[word_dim..].iter_mut().zip(self.shape_emb.row(shape)) {
                *dst = *src;
            }
        }
        for layer in &self.layers {
            x = layer.forward(x.view());
        }
        x.dot(&self.proj_weight) + &self.proj_bias
    }
}
