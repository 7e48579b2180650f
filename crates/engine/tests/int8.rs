//! The int8 linear layers patched into the vendored rust-bert (vendor/rust-bert/src/common/int8.rs).
//!
//! fbgemm's int8 kernels differ by CPU (AVX-512 VNNI adds products in 32 bits, AVX2 in
//! saturating 16-bit pairs), so besides comparing with f32 these tests check the product against
//! an exact integer one, and `int8_tests_pass_on_fbgemm_avx2_kernels` runs them all again on
//! fbgemm's AVX2 kernels, which fbgemm picks on request whatever the CPU.

use rust_bert::int8::{building, kernel, Int8Weight, Kernel, Linear, OutputProjection};
use tch::nn::{self, Module};
use tch::{Device, Kind, Tensor};

fn relative_error(got: &Tensor, want: &Tensor) -> f64 {
    (got - want).abs().max().double_value(&[]) / want.abs().max().double_value(&[])
}

/// Integer operands whose quantisation is exact: activations on 0..=255 (row 0 all 255),
/// weights on ±`limit` with every row starting with +`limit` (row 1 all +`limit`, row 2
/// −`limit` after its first element, so row 0 times them gives the largest pairs of products
/// there can be), and their product computed exactly in integers.
struct GridOperands {
    activations: Vec<i64>,
    weights: Vec<i64>,
    product: Vec<i64>,
    shape: (i64, i64, i64),
}

impl GridOperands {
    fn new(limit: i64, seed: u64) -> GridOperands {
        let (rows, inner, out) = (7_i64, 512_i64, 96_i64);
        let mut state = seed;
        let mut next = move |n: i64| {
            // xorshift: a reproducible spread without a dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as i64
        };
        let activations: Vec<i64> = (0..rows * inner)
            .map(|i| if i < inner { 255 } else { next(256) })
            .collect();
        let weights: Vec<i64> = (0..out * inner)
            .map(|i| match (i / inner, i % inner) {
                (1, _) | (_, 0) => limit,
                (2, _) => -limit,
                _ => next(2 * limit + 1) - limit,
            })
            .collect();
        let product = (0..rows * out)
            .map(|o| {
                let (r, c) = (o / out, o % out);
                (0..inner)
                    .map(|k| {
                        activations[(r * inner + k) as usize] * weights[(c * inner + k) as usize]
                    })
                    .sum()
            })
            .collect();
        GridOperands {
            activations,
            weights,
            product,
            shape: (rows, inner, out),
        }
    }

    /// The operands as f32 tensors: activations / 256 and weights / 128 (powers of two, so the
    /// layer's quantisation recovers the integers exactly), with the product they should give.
    fn tensors(&self) -> (Tensor, Tensor, Tensor) {
        let (rows, inner, out) = self.shape;
        let float = |v: &[i64], shape: [i64; 2], scale: f64| {
            Tensor::from_slice(v).to_kind(Kind::Double).reshape(shape) / scale
        };
        // |product| < 2^24, so the exact result is an f32.
        (
            float(&self.activations, [rows, inner], 256.0).to_kind(Kind::Float),
            float(&self.weights, [out, inner], 128.0).to_kind(Kind::Float),
            float(&self.product, [rows, out], 256.0 * 128.0).to_kind(Kind::Float),
        )
    }
}

#[test]
fn int8_layers_compute_the_exact_integer_product_of_their_operands() {
    // Where int8 runs at all, a layer's product must be exactly the integer product of its
    // quantised operands: 16-bit saturation (or any other kernel fault) shows up as a mismatch
    // whatever the CPU, not only as a larger error against f32.
    for seed in [1, 2, 3] {
        let limit = kernel().weight_limit().unwrap_or(127);
        let operands = GridOperands::new(limit, seed);
        let (xs, weight, want) = operands.tensors();
        let (_, inner, out) = operands.shape;
        let store = nn::VarStore::new(Device::Cpu);
        let no_bias = nn::LinearConfig {
            bias: false,
            ..Default::default()
        };
        let layer = building(true, || {
            Linear::new(store.root() / "fc", inner, out, no_bias)
        });
        let mut variable = store.variables()["fc.weight"].shallow_clone();
        tch::no_grad(|| variable.copy_(&weight));
        let got = layer.forward(&xs);
        let wrong = got.ne_tensor(&want).sum(Kind::Int64).int64_value(&[]);
        assert_eq!(
            wrong,
            0,
            "{wrong} outputs differ from the exact product ({:?})",
            kernel()
        );
        let released = store.variables()["fc.weight"].numel() == 0;
        assert_eq!(
            released,
            kernel().weight_limit().is_some(),
            "int8 used iff available"
        );
    }
}

