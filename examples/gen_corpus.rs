//! Writes a synthetic news corpus of any size by resampling real titles,
//! paragraphs, authors and dates from the BBC and Reuters collections in
//! `../shared/corpora`. Deterministic for a given seed.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 100000 --formats jsonl,text --out /tmp/scale-100k
//! ```
//!
//! Formats: `jsonl` (one `articles.jsonl`), `text` (a folder of plain-text
//! articles, 1000 per sub-folder), `html` (a folder of saved-page-like HTML
//! files of about 100 KB each, with navigation, scripts and styles around the
//! story).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use byline::ingest::{Found, ReadOptions};

struct Pool {
    titles: Vec<String>,
    paragraphs: Vec<String>,
    authors: Vec<String>,
    /// Unix seconds.
    dates: Vec<i64>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut articles = 10_000usize;
    let mut seed = 42u64;
    let mut out = PathBuf::from("scale");
    let mut source = PathBuf::from("../shared/corpora");
    let mut formats = vec!["jsonl".to_string()];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => articles = value()?.replace('_', "").parse()?,
            "--seed" => seed = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            "--source" => source = PathBuf::from(value()?),
            "--formats" => formats = value()?.split(',').map(str::to_string).collect(),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let pool = load_pool(&source)?;
    eprintln!(
        "pool: {} titles, {} paragraphs, {} authors, {} dates",
        pool.titles.len(),
        pool.paragraphs.len(),
        pool.authors.len(),
        pool.dates.len()
    );
    std::fs::create_dir_all(&out)?;
    for format in &formats {
        let mut rng = fastrand::Rng::with_seed(seed);
        match format.as_str() {
            "jsonl" => write_jsonl(&out.join("articles.jsonl"), articles, &pool, &mut rng)?,
            "text" => write_files(&out.join("text"), articles, &pool, &mut rng, "txt")?,
            "html" => write_files(&out.join("html"), articles, &pool, &mut rng, "html")?,
            other => return Err(format!("unknown format {other}").into()),
        }
        eprintln!(
            "wrote {articles} articles as {format} under {}",
            out.display()
        );
    }
    Ok(())
}

fn load_pool(source: &Path) -> Result<Pool, Box<dyn std::error::Error>> {
    let mut pool = Pool {
        titles: Vec::new(),
        paragraphs: Vec::new(),
        authors: Vec::new(),
        dates: Vec::new(),
    };
    let roots = [source.join("bbc-news"), source.join("reuters-21578")];
    for found in byline::ingest::walk(&roots, false) {
        let Found::File(path) = found else { continue };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "sgm" && !path.to_string_lossy().contains("bbc-news") {
            continue;
        }
        let Ok(Some(file)) = byline::ingest::read_file(&path, &ReadOptions::default()) else {
            continue;
        };
        for a in file.articles {
            if a.body.len() < 200 {
                continue;
            }
            let title = title_case(&a.title);
            pool.titles.push(title);
            pool.paragraphs.extend(
                a.body
                    .split("\n\n")
                    .filter(|p| p.len() > 40)
                    .map(str::to_string),
            );
            pool.authors.extend(a.authors);
            if let Some(d) = a.date {
                pool.dates.push(d.timestamp());
            }
        }
    }
    if pool.titles.is_empty() {
        return Err(format!("no source articles under {}", source.display()).into());
    }
    pool.authors.sort();
    pool.authors.dedup();
    for extra in [
        "Fiona Jones",
        "Ann Smith",
        "José Müller",
        "Bob Jones",
        "Chaitanya Kalbag",
    ] {
        pool.authors.push(extra.to_string());
    }
    Ok(pool)
}

