//! The shared piece of the two seq2seq stages: generation settings → rust-bert, ids → text.

use std::path::Path;

use rust_bert::pipelines::common::{ModelResource, ModelType, TokenizerOption};
use rust_bert::pipelines::generation_utils::{GenerateConfig, GenerateOptions, LanguageGenerator};
use rust_bert::resources::LocalResource;
use rust_tokenizers::tokenizer::TruncationStrategy;
use tch::Device;

use crate::error::Result;
use svodka_manifest::{Generation, ModelFiles};

/// One generated sequence: its token ids (starting with the decoder start token, as
/// transformers' `generate` returns them) and the decoded text.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub ids: Vec<i64>,
    pub text: String,
    /// The beam's score as transformers reports it (`sequences_scores`: the sum of the
    /// tokens' log-probabilities over the generated length to the length penalty); `None` for
    /// greedy search.
    pub score: Option<f64>,
}

/// The tokenizer of a seq2seq model whose manifest lists [vocab, merges or SentencePiece model].
pub fn tokenizer(model_type: ModelType, files: &ModelFiles) -> Result<TokenizerOption> {
    Ok(TokenizerOption::from_file(
        model_type,
        &files.tokenizer[0].to_string_lossy(),
        files
            .tokenizer
            .get(1)
            .map(|p| p.to_string_lossy())
            .as_deref(),
        false,
        None,
        None,
    )?)
}

/// A `GenerateConfig` with every field set: without rust-bert's `remote` feature there is no
/// `Default`, and explicit values are what keeps us in step with transformers.
pub fn config(
    model_type: ModelType,
    model: ModelResource,
    files: &ModelFiles,
    g: &Generation,
) -> GenerateConfig {
    let local = |p: &Path| Box::new(LocalResource::from(p.to_path_buf()));
    GenerateConfig {
        model_type,
        model_resource: model,
        config_resource: local(&files.config),
        vocab_resource: local(&files.tokenizer[0]),
        merges_resource: files.tokenizer.get(1).map(|m| local(m) as Box<_>),
        min_length: g.min_length,
        max_length: Some(g.max_length),
        do_sample: false,
        early_stopping: g.early_stopping,
        num_beams: g.num_beams,
        temperature: 1.0,
        top_k: 0,
        top_p: 1.0,
        repetition_penalty: 1.0,
        length_penalty: g.length_penalty,
        no_repeat_ngram_size: g.no_repeat_ngram_size,
        num_return_sequences: 1,
        num_beam_groups: None,
        diversity_penalty: None,
        device: Device::Cpu,
        kind: None,
    }
}

fn options(g: &Generation) -> GenerateOptions<'static> {
    GenerateOptions {
        min_length: Some(g.min_length),
        max_length: Some(g.max_length),
        early_stopping: Some(g.early_stopping),
        num_return_sequences: Some(1),
        num_beams: Some(g.num_beams),
        do_sample: Some(false),
        temperature: Some(1.0),
        repetition_penalty: Some(1.0),
        length_penalty: Some(g.length_penalty),
        no_repeat_ngram_size: Some(g.no_repeat_ngram_size),
        output_scores: false,
        ..Default::default()
    }
}

/// Generates for a batch of inputs; one output per input, in order.
pub fn generate<G: LanguageGenerator>(
    model: &G,
    inputs: &[&str],
    g: &Generation,
) -> Result<Vec<Generated>> {
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    let out = model.generate_indices(Some(inputs), Some(options(g)))?;
    let tokenizer = model.get_tokenizer();
    Ok(out
        .into_iter()
        .map(|o| Generated {
            // rust-bert's decoded Marian text starts with the space of the first "▁".
            text: tokenizer.decode(&o.indices, true, true).trim().to_string(),
            ids: o.indices,
            score: o.score,
        })
        .collect())
}

/// The ids the encoder sees for `text`, special tokens included.
pub fn encode(tokenizer: &TokenizerOption, text: &str) -> Vec<i64> {
    tokenizer
        .encode_list(&[text], usize::MAX, &TruncationStrategy::DoNotTruncate, 0)
        .remove(0)
        .token_ids
}

pub fn count_tokens(tokenizer: &TokenizerOption, text: &str) -> usize {
    encode(tokenizer, text).len()
}

/// One tiny generation: runs every layer (for `Precision::build`'s warm-up).
pub fn warm_up<G: LanguageGenerator>(model: &G, g: &Generation) -> Result<()> {
    let tiny = Generation {
        num_beams: 1,
        min_length: 0,
        max_length: 2,
        ..*g
    };
    generate(model, &["Hello."], &tiny).map(|_| ())
}
