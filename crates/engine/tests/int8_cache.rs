//! The int8 cache beside a model (crates/engine/src/models/int8_cache.rs): a first int8 load
//! quantises and writes it, later loads take their weights from it and compute the same thing,
//! and a cache that is damaged, cut short or made from other weights is rebuilt, never used.
//!
//! Its own binary: the test counts the layers quantised in this process, which another test
//! running beside it would change (the second test only starts a child process).

mod common;

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::*;
use rust_bert::int8::{kernel, quantisations, Kernel};
use svodka_analysis::Role;
use svodka_engine::entities::Tagger;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_engine::translate::Translator;
use svodka_manifest::{installed, FileState, InstallState, Manifest, ModelFiles};

const ARTICLE: &str = "The government announced on Monday that it would raise the minimum wage \
                       by five per cent next year. Officials in Washington said the talks with \
                       Beijing had made progress.";

/// A copy of the relu fixture set's model for `role` in `models`, so the test can damage it.
fn copy_model(role: Role, models: &Path) -> ModelFiles {
    let manifest = Manifest::builtin();
    let spec = manifest.for_role(role).unwrap();
    let from = set_dir("relu").join(&spec.id);
    let to = models.join(&spec.id);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        // A cache an earlier test run left beside the fixture is not part of the model.
        if entry.file_type().unwrap().is_file() && !name.starts_with("svodka-int8-") {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
    installed(models, spec).unwrap()
}

/// The model loaded in int8 and run once: its output (ids and scores, or labels and scores) and
/// how many layers quantised their weights while loading and running.
fn run(role: Role, files: &ModelFiles) -> (String, usize) {
    let before = quantisations();
    let output = match role {
        Role::SummariseEn => {
            let expected = expected("relu", "distilbart-cnn-12-6");
            let model =
                Summariser::load(files, expected.settings.generation(2), Precision::Int8).unwrap();
            let length = svodka_manifest::LengthRange {
                min_length: 5,
                max_length: 16,
            };
            let got = model.summarise_chunks(&[ARTICLE], length).unwrap();
            format!(
                "{:?}",
                got.iter().map(|g| (&g.ids, g.score)).collect::<Vec<_>>()
            )
        }
        Role::TranslateEnRu => {
            let expected = expected("relu", "opus-mt-en-ru");
            let model =
                Translator::load(files, expected.settings.generation(2), Precision::Int8).unwrap();
            let got = model.translate_batch(&[ARTICLE, "Talks resumed."]).unwrap();
            format!(
                "{:?}",
                got.iter().map(|g| (&g.ids, g.score)).collect::<Vec<_>>()
            )
        }
        Role::NerEn => {
            let model = Tagger::load(files, Precision::Int8).unwrap();
            let got = model.piece_labels(&[ARTICLE]);
            format!(
                "{:?}",
                got[0]
                    .iter()
                    .map(|t| (&t.label, t.score))
                    .collect::<Vec<_>>()
            )
        }
        other => panic!("no int8 model for {other:?}"),
    };
    (output, quantisations() - before)
}

fn cache_of(files: &ModelFiles) -> PathBuf {
    let limit = kernel().weight_limit().unwrap();
    files.dir.join(format!("svodka-int8-w{limit}.safetensors"))
}

/// Rewrites one byte `from_end` bytes before the end of `path` (inside the last tensor's data).
fn flip_byte(path: &Path, from_end: u64) {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .unwrap();
    let at = file.seek(SeekFrom::End(-(from_end as i64))).unwrap();
    let mut byte = [0u8];
    file.read_exact(&mut byte).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&[byte[0] ^ 0x5a]).unwrap();
}

const TEST: &str = "int8_weights_are_cached_beside_the_model_and_rebuilt_when_they_do_not_hold";

