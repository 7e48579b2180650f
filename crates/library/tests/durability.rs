//! The library under load and under a crash: a reader searching while 1,000 saves are written,
//! and a writer process killed with SIGKILL in the middle of its save loop.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use svodka_library::{EntryMeta, Library, NewEntry, Query};

fn numbered(i: usize) -> NewEntry {
    NewEntry::new(
        EntryMeta {
            title: format!("save {i}"),
            tags: vec![format!("batch{}", i % 7)],
            note: String::new(),
        },
        [common::gazprom, common::metro][i % 2](),
    )
}

#[test]
fn a_thousand_saves_while_a_second_connection_searches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut writer = Library::open(&path).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let lib = Library::open(&path).unwrap();
            let (mut searches, mut last_seen) = (0, 0);
            while !done.load(Ordering::Acquire) {
                let all = Query {
                    limit: Some(10_000),
                    ..Query::default()
                };
                let n = lib.search(&all).expect("list while writing").len();
                assert!(n >= last_seen, "the reader saw {n} after {last_seen}");
                last_seen = n;
                let q = Query {
                    text: if searches % 2 == 0 {
                        "Путиным".into()
                    } else {
                        "Собянина".into()
                    },
                    ..Query::default()
                };
                lib.search(&q).expect("search while writing");
                searches += 1;
            }
            searches
        })
    };
    for i in 0..1000 {
        writer.save(numbered(i)).unwrap();
    }
    done.store(true, Ordering::Release);
    let searches = reader.join().expect("reader thread");
    assert!(searches > 0);
    assert_eq!(writer.count().unwrap(), 1000);
    let putin = Query {
        text: "Путиным".into(),
        limit: Some(10_000),
        ..Query::default()
    };
    assert_eq!(writer.search(&putin).unwrap().len(), 500);
    println!("{searches} searches ran beside 1,000 saves");
}

const CHILD_DB: &str = "SVODKA_TEST_CRASH_DB";

/// The writer process of the crash test (run by it, skipped otherwise): saves in a loop and
/// reports each save's uid only after `save` returned.
#[test]
#[ignore = "run as a child process by a_writer_killed_mid_save_loses_nothing_it_reported"]
fn crash_child_writer() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let mut lib = Library::open(std::path::Path::new(&path)).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let id = lib.save(numbered(i)).unwrap();
        let uid = lib.get(id).unwrap().uid;
        writeln!(out, "saved {uid}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_writer_killed_mid_save_loses_nothing_it_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_child_writer",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reported = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while reported.len() < 150 {
        let line = lines.next().expect("child stopped early").unwrap();
        if let Some(uid) = line.strip_prefix("saved ") {
            reported.push(uid.to_string());
        }
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no checkpoint, maybe mid-transaction
    child.wait().unwrap();
    // Saves that finished after the last line we read are fine either way; count what was said.
    let lib = Library::open(&path).expect("reopen after the kill");
    let conn = Library::open_raw(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fts: rusqlite::Result<()> =
        conn.execute_batch("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)");
    fts.expect("the FTS index matches its content");
    for uid in &reported {
        assert!(
            lib.id_of_uid(uid).unwrap().is_some(),
            "save {uid} reported but lost"
        );
    }
    assert!(lib.count().unwrap() >= reported.len());
}

/// Another svodka (the CLI beside the app) holds the write lock for a moment while `work`
/// reads and then writes: the work must wait for it, not fail with SQLITE_BUSY.
fn while_another_writer_commits(path: &std::path::Path, work: impl FnOnce()) {
    let other = Library::open_raw(path).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE entries SET note = note || '.' WHERE id = 1;")
        .unwrap();
    let committer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    work();
    committer.join().unwrap();
}

#[test]
fn writes_that_read_first_wait_for_a_concurrent_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let first = lib.save(numbered(0)).unwrap();
    let bundle = lib
        .export(&[first], svodka_library::ExportFormat::Json)
        .unwrap();
    lib.delete(&[first]).unwrap();

    while_another_writer_commits(&path, || {
        let report = lib
            .import(&bundle)
            .expect("import waits for the other writer");
        assert_eq!(report.already_present, 1);
    });
    while_another_writer_commits(&path, || {
        let meta = EntryMeta {
            title: "renamed".into(),
            tags: vec![],
            note: String::new(),
        };
        lib.update(first, meta, None)
            .expect("update waits for the other writer");
    });
    lib.delete(&[first]).unwrap();
    while_another_writer_commits(&path, || {
        let purged = lib
            .purge_deleted_before(i64::MAX)
            .expect("purge waits for the other writer");
        assert_eq!(purged, 1);
    });
}
