//! Search: FTS5 over the texts as written and their stems (inflection-proof), filters by tag and
//! entity, facets for the filter lists, and snippets that show where a query word was found.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use svodka_analysis::{EntityKind, Lang, Span};
use ts_rs::TS;

use crate::error::Result;
use crate::words::{name_key, words};
use crate::Library;

const DEFAULT_LIMIT: u32 = 200;
const SNIPPET_WORDS_BEFORE: usize = 8;
const SNIPPET_CHARS: usize = 220;
/// Words of a query beyond this are ignored: a pasted paragraph must not become a huge FTS5 query.
const MAX_TERMS: usize = 32;

/// What the reader is looking for. Every field narrows; an empty query lists newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Query {
    /// Words, each matching any inflection of itself in English or Russian; the last one is also
    /// a prefix unless the text ends with a space (search as you type).
    pub text: String,
    pub tag: Option<String>,
    pub entity: Option<EntityFilter>,
    /// Search the bin (deleted, not yet purged) instead of the library.
    pub deleted: bool,
    pub limit: Option<u32>,
}

/// "Saved analyses mentioning ORG Газпром": the name matches in any inflection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityFilter {
    pub kind: EntityKind,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hit {
    #[ts(type = "number")]
    pub id: i64,
    pub uid: String,
    pub title: String,
    pub tags: Vec<String>,
    pub source_language: Lang,
    #[ts(type = "number")]
    pub created_ms: i64,
    #[ts(type = "number")]
    pub updated_ms: i64,
    pub snippet: Snippet,
}

/// A piece of the saved texts with the query's words marked (char offsets into `text`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TagFacet {
    pub tag: String,
    #[ts(type = "number")]
    pub entries: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntityFacet {
    pub kind: EntityKind,
    /// The most frequent written form.
    pub name: String,
    #[ts(type = "number")]
    pub entries: i64,
    #[ts(type = "number")]
    pub mentions: i64,
}

/// One query word: its folded form and stem, and whether it may be the start of a longer word.
struct Term {
    folded: String,
    stem: String,
    prefix: bool,
}

fn terms(text: &str) -> Vec<Term> {
    let mut ws = words(text);
    ws.truncate(MAX_TERMS);
    let open_end = !text.ends_with(char::is_whitespace);
    let n = ws.len();
    ws.into_iter()
        .enumerate()
        .map(|(i, w)| Term {
            folded: w.folded,
            stem: w.stem,
            prefix: open_end && i + 1 == n,
        })
        .collect()
}

