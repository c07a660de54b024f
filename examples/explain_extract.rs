//! Shows how byline chose the body of a page: the best-scoring candidates,
//! the elements written out, and the resulting article.
//!
//! ```sh
//! cargo run --example explain_extract -- page.html
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain_extract PAGE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path)?;
    let file = byline::ingest::parse_bytes(path.as_ref(), &bytes)?;
    let mut raw = bytes.clone();
    if raw.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice()).read_to_end(&mut out)?;
        raw = out;
    }
    let declared = byline::ingest::decode::sniff_html_charset(&raw);
    let (text, _) = byline::ingest::decode::decode(&raw, declared);
    let doc = scraper::Html::parse_document(&text);
    println!("{}", byline::ingest::html::body::explain(&doc));
    if let Some(file) = file {
        for a in file.articles {
            println!(
                "title:  {}\nauthor: {:?}\ndate:   {:?}\nlang:   {:?}\n\n{}",
                a.title, a.authors, a.date, a.lang, a.body
            );
        }
    }
    Ok(())
}
