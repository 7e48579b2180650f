//! Damaged weight files give an error naming the problem, never a crash: the vendored rust-bert
//! reads safetensors one tensor at a time (vendor/rust-bert/src/common/resources/streamed.rs)
//! and must check every offset and size itself before libtorch copies from its buffer.

mod common;

use std::path::Path;

use common::*;
use svodka_analysis::Role;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_manifest::installed;
use svodka_manifest::Manifest;

/// The relu distilbart fixture in a temporary model store, its weights passed through `damage`.
fn load_damaged(damage: impl FnOnce(&mut Vec<u8>)) -> String {
    let store_dir = tempfile::tempdir().unwrap();
    let from = set_dir("relu").join("distilbart-cnn-12-6");
    let to = store_dir.path().join("distilbart-cnn-12-6");
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
    let weights = to.join("model.safetensors");
    let mut bytes = std::fs::read(&weights).unwrap();
    damage(&mut bytes);
    std::fs::write(&weights, bytes).unwrap();
    let spec = Manifest::builtin()
        .for_role(Role::SummariseEn)
        .unwrap()
        .clone();
    let files = installed(Path::new(store_dir.path()), &spec).unwrap();
    let settings = expected("relu", "distilbart-cnn-12-6")
        .settings
        .generation(1);
    match Summariser::load(&files, settings, Precision::F32) {
        Ok(_) => panic!("damaged weights loaded"),
        Err(e) => e.to_string(),
    }
}

/// The JSON header's length and text, as safetensors stores them.
fn header(bytes: &[u8]) -> (usize, String) {
    let len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    (len, String::from_utf8(bytes[8..8 + len].to_vec()).unwrap())
}

#[test]
fn a_truncated_file_is_an_error() {
    let message = load_damaged(|b| b.truncate(b.len() - 100));
    assert!(message.contains("outside the file"), "{message}");
}

#[test]
fn a_header_longer_than_the_file_is_an_error() {
    let message = load_damaged(|b| b[..8].copy_from_slice(&u64::MAX.to_le_bytes()));
    assert!(message.contains("not a safetensors file"), "{message}");
}

#[test]
fn a_shape_that_disagrees_with_its_bytes_is_an_error() {
    // Same header length, one dimension changed: the bytes no longer match the shape.
    let message = load_damaged(|b| {
        let (len, text) = header(b);
        let key = "\"model.shared.weight\"";
        let at = text
            .find(key)
            .expect("the shared embeddings are in the fixture");
        let shape_at = at + text[at..].find("\"shape\":[").unwrap() + "\"shape\":[".len();
        let digit = 8 + shape_at;
        // Change the first digit of the first dimension to another digit.
        b[digit] = if b[digit] == b'1' { b'2' } else { b'1' };
        assert_eq!(header(b).0, len);
    });
    assert!(message.contains("in the model"), "{message}");
}
