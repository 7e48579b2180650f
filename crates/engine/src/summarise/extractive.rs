//! Extractive summaries with no model: the article's own sentences, chosen by a LexRank-style
//! ranking over stemmed content words, with a lead bias suited to news, returned in article order.
//!
//! Sentences are TF-IDF vectors of Snowball-stemmed words minus stop words; cosine similarities
//! make a graph; a personalised PageRank whose teleport favours early sentences scores them (news
//! puts what matters first, and the graph pulls up later sentences that restate the core); the
//! best are taken, skipping near-duplicates of ones already taken.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use svodka_analysis::{Lang, Length};

/// How many sentences each length preset keeps.
pub fn sentence_count(length: Length) -> usize {
    match length {
        Length::Short => 3,
        Length::Medium => 5,
        Length::Long => 8,
    }
}

/// PageRank damping: the share of a sentence's score that comes from similar sentences rather
/// than from its position.
const DAMPING: f64 = 0.7;
/// A candidate this similar (cosine) to a chosen sentence says the same thing.
const DUPLICATE: f64 = 0.7;
/// Sentences with fewer words (bylines, captions, "Photo: Reuters") are down-weighted.
const MIN_WORDS: usize = 5;

/// Indices (ascending) of the sentences that make the summary.
pub fn summarise(sentences: &[&str], lang: Lang, length: Length) -> Vec<usize> {
    let k = sentence_count(length).min(sentences.len());
    if k == 0 {
        return Vec::new();
    }
    let vectors = tfidf(sentences, lang);
    let sim = similarities(&vectors);
    let scores = rank(&sim, sentences);

    let mut order: Vec<usize> = (0..sentences.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::with_capacity(k);
    for i in order {
        if chosen.len() == k {
            break;
        }
        if chosen.iter().any(|&c| pair(&sim, c, i) > DUPLICATE) {
            continue;
        }
        chosen.push(i);
    }
    chosen.sort_unstable();
    chosen
}

/// Content terms of a text: lower-cased words (letters, or letters with digits), without stop
/// words, stemmed.
pub fn terms(text: &str, lang: Lang) -> Vec<String> {
    let stemmer = stemmer(lang);
    let stop = stop_words(lang);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .filter(|w| w.chars().count() > 1 && !stop.contains(w.as_str()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::En => Algorithm::English,
        Lang::Ru => Algorithm::Russian,
    })
}

fn stop_words(lang: Lang) -> &'static HashSet<&'static str> {
    static EN: OnceLock<HashSet<&str>> = OnceLock::new();
    static RU: OnceLock<HashSet<&str>> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| {
            include_str!("stopwords/en.txt")
                .split_whitespace()
                .collect()
        }),
        Lang::Ru => RU.get_or_init(|| {
            include_str!("stopwords/ru.txt")
                .split_whitespace()
                .collect()
        }),
    }
}

