//! `byline extract`: every format normalised into the same record.

mod common;

use common::{TestEnv, repo};
use serde_json::Value;

const SEED: &str = "sample-corpus/text/000_abee573b57598475.txt";

fn one(records: &[Value]) -> &Value {
    assert_eq!(records.len(), 1, "expected one article, got {records:#?}");
    &records[0]
}

#[test]
fn seed_yields_exactly_its_facts() {
    let env = TestEnv::new();
    let records = env.extract(&repo().join(SEED));
    let a = one(&records);
    assert_eq!(
        a["title"],
        "US won't share intelligence with the UK after Huawei decision, Mike Pompeo suggests"
    );
    assert_eq!(a["author"], "Fiona Jones");
    assert_eq!(a["date"], "2020-01-30T16:46:00Z");
    assert_eq!(a["url"], Value::Null);
    assert_eq!(a["lang"], "en", "detected from the text");
    let body = a["body"].as_str().expect("body is text");
    assert!(body.starts_with(
        "US Secretary of State Mike Pompeo suggests the US will not share intelligence with the UK"
    ));
    assert!(body.ends_with("\"We would certainly never put American information in a place that we don't deem it safe,\" the US Secretary for State said."));
    for furniture in [
        "More Latest News",
        "See more",
        "Netanyahu",
        "Timberlake",
        "Picture: PA/LBC",
        "Exclusive",
        "By Fiona Jones",
        "30 January 2020",
    ] {
        assert!(!body.contains(furniture), "body contains {furniture:?}");
    }
    // Paragraphs are separated by one blank line and the repeated caption is gone.
    assert_eq!(body.split("\n\n").count(), 14, "{body}");
}

#[test]
fn extract_keys_are_the_documented_ones() {
    let env = TestEnv::new();
    let records = env.extract(&repo().join(SEED));
    let keys: Vec<&str> = one(&records)
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "path",
        "title",
        "author",
        "date",
        "local_date",
        "body",
        "url",
        "site",
        "lang",
    ] {
        assert!(keys.contains(&key), "missing {key} in {keys:?}");
    }
}

#[test]
fn simple_text_layout_title_then_body() {
    let env = TestEnv::new();
    let path = env.write(
        "business/001.txt",
        "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).\n\nIts profits were buoyed by one-off gains.\n",
    );
    let records = env.extract(&path);
    let a = one(&records);
    assert_eq!(a["title"], "Ad sales boost Time Warner profit");
    assert_eq!(a["author"], Value::Null);
    assert_eq!(a["date"], Value::Null);
    assert_eq!(
        a["body"],
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).\n\nIts profits were buoyed by one-off gains."
    );
}

#[test]
fn text_with_a_stray_latin1_byte_is_read_whole() {
    let env = TestEnv::new();
    let path = env.write(
        "sport/199.txt",
        b"Title here\n\nHe paid \xa310m for the club, a \xc2\xa31m bonus too.\n".as_slice(),
    );
    let records = env.extract(&path);
    assert_eq!(
        one(&records)["body"],
        "He paid £10m for the club, a £1m bonus too."
    );
}

