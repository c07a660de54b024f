//! One `byline index` run: walk, read only what is new or changed, replace
//! changed files' articles, skip duplicates, prune vanished files, commit
//! periodically, and report. A file that cannot be read is reported and
//! counted, never fatal; an interruption commits what is done.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::state::{DuplicateFinder, FileState, under_any};
use crate::index::{ArticleIndex, ArticleWriter};
use crate::ingest::{self, Found, ReadOptions, detect};

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
    /// Remove articles whose files are gone from under `paths`.
    pub prune: bool,
    /// Wait for another process's run to finish instead of failing.
    pub wait: bool,
    /// Commit at least this often, so a long run's progress survives.
    pub commit_every: Duration,
    /// Set to stop the run early; what is done is committed.
    pub interrupt: Option<Arc<AtomicBool>>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            paths: Vec::new(),
            follow_links: false,
            read: ReadOptions::default(),
            memory_budget: 256 * 1024 * 1024,
            prune: false,
            wait: false,
            commit_every: Duration::from_secs(20),
            interrupt: None,
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
    /// Files read and indexed in this run (new or changed).
    pub files: usize,
    /// Of which new to the index.
    pub added: usize,
    /// Of which changed since the last run (their articles were replaced).
    pub updated: usize,
    /// Files already indexed and unchanged (not read again).
    pub unchanged: usize,
    /// Files whose articles were removed because the files are gone (`--prune`).
    pub removed: usize,
    /// Articles added in this run.
    pub articles: usize,
    /// Articles not added because the same article was indexed from another file.
    pub duplicates: usize,
    /// Files passed over because they are not article formats (images, scripts…).
    pub passed_over: usize,
    /// Files that could not be read or held no article.
    pub skipped: Vec<Skipped>,
    /// Parts of files that were skipped while the rest was indexed (a bad JSON line).
    pub partial: Vec<Skipped>,
    /// Articles in the index after the run.
    pub total_articles: u64,
    /// Commits made during the run.
    pub commits: usize,
    /// Whether the run was interrupted (what was done is committed).
    pub interrupted: bool,
    /// Wall time of the run in seconds.
    pub seconds: f64,
}

