//! `svodka library …`: list, search, show, export, import, delete, restore. Display only; the
//! work is svodka-library's.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use console::style;
use svodka_analysis::{Analysis, EntityKind};
use svodka_library::{
    rfc3339, EntityFilter, EntryMeta, ExportFormat, Hit, Library, LibraryError, NewEntry, Query,
};

use crate::failure::Result;
use crate::render::{self, printable};

#[derive(Subcommand)]
pub enum LibraryAction {
    /// Saved analyses, newest first.
    List {
        #[command(flatten)]
        filters: Filters,
    },
    /// Find saved analyses by words in either language, in any inflection ("Путиным" finds
    /// "Путин").
    Search {
        #[arg(required = true)]
        words: Vec<String>,
        #[command(flatten)]
        filters: Filters,
    },
    /// One saved analysis, side by side.
    Show {
        id: i64,
        /// The whole entry as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write saved analyses as Markdown, JSON (importable) or a self-contained HTML page.
    Export {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long, value_enum, default_value_t = FormatArg::Md)]
        format: FormatArg,
        /// Output file [default: standard output].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Add the analyses of a JSON export, or one `svodka analyze --json` result; `-` reads
    /// standard input. A bad file changes nothing.
    Import { file: PathBuf },
    /// Move analyses to the bin (restorable for 30 days).
    Delete {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Bring deleted analyses back.
    Restore {
        #[arg(required = true)]
        ids: Vec<i64>,
    },
}

#[derive(clap::Args)]
pub struct Filters {
    /// Only analyses with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only analyses mentioning KIND:NAME, e.g. ORG:Газпром (KIND: PER, LOC, ORG, MISC).
    #[arg(long, value_name = "KIND:NAME", value_parser = parse_entity)]
    entity: Option<EntityFilter>,
    /// Look in the bin instead.
    #[arg(long)]
    deleted: bool,
    /// Print the hits as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Md,
    Json,
    Html,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> ExportFormat {
        match f {
            FormatArg::Md => ExportFormat::Markdown,
            FormatArg::Json => ExportFormat::Json,
            FormatArg::Html => ExportFormat::Html,
        }
    }
}

fn parse_entity(s: &str) -> Result<EntityFilter, String> {
    let (kind, name) = s
        .split_once(':')
        .ok_or("expected KIND:NAME, e.g. ORG:Газпром")?;
    let kind = EntityKind::from_tag(&kind.trim().to_uppercase())
        .ok_or_else(|| format!("unknown kind {kind:?}: use PER, LOC, ORG or MISC"))?;
    if name.trim().is_empty() {
        return Err("the name is empty".into());
    }
    Ok(EntityFilter {
        kind,
        name: name.trim().to_string(),
    })
}

pub fn run(action: LibraryAction, path: &Path) -> Result {
    let mut lib = Library::open(path)?;
    match action {
        LibraryAction::List { filters } => print_hits(&lib, String::new(), filters),
        LibraryAction::Search { words, filters } => {
            print_hits(&lib, words.join(" ") + " ", filters)
        }
        LibraryAction::Show { id, json } => {
            let entry = lib.get(id)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&entry).expect("entry serialises")
                );
            } else {
                println!(
                    "{}  {}",
                    style(format!("#{}", entry.id)).dim(),
                    style(printable(&entry.title, false)).bold()
                );
                let mut meta = vec![format!("saved {}", day(entry.created_ms))];
                if !entry.tags.is_empty() {
                    meta.push(format!("tags: {}", entry.tags.join(", ")));
                }
                println!("{}", style(printable(&meta.join(" · "), false)).dim());
                if !entry.note.is_empty() {
                    println!("{}", printable(&entry.note, true));
                }
                println!();
                print!(
                    "{}",
                    render::side_by_side(&entry.analysis, render::terminal_width())
                );
            }
            Ok(())
        }
        LibraryAction::Export {
            ids,
            format,
            output,
        } => {
            let text = lib.export(&ids, format.into())?;
            match output {
                Some(file) => {
                    std::fs::write(&file, text).map_err(|source| LibraryError::Io {
                        path: file.display().to_string(),
                        source,
                    })?;
                    eprintln!("exported {} to {}", plural(ids.len()), file.display());
                }
                None => print!("{text}"),
            }
            Ok(())
        }
        LibraryAction::Import { file } => {
            let text = read_text(&file)?;
            let report = lib.import(&text)?;
            println!(
                "imported {}{}",
                plural(report.added.len()),
                if report.already_present > 0 {
                    format!("; {} already in the library", report.already_present)
                } else {
                    String::new()
                }
            );
            for id in report.added {
                println!("  #{id}  {}", printable(&lib.get(id)?.title, false));
            }
            Ok(())
        }
        LibraryAction::Delete { ids } => {
            lib.delete(&ids)?;
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(" ");
            println!(
                "moved {} to the bin; undo with `svodka library restore {list}`",
                plural(ids.len())
            );
            Ok(())
        }
        LibraryAction::Restore { ids } => {
            lib.restore(&ids)?;
            println!("restored {}", plural(ids.len()));
            Ok(())
        }
    }
}

