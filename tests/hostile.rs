//! Whatever a crawler saved: every broken file is reported as
//! `byline: PATH: reason`, skipped and counted, the run finishes, and
//! nothing panics or hangs.

mod common;

use std::time::{Duration, Instant};

use common::{TestEnv, repo};
use serde_json::Value;

#[test]
fn the_hostile_fixture_folder_is_indexed_around_its_broken_files() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["index", "--format", "json"])
        .arg(repo().join("tests/fixtures/hostile"))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "skips make the status 2, not a crash"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, reason) in [
        ("empty.html", "empty file"),
        ("blank.txt", "empty file"),
        ("image-named.html", "binary content, not an HTML page"),
        ("truncated.html.gz", "truncated gzip data"),
        ("not-gzip.txt.gz", "not gzip data despite the .gz name"),
        (
            "wrong-types.json",
            "no text in title or body (title is a number",
        ),
        ("bad-lines.jsonl", "line 2: invalid JSON"),
        ("bad-lines.jsonl", "line 3: invalid JSON"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("byline: ") && l.contains(file) && l.contains(reason)),
            "no '{reason}' for {file} in:\n{stderr}"
        );
    }
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(
        report["skipped"].as_array().map(Vec::len),
        Some(7),
        "{report}"
    );
    assert_eq!(
        report["partial"].as_array().map(Vec::len),
        Some(4),
        "{report}"
    );
    // The good parts are searchable: both good JSON lines, the mixed-encoding
    // text, the broken-date wire story and the oddly named file.
    assert_eq!(env.search_json("ferries")["total"], 2);
    assert_eq!(env.search_json("crème")["total"], 1);
    assert_eq!(env.search_json("\"broken date story\"")["total"], 1);
    assert_eq!(env.search_json("ampersand")["total"], 1);
}

#[test]
fn huge_deep_looping_and_special_files_are_skipped_quickly() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("crawl");
    env.write(
        "crawl/good.txt",
        "A good headline\n\nA good body about lighthouses.",
    );
    // 100,000 levels of nesting.
    env.write(
        "crawl/deep.html",
        format!(
            "<html><body>{}<p>lighthouse</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    // A saved page of 50,000 nested multipart levels.
    let mut nested = String::from(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b0\"\r\n\r\n",
    );
    for level in 1..50_000 {
        nested.push_str(&format!(
            "--b{}\r\nContent-Type: multipart/related; boundary=\"b{level}\"\r\n\r\n",
            level - 1
        ));
    }
    nested.push_str("--b49999\r\nContent-Type: text/html\r\n\r\n<p>lighthouse</p>\r\n");
    env.write("crawl/nested.mhtml", nested);
    // 200 MB, sparse: the size limit refuses it before reading a byte.
    let big = std::fs::File::create(dir.join("huge.html")).expect("create");
    big.set_len(200 * 1024 * 1024).expect("grow");
    // A file name with a newline in it.
    env.write(
        "crawl/new\nline.txt",
        "Newline name\n\nA body about lighthouses too.",
    );
    #[cfg(unix)]
    {
        // A symbolic link loop and a FIFO that would block a reader forever.
        std::os::unix::fs::symlink(&dir, dir.join("loop")).expect("symlink");
        let fifo = dir.join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        std::os::unix::fs::symlink(&fifo, dir.join("to-pipe.txt")).expect("symlink");
    }
    let started = Instant::now();
    let out = env
        .cmd()
        .args(["index", "--follow", "--format", "json"])
        .arg(&dir)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("deep.html: HTML nested too deeply"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nested.mhtml: not a readable MHTML archive"),
        "{stderr}"
    );
    assert!(
        stderr.contains("huge.html: file too large (200.0 MB > limit 64.0 MB"),
        "{stderr}"
    );
    #[cfg(unix)]
    {
        assert!(stderr.contains("symbolic link loop"), "{stderr}");
        // Found while walking, special files are passed over; named on the
        // command line, they are reported.
        env.cmd()
            .arg("index")
            .arg(dir.join("pipe.txt"))
            .timeout(Duration::from_secs(30))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("pipe.txt: not a regular file"));
    }
    assert_eq!(env.search_json("lighthouses")["total"], 2);
}

#[test]
fn max_file_size_is_configurable() {
    let env = TestEnv::new();
    let file = env.write("small.txt", format!("Headline\n\n{}", "word ".repeat(1000)));
    env.cmd()
        .args(["index", "--max-file-size", "1K"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "file too large (4.9 KB > limit 1.0 KB",
        ));
}
