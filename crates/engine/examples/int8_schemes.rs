//! Measures the ways svodka could run its linear layers below f32 on this CPU: how far each is
//! from f32, whether its integer product is exact, and milliseconds per call on the shapes of
//! the real models (docs/BENCHMARKS.md, "int8 on CPUs without VNNI").
//!
//! `cargo run --release -p svodka-engine --example int8_schemes`; with
//! `FBGEMM_ENABLE_INSTRUCTIONS=AVX2` fbgemm uses its AVX2 kernels even on an AVX-512 VNNI CPU.

use std::time::Instant;

use rust_bert::int8::{kernel, Int8Weight};
use tch::{Device, Kind, Tensor};

const F32: (Kind, Device) = (Kind::Float, Device::Cpu);

/// One way to compute `x @ wᵀ`, prepared from the f32 weight.
type Scheme = (&'static str, fn(&Tensor) -> Box<dyn Fn(&Tensor) -> Tensor>);

const SCHEMES: [Scheme; 5] = [
    ("f32 (MKL)", |w| {
        let w = w.copy();
        Box::new(move |x| x.linear::<Tensor>(&w, None))
    }),
    ("fbgemm int8, weights ±127", |w| fbgemm(w, 127)),
    ("fbgemm int8, weights ±63", |w| fbgemm(w, 63)),
    ("weight-only int8 (_weight_int8pack_mm)", |w| {
        let scales = w.abs().amax([1], false) / 127.0;
        let q = (w / scales.unsqueeze(1))
            .round()
            .clamp(-127, 127)
            .to_kind(Kind::Int8);
        Box::new(move |x| {
            let rows = x.size()[..x.dim() - 1].to_vec();
            let flat = x.reshape([-1, x.size()[x.dim() - 1]]);
            let out = flat.internal_weight_int8pack_mm(&q, &scales);
            out.reshape([rows, vec![-1]].concat())
        })
    }),
    ("fbgemm fp16 weights", |w| {
        let packed = w.fbgemm_pack_gemm_matrix_fp16();
        let zeros = Tensor::zeros([w.size()[0]], F32);
        Box::new(move |x| x.fbgemm_linear_fp16_weight_fp32_activation(&packed, &zeros))
    }),
];

fn fbgemm(w: &Tensor, limit: i64) -> Box<dyn Fn(&Tensor) -> Tensor> {
    let q = Int8Weight::quantize(w, None, limit);
    Box::new(move |x| q.forward(x))
}

/// A weight like a trained one: Gaussian rows whose sizes differ (log-normal row norms).
fn trained_like(out: i64, inner: i64) -> Tensor {
    let row_scales = (Tensor::randn([out, 1], F32) * 0.5).exp();
    Tensor::randn([out, inner], F32) * row_scales * 0.05
}

fn relative_error(got: &Tensor, want: &Tensor) -> f64 {
    (got - want).abs().max().double_value(&[]) / want.abs().max().double_value(&[])
}

/// The share of outputs that differ from the exact product of integer operands (activations
/// on 0..=255, weights on ±limit, each row reaching it, so quantising them is exact), for the
/// scheme's own limit; saturation shows up here whatever the CPU.
fn inexact_share(name: &str) -> Option<f64> {
    let limit = match name {
        n if n.contains("±127") => 127,
        n if n.contains("±63") => 63,
        _ => return None,
    };
    let (rows, inner, out) = (16, 512, 256);
    let x = Tensor::randint(256, [rows, inner], (Kind::Int64, Device::Cpu));
    let _ = x.get(0).get(0).fill_(255);
    let w = Tensor::randint_low(-limit, limit + 1, [out, inner], (Kind::Int64, Device::Cpu));
    let _ = w.select(1, 0).fill_(limit);
    let exact = x.matmul(&w.tr()).to_kind(Kind::Float);
    let got = fbgemm(&w.to_kind(Kind::Float), limit)(&x.to_kind(Kind::Float));
    Some(
        got.ne_tensor(&exact)
            .to_kind(Kind::Float)
            .mean(Kind::Float)
            .double_value(&[]),
    )
}

fn ms_per_call(f: &dyn Fn(&Tensor) -> Tensor, x: &Tensor) -> f64 {
    for _ in 0..3 {
        let _ = f(x);
    }
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let _ = f(x);
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    tch::manual_seed(14);
    tch::set_num_threads(2);
    println!(
        "svodka's int8 here: {}; FBGEMM_ENABLE_INSTRUCTIONS={}",
        kernel(),
        std::env::var("FBGEMM_ENABLE_INSTRUCTIONS").unwrap_or_else(|_| "(unset)".into())
    );
    // rows × (out × in): decoding steps (8 rows: a batch of sentences or 2 inputs × 4 beams),
    // an encoder pass (500 rows), and BERT's feed-forward over an article.
    let shapes: [(i64, i64, i64, &str); 6] = [
        (8, 62518, 512, "Marian's vocabulary"),
        (8, 50264, 1024, "BART's vocabulary"),
        (8, 4096, 1024, "BART's feed-forward"),
        (8, 512, 512, "Marian's attention"),
        (500, 4096, 1024, "BART encoder's feed-forward"),
        (450, 3072, 768, "BERT's feed-forward"),
    ];
    println!("\n| scheme | error vs f32 (2048×512, 15 rows) | outputs ≠ exact integer product |");
    println!("|---|---|---|");
    let w = trained_like(2048, 512);
    let x = Tensor::randn([15, 512], F32);
    let want = x.linear::<Tensor>(&w, None);
    for (name, make) in SCHEMES {
        let error = relative_error(&make(&w)(&x), &want);
        let inexact = inexact_share(name).map_or("–".into(), |s| format!("{:.2}%", s * 100.0));
        println!("| {name} | {error:.4} | {inexact} |");
    }
    print!("\n| rows × (out × in) |");
    for (name, _) in SCHEMES {
        print!(" {name} |");
    }
    println!("\n|---|{}", "---|".repeat(SCHEMES.len()));
    for (rows, out, inner, what) in shapes {
        let w = trained_like(out, inner);
        let x = Tensor::randn([rows, inner], F32);
        print!("| {rows} × ({out} × {inner}), {what} |");
        for (_, make) in SCHEMES {
            print!(" {:.2} |", ms_per_call(&*make(&w), &x));
        }
        println!();
    }
}
