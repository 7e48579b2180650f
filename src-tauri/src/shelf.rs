//! The library behind the window: opened on first use (a library the app cannot open must not
//! stop it from summarising), every call on a blocking thread so the UI thread never waits on
//! SQLite.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use svodka_library::{ExportFormat, Library, LibraryError};

use crate::busy::on_blocking_pool;
use crate::protocol::CommandError;

pub struct Shelf {
    path: PathBuf,
    exports: PathBuf,
    library: Arc<Mutex<Option<Library>>>,
}

impl Shelf {
    /// The library file, and the folder exports are written to.
    pub fn new(path: PathBuf, exports: PathBuf) -> Shelf {
        Shelf {
            path,
            exports,
            library: Arc::new(Mutex::new(None)),
        }
    }

    /// Runs `f` on the library, off the async runtime's threads.
    pub async fn with<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> Result<T, LibraryError> + Send + 'static,
    {
        let (library, path) = (self.library.clone(), self.path.clone());
        on_blocking_pool("library", move || {
            // A panic inside `f` poisons the lock; the connection itself is still sound.
            let mut guard = library.lock().unwrap_or_else(|p| p.into_inner());
            if guard.is_none() {
                *guard = Some(Library::open(&path)?);
            }
            Ok(f(guard.as_mut().expect("opened above"))?)
        })
        .await
    }

    /// Exports `ids` into the exports folder; returns the file written.
    pub async fn export(
        &self,
        ids: Vec<i64>,
        format: ExportFormat,
    ) -> Result<PathBuf, CommandError> {
        let exports = self.exports.clone();
        self.with(move |lib| {
            let text = lib.export(&ids, format)?;
            let stem = match ids.as_slice() {
                [one] => slug(&lib.get(*one)?.title),
                _ => format!("svodka-{}-analyses", ids.len()),
            };
            let io = |source| LibraryError::Io {
                path: exports.display().to_string(),
                source,
            };
            std::fs::create_dir_all(&exports).map_err(io)?;
            let file = unused_name(&exports, &stem, format.extension());
            std::fs::write(&file, text).map_err(io)?;
            Ok(file)
        })
        .await
    }
}

/// A file name from a title: letters (any script), digits and dashes, at most 60 characters.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "svodka".into()
    } else {
        out
    }
}

/// `dir/stem.ext`, or `dir/stem-2.ext`, … : an export never overwrites an earlier one.
fn unused_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let mut file = dir.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while file.exists() {
        file = dir.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_cyrillic_and_drop_punctuation() {
        assert_eq!(
            slug("Совещание в Кремле: итоги!"),
            "совещание-в-кремле-итоги"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("…"), "svodka");
    }
}
