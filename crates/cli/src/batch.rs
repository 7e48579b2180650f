//! `svodka analyze` over many articles: several files, or JSON Lines on standard input
//! (`{"id": …, "text": …}` per line). The models load once; each result is written as one line,
//! `{"id": …, "analysis": …}`, as soon as it is ready; a bad article is reported on standard
//! error with its id and skipped, and the exit code says that some failed. `--skip-done FILE`
//! skips the ids FILE already holds, so an interrupted run resumes by appending to the same file.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use svodka_analysis::Length;
use svodka_engine::prepare::decode_input;
use svodka_engine::Engine;

use crate::failure::{Failure, Result};

pub enum Source {
    Files(Vec<PathBuf>),
    /// JSON Lines from standard input.
    JsonLines,
}

/// One article to analyse, or why it cannot be.
struct Item {
    id: Value,
    text: std::result::Result<String, String>,
}

/// How a batch went.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub analysed: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// An id as a set key: its JSON text, so the string "7" and the number 7 stay apart.
fn key(id: &Value) -> String {
    id.to_string()
}

/// The ids of the results already in `path` (a missing file holds none).
pub fn done_ids(path: &Path) -> Result<HashSet<String>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => {
            return Err(Failure::BadInput(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    // A line cut off by an interrupted run does not parse and is simply not done.
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("analysis").is_some())
        .filter_map(|v| v.get("id").map(key))
        .collect())
}

fn from_file(path: &Path) -> Item {
    let id = Value::String(path.display().to_string());
    let text = std::fs::read(path)
        .map_err(|e| format!("cannot read it: {e}"))
        .and_then(|bytes| decode_input(&bytes).map_err(|e| e.to_string()));
    Item { id, text }
}

/// One line of JSON Lines input (`number` counts from 1, for messages about lines without an id).
fn from_line(line: &str, number: usize) -> Item {
    let anonymous = |why: String| Item {
        id: Value::String(format!("line {number}")),
        text: Err(why),
    };
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return anonymous(format!("not JSON: {e}")),
    };
    let id = match value.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        _ => return anonymous("no \"id\" (a string or a number)".into()),
    };
    let text = match value.get("text") {
        Some(Value::String(t)) => decode_input(t.as_bytes()).map_err(|e| e.to_string()),
        _ => Err("no \"text\" (a string)".into()),
    };
    Item { id, text }
}

/// Analyses every article of `source` with one engine, writing each result to `out` as it
/// finishes and each failure to `errors`.
pub fn run(
    engine: &Engine,
    source: Source,
    length: Length,
    skip: &HashSet<String>,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut one = |item: Item| -> Result<()> {
        if skip.contains(&key(&item.id)) {
            tally.skipped += 1;
            return Ok(());
        }
        let result = item.text.and_then(|text| {
            engine
                .analyze(text, length, |_| {})
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(analysis) => {
                let line = json!({"id": item.id, "analysis": analysis});
                writeln!(out, "{line}")
                    .and_then(|()| out.flush())
                    .map_err(|e| Failure::Other(format!("cannot write the results: {e}")))?;
                tally.analysed += 1;
            }
            Err(why) => {
                tally.failed += 1;
                let _ = writeln!(errors, "svodka: {} skipped: {why}", item.id);
            }
        }
        Ok(())
    };
    match source {
        Source::Files(paths) => {
            for path in &paths {
                one(from_file(path))?;
            }
        }
        Source::JsonLines => {
            let stdin = std::io::stdin();
            for (n, line) in stdin.lock().lines().enumerate() {
                let line = line
                    .map_err(|e| Failure::BadInput(format!("cannot read standard input: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                one(from_line(&line, n + 1))?;
            }
        }
    }
    Ok(tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_their_id_and_text_or_say_what_is_wrong() {
        let item = from_line(r#"{"id": 7, "text": "Hello."}"#, 1);
        assert_eq!((item.id, item.text), (json!(7), Ok("Hello.".to_string())));
        let item = from_line(r#"{"id": "a", "text": 3}"#, 2);
        assert_eq!(item.id, json!("a"));
        assert!(item.text.unwrap_err().contains("text"));
        let item = from_line("{not json", 3);
        assert_eq!(item.id, json!("line 3"));
        assert!(item.text.unwrap_err().contains("not JSON"));
        let item = from_line(r#"{"text": "x"}"#, 4);
        assert_eq!(item.id, json!("line 4"));
        // The engine's own input checks apply (here: a NUL, binary data).
        assert!(from_line(r#"{"id": 1, "text": "a\u0000b"}"#, 5)
            .text
            .is_err());
    }

    #[test]
    fn done_ids_are_those_with_a_result_and_keep_their_type() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        assert!(done_ids(&path).unwrap().is_empty());
        std::fs::write(
            &path,
            "{\"id\": 7, \"analysis\": {}}\n{\"id\": \"7\", \"analysis\": {}}\n\
             {\"id\": 8, \"error\": \"x\"}\n{\"id\": 9, \"analy",
        )
        .unwrap();
        let done = done_ids(&path).unwrap();
        assert_eq!(done, HashSet::from(["7".to_string(), "\"7\"".to_string()]));
    }
}
