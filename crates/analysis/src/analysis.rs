//! `Analysis`: the one type that crosses every boundary (engine → CLI, desktop UI, library,
//! exports). Keep it serde-stable; bump [`FORMAT_VERSION`] on any incompatible change.
//! Documented with an example in docs/ANALYSIS.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Entity, Lang, Role, Span};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Analysis {
    pub format_version: u32,
    pub engine_version: String,
    pub source_language: Lang,
    pub length: Length,
    pub route: Route,
    /// The article after clean-up; entity and sentence spans point into its `text`.
    pub article: Document,
    /// For a Russian article: its English translation, sentence i ↔ article sentence i.
    pub article_translation: Option<Document>,
    pub summaries: Summaries,
    pub models: Vec<ModelUse>,
    /// What the reader should know about the result: a model to install for a better one, or
    /// int8 asked for on a CPU that cannot run it exactly (empty when nothing is missing).
    pub notes: Vec<String>,
    pub timings: Vec<StageTiming>,
}

impl Analysis {
    /// Every text of the analysis: the article, its translation, the summaries that are ready.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        std::iter::once(&self.article)
            .chain(self.article_translation.as_ref())
            .chain(self.summaries.en.document())
            .chain(self.summaries.ru.document())
    }

    /// Whether an Analysis that came from outside (an import, the window) is one svodka can show
    /// and work on: a known format, texts of a sane size, and every sentence and entity span
    /// inside its text. The message says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.format_version > FORMAT_VERSION {
            return Err(format!(
                "the analysis has format version {}; this svodka reads up to {FORMAT_VERSION}",
                self.format_version
            ));
        }
        for doc in self.documents() {
            let n = doc.text.chars().count();
            if n > MAX_TEXT_CHARS {
                return Err(format!(
                    "a {} text of {n} characters is longer than svodka writes ({MAX_TEXT_CHARS})",
                    doc.language
                ));
            }
            if doc.sentences.len() > n + 1 || doc.entities.items().len() > n {
                return Err(format!(
                    "a {} text of {n} characters cannot have {} sentences and {} entities",
                    doc.language,
                    doc.sentences.len(),
                    doc.entities.items().len()
                ));
            }
            let spans = doc
                .sentences
                .iter()
                .chain(doc.entities.items().iter().map(|e| &e.span));
            if let Some(bad) = spans.into_iter().find(|s| s.start > s.end || s.end > n) {
                return Err(format!(
                    "a span {}..{} lies outside its {} text of {n} characters",
                    bad.start, bad.end, doc.language
                ));
            }
        }
        Ok(())
    }
}

/// The longest text an Analysis may hold: five times the longest article svodka takes (200,000
/// characters), room for a translation that runs longer than its source.
pub const MAX_TEXT_CHARS: usize = 1_000_000;

/// The summary in both languages; when both are ready, `en.sentences[i]` and `ru.sentences[i]`
/// say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summaries {
    pub en: Summary,
    pub ru: Summary,
}

/// A summary, or why this language has none (a model to install).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Summary {
    Ready(Document),
    Unavailable { reason: String },
}

impl Summary {
    pub fn document(&self) -> Option<&Document> {
        match self {
            Summary::Ready(d) => Some(d),
            Summary::Unavailable { .. } => None,
        }
    }

    pub fn document_mut(&mut self) -> Option<&mut Document> {
        match self {
            Summary::Ready(d) => Some(d),
            Summary::Unavailable { .. } => None,
        }
    }

    /// Why there is no summary, when there is none.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Summary::Ready(_) => None,
            Summary::Unavailable { reason } => Some(reason),
        }
    }
}

/// A text with its sentences and entities. Spans are `char` offsets (Unicode scalar values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Document {
    pub language: Lang,
    pub text: String,
    pub sentences: Vec<Span>,
    pub entities: Entities,
}

impl Document {
    /// Joins sentences with one space, remembering each sentence's span.
    pub fn from_sentences<S: AsRef<str>>(
        language: Lang,
        sentences: &[S],
        entities: Entities,
    ) -> Document {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(sentences.len());
        let mut pos = 0;
        for s in sentences {
            if !text.is_empty() {
                text.push(' ');
                pos += 1;
            }
            let s = s.as_ref();
            let n = s.chars().count();
            text.push_str(s);
            spans.push(Span {
                start: pos,
                end: pos + n,
            });
            pos += n;
        }
        Document {
            language,
            text,
            sentences: spans,
            entities,
        }
    }

    pub fn sentence_texts(&self) -> Vec<&str> {
        let index = crate::CharIndex::new(&self.text);
        self.sentences.iter().map(|s| index.slice(*s)).collect()
    }
}

/// Entities of one text, or why there are none: never a made-up entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Entities {
    Tagged { model: String, items: Vec<Entity> },
    Unavailable { reason: String },
}

impl Entities {
    /// The tagged entities; none when the text could not be tagged.
    pub fn items(&self) -> &[Entity] {
        match self {
            Entities::Tagged { items, .. } => items,
            Entities::Unavailable { .. } => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// English article → English summary → Russian translation of the summary.
    EnSummariseTranslate,
    /// Russian article → English translation → English summary → Russian translation of it.
    RuPivotThroughEn,
    /// No abstractive summariser (or no way to reach it): the article's own key sentences, in
    /// its language, translated to the other language when that translator is installed.
    Extractive,
}

impl Route {
    pub fn describe(self) -> &'static str {
        match self {
            Route::EnSummariseTranslate => "summarise in English, translate the summary to Russian",
            Route::RuPivotThroughEn => {
                "translate the article to English, summarise, translate the summary to Russian"
            }
            Route::Extractive => {
                "key sentences of the article (an abstractive summary needs models not installed)"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Length {
    Short,
    #[default]
    Medium,
    Long,
}

impl Length {
    pub fn key(self) -> &'static str {
        match self {
            Length::Short => "short",
            Length::Medium => "medium",
            Length::Long => "long",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelUse {
    pub role: Role,
    pub id: String,
    pub repo: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Prepare,
    LoadModels,
    TranslateArticle,
    Summarise,
    TranslateSummary,
    Entities,
    /// Comparison: writing the summary by other routes and translators.
    Alternatives,
    /// Comparison: translating each version back to score its sentences.
    BackTranslate,
}

impl Stage {
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Prepare => "reading the article",
            Stage::LoadModels => "loading models",
            Stage::TranslateArticle => "translating the article to English",
            Stage::Summarise => "summarising",
            Stage::TranslateSummary => "translating the summary",
            Stage::Entities => "finding names, places and organisations",
            Stage::Alternatives => "writing alternative versions",
            Stage::BackTranslate => "translating back to check each sentence",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageTiming {
    pub stage: Stage,
    #[ts(type = "number")]
    pub ms: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_spans_cover_each_sentence() {
        let d = Document::from_sentences(
            Lang::Ru,
            &["Один.", "Два три."],
            Entities::Unavailable { reason: "x".into() },
        );
        assert_eq!(d.text, "Один. Два три.");
        assert_eq!(d.sentence_texts(), vec!["Один.", "Два три."]);
    }
}
