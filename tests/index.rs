//! `byline index`: walking, the summary, broken files among good ones,
//! re-runs, and where the index lives.

mod common;

use std::ffi::OsStr;

use common::{TestEnv, repo, titles};
use predicates::prelude::*;

#[test]
fn indexes_the_sample_corpus_and_summarises() {
    let env = TestEnv::new();
    let report: serde_json::Value = env.json_ok([
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        repo().join("sample-corpus").as_os_str(),
    ]);
    assert_eq!(report["articles"], 26);
    assert_eq!(report["files"], 20);
    assert_eq!(report["total_articles"], 26);
    assert_eq!(report["skipped"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_broken_file_among_good_ones_is_reported_skipped_and_counted() {
    let env = TestEnv::new();
    env.write(
        "news/a-good.txt",
        "Good headline\n\nA good body about elections.",
    );
    env.write("news/b-empty.html", "");
    env.write(
        "news/c-binary.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".as_slice(),
    );
    env.write("news/d-broken.json", "{\"title\": \"cut off");
    env.write(
        "news/e-mixed.jsonl",
        "{\"title\":\"Line one\",\"body\":\"Elections again.\"}\nnot json at all\n{\"title\":\"Line three\",\"body\":\"Elections too.\"}\n",
    );
    env.write("news/f-good.html", "<html><head><title>Page headline</title></head><body><article><p>Elections were held on Sunday, and the count, which took all night, ended at dawn.</p></article></body></html>");
    env.write("news/style.css", "body { color: red }");
    let out = env
        .cmd()
        .arg("index")
        .arg(env.tmp.path().join("news"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "skips make the status 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines.iter().all(|l| l.starts_with("byline: ")), "{stderr}");
    assert!(stderr.contains("b-empty.html: empty file"), "{stderr}");
    assert!(stderr.contains("c-binary.html: binary content"), "{stderr}");
    assert!(stderr.contains("d-broken.json: invalid JSON"), "{stderr}");
    assert!(
        stderr.contains("e-mixed.jsonl: line 2: invalid JSON"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Indexed 4 articles from 3 files"),
        "{stdout}"
    );
    assert!(stdout.contains("3 files skipped"), "{stdout}");
    assert!(stdout.contains("1 part skipped inside files"), "{stdout}");
    assert!(stdout.contains("1 file not articles"), "{stdout}");
    // The good articles are all searchable.
    let results = env.search_json("elections");
    assert_eq!(results["total"], 4);
}

#[test]
fn re_indexing_the_same_files_does_not_duplicate() {
    let env = TestEnv::new();
    env.index_sample();
    env.index_sample();
    let results = env.search_json("pompeo");
    let titles = titles(&results);
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(titles.len(), unique.len(), "{titles:?}");
    let report: serde_json::Value = env.json([
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        repo().join("sample-corpus").as_os_str(),
    ]);
    assert_eq!(report["total_articles"], 26);
}

#[test]
fn hidden_files_and_an_index_inside_the_folder_are_skipped() {
    let env = TestEnv::new();
    env.write("news/visible.txt", "Visible headline\n\nVisible body.");
    env.write("news/.hidden.txt", "Hidden headline\n\nHidden body.");
    env.write(
        "news/.cache/page.html",
        "<title>Cached</title><p>Cached body</p>",
    );
    let inner = env.tmp.path().join("news").join("byline-index");
    env.cmd()
        .arg("--index")
        .arg(&inner)
        .arg("index")
        .arg(env.tmp.path().join("news"))
        .assert()
        .success();
    // Run again: the index folder now exists inside the walked folder.
    let report: serde_json::Value = env.json_ok([
        OsStr::new("--index"),
        inner.as_os_str(),
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        env.tmp.path().join("news").as_os_str(),
    ]);
    assert_eq!(report["unchanged"], 1, "{report}");
    assert_eq!(report["files"], 0, "{report}");
    assert_eq!(report["total_articles"], 1);
}

#[test]
fn the_resources_folder_of_a_page_saved_complete_is_passed_over() {
    let env = TestEnv::new();
    let page = "<html><head><title>Tide tables rewritten</title></head><body><article>\
        <p>Harbour masters rewrote the tide tables after the survey found the channel had moved.</p>\
        </article></body></html>";
    let advert = "<html><head><title>Advert</title></head><body>\
        <p>Tide tables on sale now, every harbour in the country in one pocket book.</p></body></html>";
    env.write("saved/Tide tables.html", page);
    env.write("saved/Tide tables_files/ad-frame.html", advert);
    env.write(
        "saved/Tide tables_files/widget.htm",
        "<html><body><p>A pocket guide to knots, free with every order.</p></body></html>",
    );
    // A folder that merely ends in _files, with no page beside it, is read.
    env.write(
        "saved/old_files/notes.txt",
        "Tide notes\n\nNotes on the tide tables kept by the harbour office.",
    );
    let report: serde_json::Value = env.json_ok([
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        env.tmp.path().join("saved").as_os_str(),
    ]);
    assert_eq!(report["total_articles"], 2, "{report}");
    let hits = env.search_json("tide tables");
    let mut titles = common::titles(&hits);
    titles.sort();
    assert_eq!(titles, ["Tide notes", "Tide tables rewritten"]);
    // Named on the command line, the folder is read like any other.
    env.index(&[&env.tmp.path().join("saved/Tide tables_files")]);
    assert_eq!(env.search_json("pocket")["total"], 2);
}

#[test]
fn a_missing_path_is_reported_and_the_rest_indexed() {
    let env = TestEnv::new();
    let good = env.write("ok.txt", "Fine headline\n\nFine body.");
    env.cmd()
        .arg("index")
        .arg(&good)
        .arg(env.tmp.path().join("does-not-exist"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does-not-exist: no such file or directory",
        ));
    assert_eq!(env.search_json("fine")["total"], 1);
}

#[test]
fn index_location_from_flag_env_or_default() {
    let env = TestEnv::new();
    let file = env.write("a.txt", "Located headline\n\nLocated body.");
    // --index wins over BYLINE_INDEX.
    let flag_dir = env.tmp.path().join("by-flag");
    env.cmd()
        .arg("--index")
        .arg(&flag_dir)
        .arg("index")
        .arg(&file)
        .assert()
        .success();
    assert!(flag_dir.join("byline-index.json").is_file());
    assert!(!env.index_dir().exists());
    // Without either, the per-user data folder is used.
    env.cmd()
        .env_remove("BYLINE_INDEX")
        .arg("index")
        .arg(&file)
        .assert()
        .success();
    let data = env.tmp.path().join("data").join("byline").join("index");
    assert!(
        data.join("byline-index.json").is_file(),
        "expected {}",
        data.display()
    );
}

#[test]
fn rebuild_starts_from_empty() {
    let env = TestEnv::new();
    env.index_sample();
    let one = env.write("only.txt", "Only headline\n\nOnly body.");
    let report: serde_json::Value = env.json([
        OsStr::new("index"),
        OsStr::new("--rebuild"),
        OsStr::new("--format"),
        OsStr::new("json"),
        one.as_os_str(),
    ]);
    assert_eq!(report["total_articles"], 1);
}

#[test]
fn new_indexes_store_bodies_with_zstd() {
    // Bodies are stored for snippets and dominate the index; zstd is what keeps it small.
    let env = TestEnv::new();
    env.index_sample();
    let meta = std::fs::read_to_string(env.index_dir().join("meta.json")).expect("meta.json");
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("JSON");
    let compression = meta["index_settings"]["docstore_compression"]
        .as_str()
        .unwrap_or_default();
    assert!(compression.starts_with("zstd"), "{compression:?}");
    assert_eq!(meta["index_settings"]["docstore_blocksize"], 65536);
}

#[test]
fn the_default_writer_memory_is_the_librarys() {
    let env = TestEnv::new();
    let mib = byline::index::DEFAULT_MEMORY_BUDGET >> 20;
    env.cmd()
        .args(["index", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("[default: {mib}M]")));
}
