use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Lang;

/// What a model does in svodka's pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    SummariseEn,
    TranslateEnRu,
    TranslateRuEn,
    NerEn,
    /// slovnet, shipped with svodka rather than listed in the manifest (see entities::slovnet).
    NerRu,
}

impl Role {
    pub fn translate(from: Lang) -> Role {
        match from {
            Lang::En => Role::TranslateEnRu,
            Lang::Ru => Role::TranslateRuEn,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Role::SummariseEn => "English summariser",
            Role::TranslateEnRu => "English→Russian translator",
            Role::TranslateRuEn => "Russian→English translator",
            Role::NerEn => "English entity tagger",
            Role::NerRu => "Russian entity tagger",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}