/// The FTS5 expression: every word must match, as a stem or as written. Words are made of letters
/// and digits only, so quoting them leaves no room for FTS5 syntax from the reader's input.
fn fts_expression(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let star = if t.prefix { "*" } else { "" };
            format!(
                "(stems : \"{}\"{star} OR {{title body}} : \"{}\"{star})",
                t.stem, t.folded
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

impl Library {
    pub fn search(&self, query: &Query) -> Result<Vec<Hit>> {
        let terms = terms(&query.text);
        let mut sql = String::from(
            "SELECT e.id, e.uid, e.title, e.source_language, e.created_ms, e.updated_ms, search.body
             FROM entries e JOIN search ON search.rowid = e.id WHERE ",
        );
        let mut args: Vec<Value> = Vec::new();
        sql.push_str(if query.deleted {
            "e.deleted_ms IS NOT NULL"
        } else {
            "e.deleted_ms IS NULL"
        });
        if !terms.is_empty() {
            args.push(Value::Text(fts_expression(&terms)));
            sql.push_str(&format!(" AND search MATCH ?{}", args.len()));
        }
        if let Some(tag) = query
            .tag
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            args.push(Value::Text(tag.to_string()));
            sql.push_str(&format!(
                " AND e.id IN (SELECT entry_id FROM tags WHERE tag = ?{} COLLATE NOCASE)",
                args.len()
            ));
        }
        if let Some(entity) = &query.entity {
            args.push(Value::Text(entity.kind.tag().to_string()));
            args.push(Value::Text(name_key(&entity.name)));
            sql.push_str(&format!(
                " AND e.id IN (SELECT entry_id FROM mentions WHERE kind = ?{} AND key = ?{})",
                args.len() - 1,
                args.len()
            ));
        }
        sql.push_str(if terms.is_empty() {
            " ORDER BY e.created_ms DESC, e.id DESC"
        } else {
            " ORDER BY bm25(search, 5.0, 1.0, 1.0), e.created_ms DESC"
        });
        args.push(Value::Integer(query.limit.unwrap_or(DEFAULT_LIMIT) as i64));
        sql.push_str(&format!(" LIMIT ?{}", args.len()));

        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, uid, title, lang, created_ms, updated_ms, body)| {
                Ok(Hit {
                    tags: crate::entries::tags_of(&self.conn, id)?,
                    id,
                    uid,
                    title,
                    source_language: if lang == "ru" { Lang::Ru } else { Lang::En },
                    created_ms,
                    updated_ms,
                    snippet: snippet(&body, &terms),
                })
            })
            .collect()
    }

    /// Tags in use, most used first.
    pub fn tags(&self) -> Result<Vec<TagFacet>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.tag, count(*) AS n FROM tags t JOIN entries e ON e.id = t.entry_id
             WHERE e.deleted_ms IS NULL GROUP BY t.tag ORDER BY n DESC, t.tag",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TagFacet {
                    tag: r.get(0)?,
                    entries: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The names mentioned across the library, by how many saved analyses mention them.
    pub fn entities(&self, kind: Option<EntityKind>, limit: u32) -> Result<Vec<EntityFacet>> {
        // SQLite takes `name` from the row holding max(count): the form of the entry that uses
        // the name most.
        let mut stmt = self.conn.prepare(
            "SELECT m.kind, m.name, max(m.count), count(*) AS n, sum(m.count) AS total
             FROM mentions m JOIN entries e ON e.id = m.entry_id
             WHERE e.deleted_ms IS NULL AND (?1 IS NULL OR m.kind = ?1)
             GROUP BY m.kind, m.key ORDER BY n DESC, total DESC, m.name LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![kind.map(EntityKind::tag), limit], |r| {
                let tag: String = r.get(0)?;
                Ok(EntityFacet {
                    kind: EntityKind::from_tag(&tag).unwrap_or(EntityKind::Misc),
                    name: r.get(1)?,
                    entries: r.get(3)?,
                    mentions: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// Where the first query word occurs in `body` (one text per line), with every query word in
/// that window marked; without a query, the start of the first text (the summary).
fn snippet(body: &str, terms: &[Term]) -> Snippet {
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    for line in &lines {
        let ws = words(line);
        let hits: Vec<usize> = ws
            .iter()
            .enumerate()
            .filter(|(_, w)| terms.iter().any(|t| matches(t, &w.folded, &w.stem)))
            .map(|(i, _)| i)
            .collect();
        let Some(&first) = hits.first() else { continue };
        // Up to SNIPPET_WORDS_BEFORE words of context, but never so much (a long word, a URL)
        // that the hit falls outside the snippet.
        let mut start_word = first.saturating_sub(SNIPPET_WORDS_BEFORE);
        while start_word < first && ws[first].end - ws[start_word].start > SNIPPET_CHARS {
            start_word += 1;
        }
        let start = if start_word == 0 {
            0
        } else {
            ws[start_word].start
        };
        let chars: Vec<char> = line.chars().collect();
        let end = (start + SNIPPET_CHARS).min(chars.len());
        // Cut after the last whole word inside the snippet; inside one long word, mid-word.
        let end = cut_at_word_end(&ws[start_word..], end, chars.len()).max(start);
        let mut text: String = chars[start..end].iter().collect();
        let lead = if start > 0 { 1 } else { 0 };
        if start > 0 {
            text.insert(0, '…');
        }
        if end < chars.len() {
            text.push('…');
        }
        let marks = hits
            .iter()
            .map(|&i| &ws[i])
            .filter(|w| w.start >= start && w.end <= end)
            .map(|w| Span {
                start: w.start - start + lead,
                end: w.end - start + lead,
            })
            .collect();
        return Snippet { text, marks };
    }
    let first = lines.first().copied().unwrap_or("");
    let ws = words(first);
    let n = first.chars().count();
    let end = cut_at_word_end(&ws, SNIPPET_CHARS.min(n), n);
    let mut text: String = first.chars().take(end).collect();
    if end < n {
        text.push('…');
    }
    Snippet {
        text,
        marks: vec![],
    }
}

fn matches(t: &Term, folded: &str, word_stem: &str) -> bool {
    if t.prefix {
        folded.starts_with(&t.folded) || word_stem.starts_with(&t.stem)
    } else {
        folded == t.folded || word_stem == t.stem
    }
}

/// Moves a cut at `end` back to the end of the last whole word before it.
fn cut_at_word_end(ws: &[crate::words::Word], end: usize, len: usize) -> usize {
    if end >= len {
        return len;
    }
    ws.iter()
        .rev()
        .map(|w| w.end)
        .find(|&e| e <= end)
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{fold, stem};

    #[test]
    fn fts_expression_quotes_every_word_and_prefixes_the_last() {
        let e = fts_expression(&terms("Путиным \"NEAR( OR* войну"));
        assert_eq!(
            e,
            "(stems : \"путин\" OR {title body} : \"путиным\") AND \
             (stems : \"near\" OR {title body} : \"near\") AND \
             (stems : \"or\" OR {title body} : \"or\") AND \
             (stems : \"войн\"* OR {title body} : \"войну\"*)"
        );
        assert!(!terms("war ")[0].prefix);
        // Stemming is the query's business here, not the user's spelling of it.
        assert_eq!(stem(&fold("Путиным")), "путин");
    }

    #[test]
    fn a_long_word_before_the_hit_neither_panics_nor_hides_the_hit() {
        let long = "x".repeat(400);
        for body in [
            format!("a b c d e {long} 1 2 3 4 5 6 7 Путиным сказал"),
            format!("{long} Путиным"),
            format!("a {long}Путиным b"),
            format!("Путин{long}"),
        ] {
            let s = snippet(&body, &terms("Путин "));
            assert!(s.text.chars().count() <= SNIPPET_CHARS + 2, "{}", s.text);
            for m in &s.marks {
                assert!(m.start <= m.end && m.end <= s.text.chars().count());
            }
        }
        let s = snippet(
            &format!("a b c d e {long} 1 2 3 4 5 6 7 Путиным"),
            &terms("Путин "),
        );
        let marked: Vec<&str> = s.marks.iter().map(|m| m.slice(&s.text)).collect();
        assert_eq!(marked, ["Путиным"], "{}", s.text);
    }

    #[test]
    fn snippet_marks_inflected_forms_in_context() {
        let body = "Summary line.\nМосква заявила, что встреча с Путиным прошла. Путина ждали.";
        let s = snippet(body, &terms("Путин "));
        let marked: Vec<&str> = s.marks.iter().map(|m| m.slice(&s.text)).collect();
        assert_eq!(marked, ["Путиным", "Путина"]);
        let none = snippet(body, &[]);
        assert_eq!(none.text, "Summary line.");
    }
}
