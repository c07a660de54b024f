//! byline's error type: one enum for the whole library, each variant carrying
//! what a user needs to act on it (the path, the column, the reason).

use std::path::PathBuf;

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in byline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read from disk.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },

    /// A file was read but holds no article byline can use.
    #[error("{path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it, in a few words.
        reason: String,
    },

    /// There is no index where one was expected.
    #[error("no index at {}; create one with `byline index PATH...`", path.display())]
    IndexMissing {
        /// Where the index was looked for.
        path: PathBuf,
    },

    /// A folder exists but is not a byline index.
    #[error("{} is not a byline index{}", path.display(), hint)]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
        /// Extra words on why, starting with a separator.
        hint: String,
    },

    /// The index was written by a byline with another layout.
    #[error(
        "{} was written with index format {found}, this byline reads format {expected}; \
         rebuild it with `byline index --rebuild PATH...`",
        path.display()
    )]
    IncompatibleIndex {
        /// The folder.
        path: PathBuf,
        /// The format found on disk.
        found: String,
        /// The format this build reads.
        expected: u32,
    },

    /// An article was named by a source file that holds several.
    #[error("{} holds {count} articles; name one by its id (each hit shows it after the path)", path.display())]
    SeveralArticles {
        /// The file as named.
        path: PathBuf,
        /// How many indexed articles came from it.
        count: usize,
    },

    /// The query could not be understood.
    #[error(transparent)]
    Query(#[from] crate::search::QueryError),

    /// Something went wrong inside the search engine.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    /// The index could not be opened for writing because another process holds it.
    #[error("{} is locked by another byline process (is `byline index` running?)", path.display())]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The same error, naming `path` instead of the path it carries (used to
    /// report a file as the user named it rather than its canonical form).
    pub fn with_path(self, path: &std::path::Path) -> Self {
        match self {
            Error::Io { source, .. } => Error::Io {
                path: path.to_path_buf(),
                source,
            },
            Error::Unreadable { reason, .. } => Error::Unreadable {
                path: path.to_path_buf(),
                reason,
            },
            other => other,
        }
    }

    /// Builds an [`Error::Unreadable`] for `path`.
    pub fn unreadable(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Unreadable {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
