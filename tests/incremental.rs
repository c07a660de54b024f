//! Re-runs read only what changed; duplicates are indexed once; a second
//! indexer is refused (or waits); a killed run leaves a working index.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, titles};
use serde_json::Value;

fn index_json(env: &TestEnv, args: &[&str], dir: &Path) -> Value {
    let mut all: Vec<&OsStr> = ["index", "--format", "json"].map(OsStr::new).to_vec();
    all.extend(args.iter().map(OsStr::new));
    all.push(dir.as_os_str());
    env.json(all)
}

#[test]
fn reruns_read_only_new_or_changed_files_and_prune_removes_vanished_ones() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    env.write("news/a.txt", "Alpha headline\n\nAlpha body about harbours.");
    env.write("news/b.txt", "Beta headline\n\nBeta body about harbours.");
    env.write("news/c.jsonl", "{\"title\":\"Gamma one\",\"body\":\"Harbours one.\"}\n{\"title\":\"Gamma two\",\"body\":\"Harbours two.\"}\n");

    let first = index_json(&env, &[], &dir);
    assert_eq!(
        (first["added"].as_u64(), first["articles"].as_u64()),
        (Some(3), Some(4)),
        "{first}"
    );

    let again = index_json(&env, &[], &dir);
    assert_eq!(again["unchanged"], 3, "{again}");
    assert_eq!(again["articles"], 0);
    assert_eq!(again["total_articles"], 4);

    // A changed file replaces its articles in place: one line fewer, no second copy.
    std::thread::sleep(Duration::from_millis(20));
    env.write(
        "news/c.jsonl",
        "{\"title\":\"Gamma one, revised\",\"body\":\"Harbours one.\"}\n",
    );
    env.write("news/d.txt", "Delta headline\n\nDelta body about harbours.");
    let changed = index_json(&env, &[], &dir);
    assert_eq!(
        (changed["updated"].as_u64(), changed["added"].as_u64()),
        (Some(1), Some(1)),
        "{changed}"
    );
    assert_eq!(changed["unchanged"], 2);
    assert_eq!(changed["total_articles"], 4);
    let results = env.search_json("harbours");
    let mut got = titles(&results);
    got.sort();
    assert_eq!(
        got,
        [
            "Alpha headline",
            "Beta headline",
            "Delta headline",
            "Gamma one, revised"
        ]
    );

    // A touched but identical file is recognised by its content.
    std::thread::sleep(Duration::from_millis(20));
    env.write("news/a.txt", "Alpha headline\n\nAlpha body about harbours.");
    let touched = index_json(&env, &[], &dir);
    assert_eq!(touched["unchanged"], 4, "{touched}");

    // Without --prune a deleted file's articles stay; with it they go.
    std::fs::remove_file(dir.join("b.txt")).expect("remove");
    let kept = index_json(&env, &[], &dir);
    assert_eq!(kept["total_articles"], 4);
    let pruned = index_json(&env, &["--prune"], &dir);
    assert_eq!(pruned["removed"], 1, "{pruned}");
    assert_eq!(pruned["total_articles"], 3);
}

#[test]
fn files_read_by_an_older_reader_are_read_again() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    env.write("news/a.txt", "Alpha headline\n\nAlpha body about harbours.");
    env.write("news/b.txt", "Beta headline\n\nBeta body about harbours.");
    let first = index_json(&env, &[], &dir);
    assert_eq!(first["articles"], 2, "{first}");

    // Mark a.txt's article as read by the version before this one, the way
    // an index built by an older byline has it.
    let a = std::fs::canonicalize(dir.join("a.txt")).expect("canonical path");
    {
        let index = byline::ArticleIndex::open(&env.index_dir()).expect("open index");
        let article = index
            .reader()
            .expect("reader")
            .searcher()
            .search(
                &tantivy::query::AllQuery,
                &tantivy::collector::DocSetCollector,
            )
            .expect("search")
            .into_iter()
            .map(|address| {
                let searcher = index.reader().expect("reader").searcher();
                index.article(&searcher.doc(address).expect("stored document"))
            })
            .find(|article| article.title == "Alpha headline")
            .expect("Alpha indexed");
        let key = a.to_string_lossy().into_owned();
        let metadata = std::fs::metadata(&a).expect("metadata");
        let mut state = byline::index::FileState::of_metadata(&metadata);
        state.reader = byline::ingest::READER_VERSION - 1;
        let mut writer = index.writer(50_000_000).expect("writer");
        writer.delete_file(&key);
        writer.add(&article, &state).expect("add");
        writer.commit().expect("commit");
        writer.finish().expect("finish");
    }

    let again = index_json(&env, &[], &dir);
    assert_eq!(again["unchanged"], 1, "{again}");
    assert_eq!(again["articles"], 1, "{again}");
    assert_eq!(again["total_articles"], 2, "{again}");
    let third = index_json(&env, &[], &dir);
    assert_eq!(third["unchanged"], 2, "{third}");
}