/// Reuters titles are ALL CAPS; a resampled corpus reads better without.
fn title_case(title: &str) -> String {
    if title.chars().any(char::is_lowercase) {
        return title.to_string();
    }
    title
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

struct Generated {
    title: String,
    author: Option<String>,
    date: String,
    site: &'static str,
    url: String,
    paragraphs: Vec<String>,
}

const SITES: &[&str] = &[
    "example-news.com",
    "daily-record.example",
    "wire.example.org",
    "metro.example.net",
];

fn generate(i: usize, pool: &Pool, rng: &mut fastrand::Rng) -> Generated {
    let n = rng.usize(2..=6);
    let paragraphs = (0..n)
        .map(|_| pool.paragraphs[rng.usize(..pool.paragraphs.len())].clone())
        .collect();
    // Dates spread over 1987–2021 around the real ones, to give timelines shape.
    let base = if pool.dates.is_empty() {
        550_000_000
    } else {
        pool.dates[rng.usize(..pool.dates.len())]
    };
    let secs = base + rng.i64(0..34 * 365 * 86_400);
    let date = chrono::DateTime::from_timestamp(secs.min(1_640_000_000), 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let site = SITES[rng.usize(..SITES.len())];
    Generated {
        title: pool.titles[rng.usize(..pool.titles.len())].clone(),
        author: rng
            .bool()
            .then(|| pool.authors[rng.usize(..pool.authors.len())].clone()),
        date,
        site,
        url: format!("https://{site}/news/{i:07}"),
        paragraphs,
    }
}

fn write_jsonl(
    path: &Path,
    count: usize,
    pool: &Pool,
    rng: &mut fastrand::Rng,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    for i in 0..count {
        let g = generate(i, pool, rng);
        let record = serde_json::json!({
            "title": g.title,
            "author": g.author,
            "date": g.date,
            "url": g.url,
            "body": g.paragraphs.join("\n\n"),
        });
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn write_files(
    dir: &Path,
    count: usize,
    pool: &Pool,
    rng: &mut fastrand::Rng,
    ext: &str,
) -> std::io::Result<()> {
    // Page furniture shared by the HTML pages: about 90 KB of scripts, styles
    // and menus around each story, like a saved news page.
    let mut script = String::new();
    while script.len() < 60_000 {
        script.push_str("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());\n");
    }
    let mut style = String::new();
    while style.len() < 20_000 {
        style.push_str(
            ".nav a{color:#333;padding:4px 8px}.article-body p{line-height:1.6;margin:0 0 1em}\n",
        );
    }
    let menu: String = (0..60)
        .map(|i| format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"))
        .collect();
    for i in 0..count {
        let g = generate(i, pool, rng);
        let sub = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let path = sub.join(format!("{i:07}.{ext}"));
        let content = if ext == "html" {
            let related: String = (0..8)
                .map(|_| {
                    format!(
                        "<li><a href=\"/r\">{}</a></li>",
                        pool.titles[rng.usize(..pool.titles.len())]
                    )
                })
                .collect();
            let author = g.author.as_deref().map_or(String::new(), |a| {
                format!(
                    ",\"author\":{{\"@type\":\"Person\",\"name\":{}}}",
                    serde_json::json!(a)
                )
            });
            format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | {site}</title>\
                 <link rel=\"canonical\" href=\"{url}\"><style>{style}</style><script>{script}</script>\
                 <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":{title_json},\"datePublished\":\"{date}\"{author}}}</script></head>\
                 <body><header><nav><ul>{menu}</ul></nav></header><main><article><h1>{title}</h1><div class=\"article-body\">{body}</div></article>\
                 <aside class=\"related\"><h2>Related</h2><ul>{related}</ul></aside></main><footer><p>© {site}</p></footer></body></html>",
                title = html_escape(&g.title),
                title_json = serde_json::json!(g.title),
                site = g.site,
                url = g.url,
                date = g.date,
                body = g
                    .paragraphs
                    .iter()
                    .map(|p| format!("<p>{}</p>", html_escape(p)))
                    .collect::<String>(),
            )
        } else {
            let byline = g
                .author
                .as_deref()
                .map_or(String::new(), |a| format!("By {a}\n\n"));
            format!(
                "{}\n\n{}\n\n{byline}{}\n",
                g.title,
                &g.date[..10],
                g.paragraphs.join("\n\n")
            )
        };
        std::fs::write(path, content)?;
    }
    Ok(())
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
