// svodka: not part of rust-bert 0.23.0 (see vendor/README.md).
//
//! Linear layers that can run on int8 weights through libtorch's fbgemm kernels, chosen when a
//! model is built. On CPUs with VNNI (and still on plain AVX2) fbgemm's int8 product reads a
//! quarter of the bytes of an f32 weight and, for the few rows of a decoding step, runs 5–20×
//! faster than MKL's f32 product; the price is an int8 rounding of every weight (one scale per
//! output row).
//!
//! The weights are loaded after the model is built, so a layer quantises itself the first time
//! it runs and then releases its f32 weight.

use std::borrow::Borrow;
use std::cell::Cell;
use std::sync::OnceLock;

use tch::{nn, Device, Kind, Scalar, Tensor};

thread_local! {
    static BUILD_INT8: Cell<bool> = const { Cell::new(false) };
}

/// Runs `build` (which constructs a model) so that its int8-capable layers run on int8 weights
/// when `int8` is true, f32 otherwise.
pub fn building<T>(int8: bool, build: impl FnOnce() -> T) -> T {
    // Restores the flag on drop, so a build that panics (and is caught) does not leave later
    // builds on this thread in int8.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            BUILD_INT8.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(BUILD_INT8.with(|flag| flag.replace(int8)));
    build()
}

fn int8_requested() -> bool {
    BUILD_INT8.with(Cell::get)
}

/// A weight matrix in fbgemm's packed int8 form with its quantisation parameters.
#[derive(Debug)]
struct Int8Weight {
    /// fbgemm only reads the unpacked weight's sizes once it is packed: a stride-0 view of one
    /// byte stands in for it so the int8 copy itself can be dropped.
    sizes_only: Tensor,
    packed: Tensor,
    col_offsets: Tensor,
    /// One scale per output row (the weight's rows).
    scales: Tensor,
    zeros: Tensor,
    bias: Option<Tensor>,
}

impl Int8Weight {
    /// Symmetric quantisation with one scale per output row, as CTranslate2 does: a row of small
    /// weights keeps its precision next to rows of large ones (per-tensor scaling, PyTorch's
    /// dynamic default, is ~4× less accurate on weights whose rows differ in size). fbgemm's
    /// op takes one scale, so it runs with scale 1 and the row scales multiply its output.
    fn quantize(weight: &Tensor, bias: Option<&Tensor>) -> Int8Weight {
        tch::no_grad(|| {
            let weight = weight.to_kind(Kind::Float).contiguous();
            let (rows, cols) = weight.size2().expect("a linear weight is a matrix");
            let max = weight.abs().amax([1], true);
            // An all-zero row gets scale 1 (its int8 values are 0 either way).
            let scales = (&max / 127.0).where_self(&max.gt(0.0), &max.ones_like());
            let q = (&weight / &scales)
                .round()
                .clamp(-127.0, 127.0)
                .to_kind(Kind::Int8);
            // fbgemm subtracts the weight's zero point (0 here) times K itself: plain row sums.
            let col_offsets = q.to_kind(Kind::Int).sum_dim_intlist(1, false, Kind::Int);
            let packed = q.fbgemm_pack_quantized_matrix();
            let sizes_only =
                Tensor::zeros([1, 1], (Kind::Int8, Device::Cpu)).expand([rows, cols], false);
            Int8Weight {
                sizes_only,
                packed,
                col_offsets,
                scales: scales.reshape([rows]),
                zeros: Tensor::zeros([rows], (Kind::Float, Device::Cpu)),
                bias: bias.map(|b| b.to_kind(Kind::Float).contiguous()),
            }
        })
    }

    fn forward(&self, xs: &Tensor) -> Tensor {
        let mut out = xs.contiguous().fbgemm_linear_int8_weight_fp32_activation(
            &self.sizes_only,
            &self.packed,
            &self.col_offsets,
            // libtorch wants a floating scale and an integral zero point; tch types both alike.
            Scalar::float(1.0),
            Scalar::int(0),
            &self.zeros,
        );
        let _ = out.g_mul_(&self.scales);
        if let Some(bias) = &self.bias {
            let _ = out.g_add_(bias);
        }
        out
    }
}

/// `tch::nn::Linear`, or its int8 form when the model was built with `building(true, …)`.
#[derive(Debug)]
pub struct Linear {
    f32: nn::Linear,
    int8: Option<OnceLock<Int8Weight>>,
}

impl Linear {
    pub fn new<'a, T: Borrow<nn::Path<'a>>>(
        path: T,
        in_dim: i64,
        out_dim: i64,
        config: nn::LinearConfig,
    ) -> Linear {
        Linear {
            f32: nn::linear(path, in_dim, out_dim, config),
            int8: int8_requested().then(OnceLock::new),
        }
    }
}

impl nn::Module for Linear {
    fn forward(&self, xs: &Tensor) -> Tensor {
        match &self.int8 {
            None => xs.apply(&self.f32),
            Some(cell) => cell
                .get_or_init(|| {
                    let int8 = Int8Weight::quantize(&self.f32.ws, self.f32.bs.as_ref());
                    // The var store shares this tensor: emptying it frees the f32 weight.
                    let mut released = self.f32.ws.shallow_clone();
                    released.set_data(&Tensor::zeros([0], (Kind::Float, Device::Cpu)));
                    int8
                })
                .forward(xs),
        }
    }
}

/// The output projection onto the vocabulary, tied to the token embeddings (which stay f32 for
/// the lookup; the int8 form is a second, quarter-size copy).
#[derive(Debug)]
pub struct OutputProjection {
    int8: Option<OnceLock<Int8Weight>>,
}

impl OutputProjection {
    pub fn new() -> OutputProjection {
        OutputProjection {
            int8: int8_requested().then(OnceLock::new),
        }
    }

    pub fn forward(&self, xs: &Tensor, embeddings: &Tensor) -> Tensor {
        match &self.int8 {
            None => xs.linear::<Tensor>(embeddings, None),
            Some(cell) => cell
                .get_or_init(|| Int8Weight::quantize(embeddings, None))
                .forward(xs),
        }
    }
}

impl Default for OutputProjection {
    fn default() -> Self {
        Self::new()
    }
}
