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
//! it runs and then releases its f32 weight. A build can instead be given weights quantised by an
//! earlier one ([`Int8Store::given`], which svodka keeps on disk): a layer that finds its own
//! there never creates its f32 weight, so loading skips it in the weights file.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tch::{nn, Device, Kind, Scalar, Tensor};

thread_local! {
    static BUILD: RefCell<Option<Arc<Int8Store>>> = const { RefCell::new(None) };
}

/// Runs `build` (which constructs a model) so that its int8-capable layers run on int8 weights
/// when `int8` is true and [`kernel`] allows it, f32 otherwise.
pub fn building<T>(int8: bool, build: impl FnOnce() -> T) -> T {
    building_with(int8.then(|| Arc::new(Int8Store::default())), build)
}

/// [`building`] in int8 with `store`: its given weights are taken by the layers they belong to,
/// and it counts (and, if asked, keeps) what the other layers quantise. With no store, or where
/// [`kernel`] allows no int8, the layers are f32.
pub fn building_with<T>(store: Option<Arc<Int8Store>>, build: impl FnOnce() -> T) -> T {
    // Restores the previous store on drop, so a build that panics (and is caught) does not leave
    // later builds on this thread in int8.
    struct Restore(Option<Arc<Int8Store>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            BUILD.with(|current| *current.borrow_mut() = self.0.take());
        }
    }
    let store = store.filter(|_| kernel().weight_limit().is_some());
    let _restore = Restore(BUILD.with(|current| current.replace(store)));
    build()
}

/// Layers quantised in this process so far, by every store: how a test sees that a build took
/// its weights from a cache.
pub fn quantisations() -> usize {
    QUANTISATIONS.load(Ordering::Relaxed)
}

static QUANTISATIONS: AtomicUsize = AtomicUsize::new(0);

fn current_store() -> Option<Arc<Int8Store>> {
    BUILD.with(|current| current.borrow().clone())
}

/// One layer's int8 weight as quantised: values on ±limit and one scale per row, the form
/// worth keeping (fbgemm's packed form depends on the CPU's instructions).
#[derive(Debug)]
pub struct Quantised {
    /// The layer's weight's name in the var store (`model.encoder.layers.0.fc1.weight`).
    pub name: String,
    /// int8, `[rows, cols]`.
    pub values: Tensor,
    /// f32, `[rows]`.
    pub scales: Tensor,
}

/// What int8 layers built with [`building_with`] share: weights quantised earlier, given by
/// name, and a record of the layers that quantised their own.
#[derive(Debug, Default)]
pub struct Int8Store {
    given: Mutex<HashMap<String, Int8Weight>>,
    keep: bool,
    kept: Mutex<Vec<Quantised>>,
    taken: AtomicUsize,
    quantised: AtomicUsize,
    misfits: Mutex<Vec<String>>,
}

impl Int8Store {
    /// Layers quantise their own weights, and the store keeps a copy of each for
    /// [`Int8Store::take_kept`].
    pub fn keeping() -> Int8Store {
        Int8Store {
            keep: true,
            ..Int8Store::default()
        }
    }

    /// Layers whose name is in `weights` (and whose size matches) take their weight from it.
    pub fn given(weights: HashMap<String, Int8Weight>) -> Int8Store {
        Int8Store {
            given: Mutex::new(weights),
            ..Int8Store::default()
        }
    }

    /// How many layers took a given weight.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// How many layers quantised their own weight so far.
    pub fn quantised(&self) -> usize {
        self.quantised.load(Ordering::Relaxed)
    }

    /// Given weights no layer took, and those whose size did not fit their layer.
    pub fn unused(&self) -> Vec<String> {
        let mut names: Vec<String> = self.given.lock().unwrap().keys().cloned().collect();
        names.extend(self.misfits.lock().unwrap().iter().cloned());
        names.sort();
        names
    }

    /// What the layers quantised (with [`Int8Store::keeping`]), leaving the store's copy empty.
    pub fn take_kept(&self) -> Vec<Quantised> {
        std::mem::take(&mut *self.kept.lock().unwrap())
    }

