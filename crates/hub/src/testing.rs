//! A loopback server that speaks the Hugging Face Hub's download protocol, for tests (feature
//! `test-server`): `HEAD`/`GET /{repo}/resolve/{revision}/{path}` answer 200 for small files (with
//! their git blob id as ETag) and 302 to `/cdn/{sha256}` for large ("LFS") ones, with
//! `X-Linked-Etag` and `X-Linked-Size`, every answer naming the commit served (`X-Repo-Commit`,
//! [`COMMIT`]); `/cdn/…` honours `Range: bytes=N-`. Faults are switched on per test: a connection
//! cut mid-file, a corrupted byte, 404/403 answers, a slow transfer, another commit, no ETag.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha2::{Digest, Sha256};
use svodka_manifest::{PageSize, PinnedFile};

use crate::pins::git_blob_id_of;

/// Files above this size are served the LFS way (redirect + linked etag), as on the Hub.
pub const LFS_THRESHOLD: usize = 10 * 1024;

/// The commit the server says it serves, unless a fault says otherwise.
pub const COMMIT: &str = "5ad0c0ffee5ad0c0ffee5ad0c0ffee5ad0c0ffee";

/// The pin of a file as this server serves it: its exact size, and its sha256 when it is served
/// the LFS way (as the Hub's pages show a sha256 for LFS files only).
pub fn pin_of(path: &str, content: &[u8]) -> PinnedFile {
    PinnedFile {
        path: path.to_string(),
        size: PageSize::exact(content.len() as u64),
        sha256: (content.len() > LFS_THRESHOLD).then(|| sha256_hex(content)),
    }
}

#[derive(Default)]
pub struct Faults {
    /// The next GET of this path's content closes the connection after this many bytes.
    pub cut: Option<(String, usize)>,
    /// This path's content is served with one byte flipped (its checksum headers stay right).
    pub corrupt: Option<String>,
    /// Resolve answers with this status for this path.
    pub status: HashMap<String, u16>,
    /// Pause between 16 KiB chunks of content.
    pub slow: Option<Duration>,
    /// A GET of this path's content sends this many bytes more than the file holds (its
    /// checksum headers stay those of the file).
    pub oversize: Option<(String, usize)>,
    /// Resolve answers name this commit instead of [`COMMIT`] ("" names none).
    pub commit: Option<String>,
    /// Small files are served without an ETag.
    pub no_etag: bool,
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub range_start: Option<u64>,
    /// Content bytes written in the answer.
    pub sent: usize,
}

#[derive(Default)]
struct State {
    /// "{repo}/{path}" → content
    files: HashMap<String, Vec<u8>>,
    faults: Faults,
    log: Vec<Seen>,
}

pub struct HubServer {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl HubServer {
    pub fn start() -> HubServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &state);
                });
            }
        });
        HubServer { url, state }
    }

    /// Serves every file of `dir` as `{repo}/{file name}`, plus `aliases` (name → content).
    /// The int8 caches that int8 tests leave beside a fixture model (and their temporary files,
    /// which may vanish while the folder is read) are svodka's own, not the repo's.
    pub fn add_repo(&self, repo: &str, dir: &Path) {
        let mut state = self.state.lock().unwrap();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("svodka-int8-") || name.starts_with(".svodka-int8-") {
                continue;
            }
            if entry.path().is_file() {
                state.files.insert(
                    format!("{repo}/{name}"),
                    std::fs::read(entry.path()).unwrap(),
                );
            }
        }
    }

    pub fn add_file(&self, repo: &str, path: &str, content: Vec<u8>) {
        self.state
            .lock()
            .unwrap()
            .files
            .insert(format!("{repo}/{path}"), content);
    }

    pub fn faults(&self, set: impl FnOnce(&mut Faults)) {
        set(&mut self.state.lock().unwrap().faults);
    }

    pub fn log(&self) -> Vec<Seen> {
        self.state.lock().unwrap().log.clone()
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn serve(mut stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let mut range_start = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("range: bytes=") {
            range_start = v.trim().trim_end_matches('-').parse::<u64>().ok();
        }
    }
    let path = target.trim_start_matches('/').to_string();
    let mut seen = Seen {
        method: method.clone(),
        path: path.clone(),
        range_start,
        sent: 0,
    };
    let result = respond(&mut stream, state, &method, &path, range_start, &mut seen);
    state.lock().unwrap().log.push(seen);
    result
}

