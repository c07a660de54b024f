//! Search: parse the query ([`query`]), compile it for the index
//! ([`compile`]), rank with BM25, and build each hit's snippet ([`highlight`]).

pub mod compile;
pub mod highlight;
pub mod query;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::{IndexReader, TantivyDocument};

use crate::error::Result;
use crate::index::ArticleIndex;
use crate::index::schema::text_analyzer;
pub use highlight::Highlighted;
pub use query::QueryError;

/// What to search for and how much to return.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in byline's query language.
    pub query: String,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
    /// Target length of a snippet, in characters.
    pub snippet_chars: usize,
}

impl SearchRequest {
    /// A request for the top 10 hits of `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            snippet_chars: 200,
        }
    }
}

/// One ranked article.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based rank over the whole result list.
    pub rank: usize,
    /// Article id.
    pub id: String,
    /// BM25 score.
    pub score: f32,
    /// Headline, with matched words marked.
    pub title: Highlighted,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// Source file.
    pub path: PathBuf,
    /// URL.
    pub url: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Language.
    pub lang: Option<String>,
    /// The passage that shows why it matched.
    pub snippet: Highlighted,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching articles (exact).
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
}

/// Searches one index; cheap to reuse for many queries.
pub struct Searcher {
    index: ArticleIndex,
    reader: IndexReader,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Searcher {
    /// Opens a searcher on the index's last commit.
    pub fn new(index: &ArticleIndex) -> Result<Self> {
        Ok(Searcher {
            reader: index.reader()?,
            index: index.clone(),
        })
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a query.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let parsed = query::parse(&request.query)?;
        let fields = self.index.fields();
        let compiled = compile::compile(&parsed, self.index.tantivy(), fields)?;
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let (top, total) = searcher.search(
            &compiled.query,
            &(
                TopDocs::with_limit(limit)
                    .and_offset(request.offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut analyzer = text_analyzer();
        let mut hits = Vec::with_capacity(top.len());
        let take = if request.limit == 0 { 0 } else { top.len() };
        for (i, (score, address)) in top.into_iter().take(take).enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let article = self.index.article(&doc);
            let snippet = highlight::snippet(
                &article.body,
                &compiled.body,
                &mut analyzer,
                request.snippet_chars,
            );
            let title = highlight::highlight_all(&article.title, &compiled.title, &mut analyzer);
            hits.push(Hit {
                rank: request.offset + i + 1,
                id: article.id,
                score,
                title,
                authors: article.authors,
                date: article.date,
                path: article.path,
                url: article.url,
                site: article.site,
                lang: article.lang,
                snippet,
            });
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            hits,
        })
    }
}
