//! One `byline index` run: walk, read, upsert, commit, and a report of what
//! happened. A file that cannot be read is reported and counted, never fatal.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::ArticleIndex;
use crate::ingest::{self, Found, ReadOptions};

/// What to index and how.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Files and folders to read.
    pub paths: Vec<PathBuf>,
    /// Follow symbolic links while walking.
    pub follow_links: bool,
    /// Per-file limits.
    pub read: ReadOptions,
    /// Memory shared by the index writer's threads, in bytes.
    pub memory_budget: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            paths: Vec::new(),
            follow_links: false,
            read: ReadOptions::default(),
            memory_budget: 256 * 1024 * 1024,
        }
    }
}

/// A file, or part of one, that was not indexed, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why, in a few words.
    pub reason: String,
}

/// The summary of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Files that gave at least one article.
    pub files: usize,
    /// Articles added or replaced.
    pub articles: usize,
    /// Files passed over because they are not article formats (images, scripts…).
    pub passed_over: usize,
    /// Files that could not be read or held no article.
    pub skipped: Vec<Skipped>,
    /// Parts of files that were skipped while the rest was indexed (a bad JSON line).
    pub partial: Vec<Skipped>,
    /// Articles in the index after the run.
    pub total_articles: u64,
    /// Wall time of the run in seconds.
    pub seconds: f64,
}

/// Something that happened during a run, for progress and messages.
#[derive(Debug)]
pub enum Event<'a> {
    /// A file was read and its articles queued for the index.
    Indexed {
        /// The file.
        path: &'a Path,
        /// How many articles it gave.
        articles: usize,
    },
    /// A file, or part of one, was skipped.
    Skipped(&'a Skipped),
    /// All files are read; the commit is starting.
    Committing,
}

/// Indexes `options.paths` into `index`, calling `on_event` as it goes.
///
/// Errors are returned only for failures of the index itself (it cannot be
/// locked or written); per-file failures land in the report.
pub fn index_paths(
    index: &ArticleIndex,
    options: &IndexOptions,
    mut on_event: impl FnMut(&Event<'_>),
) -> Result<IndexReport> {
    let started = Instant::now();
    let mut writer = index.writer(options.memory_budget)?;
    let mut report = IndexReport::default();
    let explicit: Vec<&Path> = options.paths.iter().map(PathBuf::as_path).collect();

    for found in ingest::walk(&options.paths, options.follow_links) {
        let path = match found {
            Found::File(path) => path,
            Found::Problem(err) => {
                let skipped = skipped_from(&err);
                on_event(&Event::Skipped(&skipped));
                report.skipped.push(skipped);
                continue;
            }
        };
        match ingest::read_file(&path, &options.read) {
            Ok(Some(file)) => {
                for article in &file.articles {
                    writer.upsert(article)?;
                }
                report.files += 1;
                report.articles += file.articles.len();
                on_event(&Event::Indexed {
                    path: &path,
                    articles: file.articles.len(),
                });
                for problem in file.problems {
                    let skipped = Skipped {
                        path: path.clone(),
                        reason: problem,
                    };
                    on_event(&Event::Skipped(&skipped));
                    report.partial.push(skipped);
                }
            }
            Ok(None) if explicit.contains(&path.as_path()) => {
                let skipped = Skipped {
                    path: path.clone(),
                    reason: "not an article format byline reads (HTML, text, JSON, JSON Lines)"
                        .into(),
                };
                on_event(&Event::Skipped(&skipped));
                report.skipped.push(skipped);
            }
            Ok(None) => report.passed_over += 1,
            Err(err) => {
                let skipped = skipped_from(&err);
                on_event(&Event::Skipped(&skipped));
                report.skipped.push(skipped);
            }
        }
    }
    on_event(&Event::Committing);
    writer.commit()?;
    writer.finish()?;
    let reader = index.reader()?;
    report.total_articles = reader.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn skipped_from(err: &Error) -> Skipped {
    match err {
        Error::Io { path, source } => Skipped {
            path: path.clone(),
            reason: io_reason(source),
        },
        Error::Unreadable { path, reason } => Skipped {
            path: path.clone(),
            reason: reason.clone(),
        },
        other => Skipped {
            path: PathBuf::new(),
            reason: other.to_string(),
        },
    }
}

/// `"No such file or directory (os error 2)"` → `"no such file or directory"`.
fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => text.to_string(),
    }
}
