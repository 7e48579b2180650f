//! English abstractive summarisation with BART; long articles are summarised map-reduce style.
//! [`extractive`] needs no model and serves both languages.

pub mod extractive;

use rust_bert::bart::{BartConfig, BartGenerator};
use rust_bert::pipelines::common::ModelType;
use rust_bert::pipelines::generation_utils::LanguageGenerator;

use crate::error::{EngineError, Result};
use svodka_manifest::{Generation, LengthRange, ModelFiles};

use crate::models::generate::{self, Generated};
use crate::models::{files, weights, Precision};
use crate::prepare::chunk;

pub struct Summariser {
    model: BartGenerator,
    settings: Generation,
    window: usize,
    /// config.json's `prefix`, which transformers' summarization pipeline puts before every
    /// input (distilbart-cnn's is " "); empty when the config has none.
    prefix: String,
}

/// One round of the map step: the chunks and what each was summarised to.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub chunks: Vec<String>,
    pub summaries: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct MapReduce {
    pub levels: Vec<Level>,
    /// The text the final summary was made from.
    pub final_input: String,
    pub summary: Generated,
}

/// config.json's `prefix` (a string, or absent or null for none).
fn input_prefix(files: &ModelFiles) -> Result<String> {
    let config: serde_json::Value = files::read_config(files)?;
    Ok(config
        .get("prefix")
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string())
}

/// Map levels before the reduce step gives up shrinking and summarises what fits: with real
/// models two levels cover texts far beyond the input cap.
const MAX_LEVELS: usize = 4;

impl Summariser {
    pub fn load(
        files: &ModelFiles,
        settings: Generation,
        precision: Precision,
    ) -> Result<Summariser> {
        let config: BartConfig = files::read_config(files)?;
        let tokenizer = generate::tokenizer(ModelType::Bart, files)?;
        let gen_config = generate::config(ModelType::Bart, weights::plain(files), files, &settings);
        let model = precision.build(
            files,
            || BartGenerator::new_with_tokenizer(gen_config, tokenizer),
            |model| generate::warm_up(model, &settings),
        )?;
        Ok(Summariser {
            model,
            settings,
            window: config.max_position_embeddings as usize,
            prefix: input_prefix(files)?,
        })
    }

    /// The encoder's input window in tokens.
    pub fn window(&self) -> usize {
        self.window
    }

    /// The ids the encoder sees for `text`: the config's prefix, then the text.
    pub fn encode(&self, text: &str) -> Vec<i64> {
        generate::encode(self.model.get_tokenizer(), &self.with_prefix(text))
    }

    pub fn count_tokens(&self, text: &str) -> usize {
        generate::count_tokens(self.model.get_tokenizer(), &self.with_prefix(text))
    }

    fn with_prefix(&self, text: &str) -> String {
        format!("{}{text}", self.prefix)
    }

    /// Generation settings for a length preset. The decoder has learned positions only up to
    /// the window, so longer requests are capped there.
    pub fn settings(&self, length: LengthRange) -> Generation {
        let max_length = length.max_length.min(self.window as i64);
        Generation {
            min_length: length.min_length.min(max_length),
            max_length,
            ..self.settings
        }
    }

    /// Summarises texts that each fit the window (one batch).
    pub fn summarise_chunks(&self, chunks: &[&str], length: LengthRange) -> Result<Vec<Generated>> {
        let inputs: Vec<String> = chunks.iter().map(|c| self.with_prefix(c)).collect();
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        generate::generate(&self.model, &inputs, &self.settings(length))
    }

    /// Map-reduce: pack sentences into chunks that fit the window and summarise each; pack the
    /// chunk summaries the same way; repeat until one chunk remains, and summarise it.
    /// `step` is called after each model call with the fraction done; it may cancel.
    pub fn summarise(
        &self,
        sentences: &[&str],
        length: LengthRange,
        step: &mut dyn FnMut(f32) -> Result<()>,
    ) -> Result<MapReduce> {
        let count = |t: &str| self.count_tokens(t);
        let mut units: Vec<String> = sentences.iter().map(|s| s.to_string()).collect();
        let mut levels = Vec::new();
        // Each map level takes 80 % of the progress still left; the final call completes it.
        let mut done = 0.0f32;
        loop {
            let mut chunks = chunk::pack(&units, self.window, &count);
            if chunks.is_empty() {
                return Err(EngineError::Inference("nothing to summarise".into()));
            }
            // Summaries that no longer pack tighter (each fills half a window or more) will not
            // shrink with more levels; real models never get here, random-weight ones do.
            let stuck = levels
                .last()
                .is_some_and(|l: &Level| chunks.len() >= l.chunks.len());
            if chunks.len() > 1 && (levels.len() == MAX_LEVELS || stuck) {
                tracing::warn!("chunk summaries do not shrink; summarising the first window only");
                chunks.truncate(1);
            }
            if chunks.len() == 1 {
                let summary = self
                    .summarise_chunks(&[chunks[0].as_str()], length)?
                    .remove(0);
                step(1.0)?;
                return Ok(MapReduce {
                    levels,
                    final_input: chunks.remove(0),
                    summary,
                });
            }
            let level_span = (1.0 - done) * 0.8;
            let mut summaries = Vec::with_capacity(chunks.len());
            // One chunk per call: batching pads chunks to the longest, which costs more than it
            // saves on a CPU, and one call per chunk lets a cancel land sooner.
            for (i, c) in chunks.iter().enumerate() {
                let mut out = self.summarise_chunks(&[c.as_str()], length)?;
                summaries.push(out.remove(0).text);
                step(done + level_span * (i + 1) as f32 / chunks.len() as f32)?;
            }
            done += level_span;
            units = summaries.clone();
            levels.push(Level { chunks, summaries });
        }
    }
}
