//! Word-level difference between two versions of a summary, for the reader's eye: runs of
//! words that are the same, added or removed (similar's Myers diff over whitespace-split words).

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    Same,
    /// Only in the alternative.
    Added,
    /// Only in the version compared with.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DiffSegment {
    pub op: DiffOp,
    pub text: String,
}

/// How `alternative` differs from `base`, word by word; consecutive words with the same op are
/// one segment, and the segments of each side rebuild that side's text.
pub fn word_diff(base: &str, alternative: &str) -> Vec<DiffSegment> {
    let diff = TextDiff::from_words(base, alternative);
    let mut out: Vec<DiffSegment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => DiffOp::Same,
            ChangeTag::Insert => DiffOp::Added,
            ChangeTag::Delete => DiffOp::Removed,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(DiffSegment {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(d: &[DiffSegment], skip: DiffOp) -> String {
        d.iter()
            .filter(|s| s.op != skip)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn words_added_and_removed_rebuild_both_sides() {
        let base = "Путин обвинил санкции в росте цен.";
        let alt = "Путин возложил вину на санкции в росте цен.";
        let d = word_diff(base, alt);
        assert_eq!(side(&d, DiffOp::Added), base);
        assert_eq!(side(&d, DiffOp::Removed), alt);
        let removed: Vec<&str> = d
            .iter()
            .filter(|s| s.op == DiffOp::Removed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(removed, ["обвинил"]);
        assert!(d
            .iter()
            .any(|s| s.op == DiffOp::Added && s.text.contains("возложил")));
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(
            word_diff("a b", "a b"),
            [DiffSegment {
                op: DiffOp::Same,
                text: "a b".into()
            }]
        );
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("", "new")[0].op, DiffOp::Added);
    }
}
