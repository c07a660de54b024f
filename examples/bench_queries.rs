//! In-process query latency for `benches/scale.py`: runs each query of a
//! fixed set many times against an index and prints p50/p95 in milliseconds,
//! top 10 with snippets (as `byline search` does), and the same for counts.
//!
//! ```sh
//! cargo run --release --example bench_queries -- INDEX_DIR [ROUNDS]
//! ```

use std::time::Instant;

#[path = "../benches/common/query_set.rs"]
mod query_set;

use byline::{ArticleIndex, SearchRequest, Searcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: bench_queries INDEX_DIR [ROUNDS]")?;
    let rounds: usize = std::env::args().nth(2).map_or(Ok(50), |r| r.parse())?;
    let index = ArticleIndex::open(dir.as_ref())?;
    let searcher = Searcher::new(&index)?;
    let mut out = Vec::new();
    for (label, query, filters, sort) in query_set::queries("2000") {
        let request = SearchRequest {
            query: query.into(),
            filters,
            sort,
            ..SearchRequest::new("")
        };
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let start = Instant::now();
            total = searcher.search(&request)?.total;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let mut counts = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let start = Instant::now();
            searcher.count(&request)?;
            counts.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        counts.sort_by(f64::total_cmp);
        let p = |v: &[f64], q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        out.push(format!(
            "{{\"label\": \"{label}\", \"query\": {}, \"total\": {total}, \"p50_ms\": {:.3}, \"p95_ms\": {:.3}, \"count_p50_ms\": {:.3}}}",
            serde_json::json!(query),
            p(&times, 0.5),
            p(&times, 0.95),
            p(&counts, 0.5)
        ));
    }
    println!("[{}]", out.join(",\n"));
    Ok(())
}
