//! Search: parse the query ([`query`]), compile it for the index
//! ([`compile`]), rank with BM25, and build each hit's snippet ([`highlight`]).

pub mod compile;
pub mod facets;
mod fold;
pub mod highlight;
pub mod query;
mod suggest;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, MoreLikeThisQuery, Occur, Query,
    Scorer, TermQuery,
};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{
    DocAddress, DocId, DocSet, IndexReader, Score, SeekDangerResult, SegmentReader,
    TantivyDocument, Term,
};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::index::ArticleIndex;
use crate::index::schema;
pub use facets::{Bucket, Facet, FacetCounts, IndexSummary};
pub use highlight::Highlighted;
pub use query::QueryError;

/// `similar` ignores words found in more than half the articles, but
/// never in fewer than this many.
const SIMILAR_MIN_DOC_FREQUENCY_CAP: u64 = 10;

/// Restrictions that apply on top of the query (all must hold).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Any one of these authors (words in order, case- and accent-insensitive).
    pub authors: Vec<String>,
    /// Published at or after.
    pub since: Option<DateTime<Utc>>,
    /// Published before (exclusive).
    pub until: Option<DateTime<Utc>>,
    /// Any one of these sites.
    pub sites: Vec<String>,
    /// Any one of these languages.
    pub langs: Vec<String>,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The options that set the filters in force, as a user types them
    /// (`--author`, `--since`…).
    pub fn options(&self) -> Vec<&'static str> {
        [
            (!self.authors.is_empty(), "--author"),
            (self.since.is_some(), "--since"),
            (self.until.is_some(), "--until"),
            (!self.sites.is_empty(), "--site"),
            (!self.langs.is_empty(), "--lang"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect()
    }
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (BM25).
    #[default]
    Relevance,
    /// Latest publication date first; undated articles last.
    Newest,
    /// Earliest publication date first; undated articles last.
    Oldest,
}

/// What to search for and how much to return.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in byline's query language; empty matches every article
    /// (useful with filters).
    pub query: String,
    /// Restrictions on top of the query.
    pub filters: Filters,
    /// Order of hits.
    pub sort: Sort,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip (for paging).
    pub offset: usize,
    /// Target length of a snippet, in characters.
    pub snippet_chars: usize,
    /// Whether copies of one story are folded under its best-ranked copy
    /// ([`Hit::duplicates`]) instead of being hits of their own.
    pub fold_duplicates: bool,
}

impl SearchRequest {
    /// A request for the top 10 hits of `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            snippet_chars: 200,
            fold_duplicates: true,
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
    /// The UTC offset the source stated with the date, if any.
    pub utc_offset: Option<FixedOffset>,
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
    /// Other copies of the same story among the ranked articles (a story
    /// filed again, saved twice, or a shorter version of it), folded under
    /// this hit, best-ranked first.
    pub duplicates: Vec<Duplicate>,
}

