//! Property tests: no reader, parser or renderer panics on arbitrary input.

use std::path::Path;

use byline::search::query;
use byline::{ArticleIndex, SearchRequest, Searcher};
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.csv",
    "a.tsv",
    "a.sgm",
    "a.html.gz",
    "noext",
    "a.xml",
    "a.mhtml",
    "a.rss",
    "a.atom",
    "a.webarchive",
    "a.eml",
];

/// Feeds, messages and saved-page archives with arbitrary pieces in their fields.
fn wrapped_soup() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z ,.éü0-9:\"'<>/=&;-]{0,60}";
    (0..4usize, text, text, text).prop_map(|(shape, a, b, c)| match shape {
        0 => format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{a}</title>\
             <item><title>{b}</title><pubDate>{c}</pubDate><description>{a}{c}</description>\
             <author>{b}</author></item></channel></rss>"
        ),
        1 => format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">{a}</title>\
             <published>{c}</published><content type=\"html\">{b}</content></entry></feed>"
        ),
        2 => format!(
            "From: {a} <{b}>\r\nSubject: {c}\r\nMessage-ID: <{a}>\r\nDate: {b}\r\n\
             Content-Type: multipart/alternative; boundary=\"{c}\"\r\n\r\n--{c}\r\n\
             Content-Type: text/html; charset={a}\r\nContent-Transfer-Encoding: base64\r\n\r\n{b}\r\n--{c}--"
        ),
        _ => format!(
            "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; \
             boundary=\"{c}\"\r\n\r\n--{c}\r\nContent-Type: text/html; charset={a}\r\n\
             Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {b}\r\n\r\n{b}=\r\n{a}\r\n--{c}--\r\n"
        ),
    })
}

fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<article class=\"story-body\">".to_string()),
        Just("<nav><a href=x>menu</a></nav>".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
                .to_string()
        ),
        Just("</script>".to_string()),
        Just("<meta property=\"article:published_time\" content=\"".to_string()),
        Just("<h1>".to_string()),
        Just("<time datetime=\"2020-01-30\">".to_string()),
        Just("&amp;&#x1F62D;&#xFFFFFFFF;&bull;".to_string()),
        "[a-zA-Z ,.éü0-9:\"'<>/=-]{0,40}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), name in prop::sample::select(NAMES)) {
        let _ = byline::ingest::parse_bytes(Path::new(name), &bytes);
    }

    #[test]
    fn readers_never_panic_on_text(text in "\\PC{0,400}", name in prop::sample::select(NAMES)) {
        let _ = byline::ingest::parse_bytes(Path::new(name), text.as_bytes());
    }

    #[test]
    fn feed_and_archive_readers_never_panic(file in wrapped_soup()) {
        let _ = byline::ingest::parse_bytes(Path::new("f"), file.as_bytes());
    }

    #[test]
    fn safari_archives_damaged_anywhere_never_panic(
        page in "[a-zA-Z <>/=\"é]{0,80}",
        mime in "(text/html|image/png|[a-z/]{0,12})",
        encoding in "(UTF-8|windows-1252|[a-z0-9-]{0,12})",
        damage in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = safari_archive(&page, &mime, &encoding);
        for (at, byte) in damage {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        let keep = bytes.len() - cut.index(bytes.len() / 2 + 1);
        bytes.truncate(keep);
        let _ = byline::ingest::parse_bytes(Path::new("a.webarchive"), &bytes);
        let _ = byline::ingest::parse_bytes(Path::new("f"), &bytes);
    }

    #[test]
    fn html_reader_never_panics_on_tag_soup(page in tag_soup()) {
        if let Ok(Some(file)) = byline::ingest::parse_bytes(Path::new("p.html"), page.as_bytes()) {
            for a in &file.articles {
                prop_assert!(!a.body.contains("\n\n\n"));
                prop_assert!(a.date.is_none_or(|d| d.timestamp() > -5_364_662_400));
            }
        }
    }

    #[test]
    fn dates_parse_or_not_but_never_panic(text in "\\PC{0,60}") {
        if let Some(d) = byline::ingest::date::parse_date(&text) {
            prop_assert!(chrono::Datelike::year(&d) >= 1800);
        }
        let _ = byline::ingest::date::find_date(&text);
    }

    #[test]
    fn query_parser_never_panics_and_errors_point_inside_the_query(q in "\\PC{0,60}") {
        match query::parse(&q) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.column >= 1 && e.column <= q.chars().count() + 1, "{e} for {q:?}"),
        }
    }

    #[test]
    fn query_language_soup_searches_without_error(q in "(five|eyes|huaw\\*|huawie~1|\"five eyes\"~2|title:|author:|date:2020|date:\\[2020 TO 2021\\]|site:x.com|OR|-| |\\(|\\)|tag:a)*") {
        let index = sample_index();
        let searcher = Searcher::new(&index).expect("searcher");
        match searcher.search(&SearchRequest::new(q.clone())) {
            Ok(results) => prop_assert!(results.hits.len() <= results.total),
            Err(byline::Error::Query(_)) => {}
            Err(other) => prop_assert!(false, "{q:?}: {other}"),
        }
    }

    #[test]
    fn snippets_are_valid_for_any_text(text in "\\PC{0,500}", word in "[a-zé]{1,8}") {
        let index = sample_index();
        let searcher = Searcher::new(&index).expect("searcher");
        let _ = searcher;
        let mut analyzer = byline::index::schema::text_analyzer();
        let mut matcher = byline::search::highlight::Matcher::default();
        matcher.exact.insert(word.clone());
        matcher.prefixes.push(word.clone());
        let s = byline::search::highlight::snippet(&text, &matcher, &mut analyzer, 200);
        for r in &s.highlights {
            prop_assert!(s.text.is_char_boundary(r.start) && s.text.is_char_boundary(r.end) && r.start < r.end);
        }
        prop_assert!(s.text.chars().count() <= 260);
    }
}

