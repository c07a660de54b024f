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

use crate::article::Article;
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

/// The index writer's default memory, shared by its threads. With the rest
/// of a run (the segments a merge is reading, parse buffers, duplicate keys)
/// a million-article run peaks at 430-480 MB; 256 MB peaked at 480-507 MB
/// for the same speed (the same ten segments at 1M, two at 100k).
pub const DEFAULT_MEMORY_BUDGET: usize = 224 * 1024 * 1024;

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            paths: Vec::new(),
            follow_links: false,
            read: ReadOptions::default(),
            memory_budget: DEFAULT_MEMORY_BUDGET,
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
    let mut known = index.file_states(&searcher)?;
    // A file left half-indexed by an interrupted run is read again whole.
    if let Some(partial) = partial_file(index)
        && let Some(state) = known.get_mut(&partial)
    {
        state.size = u64::MAX;
        state.hash = 0;
    }
    let finder = DuplicateFinder::new(searcher);
    let mut run = Run {
        writer: &mut writer,
        options,
        finder: &finder,
        report: IndexReport::default(),
        seen: HashSet::new(),
        replaced: HashSet::new(),
        added_keys: HashMap::new(),
        last_commit: Instant::now(),
        streaming: None,
    };
    let known = Arc::new(known);
    // Walk the roots in canonical form, so every file found is already
    // canonical (its key and its articles' ids) without a syscall per file;
    // messages name files under the roots as the user gave them.
    let roots: Vec<(PathBuf, PathBuf)> = options
        .paths
        .iter()
        .map(|p| {
            (
                p.clone(),
                std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()),
            )
        })
        .collect();
    // Reading, decoding and extraction run on every core; the results come
    // back in walk order, so the index is the same whatever the scheduling.
    let interrupted = || {
        options
            .interrupt
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
    };
    std::thread::scope(|scope| -> Result<()> {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (found_tx, found_rx) = crossbeam_channel::bounded::<(usize, Found)>(256);
        let (done_tx, done_rx) = crossbeam_channel::bounded::<Vec<Message>>(workers * 2);
        let paths: Vec<PathBuf> = roots
            .iter()
            .map(|(_, canonical)| canonical.clone())
            .collect();
        let follow = options.follow_links;
        scope.spawn(move || {
            for (seq, found) in ingest::walk(&paths, follow).enumerate() {
                if found_tx.send((seq, found)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..workers {
            let (rx, tx) = (found_rx.clone(), done_tx.clone());
            let known = Arc::clone(&known);
            let explicit: Vec<PathBuf> = roots
                .iter()
                .map(|(_, canonical)| canonical.clone())
                .collect();
            let roots = roots.clone();
            let read = options.read.clone();
            scope.spawn(move || {
                let mut language = ingest::lang::FileLanguage::default();
                let mut outbox = Outbox::new(tx);
                loop {
                    // Results are handed over before waiting for more work, so
                    // the indexing thread never waits on one held here.
                    let (seq, found) = match rx.try_recv() {
                        Ok(next) => next,
                        Err(crossbeam_channel::TryRecvError::Empty) => {
                            if outbox.flush().is_err() {
                                break;
                            }
                            match rx.recv() {
                                Ok(next) => next,
                                Err(_) => break,
                            }
                        }
                        Err(crossbeam_channel::TryRecvError::Disconnected) => break,
                    };
                    if examine(
                        seq,
                        found,
                        &known,
                        &explicit,
                        &read,
                        &mut language,
                        &roots,
                        &mut outbox,
                    )
                    .is_err()
                    {
                        break;
                    }
                }
                let _ = outbox.flush();
            });
        }
        drop((found_rx, done_tx));
        let mut pending: std::collections::BTreeMap<(usize, usize), (bool, Outcome)> =
            std::collections::BTreeMap::new();
        let mut next = (0, 0);
        for batch in &done_rx {
            for message in batch {
                pending.insert((message.seq, message.part), (message.last, message.outcome));
            }
            while let Some((last, outcome)) = pending.remove(&next) {
                next = if last {
                    (next.0 + 1, 0)
                } else {
                    (next.0, next.1 + 1)
                };
                if interrupted() {
                    run.report.interrupted = true;
                    break;
                }
                let mid_file = run.apply(outcome, &mut on_event)?;
                if run.last_commit.elapsed() >= options.commit_every {
                    on_event(&Event::Committing);
                    run.writer.commit_with_payload(mid_file.as_deref())?;
                    run.report.commits += 1;
                    run.last_commit = Instant::now();
                }
            }
            if run.report.interrupted {
                break;
            }
        }
        // Dropping the receiver stops the workers and the walker.
        drop(done_rx);
        Ok(())
    })?;
    if options.prune && !run.report.interrupted {
        run.prune(&known, &mut on_event);
    }
    let partial = run.streaming.as_ref().map(|s| s.key.clone());
    let mut report = run.report;
    on_event(&Event::Committing);
    writer.commit_with_payload(partial.as_deref())?;
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
    finder: &'a DuplicateFinder,
    report: IndexReport,
    /// Files found in this run (for pruning).
    seen: HashSet<String>,
    /// Files whose earlier articles are being replaced in this run.
    replaced: HashSet<String>,
    /// Dedup keys added in this run, with a hash of the file they came from.
    added_keys: HashMap<u64, u64>,
    last_commit: Instant,
    /// The streamed file whose chunks are being applied, if any.
    streaming: Option<Streaming>,
}

struct Streaming {
    key: String,
    articles: usize,
}

/// A worker's result for one part of one walked path.
struct Message {
    seq: usize,
    part: usize,
    last: bool,
    outcome: Outcome,
}

/// A worker's results on their way to the indexing thread, handed over in
/// batches: one message per small file woke that thread once per file.
struct Outbox {
    batch: Vec<Message>,
    tx: crossbeam_channel::Sender<Vec<Message>>,
}

impl Outbox {
    /// Results held before they are handed over.
    const BATCH: usize = 32;

    fn new(tx: crossbeam_channel::Sender<Vec<Message>>) -> Self {
        Outbox {
            batch: Vec::with_capacity(Self::BATCH),
            tx,
        }
    }

    /// Queues a result; a full batch is handed over. An error means the
    /// run is over (the receiver is gone).
    fn push(&mut self, message: Message) -> std::result::Result<(), ()> {
        self.batch.push(message);
        if self.batch.len() >= Self::BATCH {
            self.flush()
        } else {
            Ok(())
        }
    }

    /// Hands over what is queued.
    fn flush(&mut self) -> std::result::Result<(), ()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(Self::BATCH));
        self.tx.send(batch).map_err(|_| ())
    }
}

/// What a worker made of one walked path.
enum Outcome {
    /// A walk problem or an unreadable file.
    Skipped(Skipped),
    /// Not an article format (images, scripts…), found while walking.
    NotArticle,
    /// Already indexed and unchanged.
    Unchanged { path: PathBuf, key: String },
    /// A chunk of a streamed file (JSON Lines); `first` on the first one.
    Chunk {
        path: PathBuf,
        key: String,
        state: FileState,
        known: bool,
        first: bool,
        chunk: ingest::stream::Chunk,
    },
    /// The end of a streamed file.
    EndOfFile { path: PathBuf },
    /// Read and parsed: `known` says whether an earlier version is indexed.
    Parsed {
        path: PathBuf,
        key: String,
        state: FileState,
        known: bool,
        file: ingest::FileArticles,
    },
}

/// Everything about one path that can run in parallel: file-system checks,
/// the unchanged test, reading, hashing, decoding and extraction. Sends one
/// message, or a message per chunk for a streamed file. An error means the
/// run is over (the receiver is gone).
#[allow(clippy::too_many_arguments)]
fn examine(
    seq: usize,
    found: Found,
    known: &HashMap<String, FileState>,
    explicit: &[PathBuf],
    read: &ReadOptions,
    language: &mut ingest::lang::FileLanguage,
    roots: &[(PathBuf, PathBuf)],
    outbox: &mut Outbox,
) -> std::result::Result<(), ()> {
    let mut send = |part: usize, last: bool, outcome: Outcome| {
        // A streamed file's chunks are large: each goes at once.
        let streamed = matches!(outcome, Outcome::Chunk { .. });
        outbox.push(Message {
            seq,
            part,
            last,
            outcome,
        })?;
        if streamed { outbox.flush() } else { Ok(()) }
    };
    let canonical = match found {
        Found::File(path) => path,
        Found::Problem(err) => {
            let shown_path = shown(roots, err_path(&err));
            let err = err.with_path(&shown_path);
            return send(0, true, Outcome::Skipped(skipped_from(&err)));
        }
    };
    // Named for people as given; keyed by the canonical path.
    let path = shown(roots, &canonical);
    let skip = |reason: String| {
        Outcome::Skipped(Skipped {
            path: path.clone(),
            reason,
        })
    };
    let io_skip = |e: std::io::Error| Outcome::Skipped(skipped_from(&Error::io(&path, e)));
    if detect::kind_of(&canonical) == detect::PathKind::NotArticle {
        let outcome = if explicit.contains(&canonical) {
            skip(detect::NOT_AN_ARTICLE.into())
        } else {
            Outcome::NotArticle
        };
        return send(0, true, outcome);
    }
    let metadata = match std::fs::metadata(&canonical) {
        Ok(m) if m.is_file() => m,
        // A FIFO or device would block or never end.
        Ok(_) => return send(0, true, skip("not a regular file".into())),
        Err(e) => return send(0, true, io_skip(e)),
    };
    let key = canonical.to_string_lossy().into_owned();
    let mut state = FileState::of_metadata(&metadata);
    let before = known.get(&key).copied();
    // A file read by another version of the readers is read again: what it
    // reads as may have changed even though the file has not.
    let current = before.filter(|k| k.reader == state.reader);
    if current.is_some_and(|k| k.size == state.size && k.mtime == state.mtime) {
        return send(0, true, Outcome::Unchanged { path, key });
    }
    if ingest::stream::is_streamed(&canonical) {
        return stream_file(path, key, canonical, state, before, send);
    }
    if metadata.len() > read.max_file_size {
        let reason = format!(
            "file too large ({} > limit {}; see --max-file-size)",
            ingest::human_bytes(metadata.len()),
            ingest::human_bytes(read.max_file_size)
        );
        return send(0, true, skip(reason));
    }
    let bytes = match std::fs::read(&canonical) {
        Ok(b) => b,
        Err(e) => return send(0, true, io_skip(e)),
    };
    state.hash = FileState::hash_of(&bytes);
    if current.is_some_and(|k| k.hash == state.hash) {
        return send(0, true, Outcome::Unchanged { path, key });
    }
    let outcome = match ingest::parse_bytes_in(&canonical, &bytes, read.max_file_size, language) {
        Ok(Some(file)) => Outcome::Parsed {
            path,
            key,
            state,
            known: before.is_some(),
            file,
        },
        Ok(None) => Outcome::NotArticle,
        Err(err) => Outcome::Skipped(skipped_from(&err.with_path(&path))),
    };
    send(0, true, outcome)
}

/// A path as the user named it: the root they gave, plus the rest.
fn shown(roots: &[(PathBuf, PathBuf)], canonical: &Path) -> PathBuf {
    roots
        .iter()
        .find_map(|(original, root)| {
            canonical.strip_prefix(root).ok().map(|rest| {
                if rest.as_os_str().is_empty() {
                    original.clone()
                } else {
                    original.join(rest)
                }
            })
        })
        .unwrap_or_else(|| canonical.to_path_buf())
}

fn err_path(err: &Error) -> &Path {
    match err {
        Error::Io { path, .. } | Error::Unreadable { path, .. } => path,
        _ => Path::new(""),
    }
}

/// A JSON Lines file, chunk by chunk: no size limit applies, since it is
/// never held whole.
fn stream_file(
    path: PathBuf,
    key: String,
    canonical: PathBuf,
    mut state: FileState,
    before: Option<FileState>,
    mut send: impl FnMut(usize, bool, Outcome) -> std::result::Result<(), ()>,
) -> std::result::Result<(), ()> {
    state.hash = match ingest::stream::hash_file(&canonical) {
        Ok(hash) => hash,
        Err(e) => {
            return send(
                0,
                true,
                Outcome::Skipped(skipped_from(&Error::io(&path, e))),
            );
        }
    };
    if before.is_some_and(|k| k.reader == state.reader && k.hash == state.hash) {
        return send(0, true, Outcome::Unchanged { path, key });
    }
    let mut stream = match ingest::stream::JsonLines::open(&canonical, &canonical) {
        Ok(s) => s,
        Err(err) => return send(0, true, Outcome::Skipped(skipped_from(&err))),
    };
    let mut part = 0;
    while let Some(chunk) = stream.next_chunk() {
        send(
            part,
            false,
            Outcome::Chunk {
                path: path.clone(),
                key: key.clone(),
                state,
                known: before.is_some(),
                first: part == 0,
                chunk,
            },
        )?;
        part += 1;
    }
    if part == 0 {
        let reason = "empty file".to_string();
        return send(0, true, Outcome::Skipped(Skipped { path, reason }));
    }
    send(part, true, Outcome::EndOfFile { path })
}

/// The file an interrupted run left half-indexed, from the last commit.
fn partial_file(index: &ArticleIndex) -> Option<String> {
    let payload = index.tantivy().load_metas().ok()?.payload?;
    let value: serde_json::Value = serde_json::from_str(&payload).ok()?;
    value["partial_file"].as_str().map(str::to_string)
}

impl Run<'_> {
    fn skip(&mut self, skipped: Skipped, on_event: &mut impl FnMut(&Event<'_>)) {
        on_event(&Event::Skipped(&skipped));
        self.report.skipped.push(skipped);
    }

    /// Applies a worker's outcome to the index and the report. Returns the
    /// streamed file in progress, if the outcome leaves one half-applied.
    fn apply(
        &mut self,
        outcome: Outcome,
        on_event: &mut impl FnMut(&Event<'_>),
    ) -> Result<Option<String>> {
        let (path, key, state, known, file) = match outcome {
            Outcome::Chunk {
                path,
                key,
                state,
                known,
                first,
                chunk,
            } => {
                if first {
                    self.begin_file(&key, known);
                    self.streaming = Some(Streaming {
                        key: key.clone(),
                        articles: 0,
                    });
                }
                let added = self.add_articles(&chunk.articles, &key, &state)?;
                if let Some(s) = self.streaming.as_mut() {
                    s.articles += added;
                }
                self.problems(&path, chunk.problems, on_event);
                return Ok(Some(key));
            }
            Outcome::EndOfFile { path } => {
                let articles = self.streaming.take().map_or(0, |s| s.articles);
                on_event(&Event::File {
                    path: &path,
                    articles,
                });
                return Ok(None);
            }
            Outcome::Skipped(skipped) => {
                self.skip(skipped, on_event);
                return Ok(None);
            }
            Outcome::NotArticle => {
                self.report.passed_over += 1;
                return Ok(None);
            }
            Outcome::Unchanged { path, key } => {
                if self.options.prune {
                    self.seen.insert(key);
                }
                self.report.unchanged += 1;
                on_event(&Event::File {
                    path: &path,
                    articles: 0,
                });
                return Ok(None);
            }
            Outcome::Parsed {
                path,
                key,
                state,
                known,
                file,
            } => (path, key, state, known, file),
        };
        self.begin_file(&key, known);
        let added = self.add_articles(&file.articles, &key, &state)?;
        on_event(&Event::File {
            path: &path,
            articles: added,
        });
        self.problems(&path, file.problems, on_event);
        Ok(None)
    }

    /// Counts a file read in this run and clears its earlier articles.
    fn begin_file(&mut self, key: &str, known: bool) {
        if known {
            self.writer.delete_file(key);
            self.replaced.insert(key.to_string());
            self.report.updated += 1;
        } else {
            self.report.added += 1;
        }
        self.report.files += 1;
        if self.options.prune {
            self.seen.insert(key.to_string());
        }
    }

    /// Adds a file's articles, skipping duplicates; returns how many were added.
    fn add_articles(
        &mut self,
        articles: &[Article],
        key: &str,
        state: &FileState,
    ) -> Result<usize> {
        let file_hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
        let mut added = 0;
        for article in articles {
            let keys = article.dedup_keys();
            if let Some(original) = self.duplicate_of(&keys, key, file_hash)? {
                // Its other keys lead to the same original: a third copy that
                // shares only those is a duplicate too.
                for k in keys {
                    self.added_keys.entry(k).or_insert(original);
                }
                self.report.duplicates += 1;
                continue;
            }
            self.writer.add(article, state)?;
            for k in keys {
                self.added_keys.insert(k, file_hash);
            }
            added += 1;
        }
        self.report.articles += added;
        Ok(added)
    }

    fn problems(
        &mut self,
        path: &Path,
        problems: Vec<String>,
        on_event: &mut impl FnMut(&Event<'_>),
    ) {
        for problem in problems {
            let skipped = Skipped {
                path: path.to_path_buf(),
                reason: problem,
            };
            on_event(&Event::Skipped(&skipped));
            self.report.partial.push(skipped);
        }
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

    fn prune(&mut self, known: &HashMap<String, FileState>, on_event: &mut impl FnMut(&Event<'_>)) {
        let roots: Vec<String> = self
            .options
            .paths
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        for path in known.keys() {
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
