//! In-process timings with criterion: extraction per format, text analysis, and query
//! latency (top 10 with snippets, and counts) for the fixed query set that
//! `benches/scale.py` also runs whole-process.
//!
//! ```sh
//! cargo bench --bench engine                      # index built in memory from Reuters-21578 (or the sample corpus)
//! BYLINE_BENCH_INDEX=/tmp/byline-bench/index-100000 cargo bench --bench engine -- query
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/query_set.rs"]
mod query_set;

use byline::index::FileState;
use byline::ingest::{self, Found, ReadOptions};
use byline::{ArticleIndex, SearchRequest, Searcher};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every article under `root`, read as `byline index` would.
fn read_all(root: &Path) -> Vec<byline::Article> {
    let options = ReadOptions::default();
    ingest::walk(&[root.to_path_buf()], false)
        .filter_map(|found| match found {
            Found::File(path) => ingest::read_file(&path, &options).ok().flatten(),
            Found::Problem(_) => None,
        })
        .flat_map(|file| file.articles)
        .collect()
}

/// The index to query: `BYLINE_BENCH_INDEX`, else one built in memory.
fn index() -> ArticleIndex {
    if let Some(dir) = std::env::var_os("BYLINE_BENCH_INDEX") {
        return ArticleIndex::open(Path::new(&dir)).expect("BYLINE_BENCH_INDEX is a byline index");
    }
    let reuters = repo().join("../shared/corpora/reuters-21578");
    let source = if reuters.is_dir() {
        reuters
    } else {
        repo().join("sample-corpus")
    };
    let index = ArticleIndex::create_in_ram();
    let mut writer = index.writer(128 << 20).expect("writer");
    for article in read_all(&source) {
        writer
            .add(&article, &FileState::default())
            .expect("article added");
    }
    writer.commit().expect("commit");
    writer.finish().expect("merges");
    index
}

fn extraction(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    for (label, rel) in [
        ("text (seed)", "sample-corpus/text/000_abee573b57598475.txt"),
        (
            "html page",
            "sample-corpus/html/wikinews-united-states-military-kills-qasem-soleimani.html",
        ),
        (
            "json export",
            "sample-corpus/json/wikinews-scraper-export.json",
        ),
    ] {
        let path = repo().join(rel);
        let bytes = std::fs::read(&path).expect("sample file");
        group.throughput(criterion::Throughput::Bytes(bytes.len() as u64));
        group.bench_function(label, |b| {
            b.iter(|| ingest::parse_bytes(&path, black_box(&bytes)).expect("parses"))
        });
    }
    group.finish();
}

/// Headline/body analysis of the corpus's bodies: tantivy's stock filters
/// against byline's analyser (the same tokens, stems remembered), and the
/// same words unstemmed: the floor a stemmer adds to.
fn analysis(c: &mut Criterion) {
    use byline::index::schema::{name_analyzer, stock_text_analyzer, text_analyzer};
    let reuters = repo().join("../shared/corpora/reuters-21578");
    let source = if reuters.is_dir() {
        reuters
    } else {
        repo().join("sample-corpus")
    };
    let bodies: Vec<String> = read_all(&source)
        .into_iter()
        .take(2_000)
        .map(|a| a.body)
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let mut group = c.benchmark_group("analyse");
    group.throughput(criterion::Throughput::Bytes(bytes as u64));
    for (label, mut analyzer) in [
        ("stock stemmer", stock_text_analyzer()),
        ("byline (memo)", text_analyzer()),
        ("no stemming (floor)", name_analyzer()),
        ("tantivy's SimpleTokenizer, no stemming", simple_words()),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut n = 0usize;
                for body in &bodies {
                    analyzer
                        .token_stream(black_box(body))
                        .process(&mut |t| n += t.text.len());
                }
                n
            })
        });
    }
    group.finish();
}

/// The floor's filters behind tantivy's own tokenizer: what byline's
/// tokenizer (East Asian text in pairs) costs beside it.
fn simple_words() -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    };
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn queries(c: &mut Criterion) {
    let index = index();
    let searcher = Searcher::new(&index).expect("searcher");
    // Reuters-21578 runs from February 1987; generated corpora span decades.
    let since = if std::env::var_os("BYLINE_BENCH_INDEX").is_some() {
        "2000"
    } else {
        "1987-03"
    };
    let set = query_set::queries(since);
    let mut group = c.benchmark_group("query");
    for (label, query, filters, sort) in set {
        let request = SearchRequest {
            query: query.into(),
            filters,
            sort,
            ..SearchRequest::new("")
        };
        group.bench_function(format!("{label}, top 10 + snippets"), |b| {
            b.iter(|| searcher.search(black_box(&request)).expect("searches"))
        });
        group.bench_function(format!("{label}, count"), |b| {
            b.iter(|| searcher.count(black_box(&request)).expect("counts"))
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, analysis, queries);
criterion_main!(benches);
