// svodka: not part of rust-bert 0.23.0 (see vendor/README.md).
//
//! Linear layers that can run on int8 weights through libtorch's fbgemm kernels, chosen when a
//! model is built. fbgemm's int8 product reads a quarter of the bytes of an f32 weight and, for
//! the few rows of a decoding step, runs 5–20× faster than MKL's f32 product; the price is an
//! int8 rounding of every weight (one scale per output row).
//!
//! fbgemm multiplies unsigned 8-bit activations by signed 8-bit weights, and how it adds the
//! products depends on the CPU: with AVX-512 VNNI straight into 32 bits, without it (AVX2, and
//! AVX-512 without VNNI) pairs of products are first added in 16-bit lanes that saturate at
//! ±32,767 — and 255 × 127 × 2 = 64,770. [`kernel`] finds out which by running the product once on
//! operands whose exact result is known, and the weights are quantised to ±127 or ±63
//! accordingly (255 × 63 × 2 = 32,130 cannot saturate). Where neither is exact, int8 is not used.
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
/// when `int8` is true and [`kernel`] allows it, f32 otherwise.
pub fn building<T>(int8: bool, build: impl FnOnce() -> T) -> T {
    // Restores the flag on drop, so a build that panics (and is caught) does not leave later
    // builds on this thread in int8.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            BUILD_INT8.with(|flag| flag.set(self.0));
        }
    }
    let int8 = int8 && kernel().weight_limit().is_some();
    let _restore = Restore(BUILD_INT8.with(|flag| flag.replace(int8)));
    build()
}

fn int8_requested() -> bool {
    BUILD_INT8.with(Cell::get)
}

/// How fbgemm's int8 product adds up on this CPU, and so how wide the weights may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kernel {
    /// Products accumulate in 32 bits (AVX-512 VNNI): weights use ±127.
    Exact,
    /// Pairs of products are added in saturating 16-bit lanes (AVX2, AVX-512 without VNNI):
    /// weights use ±63, so no pair can reach 32,767.
    SaturatingPairs,
    /// fbgemm cannot run here, or is not exact even on ±63 weights: models stay in f32.
    Unavailable(String),
}

impl Kernel {
    /// The largest int8 weight magnitude whose products this kernel adds exactly.
    pub fn weight_limit(&self) -> Option<i64> {
        match self {
            Kernel::Exact => Some(127),
            Kernel::SaturatingPairs => Some(63),
            Kernel::Unavailable(_) => None,
        }
    }
}

impl std::fmt::Display for Kernel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kernel::Exact => write!(f, "weights ±127 (products added in 32 bits)"),
            Kernel::SaturatingPairs => {
                write!(f, "weights ±63 (pairs of products added in 16 bits)")
            }
            Kernel::Unavailable(why) => write!(f, "unavailable: {why}"),
        }
    }
}

/// This process's [`Kernel`], found the first time it is asked by multiplying operands whose
/// exact product is known: the full-range ones saturate on pair-adding kernels, the ±63 ones
/// must not. A behaviour test rather than a CPUID check, so it also holds when fbgemm is told to
/// use other kernels (`FBGEMM_ENABLE_INSTRUCTIONS`) or picks them by rules of its own.
pub fn kernel() -> &'static Kernel {
    static KERNEL: OnceLock<Kernel> = OnceLock::new();
    KERNEL.get_or_init(|| match (exact_at(127), exact_at(63)) {
        (Ok(true), _) => Kernel::Exact,
        (Ok(false), Ok(true)) => Kernel::SaturatingPairs,
        (Ok(false), Ok(false)) => Kernel::Unavailable(
            "fbgemm's int8 product is not exact on this CPU even with 7-bit weights".into(),
        ),
        // libtorch's message is followed by a C++ backtrace: its first line says it all.
        (Err(e), _) | (_, Err(e)) => Kernel::Unavailable(format!(
            "fbgemm cannot run: {}",
            e.to_string().lines().next().unwrap_or_default()
        )),
    })
}

