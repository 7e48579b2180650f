//! The scaling check the crates' tests/scaling.rs share (issue 16): twice the input may take at
//! most ~2.5× the time. Two timings taken in the same run, never an absolute time. Included with
//! `#[path]` because the crates share no test-only crate.

use std::time::{Duration, Instant};

/// The fastest of five runs of `work`: the least disturbed by whatever else the machine does.
fn fastest(mut work: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// Twice the input may take at most ~2.5× the time (4× is what quadratic work takes).
pub fn assert_linear<T>(what: &str, input: impl Fn(usize) -> T, n: usize, work: impl Fn(&T)) {
    let (small, large) = (input(n), input(2 * n));
    let (t1, t2) = (fastest(|| work(&small)), fastest(|| work(&large)));
    let ratio = t2.as_secs_f64() / t1.as_secs_f64();
    assert!(
        ratio < 2.5,
        "{what}: {t1:?} → {t2:?} ({ratio:.2}×) for twice the input"
    );
}
