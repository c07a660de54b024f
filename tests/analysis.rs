//! Filters, dates, sorting, output formats, batches, show, stats and
//! similar, through the binary, on a fixture desk with known facts
//! (tests/fixtures/desk).

mod common;

use common::{TestEnv, repo, titles};
use predicates::prelude::*;
use serde_json::Value;

fn desk() -> TestEnv {
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/desk")]);
    env
}

fn search(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--format", "json", "-n", "100"];
    all.extend_from_slice(args);
    titles(&env.json(&all))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn strings(v: &[&str]) -> Vec<String> {
    sorted(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn newswire_and_csv_archives_are_read() {
    let env = desk();
    let out = env
        .cmd()
        .args(["extract", "--format", "jsonl"])
        .arg(repo().join("tests/fixtures/desk/archive.sgm"))
        .output()
        .expect("runs");
    let stories: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0]["title"], "COCOA ZONE WEEKLY REVIEW");
    assert_eq!(stories[0]["author"], "Ann Writer");
    assert_eq!(stories[0]["date"], "1987-02-26T15:01:01Z");
    assert_eq!(
        stories[0]["tags"],
        serde_json::json!(["cocoa", "el-salvador", "usa"])
    );
    let body = stories[0]["body"].as_str().expect("body");
    assert!(body.ends_with("will still start late this year."), "{body}");
    assert!(
        !body.contains("Reuter") && !body.contains("BC-COCOA"),
        "{body}"
    );
    assert_eq!(
        stories[1]["title"],
        "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"
    );
    assert_eq!(search(&env, &["tag:cocoa"]), ["COCOA ZONE WEEKLY REVIEW"]);
    assert_eq!(
        sorted(search(&env, &["navalny"])),
        strings(&[
            "Germany says Navalny poisoned with Novichok",
            "Russia's Navalny airlifted to Germany"
        ])
    );
}

#[test]
fn author_filter_ignores_case_and_accents_and_matches_any_author() {
    let env = desk();
    assert_eq!(
        sorted(search(&env, &["--author", "fiona JONES"])),
        strings(&[
            "Huawei gets limited 5G role in UK",
            "Pompeo warns over Five Eyes"
        ])
    );
    assert_eq!(
        search(&env, &["--author", "Jose Muller"]),
        ["Huawei ban debated in Germany"]
    );
    assert_eq!(search(&env, &["--author", "Ann Smith"]).len(), 3);
    assert_eq!(
        search(&env, &["huawei", "--author", "ann smith"]),
        ["Huawei ban debated in Germany"]
    );
    assert_eq!(
        search(
            &env,
            &["--author", "Frederic Dupont", "--author", "Bob Jones"]
        )
        .len(),
        2
    );
    // The same in the query language.
    assert_eq!(
        sorted(search(&env, &["author:\"Fiona Jones\""])),
        sorted(search(&env, &["--author", "Fiona Jones"]))
    );
}

#[test]
fn an_author_named_without_the_initials_the_article_prints_is_found() {
    let env = TestEnv::new();
    let feed = env.write(
        "names.jsonl",
        [
            r#"{"title": "Harbour report", "author": "Ann B. Smith", "body": "Harbour."}"#,
            r#"{"title": "Memoir review", "author": "George H. W. Bush", "body": "Memoir."}"#,
            r#"{"title": "Two writers", "authors": ["Mary Ann", "B. Smith"], "body": "Two."}"#,
            r#"{"title": "Full middle name", "author": "Ann Bertha Smith", "body": "Full."}"#,
        ]
        .join("\n"),
    );
    env.index(&[&feed]);
    assert_eq!(search(&env, &["--author", "Ann Smith"]), ["Harbour report"]);
    assert_eq!(
        sorted(search(&env, &["--author", "ann b smith"])),
        strings(&["Full middle name", "Harbour report"]),
        "the initial B stands for Bertha too"
    );
    assert_eq!(
        search(&env, &["--author", "George Bush"]),
        ["Memoir review"]
    );
    assert_eq!(
        search(&env, &["--author", "George W. Bush"]),
        ["Memoir review"]
    );
    // The same in the query language.
    assert_eq!(search(&env, &["author:\"Ann Smith\""]), ["Harbour report"]);
    // Words of two authors never make one name ("Mary Ann" and "B. Smith"
    // are not "Ann Smith", above); part of a name still finds it, and an
    // initial typed stands for any name it begins.
    assert_eq!(
        sorted(search(&env, &["--author", "B. Smith"])),
        strings(&["Full middle name", "Harbour report", "Two writers"])
    );
    assert_eq!(
        search(&env, &["--author", "A. Smith"]),
        ["Harbour report"],
        "initials may be left out between the words, full names may not"
    );
    assert_eq!(
        search(&env, &["--author", "G. Bush"]),
        ["Memoir review"],
        "an initial, then initials the query left out"
    );
    assert_eq!(search(&env, &["--author", "G. W. Bush"]), ["Memoir review"]);
    assert_eq!(
        sorted(search(&env, &["author:\"A. B. Smith\""])),
        strings(&["Full middle name", "Harbour report"])
    );
    assert!(
        search(&env, &["--author", "M. Bush"]).is_empty(),
        "the initial must begin the name"
    );
}

#[test]
fn since_and_until_take_whole_years_months_and_days() {
    let env = desk();
    let january = search(&env, &["--since", "2020-01", "--until", "2020-01"]);
    assert_eq!(
        sorted(january.clone()),
        strings(&[
            "Huawei gets limited 5G role in UK",
            "Le débat sur Huawei",
            "Pompeo warns over Five Eyes"
        ])
    );
    assert_eq!(
        sorted(search(&env, &["date:[2020-01-01 TO 2020-01-31]"])),
        sorted(january.clone())
    );
    assert_eq!(sorted(search(&env, &["date:2020-01"])), sorted(january));
    assert_eq!(
        search(&env, &["--since", "2020-01-30", "--until", "2020-01-30"]),
        ["Pompeo warns over Five Eyes"]
    );
    assert_eq!(
        sorted(search(&env, &["--until", "2019"])),
        strings(&[
            "Alliance partners meet in Ottawa",
            "COCOA ZONE WEEKLY REVIEW",
            "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT"
        ])
    );
    assert_eq!(
        search(&env, &["huawei", "--since", "2020-03-01T00:00:00Z"]),
        ["Huawei sales slip"]
    );
    env.cmd()
        .args(["search", "x", "--since", "January"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--since"));
}

#[test]
fn since_and_until_take_spans_back_from_now() {
    let env = TestEnv::new();
    let days_ago = |days: i64| (chrono::Utc::now() - chrono::Duration::days(days)).to_rfc3339();
    for (name, title, date) in [
        ("this-week", "Filed this week", days_ago(2)),
        ("last-year", "Filed last year", days_ago(400)),
    ] {
        env.write(
            &format!("corpus/{name}.json"),
            serde_json::json!({"title": title, "date": date, "body": "The council met."})
                .to_string(),
        );
    }
    env.index(&[&env.tmp.path().join("corpus")]);
    assert_eq!(search(&env, &["--since", "7d"]), ["Filed this week"]);
    assert_eq!(search(&env, &["--since", "2weeks"]), ["Filed this week"]);
    assert_eq!(search(&env, &["--until", "1y"]), ["Filed last year"]);
    assert_eq!(
        sorted(search(&env, &["council", "--since", "2years"])),
        strings(&["Filed last year", "Filed this week"])
    );
    assert!(search(&env, &["--since", "1d"]).is_empty());
    env.cmd()
        .args(["search", "x", "--since", "7x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("30d, 2weeks"));
}

#[test]
fn site_and_language_filters() {
    let env = desk();
    let lbc = sorted(search(&env, &["--site", "lbc.co.uk"]));
    assert_eq!(lbc.len(), 3);
    assert_eq!(
        sorted(search(&env, &["--site", "https://www.lbc.co.uk/anything"])),
        lbc
    );
    assert_eq!(sorted(search(&env, &["site:lbc.co.uk"])), lbc);
    assert_eq!(search(&env, &["huawei", "site:lbc.co.uk"]).len(), 2);
    assert_eq!(search(&env, &["--lang", "fr"]), ["Le débat sur Huawei"]);
    assert_eq!(search(&env, &["--site", "reuters"]), ["Huawei sales slip"]);
}

#[test]
fn a_site_takes_in_its_subdomains() {
    let env = TestEnv::new();
    for (name, title, url) in [
        ("news", "From the news host", "https://news.example.co.uk/a"),
        ("home", "From the main host", "https://www.example.co.uk/b"),
        ("other", "From a lookalike", "https://notexample.co.uk/c"),
    ] {
        env.write(
            &format!("corpus/{name}.json"),
            serde_json::json!({"title": title, "url": url, "body": "The council met."}).to_string(),
        );
    }
    env.index(&[&env.tmp.path().join("corpus")]);
    let both = strings(&["From the main host", "From the news host"]);
    assert_eq!(sorted(search(&env, &["--site", "example.co.uk"])), both);
    assert_eq!(
        sorted(search(&env, &["council", "site:example.co.uk"])),
        both
    );
    assert_eq!(
        search(&env, &["--site", "news.example.co.uk"]),
        ["From the news host"]
    );
    assert_eq!(
        search(&env, &["--site", "notexample.co.uk"]),
        ["From a lookalike"]
    );
}

#[test]
fn slop_prefix_and_fuzzy() {
    let env = desk();
    assert_eq!(search(&env, &["\"five eyes\""]).len(), 2);
    assert_eq!(
        sorted(search(&env, &["\"five eyes\"~3"])),
        strings(&[
            "Alliance partners meet in Ottawa",
            "Eyes on the budget",
            "Pompeo warns over Five Eyes"
        ])
    );
    assert_eq!(search(&env, &["huaw*"]).len(), 6);
    assert_eq!(search(&env, &["huawie~1"]).len(), 6);
    assert_eq!(search(&env, &["huwaei~2"]).len(), 6);
    assert_eq!(search(&env, &["--", "title:huaw* -germany"]).len(), 3);
}

#[test]
fn sort_by_date_puts_undated_last_both_ways() {
    let env = desk();
    let newest = search(&env, &["huawei", "--sort", "newest"]);
    assert_eq!(
        newest.first().map(String::as_str),
        Some("Huawei sales slip")
    );
    assert_eq!(
        newest.last().map(String::as_str),
        Some("Undated explainer on the company")
    );
    let oldest = search(&env, &["huawei", "--sort", "oldest"]);
    assert_eq!(
        oldest.first().map(String::as_str),
        Some("Le débat sur Huawei")
    );
    assert_eq!(
        oldest.last().map(String::as_str),
        Some("Undated explainer on the company")
    );
    let dates: Vec<String> = env.json([
        "search", "--format", "json", "--sort", "oldest", "--since", "2019",
    ])["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["date"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut in_order = dates.clone();
    in_order.sort();
    assert_eq!(dates, in_order);
}

#[test]
fn csv_tsv_fields_and_count() {
    let env = desk();
    let out = env
        .cmd()
        .args([
            "search",
            "--format",
            "csv",
            "--fields",
            "title,author,date",
            "--sort",
            "oldest",
            "five eyes",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "title,author,date\nAlliance partners meet in Ottawa,Ann Smith,2019-12-03T12:00:00Z\n\
         Pompeo warns over Five Eyes,Fiona Jones,2020-01-30T16:46:00Z\nEyes on the budget,Ann Smith,2020-03-20T00:00:00Z\n"
    );
    let out = env
        .cmd()
        .args([
            "search",
            "--format",
            "tsv",
            "--fields",
            "rank,title",
            "germany",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next(),
        Some("rank\ttitle")
    );
    let picked = env.json([
        "search", "--format", "json", "--fields", "id,title", "pompeo",
    ]);
    let keys: Vec<&String> = picked["hits"][0].as_object().expect("hit").keys().collect();
    assert_eq!(keys, ["id", "title"]);
    env.cmd()
        .args(["search", "--fields", "nonsense", "x"])
        .assert()
        .code(2);

    let count = env
        .cmd()
        .args(["search", "--count", "huawei"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&count.stdout), "6\n");
    let total = env.json(["search", "--format", "json", "huawei"])["total"].clone();
    let stats = env.json(["stats", "huawei", "--by", "year", "--format", "json"]);
    assert_eq!(total, 6);
    assert_eq!(stats["total"], 6);
    let in_buckets: u64 = stats["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(in_buckets + stats["missing"].as_u64().unwrap_or(0), 6);
    env.cmd()
        .args(["search", "--count", "zzzz"])
        .assert()
        .code(1)
        .stdout("0\n");
}

#[test]
fn batch_runs_each_line_and_reports_bad_queries_in_place() {
    let env = desk();
    let batch = env.write(
        "queries.txt",
        "huawei\n\n\"five eyes\"\nzzzz\ntilte:oops\npompeo\n",
    );
    let out = env
        .cmd()
        .args(["search", "--since", "2020", "-n", "2", "--batch"])
        .arg(&batch)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a bad query makes the status 2");
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let queries: Vec<&str> = lines
        .iter()
        .map(|l| l["query"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        queries,
        ["huawei", "\"five eyes\"", "zzzz", "tilte:oops", "pompeo"]
    );
    assert_eq!(lines[0]["total"], 5, "--since applies to every query");
    assert_eq!(
        lines[0]["hits"].as_array().map(Vec::len),
        Some(2),
        "-n applies too"
    );
    assert_eq!(lines[1]["total"], 1);
    assert_eq!(lines[2]["total"], 0);
    assert!(
        lines[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown field 'tilte'"))
    );
    assert_eq!(lines[4]["hits"][0]["title"], "Pompeo warns over Five Eyes");

    // From standard input, counts only; all good → 0.
    let out = env
        .cmd()
        .args(["search", "--count", "--batch", "-"])
        .write_stdin("huawei\nnavalny\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"query\":\"huawei\",\"total\":6}\n{\"query\":\"navalny\",\"total\":2}\n"
    );
}

#[test]
fn a_long_batch_answers_in_the_order_asked() {
    // Queries are answered in parallel blocks; the output keeps the input's
    // order across blocks, with every answer matching its own query.
    let env = desk();
    let words = ["huawei", "navalny", "zzzz", "pompeo", "\"five eyes\""];
    let queries: Vec<String> = (0..700)
        .map(|i| format!("{} -q{i}", words[i % words.len()]))
        .collect();
    let out = env
        .cmd()
        .args(["search", "--count", "--batch", "-"])
        .write_stdin(queries.join("\n"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), queries.len());
    let totals: std::collections::HashMap<&str, u64> = [("huawei", 6), ("navalny", 2), ("zzzz", 0)]
        .into_iter()
        .collect();
    for (line, query) in lines.iter().zip(&queries) {
        assert_eq!(line["query"], query.as_str());
        let word = query.split(" -q").next().unwrap_or_default();
        if let Some(&want) = totals.get(word) {
            assert_eq!(line["total"], want, "{query}");
        }
    }
}

#[test]
fn show_prints_the_stored_article_and_ids_survive_reindexing() {
    let env = desk();
    let hit = &env.json(["search", "--format", "json", "pompeo"])["hits"][0];
    let id = hit["id"].as_str().expect("id").to_string();
    let shown = env.json(["show", "--format", "json", &id]);
    assert_eq!(shown["title"], "Pompeo warns over Five Eyes");
    assert_eq!(shown["author"], "Fiona Jones");
    assert!(
        shown["body"]
            .as_str()
            .is_some_and(|b| b.contains("only broadcast interview"))
    );
    let text = env.cmd().args(["show", &id]).output().expect("runs");
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .starts_with("Pompeo warns over Five Eyes\nFiona Jones · 2020-01-30T16:46:00Z")
    );
    // Re-indexing, even from scratch, keeps the id.
    env.cmd()
        .args(["index", "--rebuild"])
        .arg(repo().join("tests/fixtures/desk"))
        .assert()
        .success();
    let again = &env.json(["search", "--format", "json", "pompeo"])["hits"][0];
    assert_eq!(again["id"], id.as_str());
    env.cmd()
        .args(["show", "0000000000000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no article with id, URL or file 0000000000000000",
        ));
}

#[test]
fn stats_summary_facets_and_timeline() {
    let env = desk();
    let summary = env.json(["stats", "--format", "json"]);
    assert_eq!(summary["articles"], 12);
    assert_eq!(summary["earliest"], "1987-02-26");
    assert_eq!(summary["latest"], "2020-09-05");
    assert_eq!(summary["undated"], 1);
    assert!(summary["size_bytes"].as_u64().unwrap_or(0) > 0);
    let text = env.cmd().arg("stats").output().expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("articles   12"));

    let authors = env.json(["stats", "--by", "author", "--format", "json"]);
    assert_eq!(
        authors["buckets"][0],
        serde_json::json!({"key": "Ann Smith", "count": 3})
    );
    assert_eq!(
        authors["buckets"][1],
        serde_json::json!({"key": "Fiona Jones", "count": 2})
    );

    let months = env.json([
        "stats", "huawei", "--by", "month", "--format", "json", "--since", "2020",
    ]);
    let keys: Vec<&str> = months["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["key"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(keys, ["2020-01", "2020-02", "2020-03"]);
    let counts: Vec<u64> = months["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| b["count"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(counts, [3, 1, 1]);

    let timeline = env
        .cmd()
        .env("COLUMNS", "40")
        .args(["stats", "huawei", "--by", "month", "--since", "2020"])
        .output()
        .expect("runs");
    let timeline = String::from_utf8_lossy(&timeline.stdout);
    let first = timeline.lines().next().unwrap_or_default();
    assert!(first.starts_with("2020-01 3 ███"), "{timeline}");
    assert!(
        timeline.lines().all(|l| l.chars().count() <= 40),
        "{timeline}"
    );

    let csv = env
        .cmd()
        .args(["stats", "--by", "lang", "--format", "csv"])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "lang,count\nen,11\nfr,1\n"
    );
}

#[test]
fn similar_lists_related_articles_not_itself() {
    let env = desk();
    let hit = &env.json(["search", "--format", "json", "title:\"huawei ban\""])["hits"][0];
    let id = hit["id"].as_str().expect("id");
    let similar = env.json(["similar", "--format", "json", "-n", "3", id]);
    let titles = titles(&similar);
    assert!(!titles.contains(&"Huawei ban debated in Germany".to_string()));
    assert!(
        titles.iter().take(2).all(|t| t.contains("Huawei")),
        "{titles:?}"
    );
}

#[test]
fn json_shapes_of_stats_and_batch_are_pinned() {
    let env = desk();
    let months = env
        .cmd()
        .args(["stats", "huawei", "--by", "month", "--format", "json"])
        .output()
        .expect("runs");
    insta::assert_snapshot!(
        "stats_by_month_json",
        String::from_utf8_lossy(&months.stdout)
    );
    let batch = env
        .cmd()
        .args([
            "search",
            "--batch",
            "-",
            "-n",
            "1",
            "--fields",
            "rank,title,author,date,snippet",
        ])
        .write_stdin("pompeo\nzzzz\n\"unclosed\n")
        .output()
        .expect("runs");
    insta::assert_snapshot!("batch_jsonl", String::from_utf8_lossy(&batch.stdout));
    let summary = env
        .cmd()
        .args(["stats", "--format", "json"])
        .output()
        .expect("runs");
    insta::with_settings!({filters => vec![
        (r#""path": "[^"]*""#, r#""path": "[INDEX]""#),
        (r#""size_bytes": \d+"#, r#""size_bytes": [SIZE]"#),
    ]}, {
        insta::assert_snapshot!("stats_summary_json", String::from_utf8_lossy(&summary.stdout));
    });
}

#[test]
fn dates_show_filter_and_count_on_the_publishers_clock() {
    // Published at 00:48 in Berlin on 15 January (14 January in UTC), and at
    // 20:30 in New York on 14 January (15 January in UTC).
    let env = TestEnv::new();
    let berlin = env.write(
        "news/berlin.html",
        r#"<html lang="de"><head><title>Glasdach im Garten</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Glasdach im Garten",
        "datePublished":"2022-01-15T00:48:00+01:00","author":{"@type":"Person","name":"Greta Berg"}}</script>
        </head><body><article><h1>Glasdach im Garten</h1>
        <p>Ein Gewächshaus aus Glas braucht ein festes Fundament und etwas Geduld beim Aufbau.</p>
        <p>Das Gewächshaus steht nach zwei Tagen, wenn das Wetter mitspielt und niemand drängelt.</p>
        </article></body></html>"#,
    );
    let new_york = env.write(
        "news/ny.jsonl",
        r#"{"title":"Greenhouse glass shortage","author":"Nate York","date":"2022-01-14T20:30:00-05:00","body":"Builders of every greenhouse wait for glass."}"#,
    );
    env.index(&[&berlin, &new_york]);

    let hits = env.json_ok([
        "search",
        "--format",
        "json",
        "--sort",
        "oldest",
        "gewächshaus OR greenhouse",
    ]);
    let shown: Vec<(String, String)> = hits["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["date"].as_str().unwrap_or("").to_string(),
                h["local_date"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // Sorted by the instant; each also given on its own clock.
    assert_eq!(
        shown,
        [
            (
                "2022-01-14T23:48:00Z".to_string(),
                "2022-01-15T00:48:00+01:00".to_string()
            ),
            (
                "2022-01-15T01:30:00Z".to_string(),
                "2022-01-14T20:30:00-05:00".to_string()
            ),
        ]
    );
    let text = env
        .cmd()
        .args(["search", "--color", "never", "gewächshaus"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&text.stdout).contains("2022-01-15 00:48"));

    let on = |day: &str| search(&env, &["--since", day, "--until", day]);
    assert_eq!(on("2022-01-15"), ["Glasdach im Garten"]);
    assert_eq!(on("2022-01-14"), ["Greenhouse glass shortage"]);
    assert_eq!(search(&env, &["date:2022-01-15"]), ["Glasdach im Garten"]);

    let days = env.json_ok(["stats", "--by", "day", "--format", "json"]);
    let counted: Vec<(String, u64)> = days["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .filter(|b| b["count"].as_u64() > Some(0))
        .map(|b| {
            (
                b["key"].as_str().unwrap_or("").to_string(),
                b["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        counted,
        [("2022-01-14".to_string(), 1), ("2022-01-15".to_string(), 1)]
    );
}
