//! slovnet's linear-chain CRF (no start or end transitions): Viterbi decoding exactly as
//! `CRF.decode` does it, plus per-token marginal probabilities by forward–backward, which slovnet
//! does not compute but which give each entity an honest confidence.

use ndarray::{Array2, ArrayView2};

/// The best tag sequence. Ties go to the lowest tag index, as numpy's argmax does; scores are
/// summed in slovnet's order ((score + transition) + emission) in f32.
pub fn viterbi(emissions: ArrayView2<f32>, transitions: ArrayView2<f32>) -> Vec<usize> {
    let (len, tags) = emissions.dim();
    if len == 0 {
        return Vec::new();
    }
    let mut score: Vec<f32> = emissions.row(0).to_vec();
    let mut history: Vec<Vec<usize>> = Vec::with_capacity(len - 1);
    for t in 1..len {
        let mut next = vec![0f32; tags];
        let mut from = vec![0usize; tags];
        for to in 0..tags {
            let mut best = 0;
            let mut best_score = f32::NEG_INFINITY;
            for prev in 0..tags {
                let s = score[prev] + transitions[(prev, to)] + emissions[(t, to)];
                if s > best_score || prev == 0 {
                    best = prev;
                    best_score = s;
                }
            }
            next[to] = best_score;
            from[to] = best;
        }
        score = next;
        history.push(from);
    }
    let mut best = argmax(&score);
    let mut path = vec![best];
    for from in history.iter().rev() {
        best = from[best];
        path.push(best);
    }
    path.reverse();
    path
}

fn argmax(xs: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = i;
        }
    }
    best
}

fn log_sum_exp(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// P(tag at t = j | text) for every token and tag, [tokens, tags].
pub fn marginals(emissions: ArrayView2<f32>, transitions: ArrayView2<f32>) -> Array2<f64> {
    let (len, tags) = emissions.dim();
    let em = |t: usize, j: usize| emissions[(t, j)] as f64;
    let tr = |i: usize, j: usize| transitions[(i, j)] as f64;
    let mut alpha = Array2::<f64>::zeros((len, tags));
    let mut beta = Array2::<f64>::zeros((len, tags));
    if len == 0 {
        return alpha;
    }
    for j in 0..tags {
        alpha[(0, j)] = em(0, j);
    }
    for t in 1..len {
        for j in 0..tags {
            alpha[(t, j)] = log_sum_exp((0..tags).map(|i| alpha[(t - 1, i)] + tr(i, j))) + em(t, j);
        }
    }
    for t in (0..len - 1).rev() {
        for i in 0..tags {
            beta[(t, i)] =
                log_sum_exp((0..tags).map(|j| tr(i, j) + em(t + 1, j) + beta[(t + 1, j)]));
        }
    }
    let log_z = log_sum_exp((0..tags).map(|j| alpha[(len - 1, j)]));
    alpha += &beta;
    alpha.mapv_inplace(|v| (v - log_z).exp());
    alpha
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Brute force over all tag sequences of a tiny chain.
    #[test]
    fn viterbi_and_marginals_agree_with_enumeration() {
        let em = array![
            [0.3f32, -1.0, 2.0],
            [1.5, 0.2, -0.4],
            [0.0, 0.9, 0.1],
            [-0.7, 0.4, 1.1]
        ];
        let tr = array![[0.5f32, -2.0, 0.1], [0.3, 0.8, -1.2], [-0.6, 0.2, 0.4]];
        let (len, tags) = em.dim();
        let mut best = (f64::NEG_INFINITY, vec![]);
        let mut z = 0.0;
        let mut marg = Array2::<f64>::zeros((len, tags));
        for code in 0..tags.pow(len as u32) {
            let path: Vec<usize> = (0..len).map(|t| code / tags.pow(t as u32) % tags).collect();
            let mut s = em[(0, path[0])] as f64;
            for t in 1..len {
                s += tr[(path[t - 1], path[t])] as f64 + em[(t, path[t])] as f64;
            }
            if s > best.0 {
                best = (s, path.clone());
            }
            z += s.exp();
            for (t, &j) in path.iter().enumerate() {
                marg[(t, j)] += s.exp();
            }
        }
        assert_eq!(viterbi(em.view(), tr.view()), best.1);
        let got = marginals(em.view(), tr.view());
        for (g, m) in got.iter().zip(marg.iter()) {
            assert!((g - m / z).abs() < 1e-9, "{g} vs {}", m / z);
        }
    }

    #[test]
    fn ties_go_to_the_lowest_tag() {
        let em = array![[1.0f32, 1.0], [0.0, 0.0]];
        let tr = array![[0.0f32, 0.0], [0.0, 0.0]];
        assert_eq!(viterbi(em.view(), tr.view()), vec![0, 0]);
        assert!(viterbi(Array2::<f32>::zeros((0, 2)).view(), tr.view()).is_empty());
    }
}