/// Whether fbgemm's product of activations on 0..=255 and weights on ±`limit` equals the exact
/// integer product. The operands are chosen so that quantising them is exact: the activations'
/// largest value is 255 (scale 1, zero point 0) and every weight row starts with +`limit`
/// (scale 1). Row 0 of the activations is all 255, weight row 0 all +`limit` and weight row 1
/// −`limit` after its first element: pairs of products there are the largest the operands
/// allow, the case that saturates first; the other values are spread over the whole range.
fn exact_at(limit: i64) -> Result<bool, tch::TchError> {
    let (rows, inner, cols) = (4_i64, 64_i64, 16_i64);
    let x: Vec<i64> = (0..rows * inner)
        .map(|i| if i < inner { 255 } else { (i * 37 + 11) % 256 })
        .collect();
    let w: Vec<i64> = (0..cols * inner)
        .map(|i| match (i / inner, i % inner) {
            (0, _) | (_, 0) => limit,
            (1, _) => -limit,
            _ => (i * 53 + 7) % (2 * limit + 1) - limit,
        })
        .collect();
    let exact: Vec<f32> = (0..rows * cols)
        .map(|o| {
            let (r, c) = (o / cols, o % cols);
            let dot: i64 = (0..inner)
                .map(|k| x[(r * inner + k) as usize] * w[(c * inner + k) as usize])
                .sum();
            dot as f32
        })
        .collect();
    let as_float =
        |v: &[i64], shape: [i64; 2]| Tensor::from_slice(v).to_kind(Kind::Float).reshape(shape);
    let weight = Int8Weight::f_quantize(&as_float(&w, [cols, inner]), None, limit)?;
    let got = weight.f_forward(&as_float(&x, [rows, inner]))?;
    Ok(got.equal(&Tensor::from_slice(&exact).reshape([rows, cols])))
}

/// A weight matrix in fbgemm's packed int8 form with its quantisation parameters.
#[derive(Debug)]
pub struct Int8Weight {
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
    /// Symmetric quantisation onto ±`limit` with one scale per output row, as CTranslate2
    /// does: a row of small weights keeps its precision next to rows of large ones (per-tensor
    /// scaling, PyTorch's dynamic default, is ~4× less accurate on weights whose rows differ in
    /// size). fbgemm's op takes one scale, so it runs with scale 1 and the row scales multiply
    /// its output. `limit` is [`Kernel::weight_limit`] outside tests and measurements.
    pub fn quantize(weight: &Tensor, bias: Option<&Tensor>, limit: i64) -> Int8Weight {
        Int8Weight::f_quantize(weight, bias, limit).expect("fbgemm's int8 packing")
    }

    /// [`Int8Weight::quantize`], with libtorch's refusal (fbgemm needs AVX2) as an error.
    fn f_quantize(
        weight: &Tensor,
        bias: Option<&Tensor>,
        limit: i64,
    ) -> Result<Int8Weight, tch::TchError> {
        assert!(
            (1..=127).contains(&limit),
            "int8 weights need a limit in 1..=127"
        );
        tch::no_grad(|| {
            let weight = weight.to_kind(Kind::Float).contiguous();
            let (rows, cols) = weight.size2().expect("a linear weight is a matrix");
            let max = weight.abs().amax([1], true);
            // An all-zero row gets scale 1 (its int8 values are 0 either way).
            let scales = (&max / limit as f64).where_self(&max.gt(0.0), &max.ones_like());
            let q = (&weight / &scales)
                .round()
                .clamp(-limit, limit)
                .to_kind(Kind::Int8);
            // fbgemm subtracts the weight's zero point (0 here) times K itself: plain row sums.
            let col_offsets = q.to_kind(Kind::Int).sum_dim_intlist(1, false, Kind::Int);
            let packed = q.f_fbgemm_pack_quantized_matrix()?;
            let sizes_only =
                Tensor::zeros([1, 1], (Kind::Int8, Device::Cpu)).expand([rows, cols], false);
            Ok(Int8Weight {
                sizes_only,
                packed,
                col_offsets,
                scales: scales.reshape([rows]),
                zeros: Tensor::zeros([rows], (Kind::Float, Device::Cpu)),
                bias: bias.map(|b| b.to_kind(Kind::Float).contiguous()),
            })
        })
    }

    pub fn forward(&self, xs: &Tensor) -> Tensor {
        self.f_forward(xs).expect("fbgemm's int8 product")
    }

    fn f_forward(&self, xs: &Tensor) -> Result<Tensor, tch::TchError> {
        let mut out = xs
            .contiguous()
            .f_fbgemm_linear_int8_weight_fp32_activation(
                &self.sizes_only,
                &self.packed,
                &self.col_offsets,
                // libtorch wants a floating scale and an integral zero point; tch types both alike.
                Scalar::float(1.0),
                Scalar::int(0),
                &self.zeros,
            )?;
        let _ = out.g_mul_(&self.scales);
        if let Some(bias) = &self.bias {
            let _ = out.g_add_(bias);
        }
        Ok(out)
    }
}

/// The weight limit for a layer built in int8 (which [`building`] only allows when there is one).
fn weight_limit() -> i64 {
    kernel()
        .weight_limit()
        .expect("int8 layers are only built where fbgemm's product is exact")
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
                    let int8 =
                        Int8Weight::quantize(&self.f32.ws, self.f32.bs.as_ref(), weight_limit());
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
                .get_or_init(|| Int8Weight::quantize(embeddings, None, weight_limit()))
                .forward(xs),
        }
    }
}

impl Default for OutputProjection {
    fn default() -> Self {
        Self::new()
    }
}