/// A copy of a hit's story, folded under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Article id.
    pub id: String,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// The UTC offset the source stated with the date, if any.
    pub utc_offset: Option<FixedOffset>,
    /// Source file.
    pub path: PathBuf,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching articles (exact).
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// A spelling of the query that finds something, when this one found
    /// nothing (left to the caller to fill: see [`Searcher::suggest`]).
    pub suggestion: Option<String>,
    /// When the query found nothing only because of the filters: how many
    /// articles it finds without them, and the options that set them (left
    /// to the caller to fill: see [`Searcher::unfiltered`]).
    pub without_filters: Option<(usize, Vec<&'static str>)>,
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
    /// Opens a searcher on the index's last commit, searching on as many
    /// threads as [`ArticleIndex::search_threads`] finds worth it.
    pub fn new(index: &ArticleIndex) -> Result<Self> {
        Self::with_threads(index, index.search_threads()?)
    }

    /// Opens a searcher whose queries search the index's segments on
    /// `threads` threads.
    pub fn with_threads(index: &ArticleIndex, threads: usize) -> Result<Self> {
        Ok(Searcher {
            reader: index.reader_with_threads(threads)?,
            index: index.clone(),
        })
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The compiled query of a request, filters included.
    pub fn compile(&self, request: &SearchRequest) -> Result<compile::Compiled> {
        let fields = self.index.fields();
        let mut compiled = if request.query.trim().is_empty() {
            compile::Compiled {
                query: Box::new(AllQuery),
                title: highlight::Matcher::default(),
                body: highlight::Matcher::default(),
                scores: false,
                proximity: Vec::new(),
            }
        } else {
            let parsed = query::parse(&request.query)?;
            compile::compile(
                &parsed,
                &self.reader.searcher(),
                fields,
                &request.filters.langs,
            )?
        };
        let filters = compile::filters(&request.filters, self.index.tantivy(), fields)?;
        if !filters.is_empty() {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query)];
            clauses.extend(filters.into_iter().map(|f| {
                (
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(f, 0.0)) as Box<dyn Query>,
                )
            }));
            compiled.query = Box::new(BooleanQuery::new(clauses));
        }
        Ok(compiled)
    }

    /// Counts the articles a request matches, without reading any of them.
    pub fn count(&self, request: &SearchRequest) -> Result<usize> {
        let compiled = self.compile(request)?;
        Ok(self.reader.searcher().search(&compiled.query, &Count)?)
    }

    /// For a query that matched nothing under filters: how many articles it
    /// matches without them, and which options set them; `None` when there
    /// are no filters, no words, or nothing to find without the filters either.
    pub fn unfiltered(
        &self,
        request: &SearchRequest,
    ) -> Result<Option<(usize, Vec<&'static str>)>> {
        if request.filters.is_empty() || request.query.trim().is_empty() {
            return Ok(None);
        }
        let bare = SearchRequest {
            filters: Filters::default(),
            ..request.clone()
        };
        let total = self.count(&bare)?;
        Ok((total > 0).then(|| (total, request.filters.options())))
    }

    /// Runs a query.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let compiled = self.compile(request)?;
        let searcher = self.reader.searcher();
        let (hits, total) = self.page(&searcher, &compiled, request)?;
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            hits,
            ..SearchResults::default()
        })
    }

    /// The page of hits `request` asks for (limit, offset, order, folding)
    /// of a compiled query, and the number of all matches.
    fn page(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &compile::Compiled,
        request: &SearchRequest,
    ) -> Result<(Vec<Hit>, usize)> {
        // Matches that all score alike are listed newest first: the order a
        // reader of news expects of "everything from this site", where
        // relevance would be the order the index happened to store them in.
        let sort = match request.sort {
            Sort::Relevance if !compiled.scores => Sort::Newest,
            sort => sort,
        };
        Ok(if request.limit == 0 {
            (Vec::new(), searcher.search(&compiled.query, &Count)?)
        } else if request.fold_duplicates {
            self.folded(searcher, compiled, request, sort)?
        } else {
            let (top, total) =
                self.ranked(searcher, compiled, sort, request.limit, request.offset)?;
            let hits = self.hits(
                searcher,
                &top,
                compiled,
                request.offset,
                request.snippet_chars,
            )?;
            (hits, total)
        })
    }

    /// The page of hits with copies of one story folded: ranks articles
    /// from the top, folds them into stories, and ranks more until the page
    /// is full or every match has been seen. Copies ranked below those
    /// looked at are not named; they are folded on the page they would fall on.
    fn folded(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &compile::Compiled,
        request: &SearchRequest,
        sort: Sort,
    ) -> Result<(Vec<Hit>, usize)> {
        let wanted = request.offset.saturating_add(request.limit);
        // Copies are rare: twice the page, and at least 20 more, is nearly
        // always enough; else four times as many again.
        let mut depth = wanted.saturating_mul(2).max(wanted.saturating_add(20));
        let (ranked, total, stories) = loop {
            let (ranked, total) = self.ranked(searcher, compiled, sort, depth, 0)?;
            let stories = fold::fold(searcher, &ranked)?;
            if stories.len() >= wanted || ranked.len() < depth || depth >= total {
                break (ranked, total, stories);
            }
            depth = depth.saturating_mul(4);
        };
        let page: Vec<&fold::Story> = stories
            .iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        let leads: Vec<(f32, DocAddress)> = page.iter().map(|s| ranked[s.lead]).collect();
        let mut hits = self.hits(
            searcher,
            &leads,
            compiled,
            request.offset,
            request.snippet_chars,
        )?;
        for (hit, story) in hits.iter_mut().zip(&page) {
            for &copy in &story.copies {
                let doc: TantivyDocument = searcher.doc(ranked[copy].1)?;
                let article = self.index.article(&doc);
                hit.duplicates.push(Duplicate {
                    id: article.id,
                    date: article.date,
                    utc_offset: article.utc_offset,
                    path: article.path,
                });
            }
        }
        Ok((hits, total))
    }

    /// The top `limit` articles after `offset` in the order `sort` asks
    /// for, and the number of all matches.
    fn ranked(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &compile::Compiled,
        sort: Sort,
        limit: usize,
        offset: usize,
    ) -> Result<(Vec<(f32, DocAddress)>, usize)> {
        let query = &compiled.query;
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (mut docs, total) = match sort {
            Sort::Relevance if compiled.proximity.is_empty() => {
                searcher.search(query, &(top.order_by_score(), Count))?
            }
            // Words side by side are scored among the best matches only:
            // reading positions in every match of common words ("the
            // company said") costs more than the whole search.
            Sort::Relevance => {
                let window = offset.saturating_add(limit).max(RERANK_DEPTH);
                let (mut docs, total) = searcher.search(
                    query,
                    &(TopDocs::with_limit(window).order_by_score(), Count),
                )?;
                for near in &compiled.proximity {
                    add_scores(searcher, near, &mut docs)?;
                }
                // Stable: equal scores stay in tantivy's order, as without
                // pairs, for `settle_ties` below.
                docs.sort_by(|a, b| b.0.total_cmp(&a.0));
                let page = docs.into_iter().skip(offset).take(limit.max(1));
                (page.collect(), total)
            }
            Sort::Newest | Sort::Oldest => {
                let newest = sort == Sort::Newest;
                let by_date = top.tweak_score(move |segment: &SegmentReader| {
                    let dates = segment.fast_fields().date(schema::names::DATE).ok();
                    move |doc: DocId, score: Score| {
                        let key = match dates.as_ref().and_then(|c| c.first(doc)) {
                            Some(d) if newest => d.into_timestamp_secs(),
                            Some(d) => -d.into_timestamp_secs(),
                            // Undated articles go last either way.
                            None => i64::MIN,
                        };
                        (key, score)
                    }
                });
                let (docs, total) = searcher.search(query, &(by_date, Count))?;
                (
                    docs.into_iter().map(|((_, score), a)| (score, a)).collect(),
                    total,
                )
            }
        };
        settle_ties(searcher, sort, &mut docs)?;
        Ok((docs, total))
    }

    /// Reads the page of hits: stored documents, snippets, headline marks.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        top: &[(f32, DocAddress)],
        compiled: &compile::Compiled,
        offset: usize,
        snippet_chars: usize,
    ) -> Result<Vec<Hit>> {
        let mut analyzers = schema::TextAnalyzers::default();
        let mut hits = Vec::with_capacity(top.len());
        for (i, &(score, address)) in top.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let article = self.index.article(&doc);
            let analyzer = analyzers.of(article.lang.as_deref());
            let snippet =
                highlight::snippet(&article.body, &compiled.body, analyzer, snippet_chars);
            let title = highlight::highlight_all(&article.title, &compiled.title, analyzer);
            hits.push(Hit {
                rank: offset + i + 1,
                id: article.id,
                score,
                title,
                authors: article.authors,
                date: article.date,
                utc_offset: article.utc_offset,
                path: article.path,
                url: article.url,
                site: article.site,
                lang: article.lang,
                snippet,
                duplicates: Vec::new(),
            });
        }
        Ok(hits)
    }

    /// The article `key` names: its id, its URL, or the source file it was
    /// read from (as the index stores it, or as typed from here), when that
    /// file gave exactly one article.
    fn address_of(&self, searcher: &tantivy::Searcher, key: &str) -> Result<Option<DocAddress>> {
        fn term(field: tantivy::schema::Field, text: &str) -> TermQuery {
            TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic)
        }
        let key = key.trim();
        let fields = self.index.fields();
        let first = || TopDocs::with_limit(1).order_by_score();
        let first_with = |field, text: &str| -> Result<Option<DocAddress>> {
            let top = searcher.search(&term(field, text), &first())?;
            Ok(top.first().map(|&(_, address)| address))
        };
        if let Some(address) = first_with(fields.id, key)? {
            return Ok(Some(address));
        }
        if key.starts_with("http://") || key.starts_with("https://") {
            // As stored, or with the trailing slash the other way.
            let other = match key.strip_suffix('/') {
                Some(bare) => bare.to_string(),
                None => format!("{key}/"),
            };
            for url in [key, other.as_str()] {
                if let Some(address) = first_with(fields.url, url)? {
                    return Ok(Some(address));
                }
            }
            return Ok(None);
        }
        let typed = std::path::Path::new(key);
        let mut spellings = vec![typed.to_path_buf()];
        spellings.extend(std::path::absolute(typed).ok());
        spellings.extend(std::fs::canonicalize(typed).ok());
        spellings.dedup();
        for path in spellings {
            let Some(text) = path.to_str() else { continue };
            let (top, count) = searcher.search(&term(fields.path, text), &(first(), Count))?;
            match count {
                0 => continue,
                1 => return Ok(top.first().map(|&(_, address)| address)),
                count => {
                    return Err(Error::SeveralArticles {
                        path: typed.to_path_buf(),
                        count,
                    });
                }
            }
        }
        Ok(None)
    }

    /// The stored article with `id` (or with that URL, or read from the file
    /// `id` names when it gave one article), if the index has it.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let searcher = self.reader.searcher();
        match self.address_of(&searcher, id)? {
            Some(address) => {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(Some(self.index.article(&doc)))
            }
            None => Ok(None),
        }
    }

    /// The articles most like article `id` (an id or a one-article file, as
    /// for [`Searcher::article`]; by the distinctive words of its
    /// headline and body), best first, as many as `request` asks for (its
    /// query and filters are not used); `None` when there is no such article.
    pub fn similar(&self, id: &str, request: &SearchRequest) -> Result<Option<SearchResults>> {
        let searcher = self.reader.searcher();
        let Some(address) = self.address_of(&searcher, id)? else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let article = self.index.article(&doc);
        self.similar_to(&article, request).map(Some)
    }

    /// The indexed articles most like `article`, which need not be indexed
    /// itself (a page just saved); the article itself is left out.
    pub fn similar_to(&self, article: &Article, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let fields = self.index.fields();
        // Analysed as the index analysed it: in the article's language.
        let marked =
            |text: &str| crate::index::lang::marked(text, article.lang.as_deref()).into_owned();
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            // Words in half the articles say little of what one is about,
            // but in a folder of a few articles a story's copies may be
            // half of it: their shared words must still count.
            .with_max_doc_frequency((searcher.num_docs() / 2).max(SIMILAR_MIN_DOC_FREQUENCY_CAP))
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(vec![
                (fields.title, vec![OwnedValue::Str(marked(&article.title))]),
                (fields.body, vec![OwnedValue::Str(marked(&article.body))]),
            ]);
        let itself = TermQuery::new(
            Term::from_field_text(fields.id, &article.id),
            IndexRecordOption::Basic,
        );
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (Occur::MustNot, Box::new(itself)),
        ]);
        let compiled = compile::Compiled {
            query: Box::new(query),
            title: highlight::Matcher::default(),
            body: highlight::Matcher::default(),
            scores: true,
            proximity: Vec::new(),
        };
        let (hits, total) = self.page(&searcher, &compiled, request)?;
        Ok(SearchResults {
            query: format!("similar:{}", article.id),
            total,
            hits,
            ..SearchResults::default()
        })
    }
}

