//! Fixture access shared by the integration tests: the tiny HF-generated models under
//! models/fixtures and transformers' expected outputs on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::Deserialize;
use svodka_analysis::Role;
use svodka_engine::EngineConfig;
use svodka_manifest::installed;
use svodka_manifest::{Generation, Manifest, ModelFiles};

/// fbgemm reads this once per process, so a run on its AVX2 kernels is a child process.
pub const FBGEMM_ISA: &str = "FBGEMM_ENABLE_INSTRUCTIONS";

/// Runs this test binary again on fbgemm's AVX2 kernels (whatever this CPU has) with `args`
/// (a filter, flags), shows its output, and returns whether it passed and its stdout.
pub fn rerun_on_fbgemm_avx2(args: &[&str]) -> (bool, String) {
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .env(FBGEMM_ISA, "AVX2")
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&child.stdout).into_owned();
    let err = String::from_utf8_lossy(&child.stderr);
    eprintln!("on fbgemm's AVX2 kernels:\n{out}{err}");
    (child.status.success(), out)
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/fixtures")
}

/// The models in `dir` with short generation, so pipeline tests stay quick; the settings themselves
/// are covered by the parity tests.
pub fn quick_config(dir: PathBuf) -> EngineConfig {
    let mut config = EngineConfig::new(dir);
    for m in &mut config.manifest.models {
        if let Some(g) = m.generation.as_mut() {
            g.max_length = g.max_length.min(24);
            g.num_beams = 2;
        }
        for r in m.presets.values_mut() {
            r.max_length = r.max_length.min(24);
            r.min_length = r.min_length.min(8);
        }
    }
    config
}

/// The fixture set: "" = real activations, "relu" = bit-exact set.
pub fn set_dir(set: &str) -> PathBuf {
    if set.is_empty() {
        fixtures()
    } else {
        fixtures().join(set)
    }
}

pub fn files(set: &str, role: Role) -> ModelFiles {
    let manifest = Manifest::builtin();
    installed(&set_dir(set), manifest.for_role(role).unwrap()).unwrap()
}

#[derive(Debug, Deserialize)]
pub struct Expected {
    pub activation: String,
    pub settings: Settings,
    pub cases: Vec<serde_json::Value>,
    pub map_reduce: Option<MapReduce>,
    /// Marian only: generations hundreds of tokens long (models/tools/make_fixtures.py).
    pub long: Option<LongCases>,
}

#[derive(Debug, Deserialize)]
pub struct LongCases {
    pub settings: Settings,
    pub cases: Vec<GenCase>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
pub struct Settings {
    #[serde(default)]
    pub min_length: i64,
    #[serde(default)]
    pub max_length: i64,
    #[serde(default)]
    pub no_repeat_ngram_size: i64,
    #[serde(default)]
    pub length_penalty: f64,
    #[serde(default)]
    pub early_stopping: bool,
}

impl Settings {
    pub fn generation(&self, num_beams: i64) -> Generation {
        Generation {
            num_beams,
            length_penalty: self.length_penalty,
            no_repeat_ngram_size: self.no_repeat_ngram_size,
            early_stopping: self.early_stopping,
            min_length: self.min_length,
            max_length: self.max_length,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Level {
    pub chunks: Vec<String>,
    pub summaries: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct MapReduce {
    pub sentences: Vec<String>,
    pub window: usize,
    pub levels: Vec<Level>,
    pub final_input: String,
    pub ids: Vec<i64>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
pub struct GenCase {
    pub mode: String,
    pub input: String,
    pub input_ids: Vec<i64>,
    pub ids: Vec<i64>,
    pub text: String,
    pub beams: Option<Vec<Beam>>,
}

#[derive(Debug, Deserialize)]
pub struct Beam {
    pub ids: Vec<i64>,
    pub score: f64,
}

pub fn expected(set: &str, model: &str) -> Expected {
    let path = set_dir(set).join(model).join("expected.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

pub fn gen_cases(e: &Expected) -> Vec<GenCase> {
    e.cases
        .iter()
        .map(|c| serde_json::from_value(c.clone()).unwrap())
        .collect()
}

pub fn beams_for(mode: &str) -> i64 {
    if mode == "beam" {
        4
    } else {
        1
    }
}

/// The parity rule for generated ids. Exact always for greedy and for the relu set. For beam
/// search with fused-kernel activations (swish, gelu), logits drift by ~1e-5 between torch and
/// rust-bert, which can swap near-tied beams: exact when HF's two best beams are more than 1e-3
/// apart, else rust's sequence must be one of HF's returned beams scoring within 1e-3 of the best.
pub fn assert_generation_matches(case: &GenCase, got: &[i64], exact_beams: bool, what: &str) {
    let beams = case.beams.as_deref().unwrap_or(&[]);
    let tied = beams.len() >= 2 && (beams[0].score - beams[1].score).abs() <= 1e-3;
    if case.mode == "greedy" || exact_beams || !tied {
        assert_eq!(
            got,
            case.ids.as_slice(),
            "{what}: ids differ from transformers for {:?}",
            case.input
        );
    } else {
        if got != case.ids {
            eprintln!(
                "{what}: near-tied beams resolved differently from HF for {:?}",
                case.input
            );
        }
        let ok = beams
            .iter()
            .any(|b| b.ids == got && (beams[0].score - b.score).abs() <= 1e-3);
        assert!(
            ok,
            "{what}: beam output {got:?} is not among HF's near-tied beams for {:?}",
            case.input
        );
    }
}
