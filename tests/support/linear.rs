//! The scaling check the crates' tests/scaling.rs share (issue 16): twice the input may take at
//! most ~2.5× the time. Two timings taken in the same run, never an absolute time. Included with
//! `#[path]` because the crates share no test-only crate.

use std::time::{Duration, Instant};

/// Twice the input may take at most ~2.5× the time (4× is what quadratic work takes). The two
/// sizes run alternately, five times each, and the fastest run of each counts: whatever else the
/// machine does for a while slows both alike instead of only the size that happened to run then.
pub fn assert_linear<T>(what: &str, input: impl Fn(usize) -> T, n: usize, work: impl Fn(&T)) {
    let (small, large) = (input(n), input(2 * n));
    let time = |x: &T| {
        let started = Instant::now();
        work(x);
        started.elapsed()
    };
    let (mut t1, mut t2) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        t1 = t1.min(time(&small));
        t2 = t2.min(time(&large));
    }
    let ratio = t2.as_secs_f64() / t1.as_secs_f64();
    assert!(
        ratio < 2.5,
        "{what}: {t1:?} → {t2:?} ({ratio:.2}×) for twice the input"
    );
}
