//! ui/src/bindings/ holds the TypeScript declarations of everything that crosses the IPC boundary,
//! generated from the Rust types by ts-rs. This test regenerates them and fails when the committed
//! files differ; `UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use svodka_desktop::protocol::{
    AnalyzeRequest, CommandError, Facets, InstallEvent, PicksRequest, ProgressEvent, SaveRequest,
};
use svodka_engine::models::ModelStatus;
use svodka_engine::{Analysis, Comparison};
use svodka_library::{Entry, ExportFormat, Hit, ImportReport, Query};
use ts_rs::TS;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typescript_bindings_are_current() {
    let fresh = std::env::temp_dir().join(format!("svodka-bindings-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    Analysis::export_all_to(&fresh).unwrap();
    AnalyzeRequest::export_all_to(&fresh).unwrap();
    ProgressEvent::export_all_to(&fresh).unwrap();
    CommandError::export_all_to(&fresh).unwrap();
    InstallEvent::export_all_to(&fresh).unwrap();
    ModelStatus::export_all_to(&fresh).unwrap();
    SaveRequest::export_all_to(&fresh).unwrap();
    PicksRequest::export_all_to(&fresh).unwrap();
    Comparison::export_all_to(&fresh).unwrap();
    Facets::export_all_to(&fresh).unwrap();
    Entry::export_all_to(&fresh).unwrap();
    Hit::export_all_to(&fresh).unwrap();
    Query::export_all_to(&fresh).unwrap();
    ExportFormat::export_all_to(&fresh).unwrap();
    ImportReport::export_all_to(&fresh).unwrap();
    let generated = read_dir(&fresh);
    std::fs::remove_dir_all(&fresh).unwrap();

    let committed_dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
    }
    let committed = read_dir(&committed_dir);
    assert!(generated.contains_key("Analysis.ts") && generated.len() > 15);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "ui/src/bindings is out of date: run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings"
    );
    for (name, text) in &generated {
        assert_eq!(
            &committed[name], text,
            "ui/src/bindings/{name} is out of date: run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings"
        );
    }
}
