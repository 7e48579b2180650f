//! The JSON bundle: `{"format": "svodka-library", "version": 1, "entries": [...]}` with each
//! entry's uid, title, tags, note, RFC 3339 times and the whole Analysis. Reading it back gives
//! the same entries, so export → import → export is byte-identical.

use serde::{Deserialize, Serialize};
use svodka_analysis::Analysis;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::entries::{Entry, EntryMeta, NewEntry};
use crate::error::{LibraryError, Result};

const FORMAT: &str = "svodka-library";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Bundle {
    format: String,
    version: u32,
    entries: Vec<BundleEntry>,
}

#[derive(Serialize, Deserialize)]
struct BundleEntry {
    uid: String,
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    note: String,
    created: String,
    updated: String,
    analysis: Analysis,
}

pub fn write(entries: &[Entry]) -> String {
    let bundle = Bundle {
        format: FORMAT.into(),
        version: VERSION,
        entries: entries
            .iter()
            .map(|e| BundleEntry {
                uid: e.uid.clone(),
                title: e.title.clone(),
                tags: e.tags.clone(),
                note: e.note.clone(),
                created: rfc3339(e.created_ms),
                updated: rfc3339(e.updated_ms),
                analysis: e.analysis.clone(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&bundle).expect("bundle serialises");
    s.push('\n');
    s
}

/// The entries of a bundle, or the one Analysis of a `svodka analyze --json` file.
pub fn read(text: &str) -> Result<Vec<NewEntry>> {
    let bad = |m: String| LibraryError::BadImport(m);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(format!("the file is not JSON ({e})")))?;
    let Some(object) = value.as_object() else {
        return Err(bad(not_svodka()));
    };
    if object.contains_key("format_version") && object.contains_key("article") {
        let analysis: Analysis = serde_json::from_value(value)
            .map_err(|e| bad(format!("the analysis is not one svodka can read: {e}")))?;
        return Ok(vec![NewEntry::new(EntryMeta::default(), analysis)]);
    }
    match object.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => return Err(bad(not_svodka())),
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == VERSION as u64 => {}
        Some(v) if v > VERSION as u64 => {
            return Err(bad(format!(
                "the file is a version {v} library export; this svodka reads version {VERSION} — update svodka"
            )))
        }
        _ => return Err(bad(format!("the file has no valid \"version\" (expected {VERSION})"))),
    }
    // Re-parse from the text (not the Value) so errors carry a line and column.
    let bundle: Bundle =
        serde_json::from_str(text).map_err(|e| bad(format!("the export is damaged: {e}")))?;
    bundle
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let time = |s: &str, what: &str| {
                parse_rfc3339(s).ok_or_else(|| {
                    bad(format!(
                        "entry {} ({}): {what} time \"{s}\" is not an RFC 3339 date",
                        i + 1,
                        e.title
                    ))
                })
            };
            Ok(NewEntry {
                created_ms: Some(time(&e.created, "created")?),
                updated_ms: Some(time(&e.updated, "updated")?),
                uid: Some(e.uid.clone()).filter(|u| !u.trim().is_empty()),
                meta: EntryMeta {
                    title: e.title,
                    tags: e.tags,
                    note: e.note,
                },
                analysis: e.analysis,
            })
        })
        .collect()
}

fn not_svodka() -> String {
    format!(
        "not a svodka export: expected {{\"format\": \"{FORMAT}\", …}} or an analysis from \
         `svodka analyze --json`"
    )
}

/// A time in milliseconds since 1970 as RFC 3339 in UTC, e.g. `2026-11-29T06:31:22.123Z`.
pub fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

fn parse_rfc3339(s: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok()
}