#[test]
fn the_kernel_check_matches_an_exact_product_on_full_range_weights() {
    if let Kernel::Unavailable(why) = kernel() {
        eprintln!("int8 is unavailable here: {why}");
        return;
    }
    for seed in [4, 5] {
        let (xs, weight, want) = GridOperands::new(127, seed).tensors();
        let got = Int8Weight::quantize(&weight, None, 127).forward(&xs);
        let exact = got.equal(&want);
        assert_eq!(
            exact,
            *kernel() == Kernel::Exact,
            "fbgemm's ±127 product is {} but svodka's check says {:?}",
            if exact { "exact" } else { "not exact" },
            kernel()
        );
    }
}

#[test]
fn int8_tests_pass_on_fbgemm_avx2_kernels() {
    if std::env::var_os(FBGEMM_ISA).is_some() {
        // The child: its kernels add pairs of products in 16 bits. Were the variable ignored,
        // this run would repeat the parent's and prove nothing.
        assert_ne!(*kernel(), Kernel::Exact, "{FBGEMM_ISA} was not honoured");
        return;
    }
    let (passed, _) = rerun_on_fbgemm_avx2(&["--test-threads=2"]);
    assert!(passed, "int8 tests fail on fbgemm's AVX2 kernels");
}

#[test]
fn int8_linear_follows_f32_within_rounding_and_releases_the_f32_weight() {
    tch::manual_seed(7);
    let f32_store = nn::VarStore::new(Device::Cpu);
    let f32 = Linear::new(f32_store.root() / "fc", 512, 2048, Default::default());
    let mut int8_store = nn::VarStore::new(Device::Cpu);
    let int8 = building(true, || {
        Linear::new(int8_store.root() / "fc", 512, 2048, Default::default())
    });
    int8_store.copy(&f32_store).unwrap();
    let xs = Tensor::randn([3, 5, 512], (Kind::Float, Device::Cpu));
    let want = f32.forward(&xs);
    let got = int8.forward(&xs);
    assert_eq!(got.size(), vec![3, 5, 2048]);
    if kernel().weight_limit().is_none() {
        // Never int8 where its product is wrong: the layer stayed f32.
        assert_eq!(got, want);
        return;
    }
    let error = relative_error(&got, &want);
    eprintln!("int8 ({:?}) differs from f32 by {error:.4}", kernel());
    assert!(error < 0.03, "int8 differs from f32 by {error}");
    assert!(
        error > 0.0,
        "int8 gave exactly the f32 result: was it used?"
    );
    let weight = &int8_store.variables()["fc.weight"];
    assert_eq!(weight.numel(), 0, "the f32 weight is still held");
    // The packed weight is reused.
    assert_eq!(int8.forward(&xs), got);
    // building(true, …) does not leak into later builds.
    let later = Linear::new(int8_store.root() / "later", 512, 2048, Default::default());
    let _ = later.forward(&xs);
    assert_eq!(int8_store.variables()["later.weight"].numel(), 512 * 2048);
}

/// `xs` projected onto `embeddings` in f32 and in int8.
fn projections(xs: &Tensor, embeddings: &Tensor) -> (Tensor, Tensor) {
    let store = nn::VarStore::new(Device::Cpu);
    let (vocab, dim) = embeddings.size2().unwrap();
    let projection = || OutputProjection::new(store.root() / "lm_head", vocab, dim);
    let f32 = projection().forward(xs, embeddings);
    let int8 = building(true, projection).forward(xs, embeddings);
    (f32, int8)
}

#[test]
fn a_row_of_small_weights_keeps_its_precision() {
    // Trained weights have rows of very different sizes; one scale per row keeps the small
    // ones (a single scale for the matrix would round this row to a few int8 steps).
    tch::manual_seed(11);
    let embeddings = Tensor::randn([64, 256], (Kind::Float, Device::Cpu));
    let _ = embeddings.get(0).g_mul_scalar_(1e-3);
    let xs = Tensor::randn([4, 256], (Kind::Float, Device::Cpu));
    let (want, got) = projections(&xs, &embeddings);
    let small = relative_error(&got.select(1, 0), &want.select(1, 0));
    assert!(
        small < 0.03,
        "the small row is off by {small} of its own size"
    );
}

#[test]
fn int8_output_projection_follows_f32_and_keeps_the_embeddings() {
    tch::manual_seed(3);
    let embeddings = Tensor::randn([1000, 64], (Kind::Float, Device::Cpu));
    let xs = Tensor::randn([2, 1, 64], (Kind::Float, Device::Cpu));
    let (want, got) = projections(&xs, &embeddings);
    let error = relative_error(&got, &want);
    // Where int8 is unavailable the projection stays f32: exactly f32's result.
    let used = kernel().weight_limit().is_some();
    assert!(
        (error > 0.0) == used && error < 0.03,
        "int8 differs from f32 by {error} ({:?})",
        kernel()
    );
    assert_eq!(embeddings.numel(), 64_000);
}

mod common;

use common::*;
use svodka_analysis::Role;
use svodka_engine::models::Precision;
use svodka_manifest::LengthRange;

