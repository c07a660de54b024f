//! Any string as a query: parsing, compiling and searching a small index
//! must not panic; a parse error must point inside the query.
#![no_main]

use std::sync::OnceLock;

use byline::{ArticleIndex, SearchRequest, Searcher};
use libfuzzer_sys::fuzz_target;

fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        let index = ArticleIndex::create_in_ram();
        let mut writer = index.writer(15_000_000).expect("writer");
        let text = "Five Eyes\n\nThe five eyes partners met about Huawei in 2020.";
        let file = byline::ingest::parse_bytes("/f/a.txt".as_ref(), text.as_bytes())
            .expect("parses")
            .expect("article");
        writer.upsert(&file.articles[0]).expect("adds");
        writer.commit().expect("commits");
        Searcher::new(&index).expect("searcher")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    if let Err(e) = byline::search::query::parse(query) {
        assert!(e.column >= 1 && e.column <= query.chars().count() + 1);
        return;
    }
    let _ = searcher().search(&SearchRequest::new(query));
});
