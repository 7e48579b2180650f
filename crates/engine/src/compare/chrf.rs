//! chrF (Popović 2015) exactly as sacreBLEU 2.x computes it for one sentence: character n-grams
//! of orders 1–6 with whitespace removed, β = 2, and sacreBLEU's default "effective order"
//! averaging (orders that neither side has are left out). Checked against sacreBLEU's published
//! test values and against sacreBLEU 2.4.3 itself on English and Russian pairs
//! (models/fixtures/chrf/expected.json, made by models/tools/make_chrf_expected.py).

use std::collections::HashMap;

use crate::entities::python_text::is_space;

#[derive(Debug, Clone, Copy)]
pub struct ChrfParams {
    pub char_order: usize,
    pub beta: f64,
    /// chrF++.py's smoothing instead of the effective order (sacreBLEU's `eps_smoothing`).
    pub eps_smoothing: bool,
}

/// sacreBLEU's defaults: `CHRF()`.
pub const SACREBLEU: ChrfParams = ChrfParams {
    char_order: 6,
    beta: 2.0,
    eps_smoothing: false,
};

/// The sentence chrF of `hypothesis` against `reference`, 0–100, with sacreBLEU's defaults.
pub fn chrf(hypothesis: &str, reference: &str) -> f64 {
    chrf_with(hypothesis, reference, SACREBLEU)
}

pub fn chrf_with(hypothesis: &str, reference: &str, p: ChrfParams) -> f64 {
    let hyp = without_whitespace(hypothesis);
    let reference = without_whitespace(reference);
    let mut stats = Vec::with_capacity(p.char_order);
    for n in 1..=p.char_order {
        let h = ngrams(&hyp, n);
        let r = ngrams(&reference, n);
        let hyp_count: usize = h.values().sum();
        let matches: usize = h
            .iter()
            .map(|(g, &c)| r.get(g).map_or(0, |&rc| c.min(rc)))
            .sum();
        // sacreBLEU counts no hypothesis n-grams when the reference has none of that order.
        let n_hyp = if r.is_empty() { 0 } else { hyp_count };
        stats.push((n_hyp, r.values().sum::<usize>(), matches));
    }
    f_score(&stats, p)
}

fn without_whitespace(s: &str) -> Vec<char> {
    s.chars().filter(|&c| !is_space(c)).collect()
}

fn ngrams(chars: &[char], n: usize) -> HashMap<&[char], usize> {
    let mut out = HashMap::new();
    if chars.len() >= n {
        for g in chars.windows(n) {
            *out.entry(g).or_insert(0) += 1;
        }
    }
    out
}

/// sacreBLEU's `CHRF._compute_f_score`, operation for operation.
fn f_score(stats: &[(usize, usize, usize)], p: ChrfParams) -> f64 {
    let eps = 1e-16;
    let factor = p.beta * p.beta;
    let (mut score, mut avg_prec, mut avg_rec, mut effective_order) = (0.0, 0.0, 0.0, 0usize);
    for &(n_hyp, n_ref, n_match) in stats {
        let prec = if n_hyp > 0 {
            n_match as f64 / n_hyp as f64
        } else {
            eps
        };
        let rec = if n_ref > 0 {
            n_match as f64 / n_ref as f64
        } else {
            eps
        };
        let denom = factor * prec + rec;
        score += if denom > 0.0 {
            (1.0 + factor) * prec * rec / denom
        } else {
            eps
        };
        if n_hyp > 0 && n_ref > 0 {
            avg_prec += prec;
            avg_rec += rec;
            effective_order += 1;
        }
    }
    if p.eps_smoothing {
        return 100.0 * score / stats.len() as f64;
    }
    if effective_order == 0 {
        avg_prec = 0.0;
        avg_rec = 0.0;
    } else {
        avg_prec /= effective_order as f64;
        avg_rec /= effective_order as f64;
    }
    if avg_prec + avg_rec != 0.0 {
        100.0 * (1.0 + factor) * avg_prec * avg_rec / (factor * avg_prec + avg_rec)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// sacreBLEU's own tests (test/test_chrf.py): sentence level with eps smoothing, and the
    /// effective-order cases (β = 3) of single segments.
    #[test]
    fn sacrebleu_published_values() {
        let eps = ChrfParams {
            eps_smoothing: true,
            ..SACREBLEU
        };
        for (hyp, reference, expected) in [
            (
                "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
                "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
                39.14078509,
            ),
            (
                "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
                "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
                31.22557079,
            ),
            (
                "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
                "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.",
                57.15704367,
            ),
        ] {
            let got = chrf_with(hyp, reference, eps);
            assert!(close(got, expected), "{got} vs {expected} for {hyp}");
        }
        let beta3 = ChrfParams {
            beta: 3.0,
            ..SACREBLEU
        };
        for (hyp, reference, expected) in [
            ("a", "a", 100.0),
            ("", "reference", 0.0),
            ("a b c", "a b c", 100.0),
            ("a b c", "abc", 100.0),
            ("", "c", 0.0),
            ("aa", "ab", 25.0),
        ] {
            let got = chrf_with(hyp, reference, beta3);
            assert!(
                close(got, expected),
                "{got} vs {expected} for {hyp:?}/{reference:?}"
            );
        }
        let eps_beta3 = ChrfParams {
            beta: 3.0,
            eps_smoothing: true,
            ..SACREBLEU
        };
        for (hyp, reference, expected) in [
            ("abcdefg", "hijklmnop", 0.0),
            ("a", "b", 0.0),
            ("", "ref", 0.0),
            ("aa", "ab", 8.3333),
            ("a", "a", 16.6667),
            ("a b c", "abc", 50.0),
            (
                " risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
                "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .",
                63.361730,
            ),
            (
                " Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. ",
                "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.",
                64.1302698,
            ),
        ] {
            let got = chrf_with(hyp, reference, eps_beta3);
            assert!(close(got, expected), "{got} vs {expected} for {hyp:?}");
        }
    }

    #[test]
    fn sacrebleu_2_4_3_on_english_and_russian() {
        let fixture = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/fixtures/chrf/expected.json"
        ))
        .unwrap();
        let cases: Vec<(String, String, f64)> = serde_json::from_str(&fixture).unwrap();
        assert!(cases.len() >= 40);
        for (hyp, reference, expected) in cases {
            let got = chrf(&hyp, &reference);
            assert!(
                (got - expected).abs() < 1e-9,
                "{got} vs {expected}: {hyp:?} / {reference:?}"
            );
        }
    }
}
