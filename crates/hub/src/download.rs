//! One file from the Hub, the way huggingface_hub does it: `HEAD {endpoint}/{repo}/resolve/
//! {revision}/{path}` without following redirects tells the size and, for LFS files, the sha256
//! (`X-Linked-Etag`, `X-Linked-Size`) and the CDN location; the content is then fetched into
//! `<name>.partial`, resumed with `Range: bytes=N-` after a cut, verified, and renamed into place.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_LENGTH, LOCATION, RANGE};
use reqwest::{StatusCode, Url};
use sha2::{Digest, Sha256};

use crate::endpoint::{Endpoint, Options};
use crate::error::{HubError, Result};

/// Where a download stands, reported every chunk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
    /// Bytes per second over this file's transfer so far.
    pub rate: f64,
}

/// What the Hub says about a file before its content is fetched.
#[derive(Debug, Clone)]
pub struct Remote {
    pub url: String,
    /// Where the bytes are (the CDN location for LFS files).
    pub content_url: String,
    pub size: Option<u64>,
    /// sha256 of the content, for LFS files.
    pub sha256: Option<String>,
    /// The git blob id of the content, for git-stored files (their ETag).
    pub git_blob: Option<String>,
    /// The commit the Hub resolved the revision to (`X-Repo-Commit`).
    pub commit: Option<String>,
}

pub struct Downloader {
    client: Client,
    pub endpoint: Endpoint,
    pub options: Options,
}

/// Everything one file's download needs to say where it is and report on.
pub struct FileJob<'a> {
    pub repo: &'a str,
    pub revision: &'a str,
    pub path: &'a str,
    pub dest: PathBuf,
    pub cancel: &'a AtomicBool,
}

impl Downloader {
    pub fn new(endpoint: Endpoint, options: Options) -> Result<Downloader> {
        let client = Client::builder()
            .connect_timeout(options.connect_timeout)
            // In reqwest's blocking client this bounds each read of the body, not the whole
            // transfer: a stalled connection fails (and is retried), a long download does not.
            .timeout(options.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("svodka/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HubError::Http {
                url: endpoint.0.clone(),
                reason: e.to_string(),
            })?;
        Ok(Downloader {
            client,
            endpoint,
            options,
        })
    }

    fn offline(&self, e: &reqwest::Error) -> HubError {
        HubError::Offline {
            host: self.endpoint.host(),
            reason: root_cause(e),
        }
    }