    fn take(&self, name: &str) -> Option<Int8Weight> {
        let weight = self.given.lock().unwrap().remove(name)?;
        self.taken.fetch_add(1, Ordering::Relaxed);
        Some(weight)
    }

    /// A taken weight whose size turned out not to fit its layer.
    fn misfit(&self, name: &str) {
        self.taken.fetch_sub(1, Ordering::Relaxed);
        self.misfits.lock().unwrap().push(name.to_string());
    }

    /// Quantises `weight` for the layer called `name`, keeping a copy when asked to.
    fn quantise(&self, name: &str, weight: &Tensor) -> Int8Weight {
        let (values, scales) =
            Int8Weight::quantise_values(weight, weight_limit()).expect("int8 quantisation");
        let int8 = Int8Weight::from_values(&values, &scales, None).expect("fbgemm's int8 packing");
        if self.keep {
            self.kept.lock().unwrap().push(Quantised {
                name: name.to_string(),
                values,
                scales,
            });
        }
        self.quantised.fetch_add(1, Ordering::Relaxed);
        QUANTISATIONS.fetch_add(1, Ordering::Relaxed);
        int8
    }
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
        let (values, scales) = Int8Weight::quantise_values(weight, limit)?;
        Int8Weight::from_values(&values, &scales, bias)
    }

    /// The int8 values (`[rows, cols]`) and row scales (`[rows]`) [`Int8Weight::quantize`]
    /// packs: what [`Int8Weight::from_values`] takes back.
    pub fn quantise_values(weight: &Tensor, limit: i64) -> Result<(Tensor, Tensor), tch::TchError> {
        assert!(
            (1..=127).contains(&limit),
            "int8 weights need a limit in 1..=127"
        );
        tch::no_grad(|| {
            let weight = weight.to_kind(Kind::Float).contiguous();
            let (rows, _) = weight.size2()?;
            let max = weight.abs().amax([1], true);
            // An all-zero row gets scale 1 (its int8 values are 0 either way).
            let scales = (&max / limit as f64).where_self(&max.gt(0.0), &max.ones_like());
            let values = (&weight / &scales)
                .round()
                .clamp(-limit, limit)
                .to_kind(Kind::Int8);
            Ok((values, scales.reshape([rows])))
        })
    }

    /// Packs int8 `values` (`[rows, cols]`) with their row `scales` (`[rows]`, f32) for fbgemm.
    pub fn from_values(
        values: &Tensor,
        scales: &Tensor,
        bias: Option<&Tensor>,
    ) -> Result<Int8Weight, tch::TchError> {
        let (rows, cols) = values.size2()?;
        if values.kind() != Kind::Int8
            || scales.kind() != Kind::Float
            || scales.size() != [rows]
        {
            return Err(tch::TchError::Shape(format!(
                "int8 values {:?} {:?} with scales {:?} {:?}",
                values.kind(),
                values.size(),
                scales.kind(),
                scales.size()
            )));
        }
        tch::no_grad(|| {
            let values = values.contiguous();
            // fbgemm subtracts the weight's zero point (0 here) times K itself: plain row sums.
            let col_offsets = values.to_kind(Kind::Int).sum_dim_intlist(1, false, Kind::Int);
            let packed = values.f_fbgemm_pack_quantized_matrix()?;
            let sizes_only =
                Tensor::zeros([1, 1], (Kind::Int8, Device::Cpu)).expand([rows, cols], false);
            Ok(Int8Weight {
                sizes_only,
                packed,
                col_offsets,
                scales: scales.contiguous(),
                zeros: Tensor::zeros([rows], (Kind::Float, Device::Cpu)),
                bias: bias.map(|b| b.to_kind(Kind::Float).contiguous()),
            })
        })
    }

    /// The weight's `[rows, cols]` (output and input widths).
    pub fn size(&self) -> Vec<i64> {
        self.sizes_only.size()
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

/// A layer's int8 weight: given when built, or quantised by the layer when it first runs.
#[derive(Debug)]
struct Int8Slot {
    weight: OnceLock<Int8Weight>,
    name: String,
    store: Arc<Int8Store>,
}

impl Int8Slot {
    /// The slot of the layer whose weight is called `name` and is `[rows, cols]`; it holds the
    /// store's weight of that name if there is one of that size.
    fn new(store: Arc<Int8Store>, name: String, rows: i64, cols: i64) -> Int8Slot {
        let weight = OnceLock::new();
        if let Some(given) = store.take(&name) {
            if given.size() == [rows, cols] {
                let _ = weight.set(given);
            } else {
                store.misfit(&name);
            }
        }
        Int8Slot {
            weight,
            name,
            store,
        }
    }

    fn is_given(&self) -> bool {
        self.weight.get().is_some()
    }

    /// The int8 weight, quantised from `f32` the first time if none was given; `release` then
    /// empties `f32` (a var store's tensor: the f32 weight is freed).
    fn get(&self, f32: &Tensor, release: bool) -> &Int8Weight {
        self.weight.get_or_init(|| {
            let int8 = self.store.quantise(&self.name, f32);
            if release {
                let mut released = f32.shallow_clone();
                released.set_data(&Tensor::zeros([0], (Kind::Float, Device::Cpu)));
            }
            int8
        })
    }
}

/// `tch::nn::Linear`, or its int8 form when the model was built with `building(true, …)`.
#[derive(Debug)]
pub struct Linear {
    /// Without its weight (an empty tensor) when the int8 one was given or has been quantised.
    f32: nn::Linear,
    int8: Option<Int8Slot>,
}

impl Linear {
    pub fn new<'a, T: Borrow<nn::Path<'a>>>(
        path: T,
        in_dim: i64,
        out_dim: i64,
        config: nn::LinearConfig,
    ) -> Linear {
        let path = path.borrow();
        let Some(store) = current_store() else {
            return Linear {
                f32: nn::linear(path, in_dim, out_dim, config),
                int8: None,
            };
        };
        let slot = Int8Slot::new(store, path.path("weight"), out_dim, in_dim);
        let f32 = if slot.is_given() {
            // No f32 weight variable, so loading does not read it from the weights file.
            let bs = config
                .bias
                .then(|| path.var("bias", &[out_dim], nn::Init::Const(0.0)));
            nn::Linear {
                ws: Tensor::zeros([0], (Kind::Float, Device::Cpu)),
                bs,
            }
        } else {
            nn::linear(path, in_dim, out_dim, config)
        };
        Linear {
            f32,
            int8: Some(slot),
        }
    }
}

impl nn::Module for Linear {
    fn forward(&self, xs: &Tensor) -> Tensor {
        let Some(slot) = &self.int8 else {
            return xs.apply(&self.f32);
        };
        let mut out = slot.get(&self.f32.ws, true).forward(xs);
        if let Some(bias) = &self.f32.bs {
            let _ = out.g_add_(bias);
        }
        out
    }
}

/// The output projection onto the vocabulary, tied to the token embeddings (which stay f32 for
/// the lookup; the int8 form is a second, quarter-size copy).
#[derive(Debug)]
pub struct OutputProjection {
    int8: Option<Int8Slot>,
}

impl OutputProjection {
    /// The projection onto `vocab` rows of `dim` embeddings; `path` names its int8 weight.
    pub fn new<'a, T: Borrow<nn::Path<'a>>>(path: T, vocab: i64, dim: i64) -> OutputProjection {
        OutputProjection {
            int8: current_store()
                .map(|store| Int8Slot::new(store, path.borrow().path("weight"), vocab, dim)),
        }
    }

    pub fn forward(&self, xs: &Tensor, embeddings: &Tensor) -> Tensor {
        match &self.int8 {
            None => xs.linear::<Tensor>(embeddings, None),
            Some(slot) => slot.get(embeddings, false).forward(xs),
        }
    }
}