const LENGTH: LengthRange = LengthRange {
    min_length: 5,
    max_length: 20,
};
use svodka_engine::summarise::Summariser;
use svodka_engine::translate::Translator;

/// Greedy ids from int8 and f32 on the fixture models: int8 rounding may change a near-tied
/// choice of these random-weight models, so the test reads how many leading tokens agree.
fn leading_agreement(a: &[i64], b: &[i64]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[test]
fn int8_translators_and_summariser_run_on_the_fixture_models() {
    for (role, model) in [
        (Role::TranslateEnRu, "opus-mt-en-ru"),
        (Role::TranslateRuEn, "opus-mt-ru-en"),
    ] {
        let expected = expected("relu", model);
        let cases = gen_cases(&expected);
        let settings = expected.settings.generation(1);
        let files = files("relu", role);
        let f32 = Translator::load(&files, settings, Precision::F32).unwrap();
        let int8 = Translator::load(&files, settings, Precision::Int8).unwrap();
        let inputs: Vec<&str> = cases
            .iter()
            .filter(|c| c.mode == "greedy")
            .map(|c| c.input.as_str())
            .collect();
        let want = f32.translate_batch(&inputs).unwrap();
        let got = int8.translate_batch(&inputs).unwrap();
        assert_eq!(got.len(), want.len());
        let agreeing: usize = got
            .iter()
            .zip(&want)
            .map(|(g, w)| leading_agreement(&g.ids, &w.ids))
            .sum();
        let total: usize = want.iter().map(|w| w.ids.len()).sum();
        eprintln!("{model}: int8 agrees with f32 on {agreeing} of {total} leading tokens");
        // The decoder start token always agrees; the first real token must too for most inputs.
        let first_ok = got
            .iter()
            .zip(&want)
            .filter(|(g, w)| leading_agreement(&g.ids, &w.ids) >= 2);
        assert!(
            first_ok.count() * 2 >= want.len(),
            "{model}: int8's first token differs from f32's for most inputs"
        );
        assert!(
            got.iter().all(|g| !g.text.is_empty()),
            "{model}: an empty translation"
        );
    }
    // BART's first two tokens are forced (decoder start, then BOS), so agreement starts counting
    // at the third: the first token the int8 model chose itself.
    let expected = expected("relu", "distilbart-cnn-12-6");
    let settings = expected.settings.generation(1);
    let files = files("relu", Role::SummariseEn);
    let cases = gen_cases(&expected);
    let mut inputs: Vec<&str> = cases.iter().map(|c| c.input.as_str()).collect();
    inputs.dedup();
    inputs.push(
        "The government announced on Monday that it would raise the minimum wage by five per \
         cent next year. Officials said the talks had made progress.",
    );
    assert!(
        inputs.len() >= 3,
        "the fixture's summarisation inputs and one more"
    );
    let f32 = Summariser::load(&files, settings, Precision::F32).unwrap();
    let int8 = Summariser::load(&files, settings, Precision::Int8).unwrap();
    let (mut chosen_alike, mut agreeing, mut total) = (0, 0, 0);
    for input in &inputs {
        let want = f32.summarise_chunks(&[input], LENGTH).unwrap();
        let got = int8.summarise_chunks(&[input], LENGTH).unwrap();
        let lead = leading_agreement(&got[0].ids, &want[0].ids);
        assert!(
            lead >= 2,
            "the forced tokens differ: {:?} vs {:?}",
            got[0].ids,
            want[0].ids
        );
        assert!(!got[0].text.is_empty(), "an empty summary");
        chosen_alike += usize::from(lead >= 3);
        agreeing += lead;
        total += want[0].ids.len();
    }
    eprintln!("distilbart: int8 agrees with f32 on {agreeing} of {total} leading tokens");
    assert!(
        chosen_alike * 2 >= inputs.len(),
        "distilbart: int8's first chosen token differs from f32's for most inputs \
         ({chosen_alike} of {} alike)",
        inputs.len()
    );
}

#[test]
fn int8_tagger_labels_like_f32_on_the_fixture_model() {
    use svodka_engine::entities::Tagger;
    let files = files("relu", Role::NerEn);
    let text = "Dr. Helen Wright, a researcher at Oxford University, said the vaccine was safe. \
                Officials in Washington said the talks with Beijing had made progress.";
    let label = |tagger: &Tagger| -> Vec<String> {
        tagger.piece_labels(&[text])[0]
            .iter()
            .map(|t| t.label.clone())
            .collect()
    };
    let want = label(&Tagger::load(&files, Precision::F32).unwrap());
    let got = label(&Tagger::load(&files, Precision::Int8).unwrap());
    assert_eq!(got.len(), want.len());
    let same = got.iter().zip(&want).filter(|(g, w)| g == w).count();
    eprintln!(
        "bert-base-NER: int8 gives f32's label for {same} of {} pieces",
        want.len()
    );
    assert!(
        same * 10 >= want.len() * 9,
        "int8 labels differ on more than a tenth of the pieces"
    );
}
