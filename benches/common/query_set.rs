//! The fixed query set that `benches/engine.rs` (criterion) and
//! `examples/bench_queries.rs` time in process, and `benches/scale.py` runs
//! whole-process: one term, two terms, a phrase, a prefix, a date filter and
//! newest first.

use byline::search::{Filters, Sort};

/// (label, query, filters, sort); the date filter keeps articles from `since` on.
pub fn queries(since: &str) -> Vec<(&'static str, &'static str, Filters, Sort)> {
    let since = byline::search::query::date_span(since).map(|s| s.0);
    vec![
        ("one term", "oil", Filters::default(), Sort::Relevance),
        (
            "two terms",
            "oil prices",
            Filters::default(),
            Sort::Relevance,
        ),
        (
            "phrase",
            "\"interest rates\"",
            Filters::default(),
            Sort::Relevance,
        ),
        ("prefix", "compan*", Filters::default(), Sort::Relevance),
        (
            "date filter",
            "oil",
            Filters {
                since,
                ..Filters::default()
            },
            Sort::Relevance,
        ),
        ("sort newest", "oil", Filters::default(), Sort::Newest),
    ]
}
