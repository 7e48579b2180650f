//! models/manifest.toml: the one table of per-model knowledge (source, licence, files, tokenizer,
//! generation settings), parsed here and nowhere else.

use std::collections::BTreeMap;

use serde::Deserialize;
use svodka_analysis::Role;

use crate::pins::{valid_commit, valid_sha256, PinnedFile};

const BUILTIN: &str = include_str!("../../../models/manifest.toml");
/// Format 2 pins every file by commit, size and (LFS files) sha256.
const FORMAT: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("the model manifest is invalid: {0}")]
    Invalid(String),
    #[error("unknown model {0}; `svodka models list` shows the known ones")]
    UnknownModel(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub format: u32,
    #[serde(rename = "model")]
    pub models: Vec<ModelSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Architecture {
    Bart,
    Marian,
    BertTokenClassification,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModelSpec {
    pub id: String,
    pub role: Role,
    /// Languages the model reads or writes ("en", "ru").
    pub languages: Vec<String>,
    pub architecture: Architecture,
    pub repo: String,
    /// What the Hub is asked for: a commit, or a ref such as "refs/pr/18".
    pub revision: String,
    /// The commit the Hub must say it served (a full hash, or an abbreviation of one).
    pub commit: String,
    pub licence: String,
    /// Accepted weight files in order of preference; the first present is loaded.
    pub weights: Vec<String>,
    pub tokenizer: Vec<String>,
    /// The files an install fetches, relative to the repository root, each pinned.
    pub files: Vec<PinnedFile>,
    #[serde(default)]
    pub generation: Option<Generation>,
    #[serde(default)]
    pub presets: BTreeMap<String, LengthRange>,
}

/// Beam-search settings, applied identically by the engine and by the fixture generator.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Generation {
    pub num_beams: i64,
    pub length_penalty: f64,
    pub no_repeat_ngram_size: i64,
    pub early_stopping: bool,
    pub min_length: i64,
    pub max_length: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct LengthRange {
    pub min_length: i64,
    pub max_length: i64,
}

impl Manifest {
    pub fn builtin() -> Manifest {
        // The file is compiled in and checked by a test, so failing here is a build defect.
        Self::parse(BUILTIN).expect("models/manifest.toml is valid")
    }

    /// The manifest in use: the file `$SVODKA_MANIFEST` names (same format, e.g. a newsroom's
    /// own mirror with its own pins), else the built-in one.
    pub fn from_env() -> Result<Manifest, ManifestError> {
        match std::env::var_os("SVODKA_MANIFEST").filter(|p| !p.is_empty()) {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    ManifestError::Invalid(format!(
                        "{}: {e}",
                        std::path::Path::new(&path).display()
                    ))
                })?;
                Self::parse(&text)
            }
            None => Ok(Self::builtin()),
        }
    }

    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let m: Manifest =
            toml::from_str(text).map_err(|e| ManifestError::Invalid(e.to_string()))?;
        if m.format != FORMAT {
            return Err(ManifestError::Invalid(format!(
                "format {} (this svodka reads format {FORMAT})",
                m.format
            )));
        }
        for spec in &m.models {
            spec.check_pins().map_err(ManifestError::Invalid)?;
            let generative = matches!(spec.architecture, Architecture::Bart | Architecture::Marian);
            if generative && spec.generation.is_none() {
                return Err(ManifestError::Invalid(format!(
                    "{} has no generation settings",
                    spec.id
                )));
            }
            if spec.role == Role::SummariseEn {
                for preset in ["short", "medium", "long"] {
                    if !spec.presets.contains_key(preset) {
                        return Err(ManifestError::Invalid(format!(
                            "{} lacks preset {preset}",
                            spec.id
                        )));
                    }
                }
            }
        }
        Ok(m)
    }

    /// Every model listed for `role`, in order of preference.
    pub fn all_for_role(&self, role: Role) -> impl Iterator<Item = &ModelSpec> {
        self.models.iter().filter(move |m| m.role == role)
    }

    /// The first model listed for `role`.
    pub fn for_role(&self, role: Role) -> Result<&ModelSpec, ManifestError> {
        self.all_for_role(role)
            .next()
            .ok_or_else(|| ManifestError::Invalid(format!("no model for role {role:?}")))
    }

    pub fn find(&self, id: &str) -> Result<&ModelSpec, ManifestError> {
        self.models
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| ManifestError::UnknownModel(id.to_string()))
    }
}

impl ModelSpec {
    fn check_pins(&self) -> Result<(), String> {
        let id = &self.id;
        if !valid_commit(&self.commit) {
            return Err(format!(
                "{id}: commit {:?} is not a commit hash",
                self.commit
            ));
        }
        if self.files.is_empty() {
            return Err(format!("{id} lists no files"));
        }
        for (i, f) in self.files.iter().enumerate() {
            if self.files[..i].iter().any(|g| g.path == f.path) {
                return Err(format!("{id} lists {} twice", f.path));
            }
            if f.sha256.as_deref().is_some_and(|s| !valid_sha256(s)) {
                return Err(format!("{id}: {} has a malformed sha256", f.path));
            }
        }
        // The weights are what a wrong or tampered download would change: they must be pinned.
        match self.files.iter().find(|f| self.weights.contains(&f.path)) {
            Some(w) if w.sha256.is_none() => Err(format!("{id}: {} has no sha256", w.path)),
            Some(_) => Ok(()),
            None => Err(format!("{id} downloads no weights")),
        }
    }

