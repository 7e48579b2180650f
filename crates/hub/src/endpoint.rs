//! Where the Hub is and how svodka talks to it: the endpoint, timeouts, retries, and which
//! redirects it follows.

use std::time::Duration;

use reqwest::Url;

/// Where the Hub is: `$HF_ENDPOINT`, else https://huggingface.co.
#[derive(Debug, Clone)]
pub struct Endpoint(pub String);

impl Endpoint {
    pub fn from_env() -> Endpoint {
        let url = std::env::var("HF_ENDPOINT")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| "https://huggingface.co".into());
        Endpoint(url.trim_end_matches('/').to_string())
    }

    /// A revision such as "refs/pr/18" is one path segment, its slashes escaped, as
    /// huggingface_hub sends it.
    pub fn file_url(&self, repo: &str, revision: &str, path: &str) -> String {
        let revision = revision.replace('%', "%25").replace('/', "%2F");
        format!("{}/{repo}/resolve/{revision}/{path}", self.0)
    }

    pub fn host(&self) -> String {
        Url::parse(&self.0)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| self.0.clone())
    }
}

/// Timeouts and retries; tests shorten them.
#[derive(Debug, Clone)]
pub struct Options {
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of a response.
    pub read_timeout: Duration,
    /// Attempts per file after the first, for 5xx answers and cut or stalled transfers.
    pub retries: u32,
    pub backoff: Duration,
    /// Follow the Hub's redirects to plain-http loopback addresses as well as to https: only the
    /// loopback test Hub needs it (`SVODKA_HUB_TEST_LOOPBACK=1`). Never set for the real Hub.
    pub allow_loopback_http: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retries: 5,
            backoff: Duration::from_millis(500),
            allow_loopback_http: false,
        }
    }
}

impl Options {
    /// The defaults, with `allow_loopback_http` when `SVODKA_HUB_TEST_LOOPBACK=1` (the CLI's and
    /// the desktop app's tests against the loopback Hub).
    pub fn from_env() -> Options {
        Options {
            allow_loopback_http: std::env::var("SVODKA_HUB_TEST_LOOPBACK").as_deref() == Ok("1"),
            ..Options::default()
        }
    }

    /// A redirect target svodka follows: https, or plain http to a loopback address when allowed.
    pub(crate) fn follows(&self, url: &Url) -> bool {
        match url.scheme() {
            "https" => true,
            "http" if self.allow_loopback_http => {
                let host = url.host_str().unwrap_or_default();
                let host = host.trim_start_matches('[').trim_end_matches(']');
                host == "localhost"
                    || host
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            _ => false,
        }
    }
}
