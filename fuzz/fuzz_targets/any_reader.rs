//! Any bytes under any file name byline reads (the first byte picks the name).
#![no_main]

use libfuzzer_sys::fuzz_target;

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
    "a.mhtml",
    "a.rss",
    "a.atom",
    "a.webarchive",
    "a.eml",
];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[*first as usize % NAMES.len()];
    let _ = byline::ingest::parse_bytes(std::path::Path::new(name), rest);
});
