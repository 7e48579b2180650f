//! Python's view of characters, as razdel's and slovnet's regular expressions and `str` methods
//! see them (CPython 3.11, Unicode 14). The Russian models were trained on tokens and word shapes
//! computed this way, so the ports classify characters by these tables, not Rust's own.
//! Checked code point by code point against Python in models/fixtures/slovnet/expected.json.

/// `[а-яё]` under `re.IGNORECASE`: Python also folds the old Cyrillic letter forms ᲀ–ᲆ.
pub fn is_ru(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '\u{1C80}'..='\u{1C86}')
}

/// `[a-z]` under `re.IGNORECASE`: Python also folds ſ, K (Kelvin sign), ı and İ.
pub fn is_lat(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{17F}' | '\u{212A}' | '\u{131}' | '\u{130}')
}

/// `\d`: a decimal digit (category Nd) of Unicode 14, the version of CPython 3.11's tables.
pub fn is_digit(c: char) -> bool {
    matches!(c,
        '\u{0030}'..='\u{0039}' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'
        | '\u{07C0}'..='\u{07C9}' | '\u{0966}'..='\u{096F}' | '\u{09E6}'..='\u{09EF}'
        | '\u{0A66}'..='\u{0A6F}' | '\u{0AE6}'..='\u{0AEF}' | '\u{0B66}'..='\u{0B6F}'
        | '\u{0BE6}'..='\u{0BEF}' | '\u{0C66}'..='\u{0C6F}' | '\u{0CE6}'..='\u{0CEF}'
        | '\u{0D66}'..='\u{0D6F}' | '\u{0DE6}'..='\u{0DEF}' | '\u{0E50}'..='\u{0E59}'
        | '\u{0ED0}'..='\u{0ED9}' | '\u{0F20}'..='\u{0F29}' | '\u{1040}'..='\u{1049}'
        | '\u{1090}'..='\u{1099}' | '\u{17E0}'..='\u{17E9}' | '\u{1810}'..='\u{1819}'
        | '\u{1946}'..='\u{194F}' | '\u{19D0}'..='\u{19D9}' | '\u{1A80}'..='\u{1A89}'
        | '\u{1A90}'..='\u{1A99}' | '\u{1B50}'..='\u{1B59}' | '\u{1BB0}'..='\u{1BB9}'
        | '\u{1C40}'..='\u{1C49}' | '\u{1C50}'..='\u{1C59}' | '\u{A620}'..='\u{A629}'
        | '\u{A8D0}'..='\u{A8D9}' | '\u{A900}'..='\u{A909}' | '\u{A9D0}'..='\u{A9D9}'
        | '\u{A9F0}'..='\u{A9F9}' | '\u{AA50}'..='\u{AA59}' | '\u{ABF0}'..='\u{ABF9}'
        | '\u{FF10}'..='\u{FF19}' | '\u{104A0}'..='\u{104A9}' | '\u{10D30}'..='\u{10D39}'
        | '\u{11066}'..='\u{1106F}' | '\u{110F0}'..='\u{110F9}' | '\u{11136}'..='\u{1113F}'
        | '\u{111D0}'..='\u{111D9}' | '\u{112F0}'..='\u{112F9}' | '\u{11450}'..='\u{11459}'
        | '\u{114D0}'..='\u{114D9}' | '\u{11650}'..='\u{11659}' | '\u{116C0}'..='\u{116C9}'
        | '\u{11730}'..='\u{11739}' | '\u{118E0}'..='\u{118E9}' | '\u{11950}'..='\u{11959}'
        | '\u{11C50}'..='\u{11C59}' | '\u{11D50}'..='\u{11D59}' | '\u{11DA0}'..='\u{11DA9}'
        | '\u{16A60}'..='\u{16A69}' | '\u{16AC0}'..='\u{16AC9}' | '\u{16B50}'..='\u{16B59}'
        | '\u{1D7CE}'..='\u{1D7FF}' | '\u{1E140}'..='\u{1E149}' | '\u{1E2F0}'..='\u{1E2F9}'
        | '\u{1E950}'..='\u{1E959}' | '\u{1FBF0}'..='\u{1FBF9}')
}

/// `\s` and `str.isspace()`: Rust's whitespace plus the four ASCII separators U+001C–U+001F.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1C}'..='\u{1F}')
}

/// Titlecase letters (category Lt), which Python's `isupper` and `islower` both reject.
fn is_titlecase(c: char) -> bool {
    matches!(c,
        '\u{01C5}' | '\u{01C8}' | '\u{01CB}' | '\u{01F2}' | '\u{1F88}'..='\u{1F8F}'
        | '\u{1F98}'..='\u{1F9F}' | '\u{1FA8}'..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}')
}

/// `str.isupper()`: no lowercase or titlecase letter, and at least one uppercase one.
pub fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// `str.islower()`: no uppercase or titlecase letter, and at least one lowercase one.
pub fn is_lower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_predicates_follow_python() {
        assert!(is_upper("СИЗО-6") && !is_lower("СИЗО-6"));
        assert!(is_lower("mβж") && !is_upper("mβж"));
        assert!(!is_upper("123") && !is_lower("123"));
        assert!(!is_upper("Aǅ") && !is_lower("ǅa"));
    }
}
