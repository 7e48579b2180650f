//! Versioned migrations, tracked in SQLite's `user_version`. Each step runs in the transaction
//! that bumps the version, so a crash leaves the database at the old version or the new one.
//! Step 2 builds the search index from the stored analyses with Rust code (stemming), which is
//! also how a future change of the stemmer would re-index: a new step calling `reindex_all`.

use rusqlite::{Connection, Transaction};

use crate::error::{LibraryError, Result};
use crate::index;

/// The schema this build writes. Databases at a lower version are migrated on open.
pub const VERSION: i64 = 2;

const V1_ENTRIES: &str = "
CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    uid             TEXT    NOT NULL UNIQUE,
    title           TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    source_language TEXT    NOT NULL,
    created_ms      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL,
    deleted_ms      INTEGER,
    analysis        TEXT    NOT NULL
);
CREATE INDEX entries_by_time ON entries(deleted_ms, created_ms);
CREATE TABLE tags (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags(tag);
";

/// Full-text index (rowid = entries.id): title, the texts as written, and their stems; plus the
/// entity mentions behind the "mentions ORG X" filter.
const V2_SEARCH: &str = "
CREATE VIRTUAL TABLE search USING fts5(
    title, body, stems,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE mentions (
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (entry_id, kind, key)
) WITHOUT ROWID;
CREATE INDEX mentions_by_key ON mentions(kind, key);
";

/// Brings the database to [`VERSION`]; refuses a newer one rather than guessing at it.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    migrate_to(conn, path, VERSION)
}

/// Migrates up to `target` only: the tests use it to build a database of an older schema.
pub fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(LibraryError::NewerSchema {
            path: path.to_string(),
            found,
            known: VERSION,
        });
    }
    for version in found + 1..=target {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        step(&tx, version)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(version, "library schema migrated");
    }
    Ok(())
}

fn step(tx: &Transaction, version: i64) -> Result<()> {
    match version {
        1 => tx.execute_batch(V1_ENTRIES)?,
        2 => {
            tx.execute_batch(V2_SEARCH)?;
            index::reindex_all(tx)?;
        }
        _ => unreachable!("no migration to schema {version}"),
    }
    Ok(())
}
