//! svodka's int8 BERT layers against f32 on trained weights, not random ones: the real
//! sentence-transformers/all-MiniLM-L6-v2 (scripts/setup-minilm.sh; the Hub's own
//! model.safetensors) over 112 English sentences (models/tools/int8_sentences_en.txt). Random
//! fixture weights say little about quantisation error; trained weights have the outlier rows
//! and skewed activations that int8 handles worst. Figures for docs/BENCHMARKS.md:
//! `cargo test --release -p svodka-engine --test int8_trained -- --nocapture`, once on this
//! CPU's kernels and once on fbgemm's AVX2 kernels (the child run below).

use std::path::PathBuf;

use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use rust_bert::int8::kernel;
use rust_bert::Config;
use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer, TruncationStrategy};
use tch::{nn, Device, Kind, Tensor};

mod common;

use common::{rerun_on_fbgemm_avx2, FBGEMM_ISA};

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn model(dir: &std::path::Path, int8: bool) -> BertModel<BertEmbeddings> {
    let config = BertConfig::from_file(dir.join("config.json"));
    let mut vs = nn::VarStore::new(Device::Cpu);
    let model = rust_bert::int8::building(int8, || {
        BertModel::<BertEmbeddings>::new(vs.root(), &config)
    });
    vs.load(dir.join("model.safetensors")).unwrap();
    // The model keeps what it needs; the store's own handles may go.
    std::mem::forget(vs);
    model
}

fn cosine(a: &Tensor, b: &Tensor) -> Tensor {
    (a * b).sum_dim_intlist(-1, false, Kind::Float)
        / (a.norm_scalaropt_dim(2, [-1], false) * b.norm_scalaropt_dim(2, [-1], false))
}

#[derive(Debug)]
struct Agreement {
    tokens: usize,
    token_mean: f64,
    token_min: f64,
    sentence_mean: f64,
    sentence_min: f64,
}

fn agreement() -> Agreement {
    let dir = root().join("third_party/minilm");
    assert!(
        dir.join("model.safetensors").is_file(),
        "the trained MiniLM is missing: run scripts/setup-minilm.sh (make test does)"
    );
    let tok = BertTokenizer::from_file(dir.join("vocab.txt"), true, true).unwrap();
    let text = std::fs::read_to_string(root().join("models/tools/int8_sentences_en.txt")).unwrap();
    let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(sentences.len() >= 100, "{} sentences", sentences.len());
    let (f32_model, int8_model) = (model(&dir, false), model(&dir, true));
    let (mut token_cos, mut sentence_cos) = (Vec::new(), Vec::new());
    tch::no_grad(|| {
        for s in &sentences {
            let ids = tok
                .encode(s, None, 128, &TruncationStrategy::LongestFirst, 0)
                .token_ids;
            let input = Tensor::from_slice(&ids).unsqueeze(0);
            let run = |m: &BertModel<BertEmbeddings>| {
                m.forward_t(Some(&input), None, None, None, None, None, None, false)
                    .unwrap()
                    .hidden_state
                    .squeeze_dim(0)
            };
            let (want, got) = (run(&f32_model), run(&int8_model));
            token_cos
                .extend(Vec::<f64>::try_from(cosine(&want, &got).to_kind(Kind::Double)).unwrap());
            // The model's sentence embedding: the mean of its token states.
            let pooled = |h: &Tensor| h.mean_dim(0, false, Kind::Float);
            sentence_cos.push(cosine(&pooled(&want), &pooled(&got)).double_value(&[]));
        }
    });
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    Agreement {
        tokens: token_cos.len(),
        token_mean: mean(&token_cos),
        token_min: min(&token_cos),
        sentence_mean: mean(&sentence_cos),
        sentence_min: min(&sentence_cos),
    }
}

#[test]
fn int8_follows_f32_on_a_trained_bert() {
    if kernel().weight_limit().is_none() {
        eprintln!(
            "int8 cannot run exactly on this CPU ({}): nothing to compare",
            kernel()
        );
        return;
    }
    let a = agreement();
    eprintln!(
        "int8 vs f32 on all-MiniLM-L6-v2, kernel {}: {} tokens, token cosine mean {:.5} min {:.5}; \
         sentence cosine mean {:.5} min {:.5}",
        kernel(),
        a.tokens,
        a.token_mean,
        a.token_min,
        a.sentence_mean,
        a.sentence_min
    );
    assert!(a.token_mean >= 0.99, "{a:?}");
    assert!(a.sentence_mean >= 0.99, "{a:?}");
    assert!(a.sentence_min >= 0.97, "{a:?}");
}

#[test]
fn int8_follows_f32_on_a_trained_bert_on_fbgemm_avx2_kernels() {
    if std::env::var_os(FBGEMM_ISA).is_some() {
        return;
    }
    let (passed, _) = rerun_on_fbgemm_avx2(&[
        "--exact",
        "int8_follows_f32_on_a_trained_bert",
        "--nocapture",
    ]);
    assert!(passed, "int8 strays from f32 on AVX2 kernels");
}
