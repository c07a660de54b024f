//! Any bytes as a saved web page: decoding, parsing, metadata and body
//! extraction must not panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = byline::ingest::parse_bytes(std::path::Path::new("page.html"), data);
});
