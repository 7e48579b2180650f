use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{CharIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    pub fn from_tag(tag: &str) -> Option<EntityKind> {
        match tag {
            "PER" => Some(EntityKind::Person),
            "LOC" => Some(EntityKind::Location),
            "ORG" => Some(EntityKind::Organisation),
            "MISC" => Some(EntityKind::Misc),
            _ => None,
        }
    }

    /// The CoNLL tag, as serialised: "PER", "LOC", "ORG", "MISC".
    pub fn tag(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Location => "LOC",
            EntityKind::Organisation => "ORG",
            EntityKind::Misc => "MISC",
        }
    }

    /// What a reader calls it.
    pub fn describe(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Location => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Misc => "other name",
        }
    }

    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Location,
        EntityKind::Organisation,
        EntityKind::Misc,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Entity {
    pub kind: EntityKind,
    /// The entity as it appears in the text (the spanned slice).
    pub text: String,
    pub span: Span,
    /// Mean probability of the entity's word labels.
    pub score: f32,
}

impl Entity {
    /// The entity covering `span` of the indexed text, scored by the mean of its tokens' label
    /// probabilities.
    pub fn new(kind: EntityKind, span: Span, text: &CharIndex, scores: &[f64]) -> Entity {
        Entity {
            kind,
            text: text.slice(span).to_string(),
            span,
            score: (scores.iter().sum::<f64>() / scores.len().max(1) as f64) as f32,
        }
    }
}