/// How many of the best matches by their words alone are ranked again with
/// the words typed side by side: a page of hits, and the copies folded into
/// them, come from far nearer the top.
const RERANK_DEPTH: usize = 200;

/// Adds what `near` scores for each of `docs` to its score, reading only
/// those articles (in index order, one segment at a time): the phrase is
/// checked at each article and never searched for beyond it.
fn add_scores(
    searcher: &tantivy::Searcher,
    near: &compile::Proximity,
    docs: &mut [(f32, DocAddress)],
) -> tantivy::Result<()> {
    let weight = near
        .phrase
        .weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| docs[i].1);
    // The segment read, its scorer, and whether the scorer stands on a
    // match (`seek_danger` leaves it anywhere until it finds one).
    let mut current: Option<(u32, Box<dyn Scorer>, bool)> = None;
    for i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = docs[i].1;
        let (_, scorer, on_match) = match &mut current {
            Some(state) if state.0 == segment_ord => state,
            slot => {
                let reader = searcher.segment_reader(segment_ord);
                slot.insert((segment_ord, weight.scorer(reader, near.boost)?, true))
            }
        };
        let found = if *on_match && scorer.doc() >= doc_id {
            scorer.doc() == doc_id
        } else {
            let found = scorer.seek_danger(doc_id) == SeekDangerResult::Found;
            *on_match = found;
            found
        };
        if found {
            docs[i].0 += scorer.score();
        }
    }
    Ok(())
}

