//! What the index knows about the files it was built from, read back from
//! fast fields so that a re-run reads only new or changed files, and the
//! lookup that finds an article already indexed from another file.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;
use crate::index::{ArticleIndex, schema::names};

/// A source file as it was when it was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: u64,
    /// Hash of the bytes (xxh3).
    pub hash: u64,
    /// The [`READER_VERSION`](crate::ingest::READER_VERSION) that read it.
    pub reader: u64,
}

impl FileState {
    /// Size and modification time from the file system (the hash is filled in
    /// once the file is read).
    pub fn of_metadata(metadata: &std::fs::Metadata) -> Self {
        let mtime = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        FileState {
            size: metadata.len(),
            mtime,
            hash: 0,
            reader: crate::ingest::READER_VERSION,
        }
    }

    /// Hash of a file's bytes.
    pub fn hash_of(bytes: &[u8]) -> u64 {
        xxhash_rust::xxh3::xxh3_64(bytes)
    }
}

impl ArticleIndex {
    /// Every source file in the last commit, with its state when it was read.
    pub fn file_states(&self, searcher: &Searcher) -> Result<HashMap<String, FileState>> {
        let mut states = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(paths): Option<StrColumn> = fast.str(names::PATH)? else {
                continue;
            };
            let size = fast.u64(names::FILE_SIZE)?;
            let mtime = fast.u64(names::FILE_MTIME)?;
            let hash = fast.u64(names::FILE_HASH)?;
            let reader = fast.u64(names::READER)?;
            let alive = segment.alive_bitset();
            let mut path = String::new();
            // Articles of one file sit next to each other: skip repeats cheaply.
            let mut last_ord = None;
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let Some(ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                if last_ord == Some(ord) {
                    continue;
                }
                last_ord = Some(ord);
                path.clear();
                if !paths
                    .ord_to_str(ord, &mut path)
                    .map_err(tantivy::TantivyError::from)?
                {
                    continue;
                }
                states.entry(path.clone()).or_insert(FileState {
                    size: size.first(doc).unwrap_or(0),
                    mtime: mtime.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                    reader: reader.first(doc).unwrap_or(0),
                });
            }
        }
        Ok(states)
    }
}

/// Finds articles already in the last commit by their dedup keys.
///
/// The keys are a fast field, not indexed terms: nearly every key is unique,
/// so as terms they would cost every index run a term per article. A run
/// that meets a new article reads the column once into a map instead (a few
/// tens of milliseconds per million articles).
pub struct DuplicateFinder {
    searcher: Searcher,
    keys: OnceCell<HashMap<u64, DocAddress, foldhash::fast::RandomState>>,
}

impl std::fmt::Debug for DuplicateFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DuplicateFinder")
            .field("keys", &self.keys.get().map(HashMap::len))
            .finish()
    }
}

impl DuplicateFinder {
    /// A finder over `searcher`'s commit.
    pub fn new(searcher: Searcher) -> Self {
        DuplicateFinder {
            searcher,
            keys: OnceCell::new(),
        }
    }

    /// The path of an indexed article with one of `keys`, if any.
    pub fn find(&self, keys: &[u64]) -> Result<Option<String>> {
        if self.searcher.num_docs() == 0 {
            return Ok(None);
        }
        let map = match self.keys.get() {
            Some(map) => map,
            None => {
                let map = self.read_keys()?;
                self.keys.get_or_init(|| map)
            }
        };
        let Some(address) = keys.iter().find_map(|k| map.get(k)) else {
            return Ok(None);
        };
        let segment = self.searcher.segment_reader(address.segment_ord);
        let mut path = String::new();
        if let Some(paths) = segment.fast_fields().str(names::PATH)?
            && let Some(ord) = paths.term_ords(address.doc_id).next()
            && paths
                .ord_to_str(ord, &mut path)
                .map_err(tantivy::TantivyError::from)?
        {
            return Ok(Some(path));
        }
        Ok(None)
    }

    /// Every live article's keys, from the `dedup` column of each segment.
    fn read_keys(&self) -> Result<HashMap<u64, DocAddress, foldhash::fast::RandomState>> {
        let mut map = HashMap::default();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64(names::DEDUP)?;
            for doc in segment.doc_ids_alive() {
                for key in column.values_for_doc(doc) {
                    map.entry(key).or_insert(DocAddress::new(ord as u32, doc));
                }
            }
        }
        Ok(map)
    }
}

/// Whether `path` lies under one of `roots` (all canonical).
pub fn under_any(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|root| Path::new(path).starts_with(root))
}
