//! byline: full-text search for folders of news articles.
//!
//! The data flows through four modules, one boundary each:
//!
//! ```text
//! files ─▶ ingest (walk, detect, decode, read HTML / text / JSON) ─▶ Article
//!       ─▶ index (schema, writer, runs) ─▶ search (query language, BM25, snippets)
//!       ─▶ Hit ─▶ output (text / JSON / JSON Lines) ─▶ a writer
//! ```
//!
//! The `byline` binary is a thin layer over this library.
//!
//! # Example
//!
//! Read a plain-text article, index it in memory and search it:
//!
//! ```
//! use byline::{ArticleIndex, SearchRequest, Searcher};
//!
//! let text = "Exclusive\n\nUS won't share intelligence with the UK\n\n30 January 2020, 16:46\n\n\
//!             By Fiona Jones\n\n\"Could it affect the Five Eyes arrangement?\" asked Iain.";
//! let file = byline::ingest::parse_bytes("story.txt".as_ref(), text.as_bytes())?
//!     .expect("a text article");
//! let article = &file.articles[0];
//! assert_eq!(article.authors, ["Fiona Jones"]);
//!
//! let index = ArticleIndex::create_in_ram();
//! let mut writer = index.writer(15_000_000)?;
//! writer.upsert(article)?;
//! writer.commit()?;
//!
//! let results = Searcher::new(&index)?.search(&SearchRequest::new("\"five eyes\""))?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].snippet.render("<b>", "</b>"),
//!            "\"Could it affect the <b>Five</b> <b>Eyes</b> arrangement?\" asked Iain.");
//! # Ok::<(), byline::Error>(())
//! ```

pub mod article;
pub mod error;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;

pub use article::Article;
pub use error::{Error, Result};
pub use index::ArticleIndex;
pub use search::{Duplicate, Hit, SearchRequest, SearchResults, Searcher};