    /// The paths an install downloads, in the manifest's order.
    pub fn download(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.path.as_str())
    }

    pub fn pin(&self, path: &str) -> Option<&PinnedFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// What an install downloads, in MB (10^6 bytes), from the pinned sizes; at least 1.
    pub fn download_mb(&self) -> u32 {
        let bytes: u64 = self.files.iter().map(|f| f.size.bytes).sum();
        (bytes.div_ceil(1_000_000)).max(1) as u32
    }

    /// Licences that forbid commercial use are flagged to the reader before installing.
    pub fn non_commercial(&self) -> bool {
        let l = self.licence.to_ascii_lowercase();
        l.contains("-nc") || l.contains("non-commercial") || l.contains("noncommercial")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pins::valid_commit;

    #[test]
    fn builtin_manifest_covers_every_role_with_files_and_a_licence() {
        let m = Manifest::builtin();
        assert_eq!(m.models.len(), 4);
        for role in [
            Role::SummariseEn,
            Role::TranslateEnRu,
            Role::TranslateRuEn,
            Role::NerEn,
        ] {
            let spec = m.for_role(role).unwrap();
            assert!(spec.download().any(|f| f == "config.json"), "{}", spec.id);
            for f in &spec.tokenizer {
                assert!(spec.pin(f).is_some(), "{} does not download {f}", spec.id);
            }
            // Every pin is a commit, and every weights file has its sha256.
            assert!(valid_commit(&spec.commit), "{}", spec.id);
            assert!(spec.revision != "main", "{} is not pinned", spec.id);
            let weights = spec
                .files
                .iter()
                .find(|f| spec.weights.contains(&f.path))
                .unwrap();
            assert!(weights.sha256.is_some(), "{}", spec.id);
            assert!(
                !spec.licence.is_empty() && !spec.non_commercial(),
                "{}",
                spec.id
            );
            assert!(!spec.languages.is_empty(), "{}", spec.id);
        }
        assert!(matches!(
            m.find("nope"),
            Err(ManifestError::UnknownModel(_))
        ));
    }

    /// The README's model table and install line say what the manifest pins: the files, the
    /// download size and the licence of every model.
    #[test]
    fn the_readme_tells_the_manifests_sizes_files_and_licences() {
        let readme = include_str!("../../../README.md");
        let m = Manifest::builtin();
        let mb = |n: u32| {
            let s = n.to_string();
            match s.len() {
                4.. => format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..]),
                _ => s,
            }
        };
        for spec in &m.models {
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", spec.id)))
                .unwrap_or_else(|| panic!("README has no row for {}", spec.id));
            let files = spec.download().collect::<Vec<_>>().join(" ");
            assert!(row.contains(&format!("`{files}`")), "{row}");
            assert!(
                row.contains(&format!("| {} MB |", mb(spec.download_mb()))),
                "{row}"
            );
            assert!(row.ends_with(&format!("| {} |", spec.licence)), "{row}");
            assert!(row.contains(&spec.commit[..7]), "{row}");
        }
        let total: u32 = m.models.iter().map(ModelSpec::download_mb).sum();
        assert!(
            readme.contains(&format!("# {} MB", mb(total))),
            "the install line's total"
        );
    }

    #[test]
    fn flags_non_commercial_licences_only() {
        let mut spec = Manifest::builtin().models[0].clone();
        for (licence, nc) in [
            ("CC-BY-NC-4.0", true),
            ("cc-by-nc-sa-4.0", true),
            ("CC-BY-4.0", false),
            ("Apache-2.0", false),
        ] {
            spec.licence = licence.into();
            assert_eq!(spec.non_commercial(), nc, "{licence}");
        }
    }

    #[test]
    fn rejects_a_generative_model_without_settings() {
        let text = MINIMAL.replace("GENERATION", "");
        assert!(matches!(
            Manifest::parse(&text),
            Err(ManifestError::Invalid(_))
        ));
    }

    const MINIMAL: &str = r#"format = 2
[[model]]
id = "x"
role = "translate-en-ru"
languages = ["en", "ru"]
architecture = "marian"
repo = "a/b"
revision = "REVISION"
commit = "COMMIT"
licence = "MIT"
weights = ["model.safetensors"]
tokenizer = ["vocab.json"]
files = [
  { path = "config.json", size = "1.38 kB" },
  { path = "model.safetensors", size = "307 MB", SHA },
]
GENERATION
"#;

    fn minimal(commit: &str, sha: &str) -> String {
        MINIMAL
            .replace("REVISION", commit)
            .replace("COMMIT", commit)
            .replace("SHA", sha)
            .replace(
                "GENERATION",
                "generation = { num_beams = 4, length_penalty = 1.0, no_repeat_ngram_size = 0, \
                 early_stopping = true, min_length = 0, max_length = 512 }",
            )
    }

    #[test]
    fn pins_are_checked_when_the_manifest_is_read() {
        let sha = format!("sha256 = \"{}\"", "ab".repeat(32));
        let good = minimal("20855d62f29510b14806b4f3eddb289a0065d556", &sha);
        let m = Manifest::parse(&good).unwrap();
        assert_eq!(m.models[0].download_mb(), 308);
        // A branch is not a commit; weights without a sha256; a malformed sha256; a size the
        // Hub would not print; an older format.
        for bad in [
            minimal("main", &sha),
            minimal("20855d6", "note = \"x\""),
            minimal("20855d6", "sha256 = \"abc\""),
            good.replace("307 MB", "307MB"),
            good.replace("format = 2", "format = 1"),
        ] {
            assert!(
                matches!(Manifest::parse(&bad), Err(ManifestError::Invalid(_))),
                "{bad}"
            );
        }
    }
}
