//! Real Marian checkpoints in safetensors may lack the static sinusoidal position tables; the
//! engine computes them. With the tables stripped from a fixture, outputs must not change.

mod common;

use common::*;
use svodka_analysis::Role;
use svodka_engine::models::Precision;
use svodka_engine::translate::Translator;
use svodka_manifest::installed;
use svodka_manifest::Manifest;

#[test]
fn marian_without_position_tables_still_matches_transformers() {
    let src = files("relu", Role::TranslateEnRu);
    let root = std::env::temp_dir().join(format!("svodka-positions-{}", std::process::id()));
    let dir = root.join("opus-mt-en-ru");
    std::fs::create_dir_all(&dir).unwrap();
    for f in std::fs::read_dir(&src.dir).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let tensors = tch::Tensor::read_safetensors(&src.weights).unwrap();
    let before = tensors.len();
    let kept: Vec<_> = tensors
        .into_iter()
        .filter(|(n, _)| !n.contains("embed_positions"))
        .collect();
    assert_eq!(
        kept.len(),
        before - 2,
        "the fixture carries both position tables"
    );
    tch::Tensor::write_safetensors(&kept, dir.join("model.safetensors")).unwrap();

    let manifest = Manifest::builtin();
    let files = installed(&root, manifest.for_role(Role::TranslateEnRu).unwrap()).unwrap();
    let expected = expected("relu", "opus-mt-en-ru");
    let translator =
        Translator::load(&files, expected.settings.generation(1), Precision::F32).unwrap();
    for case in gen_cases(&expected).iter().filter(|c| c.mode == "greedy") {
        let out = translator
            .translate_batch(&[case.input.as_str()])
            .unwrap()
            .remove(0);
        assert_eq!(out.ids, case.ids, "{:?}", case.input);
    }
    std::fs::remove_dir_all(&root).unwrap();
}