#[test]
fn html_page_metadata_and_body_without_furniture() {
    let env = TestEnv::new();
    let path = env.write(
        "page.html",
        r##"<!doctype html><html lang="en-GB"><head>
        <meta charset="utf-8">
        <title>Pompeo warns UK over Huawei | LBC</title>
        <meta property="og:site_name" content="LBC">
        <meta property="og:url" content="https://www.lbc.co.uk/news/pompeo-huawei/">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Pompeo warns UK over Huawei","datePublished":"2020-01-30T16:46:00+00:00",
          "author":[{"@type":"Person","name":"Fiona Jones"},{"@type":"Person","name":"Ann Smith"}]}</script>
        <style>.x{color:red}</style></head>
        <body><nav><a href="/">Home</a><a href="/news">News</a></nav>
        <article><h1>Pompeo warns UK over Huawei</h1>
          <div class="share"><a href="#">Share on Twitter</a></div>
          <p>US Secretary of State Mike Pompeo suggests the US will not share intelligence with the UK, after the decision on Huawei, in an interview.</p>
          <p>"We would certainly never put American information in a place that we don't deem it safe," he said, on Thursday, to Iain.</p>
          <figure><img src="p.jpg"><figcaption>Mike Pompeo. Picture: PA</figcaption></figure>
        </article>
        <aside class="related"><h2>More Latest News</h2><ul><li><a href="/a">Netanyahu meets Trump at Mar-a-Lago</a></li></ul></aside>
        <footer>© Global Media</footer><script>var ad = "Timberlake";</script>
        </body></html>"##,
    );
    let records = env.extract(&path);
    let a = one(&records);
    assert_eq!(a["title"], "Pompeo warns UK over Huawei");
    assert_eq!(a["author"], "Fiona Jones; Ann Smith");
    assert_eq!(a["date"], "2020-01-30T16:46:00Z");
    assert_eq!(a["url"], "https://www.lbc.co.uk/news/pompeo-huawei/");
    assert_eq!(a["site"], "lbc.co.uk");
    assert_eq!(a["lang"], "en");
    let body = a["body"].as_str().expect("body");
    assert_eq!(body.split("\n\n").count(), 2, "{body}");
    for junk in [
        "Home",
        "Share",
        "Picture",
        "Netanyahu",
        "Timberlake",
        "Global Media",
        "color",
    ] {
        assert!(!body.contains(junk), "{junk} in body: {body}");
    }
}

#[test]
fn html_in_a_legacy_encoding_is_decoded() {
    let env = TestEnv::new();
    let mut page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 soci\xe9t\xe9</title></head><body><article><p>".to_vec();
    page.extend_from_slice(b"\x93Quoted\x94 text about the caf\xe9, long enough to be the article body of this page, with commas, and more.");
    page.extend_from_slice(b"</p></article></body></html>");
    let path = env.write("latin.html", page);
    let records = env.extract(&path);
    let a = one(&records);
    assert_eq!(a["title"], "Café société");
    assert!(
        a["body"]
            .as_str()
            .is_some_and(|b| b.starts_with("\u{201c}Quoted\u{201d} text about the café"))
    );
}

#[test]
fn json_single_object_array_api_response_and_lines() {
    let env = TestEnv::new();
    let single = env.write(
        "one.json",
        r#"{"title":"One","author":{"name":"Ann Smith"},"publishedAt":"2020-01-30T16:46:00Z","body":"Body one.","url":"https://example.com/one"}"#,
    );
    let array = env.write(
        "many.json",
        r#"[{"headline":"Two","byline":"By Bob Jones and Ann Smith","pubDate":"Thu, 30 Jan 2020 16:46:00 +0000","articleBody":"Body two."},
            {"headline":"Three","creator":["Cy Twombly"],"datePublished":"30 January 2020, 16:46","content":"<p>Body</p><p>three.</p>","link":"https://example.com/three"}]"#,
    );
    let api = env.write(
        "api.json",
        r#"{"status":"ok","totalResults":1,"articles":[{"source":{"name":"Example News"},"author":"Dee Dee","title":"Four","publishedAt":"2020-01-30T16:46:00Z","content":"Body four."}]}"#,
    );
    let lines = env.write(
        "feed.jsonl",
        "{\"title\":\"Five\",\"text\":\"Body five.\",\"date\":\"Jan 30, 2020 4:46 PM\"}\n{\"title\":\"Six\",\"text\":\"Body six.\",\"authors\":[\"Eve\",\"Fay\"]}\n",
    );
    let got: Vec<Value> = [single, array, api, lines]
        .iter()
        .flat_map(|p| env.extract(p))
        .collect();
    let field = |i: usize, k: &str| got[i][k].clone();
    assert_eq!(got.len(), 6, "{got:#?}");
    assert_eq!(
        (field(0, "title"), field(0, "author")),
        ("One".into(), "Ann Smith".into())
    );
    assert_eq!(field(1, "author"), "Bob Jones; Ann Smith");
    assert_eq!(field(2, "body"), "Body\n\nthree.");
    assert_eq!(field(2, "url"), "https://example.com/three");
    assert_eq!(field(3, "site"), "example news");
    assert_eq!(field(5, "author"), "Eve; Fay");
    for i in 0..5 {
        assert_eq!(field(i, "date"), "2020-01-30T16:46:00Z", "record {i}");
    }
    assert_eq!(field(5, "date"), Value::Null);
}

