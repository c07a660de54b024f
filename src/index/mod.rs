//! The tantivy index: where it lives, how it is opened (and refused when it
//! is not byline's), and how articles go in and come back out.

pub mod lang;
pub mod merge;
pub mod run;
pub mod schema;
pub mod sketch;
pub mod state;
pub mod stem;
pub mod words;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use tantivy::schema::{OwnedValue, Value};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::article::Article;
use crate::error::{Error, Result};
pub use run::DEFAULT_MEMORY_BUDGET;
pub use schema::Fields;
pub use state::FileState;

/// From this many articles up, a query searches the index's segments on all
/// cores. Starting the threads costs a one-shot search about half a
/// millisecond: at 100,000 articles (two segments) that made every query
/// slower, at 1,000,000 (ten) it made the slowest ones — phrases, which decode
/// positions in every article holding all their words — 2–3 ms faster
/// (docs/performance.md).
pub const PARALLEL_SEARCH_MIN_ARTICLES: u64 = 500_000;

/// The marker file byline writes into every index it creates.
const MARKER: &str = "byline-index.json";

/// Whether `dir` holds a byline index (used to skip indexes while walking).
pub fn is_index_dir(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// The per-user default location of the index, following the platform's
/// convention (`~/.local/share/byline/index` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "byline").map(|d| d.data_dir().join("index"))
}

/// An opened byline index.
#[derive(Clone)]
pub struct ArticleIndex {
    index: Index,
    fields: Fields,
    dir: Option<PathBuf>,
}

impl std::fmt::Debug for ArticleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    format: u32,
    created_by: String,
}

/// How a new index stores its documents.
///
/// Bodies are stored for snippets and `show`, and they are most of the index. zstd in 64 KiB blocks
/// packs them 38% smaller than tantivy's default (lz4, 16 KiB): 50 MB against 80 MB for 100k
/// articles, taking the whole index from 0.62x to 0.48x the size of SQLite FTS5's. The price is
/// about a millisecond per whole-process search, for decompressing the blocks that hold the ten
/// hits (docs/performance.md). zstd's fastest level (1) rather than its default (3): the store
/// grows by 3 MB per 100k articles (88 -> 91 MB) and an index run takes about 5% less time
/// (compressing at level 3 was 5% of a run's CPU samples). Indexes made with lz4 or another level stay readable: each records
/// its compressor.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 65536,
        ..IndexSettings::default()
    }
}

