//! Analyses for the library tests, built by hand: the library stores what the engine makes, and
//! these have the same shape (sentences, entities with char spans) without loading any model.
#![allow(dead_code)]

use svodka_analysis::{
    Analysis, CharIndex, Document, Entities, Entity, EntityKind, Lang, Length, Route, Span,
    Summaries, Summary, FORMAT_VERSION,
};

/// A document of `sentences` with each `(kind, name)` marked at every place it occurs.
pub fn doc(lang: Lang, sentences: &[&str], names: &[(EntityKind, &str)]) -> Document {
    let mut d = Document::from_sentences(
        lang,
        sentences,
        Entities::Unavailable {
            reason: "placeholder".into(),
        },
    );
    let mut items = Vec::new();
    for &(kind, name) in names {
        for (byte, _) in d.text.match_indices(name) {
            let start = d.text[..byte].chars().count();
            let span = Span {
                start,
                end: start + name.chars().count(),
            };
            items.push(Entity::new(kind, span, &CharIndex::new(&d.text), &[0.9]));
        }
    }
    items.sort_by_key(|e| e.span.start);
    d.entities = Entities::Tagged {
        model: "test".into(),
        items,
    };
    d
}

pub fn analysis(lang: Lang, article: Document, en: Document, ru: Document) -> Analysis {
    Analysis {
        format_version: FORMAT_VERSION,
        engine_version: "test".into(),
        source_language: lang,
        length: Length::Medium,
        route: match lang {
            Lang::En => Route::EnSummariseTranslate,
            Lang::Ru => Route::RuPivotThroughEn,
        },
        article,
        article_translation: None,
        summaries: Summaries {
            en: Summary::Ready(en),
            ru: Summary::Ready(ru),
        },
        models: vec![],
        notes: vec![],
        timings: vec![],
    }
}

/// An English article about Gazprom whose Russian summary says "Путин".
pub fn gazprom() -> Analysis {
    use EntityKind::*;
    let names = [
        (Person, "Vladimir Putin"),
        (Organisation, "Gazprom"),
        (Location, "Europe"),
    ];
    let ru_names = [
        (Person, "Путин"),
        (Organisation, "Газпром"),
        (Location, "Европу"),
    ];
    analysis(
        Lang::En,
        doc(
            Lang::En,
            &[
                "Gazprom halted gas exports to Europe on Monday.",
                "Vladimir Putin said the sanctions had left no choice.",
                "Analysts expect prices to rise <b>sharply</b> & quickly.",
            ],
            &names,
        ),
        doc(
            Lang::En,
            &[
                "Gazprom stopped exporting gas to Europe.",
                "Vladimir Putin blamed sanctions.",
            ],
            &names,
        ),
        doc(
            Lang::Ru,
            &[
                "Газпром остановил экспорт газа в Европу.",
                "Путин обвинил санкции.",
            ],
            &ru_names,
        ),
    )
}

/// A Russian article about the Moscow metro.
pub fn metro() -> Analysis {
    use EntityKind::*;
    let ru = [
        (Location, "Москвы"),
        (Person, "Сергей Собянин"),
        (Organisation, "Мосметро"),
    ];
    analysis(
        Lang::Ru,
        doc(
            Lang::Ru,
            &[
                "Мэр Москвы Сергей Собянин открыл новую станцию метро.",
                "По словам мэра, Мосметро перевезёт на 10% больше пассажиров.",
            ],
            &ru,
        ),
        doc(
            Lang::En,
            &["Moscow mayor Sergei Sobyanin opened a new metro station."],
            &[(Location, "Moscow"), (Person, "Sergei Sobyanin")],
        ),
        doc(
            Lang::Ru,
            &["Сергей Собянин открыл новую станцию метро Москвы."],
            &ru,
        ),
    )
}
