//! Test helpers: a scrubbed environment with its own temporary index, and
//! shortcuts for running the real `byline` binary.

#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The repository root (where `sample-corpus/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpora/NAME` when present; tests that need it skip otherwise.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let dir = repo().join("..").join("shared").join("corpora").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is not present", dir.display());
        None
    }
}

/// A temporary home, data folder and index for one test.
pub struct TestEnv {
    pub tmp: TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            tmp: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The index folder this environment uses.
    pub fn index_dir(&self) -> PathBuf {
        self.tmp.path().join("index")
    }

    /// `byline` with a clean environment: no user index, no colour settings,
    /// run from the repository root.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("byline").expect("binary built");
        cmd.current_dir(repo())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("BYLINE_INDEX")
            .env("HOME", self.tmp.path().join("home"))
            .env("XDG_DATA_HOME", self.tmp.path().join("data"))
            .env("BYLINE_INDEX", self.index_dir());
        cmd
    }

    /// Writes a file under the temporary folder and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.tmp.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture folder");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// Indexes `paths` and asserts success.
    pub fn index(&self, paths: &[&Path]) {
        self.cmd().arg("index").args(paths).assert().success();
    }

    /// Indexes the bundled sample corpus.
    pub fn index_sample(&self) {
        self.index(&[&repo().join("sample-corpus")]);
    }

    /// Runs `byline ARGS` (which should print JSON) and returns the parsed
    /// output, whatever the exit status.
    pub fn json<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Value {
        let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let out = self.cmd().args(&args).output().expect("runs");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// [`TestEnv::json`] for a command that must succeed.
    pub fn json_ok<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Value {
        let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let out = self.cmd().args(&args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    }

    /// Runs a search with `--format json` and returns the parsed output.
    pub fn search_json(&self, query: &str) -> Value {
        let out = self
            .cmd()
            .args(["search", "--format", "json", "-n", "50", "--", query])
            .output()
            .expect("runs");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "search {query:?} did not print JSON ({e}); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// Extracts one file with `--format jsonl` and returns its records.
    pub fn extract(&self, path: &Path) -> Vec<Value> {
        self.extract_all(&[path])
    }

    /// Extracts files in one run with `--format jsonl` and returns their
    /// records.
    pub fn extract_all(&self, paths: &[&Path]) -> Vec<Value> {
        let out = self
            .cmd()
            .args(["extract", "--format", "jsonl"])
            .args(paths)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect()
    }
}

/// Titles of the hits in a `--format json` search result, in rank order.
pub fn titles(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits is an array")
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect()
}