/// Unit-length TF-IDF vectors, one per sentence (empty for a sentence with no content terms).
fn tfidf(sentences: &[&str], lang: Lang) -> Vec<HashMap<String, f64>> {
    let tfs: Vec<HashMap<String, f64>> = sentences
        .iter()
        .map(|s| {
            let mut tf = HashMap::new();
            for t in terms(s, lang) {
                *tf.entry(t).or_insert(0.0) += 1.0;
            }
            tf
        })
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for tf in &tfs {
        for t in tf.keys() {
            *df.entry(t.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let n = sentences.len() as f64;
    tfs.iter()
        .map(|tf| {
            let mut v: HashMap<String, f64> = tf
                .iter()
                .map(|(t, f)| {
                    (
                        t.clone(),
                        f * (((1.0 + n) / (1.0 + df[t.as_str()])).ln() + 1.0),
                    )
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect()
}

/// Sparse cosine similarities: for each sentence, its neighbours and their similarity. Built
/// through an inverted index, so sentences sharing no term are never compared. A term found in
/// more than a fifth of the sentences (and in more than 100) is left out: it tells sentences
/// apart little (low IDF) and would make the graph dense — quadratic in time and memory.
fn similarities(vectors: &[HashMap<String, f64>]) -> Vec<HashMap<usize, f64>> {
    let mut postings: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for (t, w) in v {
            postings.entry(t.as_str()).or_default().push((i, *w));
        }
    }
    // At most 100 either way: a term in L sentences adds L² pairs, so with a fixed cap the graph
    // grows with the text, not its square (a 200,000-character paste of five-word sentences).
    let too_common = (vectors.len() / 5).clamp(50, 100);
    let mut sim: Vec<HashMap<usize, f64>> = vec![HashMap::new(); vectors.len()];
    for list in postings.values().filter(|l| l.len() <= too_common) {
        for (a, &(i, wi)) in list.iter().enumerate() {
            for &(j, wj) in &list[a + 1..] {
                *sim[i].entry(j).or_insert(0.0) += wi * wj;
                *sim[j].entry(i).or_insert(0.0) += wi * wj;
            }
        }
    }
    sim
}

fn pair(sim: &[HashMap<usize, f64>], a: usize, b: usize) -> f64 {
    sim[a].get(&b).copied().unwrap_or(0.0)
}

/// Personalised PageRank: teleport ∝ 1/√(position+1), edges weighted by similarity; sentences
/// too short to carry a fact are halved.
fn rank(sim: &[HashMap<usize, f64>], sentences: &[&str]) -> Vec<f64> {
    let n = sim.len();
    let mut teleport: Vec<f64> = (0..n).map(|i| 1.0 / ((i + 1) as f64).sqrt()).collect();
    let total: f64 = teleport.iter().sum();
    teleport.iter_mut().for_each(|p| *p /= total);
    let out_weight: Vec<f64> = sim.iter().map(|row| row.values().sum()).collect();

    let mut score = teleport.clone();
    for _ in 0..100 {
        // Sentences with no neighbours hand their share back through the teleport.
        let dangling: f64 = (0..n)
            .filter(|&i| out_weight[i] == 0.0)
            .map(|i| score[i])
            .sum();
        let mut next: Vec<f64> = teleport
            .iter()
            .map(|p| p * ((1.0 - DAMPING) + DAMPING * dangling))
            .collect();
        for (i, row) in sim.iter().enumerate() {
            if out_weight[i] == 0.0 {
                continue;
            }
            for (&j, &w) in row {
                next[j] += DAMPING * score[i] * w / out_weight[i];
            }
        }
        let change: f64 = next.iter().zip(&score).map(|(a, b)| (a - b).abs()).sum();
        score = next;
        if change < 1e-9 {
            break;
        }
    }
    for (s, text) in score.iter_mut().zip(sentences) {
        if text.split_whitespace().count() < MIN_WORDS {
            *s *= 0.5;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::prepare;

    fn sample(text: &str) -> (Vec<String>, Lang) {
        let p = prepare(text).unwrap();
        (
            p.sentence_texts().into_iter().map(String::from).collect(),
            p.language,
        )
    }

    #[test]
    fn presets_pick_that_many_real_sentences_in_article_order() {
        let (sentences, lang) = sample(include_str!("../../../../samples/en-article.txt"));
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        for (length, k) in [(Length::Short, 3), (Length::Medium, 5), (Length::Long, 8)] {
            let picked = summarise(&refs, lang, length);
            assert_eq!(picked.len(), k);
            assert!(picked.windows(2).all(|w| w[0] < w[1]), "{picked:?}");
        }
        // The lead of a news story is its most important sentence.
        assert_eq!(summarise(&refs, lang, Length::Short)[0], 0);
    }

    #[test]
    fn russian_article_and_stemming() {
        assert_eq!(terms("Москвы", Lang::Ru), terms("Москва", Lang::Ru));
        assert_eq!(terms("в Москве и в Москву", Lang::Ru).len(), 2);
        assert_eq!(
            terms("The ports' traffic", Lang::En),
            terms("port traffic", Lang::En)
        );
        let (sentences, lang) = sample(include_str!("../../../../samples/ru-article.txt"));
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let picked = summarise(&refs, lang, Length::Medium);
        assert_eq!(picked.len(), 5);
        assert_eq!(picked[0], 0);
    }

    #[test]
    fn short_and_degenerate_inputs() {
        assert!(summarise(&[], Lang::En, Length::Medium).is_empty());
        assert_eq!(
            summarise(&["One sentence only."], Lang::En, Length::Long),
            vec![0]
        );
        // No content words at all: position decides, nothing panics.
        let stops = [
            "It is what it is.",
            "And so on.",
            "But then again.",
            "Or not.",
            "Yes and no.",
        ];
        assert_eq!(summarise(&stops, Lang::En, Length::Short), vec![0, 1, 2]);
    }

    #[test]
    fn repeated_sentences_are_not_picked_twice() {
        let s = [
            "The central bank raised interest rates by half a point on Tuesday.",
            "The central bank raised interest rates by half a point on Tuesday.",
            "Inflation in the euro area reached its highest level in a decade.",
            "Economists expect another increase in the spring as prices keep rising.",
            "Markets in Frankfurt and Paris fell after the announcement of the decision.",
        ];
        let picked = summarise(&s, Lang::En, Length::Short);
        assert_eq!(picked.len(), 3);
        assert!(!(picked.contains(&0) && picked.contains(&1)), "{picked:?}");
    }

    #[test]
    fn long_articles_finish() {
        let base = include_str!("../../../../samples/en-article.txt");
        let (sentences, lang) = sample(base);
        let many: Vec<String> = (0..100)
            .flat_map(|i| sentences.iter().map(move |s| format!("{s} Item {i}.")))
            .collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let picked = summarise(&refs, lang, Length::Long);
        assert_eq!(picked.len(), 8);
    }
}