    /// HEAD the resolve URL: size, checksum and content location.
    pub fn resolve(&self, job: &FileJob) -> Result<Remote> {
        let url = self.endpoint.file_url(job.repo, job.revision, job.path);
        let mut attempt = 0;
        let resp = loop {
            match self.client.head(&url).send() {
                Ok(r) if r.status().is_server_error() && attempt < self.options.retries => {}
                Ok(r) => break r,
                // Connection-level failures on the first contact mean offline: fail fast.
                Err(e) if e.is_connect() || e.is_timeout() => return Err(self.offline(&e)),
                Err(e) if attempt >= self.options.retries => {
                    return Err(HubError::Http {
                        url,
                        reason: root_cause(&e),
                    })
                }
                Err(_) => {}
            }
            attempt += 1;
            std::thread::sleep(self.options.backoff * attempt);
        };
        let status = resp.status();
        match status {
            StatusCode::NOT_FOUND => {
                return Err(HubError::NotFound {
                    repo: job.repo.into(),
                    path: job.path.into(),
                    revision: job.revision.into(),
                })
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(HubError::Denied {
                    repo: job.repo.into(),
                    path: job.path.into(),
                    status: status.as_u16(),
                })
            }
            s if !(s.is_success() || s.is_redirection()) => {
                return Err(HubError::Http {
                    url,
                    reason: format!("HEAD answered {s}"),
                })
            }
            _ => {}
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let linked_etag = header("x-linked-etag").map(|e| unquote(&e));
        let linked_size = header("x-linked-size").and_then(|s| s.parse().ok());
        let content_url = match header(LOCATION.as_str()) {
            Some(loc) if status.is_redirection() => {
                let target = Url::parse(&url)
                    .and_then(|base| base.join(&loc))
                    .map_err(|e| HubError::Http {
                        url: url.clone(),
                        reason: format!("bad redirect {loc}: {e}"),
                    })?;
                // The content may come from a CDN, but never over plain http (or another scheme):
                // a redirect must not downgrade the transfer or point svodka at local services.
                if !self.options.follows(&target) {
                    return Err(HubError::Http {
                        url,
                        reason: format!("refusing to follow a redirect to {target}: not https"),
                    });
                }
                target.to_string()
            }
            _ => url.clone(),
        };
        let size = linked_size.or_else(|| {
            (!status.is_redirection())
                .then(|| header(CONTENT_LENGTH.as_str()).and_then(|s| s.parse().ok()))
                .flatten()
        });
        // Only an LFS file's X-Linked-Etag is a sha256; a plain ETag is a git blob hash.
        let hex_of = |e: &String, len: usize| {
            e.len() == len
                && e.chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        };
        let git_blob = match &linked_etag {
            None => header("etag")
                .map(|e| unquote(&e))
                .filter(|e| hex_of(e, 40)),
            Some(_) => None,
        };
        let sha256 = linked_etag.filter(|e| hex_of(e, 64));
        let commit = header("x-repo-commit").filter(|c| hex_of(c, 40));
        Ok(Remote {
            url,
            content_url,
            size,
            sha256,
            git_blob,
            commit,
        })
    }

    /// Fetches `remote` into `job.dest`, resuming a `.partial` left by an earlier attempt, and
    /// returns the file's sha256. The file appears at `job.dest` only when complete and verified:
    /// against the Hub's size and sha256, then by `check` (the partial file, its size, its
    /// sha256), which holds it to the manifest's pin.
    pub fn fetch(
        &self,
        job: &FileJob,
        remote: &Remote,
        check: &dyn Fn(&Path, u64, &str) -> Result<()>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<String> {
        let partial = partial_path(&job.dest);
        let mut attempt = 0;
        loop {
            match self.fetch_once(job, remote, &partial, progress) {
                Ok(()) => break,
                Err(Retry::No(e)) => return Err(e),
                Err(Retry::Yes(e)) if attempt >= self.options.retries => return Err(e),
                Err(Retry::Yes(e)) => {
                    attempt += 1;
                    tracing::warn!("{}: {e}; retrying ({attempt})", job.path);
                    std::thread::sleep(self.options.backoff * attempt);
                }
            }
        }
        let (size, sha256) = hash_file(&partial)?;
        let mismatch = match (remote.size, &remote.sha256) {
            (Some(want), _) if want != size => Some(format!("{size} bytes, expected {want}")),
            (_, Some(want)) if *want != sha256 => Some(format!("sha256 {sha256}, expected {want}")),
            _ => None,
        };
        if let Some(detail) = mismatch {
            let _ = std::fs::remove_file(&partial);
            return Err(HubError::Checksum {
                file: job.path.into(),
                detail,
            });
        }
        if let Err(e) = check(&partial, size, &sha256) {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, &job.dest).map_err(HubError::io(&job.dest))?;
        Ok(sha256)
    }

    fn fetch_once(
        &self,
        job: &FileJob,
        remote: &Remote,
        partial: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> std::result::Result<(), Retry> {
        let have = std::fs::metadata(partial).map(|m| m.len()).unwrap_or(0);
        if remote.size.is_some_and(|size| have == size) {
            return Ok(());
        }
        let mut request = self.client.get(&remote.content_url);
        if have > 0 {
            request = request.header(RANGE, format!("bytes={have}-"));
        }
        let resp = request.send().map_err(|e| {
            Retry::Yes(HubError::Http {
                url: remote.content_url.clone(),
                reason: root_cause(&e),
            })
        })?;
        let status = resp.status();
        let append = match status {
            StatusCode::PARTIAL_CONTENT => true,
            StatusCode::OK => false,
            // The partial file is already longer than the content: start again.
            StatusCode::RANGE_NOT_SATISFIABLE => {
                let _ = std::fs::remove_file(partial);
                return Err(Retry::Yes(HubError::Http {
                    url: remote.content_url.clone(),
                    reason: "the partial download did not fit the file; starting again".into(),
                }));
            }
            s if s.is_server_error() => {
                return Err(Retry::Yes(HubError::Http {
                    url: remote.content_url.clone(),
                    reason: format!("GET answered {s}"),
                }))
            }
            StatusCode::NOT_FOUND => {
                return Err(Retry::No(HubError::NotFound {
                    repo: job.repo.into(),
                    path: job.path.into(),
                    revision: job.revision.into(),
                }))
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(Retry::No(HubError::Denied {
                    repo: job.repo.into(),
                    path: job.path.into(),
                    status: status.as_u16(),
                }))
            }
            s => {
                return Err(Retry::No(HubError::Http {
                    url: remote.content_url.clone(),
                    reason: format!("GET answered {s}"),
                }))
            }
        };
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(partial)
            .map_err(|e| Retry::No(HubError::io(partial)(e)))?;
        let start = if append { have } else { 0 };
        self.stream(resp, &mut file, start, remote, job, progress)
    }

    fn stream(
        &self,
        mut resp: Response,
        file: &mut File,
        start: u64,
        remote: &Remote,
        job: &FileJob,
        progress: &mut dyn FnMut(Progress),
    ) -> std::result::Result<(), Retry> {
        let total = remote.size.unwrap_or(0);
        let mut done = start;
        let began = Instant::now();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            if job.cancel.load(Ordering::SeqCst) {
                // The partial file stays: the next install resumes from it.
                return Err(Retry::No(HubError::Cancelled));
            }
            let n = match resp.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    let _ = file.flush();
                    return Err(Retry::Yes(HubError::Http {
                        url: remote.content_url.clone(),
                        reason: format!("the transfer broke off after {done} bytes: {e}"),
                    }));
                }
            };
            // More than the Hub said the file holds: stop reading at once (a broken or hostile
            // server could otherwise fill the disk), and drop what came.
            if remote.size.is_some_and(|size| done + n as u64 > size) {
                drop(resp);
                let _ = std::fs::remove_file(partial_path(&job.dest));
                return Err(Retry::No(HubError::Checksum {
                    file: job.path.into(),
                    detail: format!(
                        "the server sent more than the expected {} bytes",
                        remote.size.unwrap_or(0)
                    ),
                }));
            }
            file.write_all(&buf[..n])
                .map_err(|e| Retry::No(disk_error(&job.dest, e)))?;
            done += n as u64;
            let secs = began.elapsed().as_secs_f64().max(1e-3);
            progress(Progress {
                done,
                total: total.max(done),
                rate: (done - start) as f64 / secs,
            });
        }
        file.flush()
            .map_err(|e| Retry::No(disk_error(&job.dest, e)))?;
        if remote.size.is_some_and(|size| done < size) {
            return Err(Retry::Yes(HubError::Http {
                url: remote.content_url.clone(),
                reason: format!("the transfer ended after {done} of {total} bytes"),
            }));
        }
        Ok(())
    }
}

enum Retry {
    Yes(HubError),
    No(HubError),
}

fn disk_error(dest: &Path, e: std::io::Error) -> HubError {
    HubError::Io {
        path: dest.to_path_buf(),
        source: e,
    }
}

pub fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

/// Size and sha256 of a file, read in chunks.
pub fn hash_file(path: &Path) -> Result<(u64, String)> {
    let mut file = File::open(path).map_err(HubError::io(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(HubError::io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, hex::encode(hasher.finalize())))
}

fn unquote(etag: &str) -> String {
    etag.trim_start_matches("W/").trim_matches('"').to_string()
}

fn root_cause(e: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}