fn respond(
    stream: &mut TcpStream,
    state: &Mutex<State>,
    method: &str,
    path: &str,
    range_start: Option<u64>,
    seen: &mut Seen,
) -> std::io::Result<()> {
    if let Some(sha) = path.strip_prefix("cdn/") {
        let (key, content) = {
            let s = state.lock().unwrap();
            match s.files.iter().find(|(_, c)| sha256_hex(c) == sha) {
                Some((k, c)) => (k.clone(), c.clone()),
                None => return head(stream, "404 Not Found", &[], 0),
            }
        };
        return send_content(stream, state, method, &key, content, range_start, &[], seen);
    }
    // {repo (owner/name)}/resolve/{revision}/{file}
    let parts: Vec<&str> = path.splitn(5, '/').collect();
    if parts.len() != 5 || parts[2] != "resolve" {
        return head(stream, "404 Not Found", &[], 0);
    }
    let key = format!("{}/{}/{}", parts[0], parts[1], parts[4]);
    let (content, status, commit) = {
        let s = state.lock().unwrap();
        let commit = s.faults.commit.clone().unwrap_or_else(|| COMMIT.into());
        (
            s.files.get(&key).cloned(),
            s.faults.status.get(parts[4]).copied(),
            commit,
        )
    };
    let repo_commit: Vec<(&str, String)> = if commit.is_empty() {
        vec![]
    } else {
        vec![("X-Repo-Commit", commit)]
    };
    match (status, content) {
        (Some(403), _) => head(stream, "403 Forbidden", &[], 0),
        (Some(401), _) => head(stream, "401 Unauthorized", &[], 0),
        (Some(500), _) => head(stream, "500 Internal Server Error", &[], 0),
        (Some(404), _) | (_, None) => head(
            stream,
            "404 Not Found",
            &[("X-Error-Code", "EntryNotFound".into())],
            0,
        ),
        (_, Some(content)) if content.len() > LFS_THRESHOLD => {
            let sha = sha256_hex(&content);
            let mut headers = vec![
                ("Location", format!("/cdn/{sha}")),
                ("X-Linked-Etag", format!("\"{sha}\"")),
                ("X-Linked-Size", content.len().to_string()),
                ("ETag", format!("\"{}\"", git_blob_id_of(b"an LFS pointer"))),
            ];
            headers.extend(repo_commit);
            head(stream, "302 Found", &headers, 0)
        }
        (_, Some(content)) => {
            let no_etag = state.lock().unwrap().faults.no_etag;
            let mut headers = repo_commit;
            if !no_etag {
                headers.push(("ETag", format!("\"{}\"", git_blob_id_of(&content))));
            }
            send_content(stream, state, method, &key, content, None, &headers, seen)
        }
    }
}

fn head(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    len: usize,
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {len}\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())
}

fn send_content(
    stream: &mut TcpStream,
    state: &Mutex<State>,
    method: &str,
    key: &str,
    mut content: Vec<u8>,
    range_start: Option<u64>,
    extra: &[(&str, String)],
    seen: &mut Seen,
) -> std::io::Result<()> {
    let file = key.rsplit('/').next().unwrap_or(key).to_string();
    let (cut, slow) = {
        let mut s = state.lock().unwrap();
        if s.faults.corrupt.as_deref() == Some(file.as_str()) && !content.is_empty() {
            let mid = content.len() / 2;
            content[mid] ^= 0x55;
        }
        if let Some((f, extra)) = &s.faults.oversize {
            if *f == file && method == "GET" {
                content.resize(content.len() + extra, b'x');
            }
        }
        let cut = match &s.faults.cut {
            Some((f, n)) if *f == file && method == "GET" => {
                let n = *n;
                s.faults.cut = None;
                Some(n)
            }
            _ => None,
        };
        (cut, s.faults.slow)
    };
    let start = range_start.unwrap_or(0) as usize;
    if start > content.len() {
        return head(stream, "416 Range Not Satisfiable", &[], 0);
    }
    let body = &content[start..];
    let mut headers = extra.to_vec();
    if range_start.is_some() {
        let range = format!(
            "bytes {start}-{}/{}",
            content.len().saturating_sub(1),
            content.len()
        );
        headers.push(("Content-Range", range));
        head(stream, "206 Partial Content", &headers, body.len())?;
    } else {
        head(stream, "200 OK", &headers, body.len())?;
    }
    if method == "HEAD" {
        return Ok(());
    }
    let limit = cut.unwrap_or(body.len()).min(body.len());
    for chunk in body[..limit].chunks(16 * 1024) {
        stream.write_all(chunk)?;
        seen.sent += chunk.len();
        if let Some(pause) = slow {
            stream.flush()?;
            std::thread::sleep(pause);
        }
    }
    stream.flush()?;
    // A cut: drop the connection with the promised length unmet.
    let _ = stream.shutdown(std::net::Shutdown::Both);
    Ok(())
}
