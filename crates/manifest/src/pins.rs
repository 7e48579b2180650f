//! What the manifest pins about each file an install downloads: its size as the Hub's page shows
//! it, and, for LFS files, the sha256 from its blob page.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// One file of a model at its pinned commit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedFile {
    pub path: String,
    pub size: PageSize,
    /// sha256 of the content (LFS files: the blob page's "SHA256"). Git-stored files have none
    /// on the Hub's pages; the commit pins them.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// A size as the Hub's pages print it: "42 Bytes" exactly, "1.38 kB", "307 MB", "1.22 GB" to
/// three significant figures in decimal units. The exact byte count is not on the pages, so a
/// file agrees with its pin when its size is within one unit of the last printed digit (the page
/// may round or truncate).
#[derive(Debug, Clone, PartialEq)]
pub struct PageSize {
    pub text: String,
    /// The printed figure in bytes.
    pub bytes: u64,
    /// How far the exact size may lie from `bytes`.
    pub slack: u64,
}

impl PageSize {
    pub fn parse(text: &str) -> Result<PageSize, String> {
        let bad = || format!("size {text:?} is not a size as the Hub prints it (\"307 MB\")");
        let (number, unit) = text.trim().split_once(' ').ok_or_else(bad)?;
        let scale: u64 = match unit {
            "Bytes" | "Byte" => 1,
            "kB" => 1_000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            _ => return Err(bad()),
        };
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(bad());
        }
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        let digits = format!("{whole}{frac}");
        let value: u64 = digits.parse().map_err(|_| bad())?;
        let unit_of_last_digit = scale / 10u64.pow(frac.len() as u32);
        if scale == 1 && !frac.is_empty() || unit_of_last_digit == 0 {
            return Err(bad());
        }
        // Three significant figures: "2.6 MB" is printed from 2.60 MB, so its last printed
        // digit may stand for a rounded third one.
        let significant = digits.trim_start_matches('0').len().max(1) as u32;
        let step = if scale == 1 {
            0
        } else {
            unit_of_last_digit / 10u64.pow(3u32.saturating_sub(significant)).max(1)
        };
        Ok(PageSize {
            text: text.to_string(),
            bytes: value * unit_of_last_digit,
            slack: step.max(if scale == 1 { 0 } else { 1 }),
        })
    }

    /// An exact size (tests, and files whose byte count is known).
    pub fn exact(bytes: u64) -> PageSize {
        PageSize {
            text: format!("{bytes} Bytes"),
            bytes,
            slack: 0,
        }
    }

    pub fn admits(&self, size: u64) -> bool {
        size.abs_diff(self.bytes) <= self.slack
    }
}

impl fmt::Display for PageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PageSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PageSize::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A commit as the manifest names it: at least 7 lowercase hex digits (an abbreviation is
/// matched as a prefix of the full hash the Hub reports).
pub fn valid_commit(commit: &str) -> bool {
    (7..=40).contains(&commit.len())
        && commit
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

pub fn valid_sha256(sha: &str) -> bool {
    sha.len() == 64
        && sha
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_parse_to_their_rounding() {
        let s = PageSize::parse("307 MB").unwrap();
        assert_eq!((s.bytes, s.slack), (307_000_000, 1_000_000));
        assert!(s.admits(306_500_000) && s.admits(307_999_999) && !s.admits(305_000_000));
        let s = PageSize::parse("1.22 GB").unwrap();
        assert_eq!((s.bytes, s.slack), (1_220_000_000, 10_000_000));
        // Two printed digits stand for three: 2.6 MB is 2.60 MB.
        let s = PageSize::parse("2.6 MB").unwrap();
        assert_eq!((s.bytes, s.slack), (2_600_000, 10_000));
        assert!(s.admits(2_596_000) && !s.admits(2_500_000));
        let s = PageSize::parse("42 Bytes").unwrap();
        assert_eq!((s.bytes, s.slack), (42, 0));
        assert!(s.admits(42) && !s.admits(43));
        assert_eq!(PageSize::parse("829 Bytes").unwrap().bytes, 829);
        assert_eq!(PageSize::parse("1.38 kB").unwrap().slack, 10);
        for bad in [
            "307MB",
            "307 mb",
            "1.5 Bytes",
            "x MB",
            "",
            " MB",
            "3.1.2 MB",
        ] {
            assert!(PageSize::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn commits_and_sha256_are_lowercase_hex() {
        assert!(valid_commit("6c1a5ba"));
        assert!(valid_commit("20855d62f29510b14806b4f3eddb289a0065d556"));
        assert!(!valid_commit("main") && !valid_commit("6c1a5b") && !valid_commit("6C1A5BA"));
        assert!(valid_sha256(&"a".repeat(64)) && !valid_sha256(&"a".repeat(63)));
    }
}
