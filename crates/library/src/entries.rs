//! Saving, reading, editing and (soft) deleting entries.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use svodka_analysis::{Analysis, Lang};
use ts_rs::TS;

use crate::error::{LibraryError, Result};
use crate::index::{self, Indexed};
use crate::{now_ms, Library};

const MAX_TITLE_CHARS: usize = 300;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 50;

/// What the reader says about a saved analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryMeta {
    /// Empty: taken from the summary's first sentence.
    pub title: String,
    pub tags: Vec<String>,
    pub note: String,
}

/// An entry to save: a fresh analysis, or one coming back from an export (uid and times kept).
pub struct NewEntry {
    pub meta: EntryMeta,
    pub analysis: Analysis,
    pub uid: Option<String>,
    pub created_ms: Option<i64>,
    pub updated_ms: Option<i64>,
}

impl NewEntry {
    pub fn new(meta: EntryMeta, analysis: Analysis) -> NewEntry {
        NewEntry {
            meta,
            analysis,
            uid: None,
            created_ms: None,
            updated_ms: None,
        }
    }
}

/// A saved analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Entry {
    #[ts(type = "number")]
    pub id: i64,
    /// Stable across export and import (ids are local to one library).
    pub uid: String,
    pub title: String,
    pub tags: Vec<String>,
    pub note: String,
    #[ts(type = "number")]
    pub created_ms: i64,
    #[ts(type = "number")]
    pub updated_ms: i64,
    #[ts(type = "number | null")]
    pub deleted_ms: Option<i64>,
    pub analysis: Analysis,
}

impl Library {
    /// A transaction that writes. IMMEDIATE: it takes the write lock at BEGIN, waiting (the busy
    /// timeout) while another svodka writes. A deferred one that reads first would hold a
    /// snapshot that another writer can make stale, and then fail with SQLITE_BUSY when it writes.
    pub(crate) fn write_tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Saves an analysis; returns its id. The title defaults to the summary's first sentence.
    pub fn save(&mut self, new: NewEntry) -> Result<i64> {
        let tx = self.write_tx()?;
        let id = insert(&tx, new)?;
        tx.commit()?;
        Ok(id)
    }

    /// An entry by id, deleted or not.
    pub fn get(&self, id: i64) -> Result<Entry> {
        get(&self.conn, id)
    }