/// Something that happened during a run, for progress and messages.
#[derive(Debug)]
pub enum Event<'a> {
    /// Another process holds the index; waiting for it.
    Waiting,
    /// A file was looked at: read and indexed (`articles` > 0), or found
    /// unchanged (`articles` == 0).
    File {
        /// The file.
        path: &'a Path,
        /// Articles added from it.
        articles: usize,
    },
    /// A file, or part of one, was skipped.
    Skipped(&'a Skipped),
    /// Work so far is being committed.
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
    let mut writer = acquire(index, options, &mut on_event)?;
    let searcher = index.reader()?.searcher();
    let known = index.file_states(&searcher)?;
    let finder = DuplicateFinder::new(searcher, *index.fields());
    let mut run = Run {
        writer: &mut writer,
        options,
        known: &known,
        finder: &finder,
        report: IndexReport::default(),
        seen: HashSet::new(),
        replaced: HashSet::new(),
        added_keys: HashMap::new(),
        explicit: options.paths.iter().map(PathBuf::as_path).collect(),
        last_commit: Instant::now(),
    };
    for found in ingest::walk(&options.paths, options.follow_links) {
        if options
            .interrupt
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
        {
            run.report.interrupted = true;
            break;
        }
        match found {
            Found::File(path) => run.file(&path, &mut on_event)?,
            Found::Problem(err) => run.skip(skipped_from(&err), &mut on_event),
        }
        if run.last_commit.elapsed() >= options.commit_every {
            on_event(&Event::Committing);
            run.writer.commit()?;
            run.report.commits += 1;
            run.last_commit = Instant::now();
        }
    }
    if options.prune && !run.report.interrupted {
        run.prune(&mut on_event);
    }
    let mut report = run.report;
    on_event(&Event::Committing);
    writer.commit()?;
    report.commits += 1;
    writer.finish()?;
    report.total_articles = index.reader()?.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Takes the index's write lock, waiting for it when asked to.
fn acquire(
    index: &ArticleIndex,
    options: &IndexOptions,
    on_event: &mut impl FnMut(&Event<'_>),
) -> Result<ArticleWriter> {
    let mut told = false;
    loop {
        match index.writer(options.memory_budget) {
            Err(Error::Locked { .. }) if options.wait => {
                if !told {
                    on_event(&Event::Waiting);
                    told = true;
                }
                if options
                    .interrupt
                    .as_ref()
                    .is_some_and(|f| f.load(Ordering::SeqCst))
                {
                    return Err(Error::Locked {
                        path: index.dir().map(Path::to_path_buf).unwrap_or_default(),
                    });
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

struct Run<'a> {
    writer: &'a mut ArticleWriter,
    options: &'a IndexOptions,
    known: &'a HashMap<String, FileState>,
    finder: &'a DuplicateFinder,
    report: IndexReport,
    /// Files found in this run (for pruning).
    seen: HashSet<String>,
    /// Files whose earlier articles are being replaced in this run.
    replaced: HashSet<String>,
    /// Dedup keys added in this run, with a hash of the file they came from.
    added_keys: HashMap<u64, u64>,
    explicit: Vec<&'a Path>,
    last_commit: Instant,
}

impl Run<'_> {
    fn skip(&mut self, skipped: Skipped, on_event: &mut impl FnMut(&Event<'_>)) {
        on_event(&Event::Skipped(&skipped));
        self.report.skipped.push(skipped);
    }

    fn file(&mut self, path: &Path, on_event: &mut impl FnMut(&Event<'_>)) -> Result<()> {
        if detect::kind_of(path) == detect::PathKind::NotArticle {
            if self.explicit.contains(&path) {
                self.skip(
                    Skipped {
                        path: path.to_path_buf(),
                        reason: "not an article format byline reads (HTML, text, JSON, CSV, SGML)"
                            .into(),
                    },
                    on_event,
                );
            } else {
                self.report.passed_over += 1;
            }
            return Ok(());
        }
        let metadata = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => m,
            Ok(_) => {
                // A FIFO or device would block or never end.
                let reason = "not a regular file".to_string();
                self.skip(
                    Skipped {
                        path: path.to_path_buf(),
                        reason,
                    },
                    on_event,
                );
                return Ok(());
            }
            Err(e) => {
                self.skip(skipped_from(&Error::io(path, e)), on_event);
                return Ok(());
            }
        };
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let key = canonical.to_string_lossy().into_owned();
        if self.options.prune {
            self.seen.insert(key.clone());
        }
        let mut state = FileState::of_metadata(&metadata);
        let known = self.known.get(&key).copied();
        if known.is_some_and(|k| k.size == state.size && k.mtime == state.mtime) {
            self.report.unchanged += 1;
            on_event(&Event::File { path, articles: 0 });
            return Ok(());
        }
        if metadata.len() > self.options.read.max_file_size {
            let reason = format!(
                "file too large ({} > limit {}; see --max-file-size)",
                ingest::human_bytes(metadata.len()),
                ingest::human_bytes(self.options.read.max_file_size)
            );
            self.skip(
                Skipped {
                    path: path.to_path_buf(),
                    reason,
                },
                on_event,
            );
            return Ok(());
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.skip(skipped_from(&Error::io(path, e)), on_event);
                return Ok(());
            }
        };
        state.hash = FileState::hash_of(&bytes);
        if known.is_some_and(|k| k.hash == state.hash) {
            self.report.unchanged += 1;
            on_event(&Event::File { path, articles: 0 });
            return Ok(());
        }
        let file = match ingest::parse_bytes_with_limit(
            &canonical,
            &bytes,
            self.options.read.max_file_size,
        ) {
            Ok(Some(file)) => file,
            Ok(None) => {
                self.report.passed_over += 1;
                return Ok(());
            }
            Err(err) => {
                self.skip(skipped_from(&err.with_path(path)), on_event);
                return Ok(());
            }
        };
        if known.is_some() {
            self.writer.delete_file(&key);
            self.replaced.insert(key.clone());
            self.report.updated += 1;
        } else {
            self.report.added += 1;
        }
        self.report.files += 1;
        let file_hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
        let mut added = 0;
        for article in &file.articles {
            let keys = article.dedup_keys();
            if let Some(original) = self.duplicate_of(&keys, &key, file_hash)? {
                // Its other keys lead to the same original: a third copy that
                // shares only those is a duplicate too.
                for k in keys {
                    self.added_keys.entry(k).or_insert(original);
                }
                self.report.duplicates += 1;
                continue;
            }
            self.writer.add(article, &state)?;
            for k in keys {
                self.added_keys.insert(k, file_hash);
            }
            added += 1;
        }
        self.report.articles += added;
        on_event(&Event::File {
            path,
            articles: added,
        });
        for problem in file.problems {
            let skipped = Skipped {
                path: path.to_path_buf(),
                reason: problem,
            };
            on_event(&Event::Skipped(&skipped));
            self.report.partial.push(skipped);
        }
        Ok(())
    }

    /// The file (as a hash of its path) that already holds this article:
    /// added in this run, or committed before (unless that file is being
    /// replaced now).
    fn duplicate_of(&self, keys: &[u64], key: &str, file_hash: u64) -> Result<Option<u64>> {
        if let Some(original) = keys
            .iter()
            .filter_map(|k| self.added_keys.get(k))
            .find(|f| **f != file_hash)
        {
            return Ok(Some(*original));
        }
        Ok(match self.finder.find(keys)? {
            Some(other) if other != key && !self.replaced.contains(&other) => {
                Some(xxhash_rust::xxh3::xxh3_64(other.as_bytes()))
            }
            _ => None,
        })
    }

    fn prune(&mut self, on_event: &mut impl FnMut(&Event<'_>)) {
        let roots: Vec<String> = self
            .options
            .paths
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        for path in self.known.keys() {
            if !self.seen.contains(path) && under_any(path, &roots) && !Path::new(path).exists() {
                self.writer.delete_file(path);
                self.report.removed += 1;
                on_event(&Event::File {
                    path: Path::new(path),
                    articles: 0,
                });
            }
        }
    }
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
