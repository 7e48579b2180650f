//! svodka-library: the reader's saved analyses in one SQLite file — WAL journal, versioned
//! migrations, full-text search in English and Russian that sees through inflection (Snowball
//! stems in a shadow column), an entity filter, soft delete with undo, and export/import as
//! Markdown, JSON and self-contained HTML. No torch: it stores `Analysis` values, it does not
//! make them.

mod entries;
mod error;
mod export;
mod index;
pub mod schema;
mod search;
pub mod words;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use entries::{Entry, EntryMeta, NewEntry};
pub use error::{LibraryError, LibraryErrorKind, Result};
pub use export::{rfc3339, ExportFormat, ImportReport};
pub use search::{EntityFacet, EntityFilter, Hit, Query, Snippet, TagFacet};

/// Deleted entries stay restorable this long, then `open` purges them.
pub const KEEP_DELETED: Duration = Duration::from_secs(30 * 24 * 3600);

/// `$SVODKA_LIBRARY`, else `library.sqlite3` in the user's data folder (~/.local/share/svodka).
pub fn default_library_path() -> PathBuf {
    if let Some(p) = std::env::var_os("SVODKA_LIBRARY") {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("svodka")
        .join("library.sqlite3")
}

pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Opens (creating if needed) the library at `path`, migrating an older schema and purging
    /// entries deleted more than [`KEEP_DELETED`] ago.
    pub fn open(path: &Path) -> Result<Library> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LibraryError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
        };
        lib.configure()?;
        schema::migrate(&mut lib.conn, &path.display().to_string())?;
        lib.purge_deleted_before(now_ms() - KEEP_DELETED.as_millis() as i64)?;
        Ok(lib)
    }

    /// Opens without migrating or purging: for tests that build an older schema by hand.
    pub fn open_raw(path: &Path) -> Result<Connection> {
        let conn = Connection::open(path)?;
        configure(&conn)?;
        Ok(conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        configure(&self.conn)
    }
}

/// WAL lets the window search while a save is being written; synchronous=FULL makes a save that
/// returned survive a power cut too, not only a crash. The busy timeout covers a second svodka
/// (the CLI beside the app) writing at the same moment.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
