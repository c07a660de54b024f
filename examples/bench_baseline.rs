//! The baseline for `benches/scale.py`: a bare tantivy `IndexWriter` adding
//! the same articles, already extracted, with byline's schema and analysers,
//! writer memory and threads — no walking, decoding, normalising, language
//! detection or duplicate checks. byline's indexing time is reported as a
//! ratio to this.
//!
//! Headline and body are analysed with tantivy's stock filters
//! (`stock_text_analyzer`: the same tokens byline makes, each word stemmed
//! afresh), so the baseline is tantivy as it comes. `BASELINE_ANALYZER=byline`
//! uses byline's own analyser (which remembers stems) instead.
//!
//! ```sh
//! cargo run --release --example bench_baseline -- articles.jsonl /tmp/baseline-index
//! ```

use std::io::BufRead;
use std::time::Instant;

use byline::{Article, ArticleIndex};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: bench_baseline ARTICLES.jsonl INDEX_DIR");
        std::process::exit(2);
    };
    let memory: usize = args
        .next()
        .map_or(Ok(byline::index::DEFAULT_MEMORY_BUDGET), |m| m.parse())?;
    let dir = std::path::PathBuf::from(dir);
    let _ = std::fs::remove_dir_all(&dir);
    let index = ArticleIndex::create(&dir)?;
    if std::env::var("BASELINE_ANALYZER").as_deref() != Ok("byline") {
        index.tantivy().tokenizers().register(
            byline::index::schema::TEXT_ANALYZER,
            byline::index::schema::stock_text_analyzer(),
        );
    }
    let mut writer = index.writer(memory)?;
    let start = Instant::now();
    let file = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&input)?);
    let mut n = 0usize;
    for line in file.lines() {
        let line = line?;
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let article = Article {
            id: format!("{n:016x}"),
            title: text("title"),
            authors: v["author"]
                .as_str()
                .map(|a| vec![a.to_string()])
                .unwrap_or_default(),
            date: v["date"]
                .as_str()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                .map(|d| d.to_utc()),
            utc_offset: None,
            body: text("body"),
            url: v["url"].as_str().map(str::to_string),
            site: None,
            lang: Some("en".into()),
            tags: Vec::new(),
            path: std::path::PathBuf::from(&input),
            ordinal: n,
        };
        writer.add(&article, &byline::index::FileState::default())?;
        n += 1;
    }
    writer.commit()?;
    writer.finish()?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{{\"articles\": {n}, \"seconds\": {secs:.3}, \"articles_per_second\": {:.0}}}",
        n as f64 / secs
    );
    Ok(())
}