#[test]
fn extract_reports_a_broken_file_and_prints_the_rest() {
    let env = TestEnv::new();
    let good = env.write("dir/good.txt", "Good title\n\nGood body.");
    env.write("dir/bad.json", "{\"title\": ");
    let out = env
        .cmd()
        .args(["extract", "--format", "jsonl"])
        .arg(good.parent().expect("dir"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("byline: "), "{stderr}");
    assert!(stderr.contains("bad.json: invalid JSON"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Good title"));
}

#[test]
fn extract_streams_json_lines_and_names_bad_lines() {
    // JSON Lines are read as a stream, in chunks: more lines than one chunk holds,
    // every good one printed in order, a broken one reported by its line number.
    let env = TestEnv::new();
    let mut text = String::new();
    for i in 0..5000 {
        if i == 2500 {
            text.push_str("{\"title\": \n");
        } else {
            text.push_str(&format!(
                "{{\"title\":\"Story {i}\",\"text\":\"Body of story {i}.\"}}\n"
            ));
        }
    }
    let feed = env.write("feed.jsonl", text);
    let out = env
        .cmd()
        .args(["extract", "--format", "jsonl"])
        .arg(&feed)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl: line 2501: invalid JSON"),
        "{stderr}"
    );
    let titles: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("one JSON object per line");
            v["title"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(titles.len(), 4999);
    assert_eq!(titles[0], "Story 0");
    assert_eq!(titles[2500], "Story 2501");
    assert_eq!(titles[4998], "Story 4999");
}

/// A page saved by a browser as one file: the page quoted-printable encoded
/// (soft line breaks, `=3D`, a windows-1252 byte) beside a style sheet and an
/// advert frame, saved from an address the page itself does not name.
const SAVED_PAGE: &str = "From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://www.example-news.co.uk/world/reef-survey\r\n\
Subject: Reef survey\r\n\
Date: Tue, 1 Dec 2026 09:00:00 -0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--x1----\"\r\n\
\r\n\
\r\n\
------MultipartBoundary--x1----\r\n\
Content-Type: text/html\r\n\
Content-ID: <frame-1@mhtml.blink>\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://ads.example.com/frame\r\n\
\r\n\
<html><body><p>Buy a boat today</p></body></html>\r\n\
------MultipartBoundary--x1----\r\n\
Content-Type: text/html; charset=windows-1252\r\n\
Content-ID: <frame-2@mhtml.blink>\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://www.example-news.co.uk/world/reef-survey\r\n\
\r\n\
<html lang=3D\"en\"><head><title>Divers count the reef=92s fish</title>\r\n\
<meta name=3D\"author\" content=3D\"Ana Lima\">\r\n\
<meta property=3D\"article:published_time\" content=3D\"2024-03-05T10:00:00Z\">\r\n\
</head><body><nav>Home | World | Sport</nav><article><h1>Divers count the reef=92s fish</h1>\r\n\
<p>Volunteer divers counted more than four thousand parrotfish on the outer re=\r\n\
ef this week, the largest number since the survey began.</p>\r\n\
<p>The survey=92s organisers said warmer water had not yet harmed the coral =\r\n\
on the northern slope, though they would return in the autumn to check.</p>\r\n\
</article></body></html>\r\n\
------MultipartBoundary--x1----\r\n\
Content-Type: text/css\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: cid:css-1@mhtml.blink\r\n\
\r\n\
p { color: black; }\r\n\
------MultipartBoundary--x1------\r\n";

/// The record of the reef page however it was saved: its metadata, the
/// address it was saved from, its two paragraphs and none of `noise`.
fn assert_is_the_reef_page(a: &Value, noise: &[&str]) {
    assert_eq!(a["title"], "Divers count the reef\u{2019}s fish");
    assert_eq!(a["author"], "Ana Lima");
    assert_eq!(a["date"], "2024-03-05T10:00:00Z");
    assert_eq!(
        a["url"], "https://www.example-news.co.uk/world/reef-survey",
        "the address it was saved from"
    );
    assert_eq!(a["site"], "example-news.co.uk");
    let body = a["body"].as_str().expect("body");
    assert!(
        body.starts_with("Volunteer divers counted more than four thousand parrotfish on the outer reef this week"),
        "{body}"
    );
    assert!(body.contains("The survey\u{2019}s organisers"), "{body}");
    for noise in noise {
        assert!(!body.contains(noise), "body holds {noise:?}: {body}");
    }
}

#[test]
fn a_page_saved_as_one_file_is_read_as_the_page() {
    let env = TestEnv::new();
    let saved = env.write("Reef survey.mhtml", SAVED_PAGE);
    assert_is_the_reef_page(
        one(&env.extract(&saved)),
        &["=3D", "=92", "Buy a boat", "color: black", "Home | World"],
    );
    // Indexed and found like any page.
    env.index(&[&saved]);
    let hits = env.search_json("parrotfish");
    assert_eq!(hits["total"], 1);
    assert_eq!(
        hits["hits"][0]["title"],
        "Divers count the reef\u{2019}s fish"
    );
}

#[test]
fn a_saved_archive_without_a_page_is_reported_and_skipped() {
    let env = TestEnv::new();
    let broken = env.write(
        "images.mht",
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n",
    );
    let out = env
        .cmd()
        .args(["extract", "--format", "jsonl"])
        .arg(&broken)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("images.mht: MHTML archive holds no HTML page"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// A Safari web archive (binary property list) of the same page: its bytes in
/// windows-1252 as Safari stores them, a style sheet and image beside it, and
/// an advert frame as a subframe archive.
fn safari_archive() -> Vec<u8> {
    use plist::{Dictionary, Value as P};
    fn resource(mime: &str, encoding: Option<&str>, url: &str, data: &[u8]) -> P {
        let mut d = Dictionary::new();
        d.insert("WebResourceData".into(), P::Data(data.to_vec()));
        d.insert("WebResourceFrameName".into(), P::String(String::new()));
        d.insert("WebResourceMIMEType".into(), P::String(mime.into()));
        if let Some(encoding) = encoding {
            d.insert(
                "WebResourceTextEncodingName".into(),
                P::String(encoding.into()),
            );
        }
        d.insert("WebResourceURL".into(), P::String(url.into()));
        P::Dictionary(d)
    }
    let page = b"<html lang=\"en\"><head><title>Divers count the reef\x92s fish</title>\
<meta name=\"author\" content=\"Ana Lima\">\
<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\"></head>\
<body><nav>Home | World | Sport</nav><article><h1>Divers count the reef\x92s fish</h1>\
<p>Volunteer divers counted more than four thousand parrotfish on the outer reef this week, \
the largest number since the survey began.</p>\
<p>The survey\x92s organisers said warmer water had not yet harmed the coral on the northern \
slope, though they would return in the autumn to check.</p></article></body></html>";
    let mut advert = Dictionary::new();
    advert.insert(
        "WebMainResource".into(),
        resource(
            "text/html",
            Some("UTF-8"),
            "https://ads.example.com/frame",
            b"<html><body><p>Buy a boat today</p></body></html>",
        ),
    );
    let mut root = Dictionary::new();
    root.insert(
        "WebMainResource".into(),
        resource(
            "text/html",
            Some("windows-1252"),
            "https://www.example-news.co.uk/world/reef-survey",
            page,
        ),
    );
    root.insert(
        "WebSubresources".into(),
        P::Array(vec![
            resource(
                "text/css",
                None,
                "https://www.example-news.co.uk/site.css",
                b"p { color: black; }",
            ),
            resource(
                "image/jpeg",
                None,
                "https://www.example-news.co.uk/reef.jpg",
                b"\xff\xd8\xff\xe0",
            ),
        ]),
    );
    root.insert(
        "WebSubframeArchives".into(),
        P::Array(vec![P::Dictionary(advert)]),
    );
    let mut out = Vec::new();
    P::Dictionary(root)
        .to_writer_binary(&mut out)
        .expect("archive written");
    out
}

#[test]
fn a_page_saved_by_safari_is_read_as_the_page() {
    let env = TestEnv::new();
    let bytes = safari_archive();
    // Named as Safari names it, and under a name that says nothing.
    for name in ["Reef survey.webarchive", "reef-survey"] {
        let saved = env.write(name, &bytes);
        assert_is_the_reef_page(
            one(&env.extract(&saved)),
            &["Buy a boat", "color: black", "Home | World", "WebResource"],
        );
    }
    let saved = env.write("saved/Reef survey.webarchive", &bytes);
    env.index(&[&saved]);
    let hits = env.search_json("parrotfish");
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["hits"][0]["site"], "example-news.co.uk");
}

#[test]
fn a_safari_archive_of_an_image_is_reported_and_skipped() {
    let env = TestEnv::new();
    let mut main = plist::Dictionary::new();
    main.insert(
        "WebResourceData".into(),
        plist::Value::Data(b"\x89PNG".to_vec()),
    );
    main.insert(
        "WebResourceMIMEType".into(),
        plist::Value::String("image/png".into()),
    );
    let mut root = plist::Dictionary::new();
    root.insert("WebMainResource".into(), plist::Value::Dictionary(main));
    let mut bytes = Vec::new();
    plist::Value::Dictionary(root)
        .to_writer_binary(&mut bytes)
        .expect("archive written");
    let image = env.write("chart.webarchive", bytes);
    let page = env.write("page.txt", "Tides\n\nThe tide came in at noon.\n");
    let out = env
        .cmd()
        .args(["index"])
        .arg(&image)
        .arg(&page)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "chart.webarchive: Safari web archive holds no HTML page (its main resource is image/png)"
        ),
        "{stderr}"
    );
    assert_eq!(
        env.search_json("tide")["total"],
        1,
        "the other file is indexed"
    );
}

#[test]
fn a_feed_cut_short_keeps_its_whole_items_and_reports_the_rest() {
    let env = TestEnv::new();
    let whole =
        std::fs::read_to_string(repo().join("tests/fixtures/feeds/world.rss")).expect("fixture");
    let cut = &whole[..whole.find("The docks reopened").expect("second item")];
    let feed = env.write("world.rss", cut);
    let out = env.cmd().arg("index").arg(&feed).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("world.rss: item 2: invalid RSS feed"),
        "{stderr}"
    );
    assert_eq!(
        env.search_json("ferry")["total"],
        1,
        "the first item is kept"
    );
    assert_eq!(env.search_json("ferry")["hits"][0]["author"], "Ana Lima");
}

#[test]
fn a_saved_newsletter_is_an_article() {
    let env = TestEnv::new();
    let saved = repo().join("tests/fixtures/email/brief.eml");
    let bytes = std::fs::read(&saved).expect("fixture");
    // As the mail client saved it, and the same message under a .txt name.
    let renamed = env.write("brief.txt", &bytes);
    for path in [saved.as_path(), renamed.as_path()] {
        let records = env.extract(path);
        let a = one(&records);
        assert_eq!(
            a["title"], "Grid operators warn of winter shortfall",
            "the subject"
        );
        assert_eq!(a["author"], "Ruth Adebayo", "the byline beats the sender");
        assert_eq!(a["date"], "2026-12-02T06:00:00Z");
        assert_eq!(a["site"], "morningbrief.example", "the sender's domain");
        let body = a["body"].as_str().expect("body");
        assert!(
            body.starts_with("National grid operators said on Tuesday"),
            "{body}"
        );
        assert!(
            body.ends_with("a scheme first tried last winter."),
            "{body}"
        );
        for noise in [
            "View in browser",
            "Unsubscribe",
            "receiving this email",
            "PGh0bWw",
        ] {
            assert!(!body.contains(noise), "body holds {noise:?}: {body}");
        }
    }
    env.index(&[&saved]);
    let hits = env.search_json("nuclear plants");
    assert_eq!(hits["total"], 1);
    assert_eq!(
        hits["hits"][0]["title"],
        "Grid operators warn of winter shortfall"
    );
}

#[test]
fn every_item_of_an_rss_or_atom_feed_is_an_article() {
    let env = TestEnv::new();
    let feeds = repo().join("tests/fixtures/feeds");
    let records = env.extract_all(&[&feeds.join("world.rss"), &feeds.join("de.atom")]);
    assert_eq!(records.len(), 3, "{records:#?}");
    let ferries = &records[0];
    assert_eq!(ferries["title"], "Ferry services resume after storm");
    assert_eq!(ferries["author"], "Ana Lima");
    assert_eq!(ferries["date"], "2026-12-01T07:30:00Z");
    assert_eq!(ferries["local_date"], "2026-12-01T08:30:00+01:00");
    assert_eq!(
        ferries["url"],
        "https://news.example.org/world/ferries-resume"
    );
    assert_eq!(ferries["lang"], "en");
    assert_eq!(ferries["tags"], serde_json::json!(["transport"]));
    // The full content, not the summary, as paragraphs without markup.
    assert_eq!(
        ferries["body"],
        "Ferry services to the islands resumed on Tuesday after the storm.\n\n\
         Operators said the backlog would clear by Friday."
    );
    let docks = &records[1];
    assert_eq!(docks["title"], "Harbour & docks reopen");
    assert_eq!(docks["author"], "Ben Okafor", "the name, not the address");
    assert_eq!(
        docks["body"],
        "The docks reopened to freight on Monday evening."
    );
    // Atom, decoded from the ISO-8859-1 it declares.
    let munich = &records[2];
    assert_eq!(munich["title"], "München baut neue Brücken");
    assert_eq!(munich["author"], "Jürgen Müller");
    assert_eq!(munich["date"], "2026-11-29T08:15:00Z");
    assert_eq!(munich["url"], "https://beispiel.de/muenchen");
    assert_eq!(munich["lang"], "de");
    // Indexed like any articles: found by word, author and language.
    env.index(&[&feeds]);
    assert_eq!(env.search_json("backlog")["total"], 1);
    let by_author = env.json(["search", "--format", "json", "--author", "jurgen muller"]);
    assert_eq!(by_author["hits"][0]["title"], "München baut neue Brücken");
    let german = env.json(["search", "--format", "json", "brücke", "--lang", "de"]);
    assert_eq!(german["total"], 1, "stemmed as German: {german}");
}

#[test]
fn a_broken_feed_is_reported_and_skipped() {
    let env = TestEnv::new();
    let broken = env.write(
        "news.rss",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Cut off",
    );
    let empty = env.write(
        "empty.atom",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Nothing yet</title></feed>",
    );
    let out = env
        .cmd()
        .args(["extract", "--format", "jsonl"])
        .arg(&broken)
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("news.rss: invalid RSS feed"), "{stderr}");
    assert!(
        stderr.contains("empty.atom: feed holds no items"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

#[test]
fn a_page_clipped_to_markdown_is_an_article_and_a_readme_is_not() {
    let env = TestEnv::new();
    let clip = env.write(
        "Clippings/Harbour wall to be rebuilt.md",
        "---\ntitle: \"Harbour wall to be rebuilt\"\nsource: \"https://example-news.com/harbour-wall\"\n\
         author:\n  - \"[[Jane Doe]]\"\npublished: 2023-03-01\ncreated: 2024-05-06\ntags:\n  - \"clippings\"\n---\n\
         # Harbour wall to be rebuilt\n\n![The old wall](https://example-news.com/wall.jpg)\n\n\
         The harbour wall that **collapsed** in the storm will be rebuilt in [stone](https://example.org/stone).\n",
    );
    env.write(
        "Clippings/README.md",
        "# My clippings\n\nNotes about this folder.\n",
    );
    let a = one(&env.extract(&clip)).clone();
    assert_eq!(a["title"], "Harbour wall to be rebuilt");
    assert_eq!(a["author"], "Jane Doe");
    assert_eq!(a["date"], "2023-03-01T00:00:00Z");
    assert_eq!(a["site"], "example-news.com");
    assert_eq!(
        a["body"],
        "The harbour wall that collapsed in the storm will be rebuilt in stone."
    );
    // Indexing the folder takes the clipping and passes over its README.
    let folder = clip.parent().unwrap().to_path_buf();
    env.index(&[folder.as_path()]);
    let hits = env.search_json("harbour");
    assert_eq!(common::titles(&hits), ["Harbour wall to be rebuilt"]);
    let none = env.search_json("clippings folder notes");
    assert!(common::titles(&none).is_empty(), "{none}");
}

#[test]
fn a_named_file_of_no_article_format_is_reported_a_folder_of_them_is_not() {
    let env = TestEnv::new();
    let logo = env.write("dir/logo.png", b"\x89PNG\r\n\x1a\n".as_slice());
    env.write("dir/story.txt", "Good title\n\nGood body.");
    let out = env.cmd().arg("extract").arg(&logo).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("logo.png: not an article format"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // In a folder it is passed over quietly, like a page's images.
    let out = env
        .cmd()
        .arg("extract")
        .arg(logo.parent().expect("dir"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
