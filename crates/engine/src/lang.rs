use crate::error::{EngineError, Result};

use svodka_analysis::Lang;

/// Detects English or Russian; anything else is an error naming the language found.
///
/// whatlang is trusted when it is confident. When it is not (short texts), a Cyrillic text is
/// taken as Russian only if Russian beats the other Cyrillic languages, and a Latin one as English
/// only if English beats the common Western European languages.
pub fn detect(text: &str) -> Result<Lang> {
    use whatlang::{Detector, Lang as W, Script};
    let info = whatlang::detect(text).ok_or(EngineError::UndetectedLanguage)?;
    let accept = |l: W| match l {
        W::Eng => Some(Lang::En),
        W::Rus => Some(Lang::Ru),
        _ => None,
    };
    if info.is_reliable() {
        return accept(info.lang())
            .ok_or_else(|| EngineError::UnsupportedLanguage(info.lang().eng_name().to_string()));
    }
    let rivals: &[W] = match info.script() {
        Script::Cyrillic => &[W::Rus, W::Ukr, W::Bel, W::Bul, W::Srp, W::Mkd],
        Script::Latin => &[W::Eng, W::Fra, W::Deu, W::Spa, W::Ita, W::Por, W::Nld],
        _ => {
            return Err(EngineError::UnsupportedLanguage(
                info.lang().eng_name().to_string(),
            ))
        }
    };
    let best = Detector::with_allowlist(rivals.to_vec())
        .detect_lang(text)
        .ok_or(EngineError::UndetectedLanguage)?;
    accept(best).ok_or_else(|| EngineError::UnsupportedLanguage(best.eng_name().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_and_russian() {
        assert_eq!(
            detect("The central bank kept interest rates unchanged.").unwrap(),
            Lang::En
        );
        assert_eq!(
            detect("Центральный банк сохранил ключевую ставку.").unwrap(),
            Lang::Ru
        );
        assert_eq!(detect("Shares fell.").unwrap(), Lang::En);
    }

    #[test]
    fn names_an_unsupported_language() {
        let e = detect(
            "Le gouvernement français a présenté mercredi un projet de loi sur le logement.",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unsupported language: French (svodka reads English and Russian)"
        );
        let e = detect(
            "Уряд України ухвалив рішення про підвищення мінімальної зарплати з нового року.",
        )
        .unwrap_err();
        assert!(e.to_string().contains("Ukrainian"), "{e}");
    }

    #[test]
    fn digits_only_is_undetected() {
        assert!(matches!(
            detect("1234 5678"),
            Err(EngineError::UndetectedLanguage)
        ));
    }
}