#[test]
fn the_same_article_in_two_files_is_indexed_once() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    let story = "{\"title\":\"Harbour reopens\",\"url\":\"https://www.example.com/harbour?utm_source=feed\",\"body\":\"The harbour reopened on Monday.\"}";
    env.write("news/feed-a.jsonl", format!("{story}\n"));
    env.write(
        "news/feed-b.json",
        "{\"title\":\"Harbour reopens after storm\",\"url\":\"http://example.com/harbour/\",\"body\":\"Rewritten.\"}",
    );
    env.write(
        "news/copy.txt",
        "Harbour reopens\n\nThe harbour reopened on Monday.",
    );
    env.write(
        "news/other.txt",
        "Different story\n\nThe harbour stayed shut.",
    );
    let report = index_json(&env, &[], &dir);
    assert_eq!(report["duplicates"], 2, "{report}");
    assert_eq!(report["total_articles"], 2);
    // A later run does not count them again, nor add them.
    let again = index_json(&env, &[], &dir);
    assert_eq!(again["total_articles"], 2, "{again}");
}

#[test]
fn an_article_already_committed_is_found_again_in_a_new_file() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    env.write(
        "news/a.jsonl",
        "{\"title\":\"Harbour reopens\",\"url\":\"https://example.com/harbour\",\"body\":\"The harbour reopened.\"}\n\
         {\"title\":\"Tide tables\",\"body\":\"Spring tides are due.\"}\n",
    );
    let first = index_json(&env, &[], &dir);
    assert_eq!(first["total_articles"], 2, "{first}");
    // A later file repeats both: one by its URL, one by its words.
    env.write(
        "news/b.jsonl",
        "{\"title\":\"Harbour open again\",\"url\":\"http://www.example.com/harbour/\",\"body\":\"Rewritten.\"}\n\
         {\"title\":\"TIDE  tables\",\"body\":\"Spring tides\\nare due.\"}\n\
         {\"title\":\"New story\",\"body\":\"Something else.\"}\n",
    );
    let second = index_json(&env, &[], &dir);
    assert_eq!(second["duplicates"], 2, "{second}");
    assert_eq!(second["total_articles"], 3, "{second}");
    // Rewriting the first file keeps its own articles, which are not
    // duplicates of themselves.
    env.write(
        "news/a.jsonl",
        "{\"title\":\"Harbour reopens\",\"url\":\"https://example.com/harbour\",\"body\":\"The harbour reopened.\"}\n",
    );
    let third = index_json(&env, &[], &dir);
    assert_eq!(third["duplicates"], 0, "{third}");
    assert_eq!(third["total_articles"], 2, "{third}");
}

