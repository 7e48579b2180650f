//! Which route the installed models allow for one article, which models it loads, and what the
//! reader is told about the rest. [`plan`] is a pure function of [`Installed`]: it reads no file
//! and touches no model, so its tests need neither.

use std::collections::BTreeMap;
use std::path::Path;

use svodka_analysis::{Lang, ModelUse, Role, Route};
use svodka_manifest::{installed, Manifest, ModelSpec, NotInstalled};

use crate::entities::slovnet;
use crate::error::Result;

/// The roles the manifest's models fill (slovnet, the fifth, ships with svodka).
pub(crate) const MANIFEST_ROLES: [Role; 4] = [
    Role::SummariseEn,
    Role::TranslateEnRu,
    Role::TranslateRuEn,
    Role::NerEn,
];

/// What is installed, as far as planning cares.
#[derive(Debug, Clone)]
pub struct Installed {
    /// For each manifest role, the model that runs it and, when it is not installed, why.
    pub choices: BTreeMap<Role, Choice>,
    /// Whether slovnet's packs are there (Russian entities).
    pub slovnet: bool,
}

/// The model for one role: the first installed in manifest order, else the first listed.
#[derive(Debug, Clone)]
pub struct Choice {
    pub spec: ModelSpec,
    pub missing: Option<NotInstalled>,
}

/// The model that runs `role`: the first installed in manifest order, else the first listed,
/// with why it is not installed. The one place that choice is made (the model cache asks too).
pub(crate) fn model_for<'m>(
    manifest: &'m Manifest,
    models_dir: &Path,
    role: Role,
) -> Result<(&'m ModelSpec, Option<NotInstalled>)> {
    let first = manifest.for_role(role)?;
    Ok(
        match manifest
            .all_for_role(role)
            .find(|spec| installed(models_dir, spec).is_ok())
        {
            Some(spec) => (spec, None),
            None => (first, installed(models_dir, first).err()),
        },
    )
}

impl Installed {
    /// Looks at the model store (file metadata only).
    pub fn find(manifest: &Manifest, models_dir: &Path, slovnet: bool) -> Result<Installed> {
        let mut choices = BTreeMap::new();
        for role in MANIFEST_ROLES {
            let (spec, missing) = model_for(manifest, models_dir, role)?;
            let spec = spec.clone();
            choices.insert(role, Choice { spec, missing });
        }
        Ok(Installed { choices, slovnet })
    }

    fn spec(&self, role: Role) -> &ModelSpec {
        &self.choices[&role].spec
    }

    fn missing(&self, role: Role) -> Option<&NotInstalled> {
        self.choices[&role].missing.as_ref()
    }

    fn has(&self, role: Role) -> bool {
        self.missing(role).is_none()
    }
}

/// What the installed models allow for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub route: Route,
    /// Models to load, in the order they run (the entity models are loaded separately).
    pub roles: Vec<Role>,
    pub models: Vec<ModelUse>,
    pub notes: Vec<String>,
    /// Why the summary cannot be translated, when its translator is not installed.
    pub missing_translator: Option<String>,
    /// Whether any text of the analysis is Russian (and so needs slovnet).
    pub russian_texts: bool,
}

