//! Export as Markdown, JSON (the bundle `import` reads back) and a self-contained HTML page with
//! the entity marks; import of a JSON bundle or of a single Analysis from `svodka analyze --json`.

mod html;
mod json;
mod markdown;

pub use json::rfc3339;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use rusqlite::OptionalExtension;

use crate::entries::{check_analysis, clean_meta, insert, Entry};
use crate::error::{LibraryError, Result};
use crate::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Markdown,
    Json,
    Html,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Json => "json",
            ExportFormat::Html => "html",
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// Ids of the entries added.
    #[ts(type = "Array<number>")]
    pub added: Vec<i64>,
    /// Entries already in the library (same uid), left as they are; deleted ones are restored.
    pub already_present: usize,
}

impl Library {
    /// The entries `ids`, in that order, as one document.
    pub fn export(&self, ids: &[i64], format: ExportFormat) -> Result<String> {
        if ids.is_empty() {
            return Err(LibraryError::BadInput("nothing to export".into()));
        }
        let entries = ids
            .iter()
            .map(|&id| self.get(id))
            .collect::<Result<Vec<Entry>>>()?;
        Ok(match format {
            ExportFormat::Json => json::write(&entries),
            ExportFormat::Markdown => markdown::write(&entries),
            ExportFormat::Html => html::write(&entries),
        })
    }

    /// Imports a JSON bundle (or one Analysis). The whole file is checked first and written in one
    /// transaction: a bad file changes nothing.
    pub fn import(&mut self, text: &str) -> Result<ImportReport> {
        let items = json::read(text)?;
        for (i, item) in items.iter().enumerate() {
            check_analysis(&item.analysis)
                .and_then(|_| clean_meta(item.meta.clone(), &item.analysis))
                .map_err(|e| {
                    LibraryError::BadImport(format!("entry {} ({}): {e}", i + 1, item.meta.title))
                })?;
        }
        let mut report = ImportReport::default();
        let tx = self.write_tx()?;
        for item in items {
            let existing: Option<i64> = match &item.uid {
                Some(uid) => tx
                    .query_row("SELECT id FROM entries WHERE uid = ?1", [uid], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            match existing {
                Some(id) => {
                    tx.execute("UPDATE entries SET deleted_ms = NULL WHERE id = ?1", [id])?;
                    report.already_present += 1;
                }
                None => report.added.push(insert(&tx, item)?),
            }
        }
        tx.commit()?;
        Ok(report)
    }
}
