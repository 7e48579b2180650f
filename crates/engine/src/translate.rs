//! Marian translation, sentence by sentence in batches, keeping sentence i ↔ translation i.

use rust_bert::bart::BartConfig;
use rust_bert::marian::MarianGenerator;
use rust_bert::pipelines::common::ModelType;
use rust_bert::pipelines::generation_utils::LanguageGenerator;

use crate::error::Result;
use svodka_manifest::{Generation, ModelFiles};

use crate::models::generate::{self, Generated};
use crate::models::{files, weights, Precision};
use crate::prepare::chunk;

/// Sentences per model call: enough to use both cores, small enough for frequent progress and
/// cancel checks.
pub const BATCH: usize = 8;

/// Tokens allowed beyond twice the longest source sentence in a batch.
const OUTPUT_SLACK: usize = 16;

pub struct Translator {
    model: MarianGenerator,
    settings: Generation,
    window: usize,
}

impl Translator {
    pub fn load(
        files: &ModelFiles,
        settings: Generation,
        precision: Precision,
    ) -> Result<Translator> {
        // Marian's config is BART's (rust-bert's MarianConfig is an alias).
        let config: BartConfig = files::read_config(files)?;
        let tokenizer = generate::tokenizer(ModelType::Marian, files)?;
        // Decoder positions end at the window: longer generation would index past them.
        let window = config.max_position_embeddings;
        let max_length = settings.max_length.min(window);
        let settings = Generation {
            max_length,
            min_length: settings.min_length.min(max_length),
            ..settings
        };
        let weights = weights::marian(files, window, config.d_model)?;
        let gen_config = generate::config(ModelType::Marian, weights, files, &settings);
        let model = precision.build(
            files,
            || MarianGenerator::new_with_tokenizer(gen_config, tokenizer),
            |model| generate::warm_up(model, &settings),
        )?;
        Ok(Translator {
            model,
            settings,
            window: window as usize,
        })
    }

    /// The encoder's ids for `text` (after the same whitespace clean-up as translation).
    pub fn encode(&self, text: &str) -> Vec<i64> {
        generate::encode(self.model.get_tokenizer(), &collapse(text))
    }

    /// One model call on sentences that each fit the window.
    pub fn translate_batch(&self, sentences: &[&str]) -> Result<Vec<Generated>> {
        // A translation is rarely more than twice its source; Marian on odd input can instead
        // loop until max_length (512), costing a minute per batch on a CPU.
        let longest = sentences
            .iter()
            .map(|t| generate::count_tokens(self.model.get_tokenizer(), &collapse(t)))
            .max()
            .unwrap_or(0);
        let cap = (2 * longest + OUTPUT_SLACK) as i64;
        let settings = Generation {
            max_length: self.settings.max_length.min(cap),
            ..self.settings
        };
        self.translate_batch_with(sentences, &settings)
    }

    /// One model call with exactly these settings (no output cap from the input length; the
    /// window still caps it): benchmarks use it to generate a fixed number of tokens.
    pub fn translate_batch_with(
        &self,
        sentences: &[&str],
        settings: &Generation,
    ) -> Result<Vec<Generated>> {
        // rust_tokenizers' Marian turns every space into its own "▁": collapse runs first.
        let clean: Vec<String> = sentences.iter().map(|s| collapse(s)).collect();
        let refs: Vec<&str> = clean.iter().map(String::as_str).collect();
        let max_length = settings.max_length.min(self.window as i64);
        let settings = Generation {
            max_length,
            min_length: settings.min_length.min(max_length),
            ..*settings
        };
        generate::generate(&self.model, &refs, &settings)
    }

    /// Translates each sentence; the result has exactly one entry per input sentence. A sentence
    /// longer than the model's window is translated in word-boundary pieces that are rejoined.
    pub fn translate(
        &self,
        sentences: &[&str],
        step: &mut dyn FnMut(f32) -> Result<()>,
    ) -> Result<Vec<String>> {
        let count = |t: &str| generate::count_tokens(self.model.get_tokenizer(), t);
        // Each piece remembers which sentence it belongs to.
        let mut pieces: Vec<(usize, String)> = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let s = collapse(s);
            if s.is_empty() {
                continue;
            }
            for p in chunk::pack(&[s], self.window, &count) {
                pieces.push((i, p));
            }
        }
        let mut out = vec![String::new(); sentences.len()];
        let total = pieces.len().max(1);
        for (n, batch) in pieces.chunks(BATCH).enumerate() {
            let texts: Vec<&str> = batch.iter().map(|(_, p)| p.as_str()).collect();
            for ((i, _), g) in batch.iter().zip(self.translate_batch(&texts)?) {
                if !out[*i].is_empty() {
                    out[*i].push(' ');
                }
                out[*i].push_str(&g.text);
            }
            step(((n + 1) * BATCH).min(total) as f32 / total as f32)?;
        }
        Ok(out)
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