impl ArticleIndex {
    /// Opens the index in `dir`; a missing index, a folder that is not a
    /// byline index and an index of another format are distinct errors.
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.exists() {
            return Err(Error::IndexMissing {
                path: dir.to_path_buf(),
            });
        }
        let marker_path = dir.join(MARKER);
        let marker = match std::fs::read(&marker_path) {
            Ok(bytes) => {
                serde_json::from_slice::<Marker>(&bytes).map_err(|_| Error::NotAnIndex {
                    path: dir.to_path_buf(),
                    hint: format!(" ({MARKER} is damaged)"),
                })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let hint = if dir.join("meta.json").is_file() {
                    " (it is a tantivy index made by another program)".to_string()
                } else if dir.read_dir().is_ok_and(|d| {
                    d.filter_map(|e| e.ok())
                        .all(|e| e.file_name().to_string_lossy().ends_with(".partial"))
                }) {
                    return Err(Error::IndexMissing {
                        path: dir.to_path_buf(),
                    });
                } else {
                    String::new()
                };
                return Err(Error::NotAnIndex {
                    path: dir.to_path_buf(),
                    hint,
                });
            }
            Err(e) => return Err(Error::io(marker_path, e)),
        };
        if !dir.join("meta.json").is_file() {
            // Marked as byline's but never finished: as good as missing.
            return Err(Error::IndexMissing {
                path: dir.to_path_buf(),
            });
        }
        if marker.format != schema::FORMAT_VERSION {
            return Err(Error::IncompatibleIndex {
                path: dir.to_path_buf(),
                found: marker.format.to_string(),
                expected: schema::FORMAT_VERSION,
            });
        }
        let index = Index::open_in_dir(dir)?;
        let (expected, _) = Fields::schema();
        if index.schema() != expected {
            return Err(Error::IncompatibleIndex {
                path: dir.to_path_buf(),
                found: format!("{} (with a different schema)", marker.format),
                expected: schema::FORMAT_VERSION,
            });
        }
        Self::wrap(index, Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`, creating it when `dir` is missing or empty.
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        match Self::open(dir) {
            Err(Error::IndexMissing { .. }) => Self::create(dir),
            other => other,
        }
    }

    /// Creates a new index in `dir` (which must be missing or empty).
    pub fn create(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The marker comes first, written whole (temporary file, then
        // rename): a run killed while creating leaves a folder byline knows
        // as its own and finishes creating next time.
        let marker = Marker {
            format: schema::FORMAT_VERSION,
            created_by: format!("byline {}", env!("CARGO_PKG_VERSION")),
        };
        let marker_path = dir.join(MARKER);
        let json = serde_json::to_vec_pretty(&marker)
            .map_err(|e| Error::unreadable(&marker_path, e.to_string()))?;
        let partial = dir.join(format!("{MARKER}.partial"));
        std::fs::write(&partial, json).map_err(|e| Error::io(&partial, e))?;
        std::fs::rename(&partial, &marker_path).map_err(|e| Error::io(&marker_path, e))?;
        let (schema, _) = Fields::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_dir(dir)?;
        Self::wrap(index, Some(dir.to_path_buf()))
    }

    /// Deletes the index in `dir` (only if it is a byline index) and makes a new one.
    pub fn recreate(dir: &Path) -> Result<Self> {
        if dir.exists() {
            if !is_index_dir(dir) && dir.read_dir().is_ok_and(|mut d| d.next().is_some()) {
                return Err(Error::NotAnIndex {
                    path: dir.to_path_buf(),
                    hint: "; refusing to delete it".to_string(),
                });
            }
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Self::create(dir)
    }

    /// An index in memory (tests, examples).
    pub fn create_in_ram() -> Self {
        let (schema, fields) = Fields::schema();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()
            .expect("an index in memory is always creatable");
        schema::register_analyzers(&index);
        ArticleIndex {
            index,
            fields,
            dir: None,
        }
    }

    fn wrap(index: Index, dir: Option<PathBuf>) -> Result<Self> {
        schema::register_analyzers(&index);
        let fields = Fields::from_schema(&index.schema())?;
        Ok(ArticleIndex { index, fields, dir })
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Where the index lives (`None` in memory).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A reader that sees the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        manual_reader(&self.index)
    }

    /// How many threads a query on this index should use: all cores from
    /// [`PARALLEL_SEARCH_MIN_ARTICLES`] up (one per segment at most), else one.
    pub fn search_threads(&self) -> Result<usize> {
        let segments = self.index.searchable_segment_metas()?;
        let articles: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
        if articles < PARALLEL_SEARCH_MIN_ARTICLES {
            return Ok(1);
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(cores.min(segments.len()).max(1))
    }

    /// A reader whose queries search the segments on `threads` threads (the
    /// calling thread alone when `threads` is 1).
    pub fn reader_with_threads(&self, threads: usize) -> Result<IndexReader> {
        if threads <= 1 {
            return self.reader();
        }
        let mut index = self.index.clone();
        index.set_multithread_executor(threads)?;
        manual_reader(&index)
    }

    /// A writer with `memory_budget` bytes shared by its threads. Fails with
    /// [`Error::Locked`] when another process is writing.
    pub fn writer(&self, memory_budget: usize) -> Result<ArticleWriter> {
        let writer = self.index.writer(memory_budget).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Locked {
                path: self.dir.clone().unwrap_or_default(),
            },
            other => Error::Tantivy(other),
        })?;
        writer.set_merge_policy(Box::new(merge::CappedMerges::default()));
        Ok(ArticleWriter {
            writer,
            fields: self.fields,
        })
    }

    /// Builds the tantivy document for an article.
    pub fn document(&self, article: &Article) -> TantivyDocument {
        to_document(&self.fields, article)
    }

    /// Reads an article back from a stored document.
    pub fn article(&self, doc: &TantivyDocument) -> Article {
        from_document(&self.fields, doc)
    }
}

/// Adds and replaces articles; nothing is visible to searches until [`commit`](Self::commit).
pub struct ArticleWriter {
    writer: IndexWriter,
    fields: Fields,
}

impl std::fmt::Debug for ArticleWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleWriter").finish_non_exhaustive()
    }
}

impl ArticleWriter {
    /// Adds an article, replacing any earlier version with the same id.
    pub fn upsert(&mut self, article: &Article) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &article.id));
        self.add(article, &FileState::default())
    }

    /// Adds an article read from a file in `state` (call [`delete_file`](Self::delete_file)
    /// first when the file was indexed before).
    pub fn add(&mut self, article: &Article, state: &FileState) -> Result<()> {
        let mut doc = to_document(&self.fields, article);
        doc.add_u64(self.fields.file_size, state.size);
        doc.add_u64(self.fields.file_mtime, state.mtime);
        doc.add_u64(self.fields.file_hash, state.hash);
        doc.add_u64(self.fields.reader, state.reader);
        for key in article.dedup_keys() {
            doc.add_u64(self.fields.dedup, key);
        }
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Removes every article read from `path`.
    pub fn delete_file(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Makes everything added so far durable and visible.
    pub fn commit(&mut self) -> Result<()> {
        self.commit_with_payload(None)
    }

    /// Commits, recording `partial` (a file whose articles are only partly
    /// in this commit) so that the next run reads that file again whole.
    pub fn commit_with_payload(&mut self, partial: Option<&str>) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        let payload = serde_json::json!({ "partial_file": partial });
        prepared.set_payload(&payload.to_string());
        prepared.commit()?;
        Ok(())
    }

    /// Waits for background merges and releases the lock.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// A reader of `index` that sees the last commit and reloads only when asked.
fn manual_reader(index: &Index) -> Result<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

fn to_document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, a.path.to_string_lossy());
    let lang = a.lang.as_deref();
    doc.add_text(f.title, lang::marked(&a.title, lang));
    for author in &a.authors {
        doc.add_text(f.author, author);
        doc.add_text(f.author_exact, author);
    }
    if let Some(date) = a.date {
        doc.add_date(
            f.date,
            tantivy::DateTime::from_timestamp_secs(date.timestamp()),
        );
    }
    if let Some(offset) = a.utc_offset {
        doc.add_i64(f.utc_offset, i64::from(offset.local_minus_utc()));
    }
    if let Some(local) = a.local_date() {
        doc.add_date(
            f.local_date,
            tantivy::DateTime::from_timestamp_secs(local.naive_local().and_utc().timestamp()),
        );
    }
    doc.add_text(f.body, lang::marked(&a.body, lang));
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    if let Some(site) = &a.site {
        doc.add_text(f.site, site);
    }
    if let Some(lang) = &a.lang {
        doc.add_text(f.lang, lang);
    }
    for tag in &a.tags {
        doc.add_text(f.tags, tag);
    }
    doc.add_u64(f.ordinal, a.ordinal as u64);
    doc.add_bytes(f.sketch, &sketch::Sketch::of(&a.title, &a.body).to_bytes());
    doc
}

fn from_document(f: &Fields, doc: &TantivyDocument) -> Article {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let marked_text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(|s| lang::unmarked(s).to_string())
    };
    let date = doc
        .get_first(f.date)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Date(d) => DateTime::<Utc>::from_timestamp(d.into_timestamp_secs(), 0),
            _ => None,
        });
    let utc_offset = doc
        .get_first(f.utc_offset)
        .and_then(|v| v.as_i64())
        .and_then(|secs| i32::try_from(secs).ok())
        .and_then(FixedOffset::east_opt);
    Article {
        id: text(f.id).unwrap_or_default(),
        title: marked_text(f.title).unwrap_or_default(),
        authors: doc
            .get_all(f.author)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        date,
        utc_offset,
        body: marked_text(f.body).unwrap_or_default(),
        url: text(f.url),
        site: text(f.site),
        lang: text(f.lang),
        tags: doc
            .get_all(f.tags)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        path: PathBuf::from(text(f.path).unwrap_or_default()),
        ordinal: doc
            .get_first(f.ordinal)
            .and_then(|v| v.as_u64())
            .unwrap_or(0) as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        let mut a = Article {
            title: "Five Eyes".into(),
            authors: vec!["Fiona Jones".into(), "Ann Smith".into()],
            date: DateTime::from_timestamp(1_580_402_760, 0),
            body: "Body.".into(),
            url: Some("https://lbc.co.uk/x".into()),
            site: Some("lbc.co.uk".into()),
            lang: Some("en".into()),
            tags: vec!["cocoa".into(), "usa".into()],
            ..Article::default()
        };
        a.locate(Path::new("/a/b.txt"), 0);
        a
    }

    #[test]
    fn articles_round_trip_through_documents() {
        let index = ArticleIndex::create_in_ram();
        let a = sample();
        let doc = index.document(&a);
        assert_eq!(index.article(&doc), a);
        // The publisher's offset survives too.
        let mut zoned = sample();
        zoned.set_date(chrono::DateTime::parse_from_rfc3339("2022-01-15T00:48:00+01:00").unwrap());
        let doc = index.document(&zoned);
        assert_eq!(index.article(&doc), zoned);
        assert_eq!(
            index.article(&doc).utc_offset.map(|o| o.local_minus_utc()),
            Some(3600)
        );
    }

    #[test]
    fn upsert_replaces_instead_of_duplicating() -> Result<()> {
        let index = ArticleIndex::create_in_ram();
        let mut w = index.writer(15_000_000)?;
        w.upsert(&sample())?;
        w.upsert(&sample())?;
        w.commit()?;
        let reader = index.reader()?;
        assert_eq!(reader.searcher().num_docs(), 1);
        Ok(())
    }

    #[test]
    fn a_creation_cut_short_is_finished_not_refused() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let dir = tmp.path().join("index");
        ArticleIndex::create(&dir)?;
        // Killed after the marker, before tantivy wrote its files.
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let path = entry.map_err(|e| Error::io(&dir, e))?.path();
            if path.file_name().is_some_and(|n| n != MARKER) && path.is_file() {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        assert!(matches!(
            ArticleIndex::open(&dir),
            Err(Error::IndexMissing { .. })
        ));
        let index = ArticleIndex::open_or_create(&dir)?;
        assert_eq!(index.tantivy().reader()?.searcher().num_docs(), 0);
        ArticleIndex::open(&dir)?;
        Ok(())
    }

    #[test]
    fn open_tells_missing_foreign_and_incompatible_apart() -> Result<()> {
        let tmp = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let missing = tmp.path().join("nope");
        assert!(matches!(
            ArticleIndex::open(&missing),
            Err(Error::IndexMissing { .. })
        ));

        let foreign = tmp.path().join("foreign");
        std::fs::create_dir(&foreign).map_err(|e| Error::io(&foreign, e))?;
        std::fs::write(foreign.join("notes.txt"), "hi").map_err(|e| Error::io(&foreign, e))?;
        assert!(matches!(
            ArticleIndex::open(&foreign),
            Err(Error::NotAnIndex { .. })
        ));

        let old = tmp.path().join("old");
        ArticleIndex::create(&old)?;
        std::fs::write(
            old.join(MARKER),
            r#"{"format":0,"created_by":"byline 0.0.1"}"#,
        )
        .map_err(|e| Error::io(&old, e))?;
        let err = ArticleIndex::open(&old).expect_err("old format refused");
        assert!(matches!(err, Error::IncompatibleIndex { .. }), "{err}");
        assert!(err.to_string().contains("--rebuild"));
        Ok(())
    }
}