/// Puts hits that rank equal in an order that does not depend on where
/// the index happened to store them: newer first, then by path. Copies of
/// one story often score exactly alike, and which one leads its story
/// must not change from one indexing run to the next.
fn settle_ties(
    searcher: &tantivy::Searcher,
    sort: Sort,
    docs: &mut [(f32, DocAddress)],
) -> Result<()> {
    // Ranked by score alone, a list without two equal scores has no tie to
    // settle, and most have none: no fast field is read for them.
    let tied = |pair: &[(f32, DocAddress)]| pair[0].0 == pair[1].0;
    if docs.len() < 2 || (sort == Sort::Relevance && !docs.windows(2).any(tied)) {
        return Ok(());
    }
    let mut columns = HashMap::new();
    let mut keyed = Vec::with_capacity(docs.len());
    for &(score, address) in docs.iter() {
        let (dates, paths) = match columns.entry(address.segment_ord) {
            Entry::Occupied(open) => open.into_mut(),
            Entry::Vacant(slot) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                slot.insert((
                    fast.date(schema::names::DATE).ok(),
                    fast.str(schema::names::PATH)?,
                ))
            }
        };
        let date = dates
            .as_ref()
            .and_then(|c| c.first(address.doc_id))
            .map(|d| d.into_timestamp_secs());
        let mut path = String::new();
        if let Some(paths) = paths
            && let Some(ord) = paths.term_ords(address.doc_id).next()
        {
            paths
                .ord_to_str(ord, &mut path)
                .map_err(tantivy::TantivyError::from)?;
        }
        keyed.push((score, address, date, path));
    }
    // Undated articles go last in every order.
    let by_date = |a: Option<i64>, b: Option<i64>, newest: bool| match (a, b) {
        (Some(a), Some(b)) if newest => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    };
    keyed.sort_by(|a, b| {
        let by_score = b.0.total_cmp(&a.0);
        let order = match sort {
            Sort::Relevance => by_score.then(by_date(a.2, b.2, true)),
            Sort::Newest => by_date(a.2, b.2, true).then(by_score),
            Sort::Oldest => by_date(a.2, b.2, false).then(by_score),
        };
        order.then_with(|| a.3.cmp(&b.3))
    });
    for (slot, (score, address, ..)) in docs.iter_mut().zip(keyed) {
        *slot = (score, address);
    }
    Ok(())
}
