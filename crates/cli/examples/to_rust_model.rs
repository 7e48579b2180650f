//! Writes `rust_model.ot` (the libtorch archive rust-bert's own repos ship, and the file svodka
//! downloads for BART and Marian) beside a model folder's `model.safetensors`, adding Marian's
//! static position tables when they are missing — so `make bench` can measure loading the format
//! real installs use. Usage: `cargo run --release --example to_rust_model -- MODEL_DIR…`

use std::path::Path;

fn main() {
    for dir in std::env::args().skip(1) {
        let dir = Path::new(&dir);
        let config: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("config.json")).expect("config.json"),
        )
        .expect("config.json is JSON");
        let mut named = tch::Tensor::read_safetensors(dir.join("model.safetensors"))
            .expect("model.safetensors");
        if config["model_type"] == "marian" {
            svodka_engine::models::weights::add_missing_positions(
                &mut named,
                config["max_position_embeddings"].as_i64().unwrap(),
                config["d_model"].as_i64().unwrap(),
            );
        }
        tch::Tensor::save_multi(&named, dir.join("rust_model.ot")).expect("writing rust_model.ot");
        println!("{}: rust_model.ot ({} tensors)", dir.display(), named.len());
    }
}