#[test]
fn a_second_indexer_is_refused_at_once_or_waits() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    for i in 0..400 {
        env.write(
            &format!("news/{i:04}.txt"),
            format!("Headline {i}\n\nBody number {i} about the harbour and the storm."),
        );
    }
    env.index(&[&dir]);
    // Hold the lock with a long run, then try a second one.
    let more = env.tmp.path().join("more");
    for i in 0..4000 {
        env.write(
            &format!("more/{i:05}.txt"),
            format!("More {i}\n\nAnother body {i}, with words, about tides."),
        );
    }
    let mut first = StdCommand::new(assert_cmd::cargo::cargo_bin("byline"))
        .arg("--index")
        .arg(env.index_dir())
        .args(["index", "--quiet"])
        .arg(&more)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(150));
    let start = Instant::now();
    let second = env.cmd().arg("index").arg(&dir).output().expect("runs");
    let busy = first.try_wait().expect("poll").is_none();
    if busy {
        assert_eq!(second.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&second.stderr);
        assert!(
            stderr.contains("locked by another byline process"),
            "{stderr}"
        );
        assert!(start.elapsed() < Duration::from_secs(3), "refused at once");
        // Searching meanwhile works and sees the last commit.
        assert!(env.search_json("harbour")["total"].as_u64().unwrap_or(0) >= 400);
        let waited = env
            .cmd()
            .args(["index", "--wait"])
            .arg(&dir)
            .output()
            .expect("runs");
        assert_eq!(
            waited.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&waited.stderr)
        );
    }
    assert!(first.wait().expect("wait").success());
    assert_eq!(env.search_json("tides")["total"], 4000);
}

#[test]
fn killing_the_indexer_anywhere_leaves_an_index_that_opens_and_a_rerun_finishes_it() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("news");
    let files = 6000;
    for i in 0..files {
        env.write(
            &format!("news/{i:05}.txt"),
            format!("Headline {i}\n\nBody {i}: the council met about the harbour, the budget and the storm."),
        );
    }
    let bin = assert_cmd::cargo::cargo_bin("byline");
    let mut last_total = 0;
    for delay_ms in [20u64, 60, 120, 250, 400, 600, 900, 1300] {
        let mut child = StdCommand::new(&bin)
            .arg("--index")
            .arg(env.index_dir())
            .args(["index", "--quiet", "--commit-every", "0.05"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever the moment, the index opens and answers from its last commit.
        if env.index_dir().join("meta.json").exists() {
            let stats: Value = env.json_ok(["stats", "--format", "json"]);
            let total = stats["articles"].as_u64().unwrap_or(0);
            assert!(
                total >= last_total && total <= files,
                "{total} after {last_total}"
            );
            last_total = total;
        }
    }
    // Re-running finishes the job, with no duplicates.
    let report: Value = env.json_ok([
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        dir.as_os_str(),
    ]);
    assert_eq!(report["total_articles"], files, "{report}");
    assert_eq!(env.search_json("harbour")["total"], files);
}

#[test]
fn a_big_json_lines_file_killed_midway_is_completed_without_duplicates() {
    let env = TestEnv::new();
    let lines = 30_000;
    let mut text = String::with_capacity(lines * 120);
    for i in 0..lines {
        text.push_str(&format!(
            "{{\"title\":\"Wire story {i}\",\"body\":\"Story {i}: ferries crossed the strait despite the storm warnings.\"}}\n"
        ));
    }
    let feed = env.write("feed/wire.jsonl", text);
    let bin = assert_cmd::cargo::cargo_bin("byline");
    for delay_ms in [150u64, 400, 800] {
        let mut child = StdCommand::new(&bin)
            .arg("--index")
            .arg(env.index_dir())
            .args(["index", "--quiet", "--commit-every", "0.05"])
            .arg(&feed)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if env.index_dir().join("meta.json").exists() {
            let stats: Value = env.json_ok(["stats", "--format", "json"]);
            assert!(stats["articles"].as_u64().unwrap_or(0) <= lines as u64);
        }
    }
    let report: Value = env.json_ok([
        OsStr::new("index"),
        OsStr::new("--format"),
        OsStr::new("json"),
        feed.as_os_str(),
    ]);
    assert_eq!(report["total_articles"], lines, "{report}");
    assert_eq!(report["duplicates"], 0, "{report}");
    // And once complete, the file counts as unchanged.
    let again = env
        .cmd()
        .args(["index", "--format", "json"])
        .arg(&feed)
        .output()
        .expect("runs");
    let again: Value = serde_json::from_slice(&again.stdout).expect("JSON");
    assert_eq!(again["unchanged"], 1, "{again}");
}