/// The same on fbgemm's AVX2 kernels (±63 weights, `svodka-int8-w63.safetensors`), whatever
/// this CPU has.
#[test]
fn the_cache_works_on_fbgemm_avx2_kernels() {
    let (passed, out) = rerun_on_fbgemm_avx2(&["--exact", TEST, "--nocapture"]);
    assert!(passed, "the int8 cache fails on fbgemm's AVX2 kernels");
    assert!(out.contains("1 passed"), "the child ran no test");
}

#[test]
fn int8_weights_are_cached_beside_the_model_and_rebuilt_when_they_do_not_hold() {
    if std::env::var_os(FBGEMM_ISA).is_some() {
        // The child: were the variable ignored, it would repeat the parent's run.
        assert_eq!(
            *kernel(),
            Kernel::SaturatingPairs,
            "{FBGEMM_ISA} was not honoured"
        );
    }
    if kernel().weight_limit().is_none() {
        eprintln!("skipped: no int8 on this CPU ({})", kernel());
        return;
    }
    let models = tempfile::tempdir().unwrap();
    for role in [Role::SummariseEn, Role::TranslateEnRu, Role::NerEn] {
        let files = copy_model(role, models.path());
        let cache = cache_of(&files);
        let name = &files.id;

        let (want, first) = run(role, &files);
        assert!(first > 0, "{name}: the first int8 load quantised nothing");
        assert!(cache.is_file(), "{name}: no cache after the first load");
        let cache_size = std::fs::metadata(&cache).unwrap().len();
        let weights_size = std::fs::metadata(&files.weights).unwrap().len();
        eprintln!(
            "{name}: {first} layers quantised; cache {cache_size} bytes for {weights_size} \
             bytes of weights"
        );

        // Every later load and run takes every layer's weight from the cache, and computes
        // exactly what the layers quantised by themselves did.
        let again = |why: &str, rebuilt: bool| {
            let (got, quantised) = run(role, &files);
            assert_eq!(got, want, "{name}: the output differs {why}");
            if rebuilt {
                assert_eq!(
                    quantised, first,
                    "{name}: the layers did not all quantise again {why}"
                );
            } else {
                assert_eq!(quantised, 0, "{name}: layers quantised {why}");
            }
        };
        again("with the cache", false);

        // Damaged data: the CRC-32 no longer holds.
        flip_byte(&cache, 3);
        again("after a byte of the cache changed", true);
        again("with the rebuilt cache", false);

        // Cut short.
        let len = std::fs::metadata(&cache).unwrap().len();
        OpenOptions::new()
            .write(true)
            .open(&cache)
            .unwrap()
            .set_len(len / 2)
            .unwrap();
        again("after the cache was cut short", true);
        again("with the rebuilt cache", false);

        // An empty or foreign file in the cache's place.
        std::fs::write(&cache, b"not a cache").unwrap();
        again("with garbage in the cache's place", true);
        again("with the rebuilt cache", false);

        // The weights file changed (its time; a changed size is the same check).
        let later = SystemTime::now() + Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&files.weights)
            .unwrap()
            .set_modified(later)
            .unwrap();
        again("after the weights file changed", true);
        again("with the rebuilt cache", false);

        // svodka-hub installed weights whose sha256 is not the one the cache was made from.
        let state = InstallState {
            id: files.id.clone(),
            repo: "fixtures/relu".into(),
            revision: "main".into(),
            commit: None,
            source: "import".into(),
            files: [(
                files
                    .weights
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                FileState {
                    size: std::fs::metadata(&files.weights).unwrap().len(),
                    sha256: "0".repeat(64),
                },
            )]
            .into(),
        };
        std::fs::write(
            files.dir.join("svodka-install.json"),
            serde_json::to_string(&state).unwrap(),
        )
        .unwrap();
        again("after the weights were installed with another sha256", true);
        again("with the rebuilt cache", false);

        // No temporary file is left behind, and nothing an install would take for its own.
        let strays: Vec<String> = std::fs::read_dir(&files.dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".svodka-int8-") || n.ends_with(".partial"))
            .collect();
        assert!(strays.is_empty(), "{name}: left behind {strays:?}");
    }
}