fn print_hits(lib: &Library, text: String, f: Filters) -> Result {
    let query = Query {
        text,
        tag: f.tag,
        entity: f.entity,
        deleted: f.deleted,
        limit: None,
    };
    let hits = lib.search(&query)?;
    if f.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).expect("hits serialise")
        );
        return Ok(());
    }
    if hits.is_empty() {
        eprintln!("nothing found");
        return Ok(());
    }
    for hit in &hits {
        print_hit(hit);
    }
    Ok(())
}

fn print_hit(hit: &Hit) {
    let tags = if hit.tags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", hit.tags.join(", "))
    };
    println!(
        "{:>5}  {}  {}  {}{}",
        style(format!("#{}", hit.id)).dim(),
        day(hit.created_ms),
        hit.source_language,
        style(printable(&hit.title, false)).bold(),
        style(printable(&tags, false)).dim()
    );
    let s = &hit.snippet;
    // Replacing a character keeps the char offsets of the marks.
    let chars: Vec<char> = printable(&s.text, false).chars().collect();
    let mut line = String::new();
    let mut pos = 0;
    for m in &s.marks {
        // Marks are in order and inside the text; clamped all the same, so a bad one cannot panic.
        let end = m.end.min(chars.len());
        let start = m.start.clamp(pos, end);
        line.extend(&chars[pos..start]);
        let word: String = chars[start..end].iter().collect();
        line.push_str(&style(word).bold().underlined().to_string());
        pos = end;
    }
    line.extend(&chars[pos..]);
    println!("       {line}");
}

fn day(ms: i64) -> String {
    rfc3339(ms).chars().take(10).collect()
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 analysis".into()
    } else {
        format!("{n} analyses")
    }
}

fn read_text(file: &Path) -> Result<String, LibraryError> {
    let io = |source| LibraryError::Io {
        path: file.display().to_string(),
        source,
    };
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        buf
    } else {
        std::fs::read(file).map_err(io)?
    };
    String::from_utf8(bytes)
        .map_err(|_| LibraryError::BadImport("the file is not UTF-8 text".into()))
}

/// `svodka analyze --save`: stores the analysis, says where.
pub fn save(
    path: &Path,
    analysis: Analysis,
    title: Option<String>,
    tags: Vec<String>,
) -> Result<(), LibraryError> {
    let mut lib = Library::open(path)?;
    let id = lib.save(NewEntry::new(
        EntryMeta {
            title: title.unwrap_or_default(),
            tags,
            note: String::new(),
        },
        analysis,
    ))?;
    eprintln!(
        "saved as #{id} in {}: {}",
        path.display(),
        printable(&lib.get(id)?.title, false)
    );
    Ok(())
}