/// A binary Safari web archive of `page`.
fn safari_archive(page: &str, mime: &str, encoding: &str) -> Vec<u8> {
    use plist::{Dictionary, Value};
    let mut main = Dictionary::new();
    main.insert(
        "WebResourceData".into(),
        Value::Data(page.as_bytes().to_vec()),
    );
    main.insert("WebResourceMIMEType".into(), Value::String(mime.into()));
    main.insert(
        "WebResourceTextEncodingName".into(),
        Value::String(encoding.into()),
    );
    main.insert(
        "WebResourceURL".into(),
        Value::String("https://news.example/a".into()),
    );
    let mut root = Dictionary::new();
    root.insert("WebMainResource".into(), Value::Dictionary(main));
    root.insert("WebSubresources".into(), Value::Array(Vec::new()));
    let mut bytes = Vec::new();
    Value::Dictionary(root)
        .to_writer_binary(&mut bytes)
        .expect("archive written");
    bytes
}

fn sample_index() -> ArticleIndex {
    let index = ArticleIndex::create_in_ram();
    let mut writer = index.writer(15_000_000).expect("writer");
    for (i, text) in [
        "Five Eyes\n\nThe five eyes partners met about Huawei.",
        "Other story\n\nNothing to see here.",
    ]
    .iter()
    .enumerate()
    {
        let file = byline::ingest::parse_bytes(Path::new(&format!("/s/{i}.txt")), text.as_bytes())
            .expect("parses")
            .expect("article");
        writer.upsert(&file.articles[0]).expect("adds");
    }
    writer.commit().expect("commits");
    index
}

/// The sample corpus in an in-memory index of several segments (one commit
/// per folder), as a large index has.
fn segmented_sample_index() -> ArticleIndex {
    let index = ArticleIndex::create_in_ram();
    let mut writer = index.writer(15_000_000).expect("writer");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for folder in ["text", "html", "json"] {
        for found in byline::ingest::walk(&[corpus.join(folder)], false) {
            let byline::ingest::Found::File(path) = found else {
                panic!("walks the sample corpus");
            };
            let options = byline::ingest::ReadOptions::default();
            if let Some(file) = byline::ingest::read_file(&path, &options).expect("reads") {
                for article in &file.articles {
                    writer.upsert(article).expect("adds");
                }
            }
        }
        writer.commit().expect("commits");
    }
    index
}

#[test]
fn searching_segments_on_several_threads_changes_no_answer() {
    let index = segmented_sample_index();
    let segments = index.tantivy().searchable_segment_ids().expect("segments");
    assert!(segments.len() >= 3, "{} segments", segments.len());
    // An index this small is searched on the calling thread.
    assert_eq!(index.search_threads().expect("threads"), 1);
    let one = Searcher::with_threads(&index, 1).expect("searcher");
    let two = Searcher::with_threads(&index, 2).expect("searcher");
    let requests = [
        SearchRequest::new("Five Eyes"),
        SearchRequest::new("\"prime minister\""),
        SearchRequest::new("parliament OR coronavirus"),
        SearchRequest::new("united st*"),
        SearchRequest {
            sort: byline::search::Sort::Newest,
            ..SearchRequest::new("the")
        },
        SearchRequest {
            limit: 3,
            offset: 2,
            ..SearchRequest::new("the")
        },
    ];
    let mut found = 0;
    for request in &requests {
        let a = one.search(request).expect("searches");
        let b = two.search(request).expect("searches");
        let ids =
            |r: &byline::SearchResults| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(a.total, b.total, "{}", request.query);
        assert_eq!(ids(&a), ids(&b), "{}", request.query);
        let snippets = |r: &byline::SearchResults| {
            r.hits
                .iter()
                .map(|h| h.snippet.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(snippets(&a), snippets(&b), "{}", request.query);
        assert_eq!(one.count(request).expect("counts"), a.total);
        assert_eq!(two.count(request).expect("counts"), b.total);
        found += a.total;
    }
    // The requests match something, so equal answers are not equally empty.
    assert!(found > 20, "{found}");
}