    pub fn id_of_uid(&self, uid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM entries WHERE uid = ?1", [uid], |r| r.get(0))
            .optional()?)
    }

    /// Changes title, tags and note; replaces the analysis when given (a picked alternative).
    pub fn update(&mut self, id: i64, meta: EntryMeta, analysis: Option<Analysis>) -> Result<()> {
        let tx = self.write_tx()?;
        let analysis = match analysis {
            Some(a) => a,
            None => get(&tx, id)?.analysis,
        };
        check_analysis(&analysis)?;
        let meta = clean_meta(meta, &analysis)?;
        let json = serde_json::to_string(&analysis).expect("Analysis serialises");
        if tx.execute(
            "UPDATE entries SET title = ?2, note = ?3, analysis = ?4, updated_ms = ?5 WHERE id = ?1",
            params![id, meta.title, meta.note, json, now_ms()],
        )? == 0
        {
            return Err(LibraryError::NotFound(id));
        }
        set_tags(&tx, id, &meta.tags)?;
        index::index(
            &tx,
            &Indexed {
                id,
                title: &meta.title,
                note: &meta.note,
                tags: &meta.tags,
                analysis: &analysis,
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Moves entries to the bin: hidden from lists and search, restorable until purged.
    pub fn delete(&mut self, ids: &[i64]) -> Result<()> {
        self.set_deleted(ids, Some(now_ms()))
    }

    pub fn restore(&mut self, ids: &[i64]) -> Result<()> {
        self.set_deleted(ids, None)
    }

    fn set_deleted(&mut self, ids: &[i64], when: Option<i64>) -> Result<()> {
        let tx = self.write_tx()?;
        for &id in ids {
            if tx.execute(
                "UPDATE entries SET deleted_ms = ?2 WHERE id = ?1",
                params![id, when],
            )? == 0
            {
                return Err(LibraryError::NotFound(id));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes for good the entries deleted before `before_ms`; returns how many.
    pub fn purge_deleted_before(&mut self, before_ms: i64) -> Result<usize> {
        // Every open purges: when the bin holds nothing old enough, take no write lock at all,
        // so opening a library to read never waits for another svodka's writes.
        let due: bool = self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM entries WHERE deleted_ms IS NOT NULL AND deleted_ms < ?1)",
            [before_ms],
            |r| r.get(0),
        )?;
        if !due {
            return Ok(0);
        }
        let tx = self.write_tx()?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM entries WHERE deleted_ms IS NOT NULL AND deleted_ms < ?1")?
            .query_map([before_ms], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for &id in &ids {
            index::unindex(&tx, id)?;
            tx.execute("DELETE FROM entries WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        Ok(ids.len())
    }

    /// How many entries are saved (not deleted).
    pub fn count(&self) -> Result<usize> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM entries WHERE deleted_ms IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as usize)
    }
}

/// Writes one entry and its index rows; the caller holds the transaction.
pub(crate) fn insert(conn: &Connection, new: NewEntry) -> Result<i64> {
    let meta = clean_meta(new.meta, &new.analysis)?;
    check_analysis(&new.analysis)?;
    let now = now_ms();
    let uid = new.uid.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let created = new.created_ms.unwrap_or(now);
    let updated = new.updated_ms.unwrap_or(created);
    let json = serde_json::to_string(&new.analysis).expect("Analysis serialises");
    conn.execute(
        "INSERT INTO entries(uid, title, note, source_language, created_ms, updated_ms, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            uid,
            meta.title,
            meta.note,
            new.analysis.source_language.code(),
            created,
            updated,
            json
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_tags(conn, id, &meta.tags)?;
    index::index(
        conn,
        &Indexed {
            id,
            title: &meta.title,
            note: &meta.note,
            tags: &meta.tags,
            analysis: &new.analysis,
        },
    )?;
    Ok(id)
}

struct RawEntry {
    id: i64,
    uid: String,
    title: String,
    note: String,
    created_ms: i64,
    updated_ms: i64,
    deleted_ms: Option<i64>,
    analysis: String,
}

/// An entry by id, deleted or not, on any connection or transaction.
fn get(conn: &Connection, id: i64) -> Result<Entry> {
    conn.query_row(
        "SELECT id, uid, title, note, created_ms, updated_ms, deleted_ms, analysis
         FROM entries WHERE id = ?1",
        [id],
        |r| Ok(raw_entry(r)),
    )
    .optional()?
    .ok_or(LibraryError::NotFound(id))?
    .and_then(|raw| raw.finish(conn))
}

fn raw_entry(r: &Row) -> Result<RawEntry> {
    Ok(RawEntry {
        id: r.get(0)?,
        uid: r.get(1)?,
        title: r.get(2)?,
        note: r.get(3)?,
        created_ms: r.get(4)?,
        updated_ms: r.get(5)?,
        deleted_ms: r.get(6)?,
        analysis: r.get(7)?,
    })
}

impl RawEntry {
    fn finish(self, conn: &Connection) -> Result<Entry> {
        let analysis = serde_json::from_str(&self.analysis).map_err(|e| {
            LibraryError::BadInput(format!(
                "saved analysis {} cannot be read by this svodka: {e}",
                self.id
            ))
        })?;
        Ok(Entry {
            tags: tags_of(conn, self.id)?,
            id: self.id,
            uid: self.uid,
            title: self.title,
            note: self.note,
            created_ms: self.created_ms,
            updated_ms: self.updated_ms,
            deleted_ms: self.deleted_ms,
            analysis,
        })
    }
}

pub(crate) fn tags_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT tag FROM tags WHERE entry_id = ?1 ORDER BY tag")?;
    let tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(tags)
}

fn set_tags(conn: &Connection, id: i64, tags: &[String]) -> Result<()> {
    conn.execute("DELETE FROM tags WHERE entry_id = ?1", [id])?;
    let mut insert = conn.prepare_cached("INSERT INTO tags(entry_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute(params![id, tag])?;
    }
    Ok(())
}

/// Trims and checks the reader's title, tags and note; fills an empty title.
pub(crate) fn clean_meta(meta: EntryMeta, analysis: &Analysis) -> Result<EntryMeta> {
    let mut title = one_line(&meta.title);
    if title.is_empty() {
        title = default_title(analysis);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(LibraryError::BadInput(format!(
            "the title is too long ({} characters; at most {MAX_TITLE_CHARS})",
            title.chars().count()
        )));
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in &meta.tags {
        let tag = one_line(tag);
        if tag.is_empty() || tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS || tag.contains(',') {
            return Err(LibraryError::BadInput(format!(
                "tag \"{tag}\" is not allowed: tags are at most {MAX_TAG_CHARS} characters, without commas"
            )));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(LibraryError::BadInput(format!(
            "{} tags; at most {MAX_TAGS}",
            tags.len()
        )));
    }
    tags.sort();
    Ok(EntryMeta {
        title,
        tags,
        note: meta.note.trim().to_string(),
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of the summary in the article's language (else the article's), cut at a
/// word boundary to 80 characters.
pub(crate) fn default_title(analysis: &Analysis) -> String {
    let own = match analysis.source_language {
        Lang::En => analysis.summaries.en.document(),
        Lang::Ru => analysis.summaries.ru.document(),
    };
    let doc = own.unwrap_or(&analysis.article);
    let first = doc
        .sentences
        .first()
        .map(|s| s.slice(&doc.text))
        .unwrap_or(&doc.text);
    let first = one_line(first);
    if first.chars().count() <= 80 {
        return if first.is_empty() {
            "Untitled".into()
        } else {
            first
        };
    }
    let mut title = String::new();
    for word in first.split(' ') {
        if title.chars().count() + word.chars().count() + 1 > 79 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        title = first.chars().take(79).collect();
    }
    title.push('…');
    title
}

/// An analysis from outside (an import, an older file) must be one this svodka can show: a known
/// format and spans inside their texts.
pub(crate) fn check_analysis(a: &Analysis) -> Result<()> {
    a.check().map_err(LibraryError::BadInput)
}