/// The route for an article in `lang`: abstractive where the summariser (and, for Russian, both
/// translators) are installed, else key sentences; the summary translated when its translator
/// is installed; a note for each missing model saying what it would add and how to install it.
pub fn plan(lang: Lang, installed: &Installed) -> Plan {
    let has = |role| installed.has(role);
    let route = match lang {
        Lang::En if has(Role::SummariseEn) => Route::EnSummariseTranslate,
        Lang::Ru
            if has(Role::SummariseEn) && has(Role::TranslateRuEn) && has(Role::TranslateEnRu) =>
        {
            Route::RuPivotThroughEn
        }
        _ => Route::Extractive,
    };
    // The summary's language is English on the abstractive routes, the article's otherwise.
    let source = if route == Route::Extractive {
        lang
    } else {
        Lang::En
    };
    let translate = Role::translate(source);
    let mut roles = match route {
        Route::EnSummariseTranslate => vec![Role::SummariseEn],
        Route::RuPivotThroughEn => vec![Role::TranslateRuEn, Role::SummariseEn],
        Route::Extractive => vec![],
    };
    let missing_translator = (!has(translate)).then(|| {
        let spec = installed.spec(translate);
        format!(
            "needs the {} ({}), which is not installed: `svodka models install {}` \
             ({} MB from https://huggingface.co/{})",
            translate.describe(),
            spec.id,
            spec.id,
            spec.download_mb(),
            spec.repo
        )
    });
    if missing_translator.is_none() && !roles.contains(&translate) {
        roles.push(translate);
    }
    let mut models: Vec<ModelUse> = roles
        .iter()
        .copied()
        .chain(has(Role::NerEn).then_some(Role::NerEn))
        .map(|role| {
            let spec = installed.spec(role);
            ModelUse {
                role,
                id: spec.id.clone(),
                repo: spec.repo.clone(),
            }
        })
        .collect();
    // Russian texts are the article, a Russian extractive summary, or a translated summary.
    let russian_texts = lang == Lang::Ru || (source == Lang::En && missing_translator.is_none());
    if russian_texts && installed.slovnet {
        models.push(ModelUse {
            role: Role::NerRu,
            id: slovnet::ID.into(),
            repo: slovnet::SOURCE.into(),
        });
    }
    let mut notes = Vec::new();
    for (role, benefit) in [
        (
            Role::SummariseEn,
            "for abstractive summaries (now: key sentences of the article)",
        ),
        (
            Role::TranslateEnRu,
            "for Russian summaries of English articles",
        ),
        (
            Role::TranslateRuEn,
            "for English summaries of Russian articles",
        ),
        (
            Role::NerEn,
            "to mark people, places and organisations in English texts",
        ),
    ] {
        if let Some(missing) = installed.missing(role) {
            notes.push(format!("{} {benefit}: {}", missing.id, missing.hint));
        }
    }
    if !installed.slovnet {
        notes.push(format!(
            "{} to mark people, places and organisations in Russian texts: {}",
            slovnet::ID,
            slovnet::install_hint()
        ));
    }
    Plan {
        route,
        roles,
        models,
        notes,
        missing_translator,
        russian_texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The builtin manifest with exactly `roles` installed.
    fn with(roles: &[Role], slovnet: bool) -> Installed {
        let manifest = Manifest::builtin();
        let choices = MANIFEST_ROLES
            .into_iter()
            .map(|role| {
                let spec = manifest.for_role(role).unwrap().clone();
                let missing = (!roles.contains(&role)).then(|| NotInstalled {
                    id: spec.id.clone(),
                    role,
                    dir: format!("/models/{}", spec.id).into(),
                    what: "the folder does not exist".into(),
                    hint: format!("install it with `svodka models install {}`", spec.id),
                });
                (role, Choice { spec, missing })
            })
            .collect();
        Installed { choices, slovnet }
    }

    fn ids(p: &Plan) -> Vec<&str> {
        p.models.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn everything_installed_summarises_english_then_translates() {
        let all = with(&MANIFEST_ROLES, true);
        let en = plan(Lang::En, &all);
        assert_eq!(en.route, Route::EnSummariseTranslate);
        assert_eq!(en.roles, [Role::SummariseEn, Role::TranslateEnRu]);
        assert_eq!(
            ids(&en),
            [
                "distilbart-cnn-12-6",
                "opus-mt-en-ru",
                "bert-base-NER",
                slovnet::ID
            ]
        );
        assert!(en.notes.is_empty() && en.missing_translator.is_none() && en.russian_texts);

        let ru = plan(Lang::Ru, &all);
        assert_eq!(ru.route, Route::RuPivotThroughEn);
        assert_eq!(
            ru.roles,
            [Role::TranslateRuEn, Role::SummariseEn, Role::TranslateEnRu]
        );
        assert!(ru.notes.is_empty());
    }

    #[test]
    fn nothing_installed_picks_key_sentences_and_says_what_each_model_adds() {
        let none = with(&[], false);
        let en = plan(Lang::En, &none);
        assert_eq!(en.route, Route::Extractive);
        assert!(en.roles.is_empty() && en.models.is_empty());
        assert!(!en.russian_texts, "no Russian text without a translator");
        let why = en.missing_translator.as_deref().unwrap();
        assert!(why.contains("svodka models install opus-mt-en-ru"), "{why}");
        assert_eq!(en.notes.len(), 5, "{:?}", en.notes);
        assert!(en.notes[0].starts_with("distilbart-cnn-12-6 for abstractive summaries"));
        assert!(
            en.notes[0].ends_with("install it with `svodka models install distilbart-cnn-12-6`")
        );
        assert!(en.notes[4].starts_with(slovnet::ID));

        let ru = plan(Lang::Ru, &none);
        assert_eq!(ru.route, Route::Extractive);
        assert!(ru.russian_texts, "the article itself is Russian");
        assert!(ru.missing_translator.unwrap().contains("opus-mt-ru-en"));
    }

    #[test]
    fn a_russian_article_needs_both_translators_for_the_abstractive_route() {
        let one_way = with(&[Role::SummariseEn, Role::TranslateRuEn, Role::NerEn], true);
        let ru = plan(Lang::Ru, &one_way);
        assert_eq!(ru.route, Route::Extractive);
        // The Russian key sentences are still translated to English.
        assert_eq!(ru.roles, [Role::TranslateRuEn]);
        assert_eq!(ids(&ru), ["opus-mt-ru-en", "bert-base-NER", slovnet::ID]);
        assert_eq!(ru.notes.len(), 1);
        assert!(ru.notes[0].starts_with("opus-mt-en-ru for Russian summaries"));

        // An English article on the same models: summarised, but not translated.
        let en = plan(Lang::En, &one_way);
        assert_eq!(en.route, Route::EnSummariseTranslate);
        assert_eq!(en.roles, [Role::SummariseEn]);
        assert!(en.missing_translator.is_some() && !en.russian_texts);
        assert_eq!(ids(&en), ["distilbart-cnn-12-6", "bert-base-NER"]);
    }

    #[test]
    fn translators_alone_translate_key_sentences() {
        let translators = with(&[Role::TranslateEnRu, Role::TranslateRuEn], false);
        let en = plan(Lang::En, &translators);
        assert_eq!(en.route, Route::Extractive);
        assert_eq!(en.roles, [Role::TranslateEnRu]);
        assert!(en.russian_texts, "the translated summary is Russian");
        assert_eq!(ids(&en), ["opus-mt-en-ru"], "slovnet is not installed");
    }
}
