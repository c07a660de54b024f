//! Measures byline's extraction against sets of real pages with ground truth.
//!
//! ```sh
//! cargo run --release --example eval_extract -- ../shared/corpora/article-extraction-benchmark \
//!     ../shared/corpora/readability-test-pages ../shared/corpora/trafilatura-eval
//! ```
//!
//! Each folder is recognised by its layout: `ground-truth.json` + `html/*.html.gz` (the ScrapingHub
//! article-extraction benchmark), `evaldata.json` + `html/` (trafilatura's evaluation), or one folder
//! per page with `source.html`, `expected.html` and `expected-metadata.json` (Mozilla readability's
//! test pages).
//!
//! Body: the ScrapingHub metric (4-gram shingles of `\w+` tokens, per-page normalised counts, mean
//! precision and recall, F1 of the means). trafilatura-eval: must / must-not snippets after white
//! space normalisation (precision, recall, F1 over all snippets). Title: exact match after NFKC and
//! white space normalisation. Author: token F1, exact match, and "no author" reported right. Date:
//! same day (in the page's own zone or UTC), wrong days, missing dates. Speed: pages per second of
//! extraction on one core.
//!
//! Options: `--verbose` lists the pages that miss; `--dump FILE` writes byline's predictions as
//! JSON; `--predictions FILE` scores another extractor's predictions (same JSON shape:
//! `{set: {key: {title, author, date, body}}}`) instead of running byline.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Prediction {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    body: Option<String>,
}

#[derive(Debug, Default)]
struct Truth {
    body: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
    title: Option<String>,
    /// `Some("")` means the page has no author.
    author: Option<String>,
    /// The date as the page states it (`YYYY-MM-DD…`).
    date: Option<String>,
}

struct Page {
    key: String,
    path: PathBuf,
    truth: Truth,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Benchmark,
    Readability,
    Trafilatura,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dirs = Vec::new();
    let mut verbose = false;
    let mut dump: Option<PathBuf> = None;
    let mut predictions: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--dump" => dump = args.next().map(PathBuf::from),
            "--predictions" => predictions = args.next().map(PathBuf::from),
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: eval_extract [--verbose] [--dump FILE] [--predictions FILE] SET_DIR...");
        std::process::exit(2);
    }
    let external: Option<HashMap<String, HashMap<String, Prediction>>> = match &predictions {
        Some(p) => Some(serde_json::from_slice(&std::fs::read(p)?)?),
        None => None,
    };
    let mut dumped: BTreeMap<String, BTreeMap<String, Prediction>> = BTreeMap::new();
    println!(
        "| set | pages | body P | body R | body F1 | snippets F1 (must / must-not) | title exact | author token F1 | author exact | no author right | date same day | wrong dates | missing dates | pages/s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for dir in &dirs {
        let (kind, pages) = load_set(dir)?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut preds = Vec::new();
        let mut elapsed = Duration::ZERO;
        for page in &pages {
            let prediction = match external.as_ref() {
                Some(ext) => ext
                    .get(&name)
                    .and_then(|s| s.get(&page.key))
                    .cloned()
                    .unwrap_or_default(),
                None => {
                    let bytes = std::fs::read(&page.path)?;
                    let start = Instant::now();
                    let parsed = byline::ingest::parse_bytes(&page.path, &bytes);
                    elapsed += start.elapsed();
                    match parsed {
                        Ok(Some(file)) => file.articles.into_iter().next().map(|a| Prediction {
                            author: a.author_display(),
                            date: a.local_date().map(byline::article::format_local_date),
                            title: Some(a.title),
                            body: Some(a.body),
                        }),
                        _ => None,
                    }
                    .unwrap_or_default()
                }
            };
            dumped
                .entry(name.clone())
                .or_default()
                .insert(page.key.clone(), prediction.clone());
            preds.push(prediction);
        }
        let score = Score::of(kind, &pages, &preds, verbose);
        let speed = if external.is_some() || elapsed.is_zero() {
            "—".to_string()
        } else {
            format!("{:.0}", pages.len() as f64 / elapsed.as_secs_f64())
        };
        println!("| {name} | {} | {} | {speed} |", pages.len(), score.row());
    }
    if let Some(path) = dump {
        std::fs::write(&path, serde_json::to_vec_pretty(&dumped)?)?;
        eprintln!("predictions written to {}", path.display());
    }
    Ok(())
}

fn load_set(dir: &Path) -> Result<(Kind, Vec<Page>), Box<dyn std::error::Error>> {
    if dir.join("ground-truth.json").is_file() {
        let truth: HashMap<String, Value> =
            serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json"))?)?;
        let mut pages: Vec<Page> = truth
            .into_iter()
            .map(|(key, v)| Page {
                path: dir.join("html").join(format!("{key}.html.gz")),
                truth: Truth {
                    body: v["articleBody"].as_str().map(str::to_string),
                    ..Truth::default()
                },
                key,
            })
            .collect();
        pages.sort_by(|a, b| a.key.cmp(&b.key));
        return Ok((Kind::Benchmark, pages));
    }
    if dir.join("evaldata.json").is_file() {
        let data: BTreeMap<String, Value> =
            serde_json::from_slice(&std::fs::read(dir.join("evaldata.json"))?)?;
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let pages = data
            .into_iter()
            .map(|(key, v)| Page {
                path: dir
                    .join("html")
                    .join(v["file"].as_str().unwrap_or_default()),
                truth: Truth {
                    with: strings(&v["with"]),
                    without: strings(&v["without"]),
                    title: v["title"].as_str().map(str::to_string),
                    author: match &v["author"] {
                        Value::String(s) => Some(s.clone()),
                        Value::Array(items) => Some(
                            items
                                .iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                        _ => None,
                    },
                    date: v["date"].as_str().map(str::to_string),
                    ..Truth::default()
                },
                key,
            })
            .collect();
        return Ok((Kind::Trafilatura, pages));
    }
    let mut pages = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    entries.sort();
    for page_dir in entries {
        if !page_dir.join("source.html").is_file() {
            continue;
        }
        let meta: Value = std::fs::read(page_dir.join("expected-metadata.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        let expected = std::fs::read_to_string(page_dir.join("expected.html")).unwrap_or_default();
        pages.push(Page {
            key: page_dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: page_dir.join("source.html"),
            truth: Truth {
                body: Some(html_text(&expected)),
                title: meta["title"].as_str().map(str::to_string),
                author: meta["byline"]
                    .as_str()
                    .map(clean_byline)
                    .filter(|b| !b.is_empty()),
                date: meta["publishedTime"].as_str().map(str::to_string),
                ..Truth::default()
            },
        });
    }
    Ok((Kind::Readability, pages))
}

/// The text of an expected-body HTML fragment.
fn html_text(fragment: &str) -> String {
    let doc = scraper::Html::parse_fragment(fragment);
    doc.root_element().text().collect::<Vec<_>>().join(" ")
}

/// readability's bylines carry "By", "Written by", "Par", dates and line
/// breaks: the names are the first line after the keyword ("By\n\t\tScott
/// Cunningham", "By Kelli Miller\n WebMD Health News").
fn clean_byline(s: &str) -> String {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(written\s+by|by|par|por|von|door|di)\s+").expect("regex")
    });
    let s = PREFIX.replace(s, "");
    let first_line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    first_line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// NFKC, invisible in-word marks (soft hyphen, word joiner) dropped, white
/// space collapsed: the text as a reader sees it.
fn normalise(s: &str) -> String {
    s.nfkc()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{2060}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn tokens(s: &str) -> Vec<String> {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("regex"));
    WORD.find_iter(s).map(|m| m.as_str().to_string()).collect()
}

/// The ScrapingHub benchmark's per-page (tp, fp, fn), normalised to sum to 1.
fn shingle_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    fn shingles(s: &str) -> HashMap<Vec<String>, usize> {
        let t = tokens(s);
        let mut out = HashMap::new();
        let n = 4;
        for i in 0..t.len().saturating_sub(n - 1).max(1) {
            let gram: Vec<String> = t.iter().skip(i).take(n).cloned().collect();
            if !gram.is_empty() {
                *out.entry(gram).or_insert(0) += 1;
            }
        }
        out
    }
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    let keys: std::collections::HashSet<&Vec<String>> = t.keys().chain(p.keys()).collect();
    for key in keys {
        let (tc, pc) = (
            *t.get(key).unwrap_or(&0) as f64,
            *p.get(key).unwrap_or(&0) as f64,
        );
        tp += tc.min(pc);
        fp += (pc - tc).max(0.0);
        fn_ += (tc - pc).max(0.0);
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn token_f1(truth: &str, pred: &str) -> f64 {
    let lower = |s: &str| tokens(&s.to_lowercase());
    let (t, p) = (lower(truth), lower(pred));
    if t.is_empty() || p.is_empty() {
        return 0.0;
    }
    let mut remaining = t.clone();
    let mut common = 0.0;
    for w in &p {
        if let Some(i) = remaining.iter().position(|x| x == w) {
            remaining.swap_remove(i);
            common += 1.0;
        }
    }
    if common == 0.0 {
        return 0.0;
    }
    let (precision, recall) = (common / p.len() as f64, common / t.len() as f64);
    2.0 * precision * recall / (precision + recall)
}

/// Whether a predicted RFC 3339 date falls on the day the truth names: the
/// days either names in its own zone or in UTC.
fn same_day(truth: &str, pred: &str) -> bool {
    let days = |s: &str| {
        let local = s.get(..10).unwrap_or(s).to_string();
        let utc = byline::ingest::date::parse_date(s).map(|d| d.format("%Y-%m-%d").to_string());
        [Some(local), utc]
    };
    let truth_days = days(truth);
    days(pred)
        .iter()
        .flatten()
        .any(|d| truth_days.iter().flatten().any(|t| t == d))
}

#[derive(Default)]
struct Score {
    kind: Option<Kind>,
    body: Vec<(f64, f64, f64)>,
    snippets: [u32; 4], // tp, fn, fp, tn
    titles: (u32, u32),
    author_f1: Vec<f64>,
    author_exact: u32,
    no_author: (u32, u32),
    dates: (u32, u32, u32, u32), // right, wrong, missing, of
}

impl Score {
    fn of(kind: Kind, pages: &[Page], preds: &[Prediction], verbose: bool) -> Score {
        let mut s = Score {
            kind: Some(kind),
            ..Score::default()
        };
        for (page, pred) in pages.iter().zip(preds) {
            let t = &page.truth;
            let body = pred.body.as_deref().unwrap_or("");
            if let Some(truth_body) = &t.body {
                let counts = shingle_counts(truth_body, body);
                if verbose && (counts.1 > 0.08 || counts.2 > 0.08) {
                    println!(
                        "  body {}: tp {:.2} fp {:.2} fn {:.2}",
                        page.key, counts.0, counts.1, counts.2
                    );
                }
                s.body.push(counts);
            }
            if !t.with.is_empty() || !t.without.is_empty() {
                let text = normalise(body);
                for w in &t.with {
                    if text.contains(&normalise(w)) {
                        s.snippets[0] += 1;
                    } else {
                        s.snippets[1] += 1;
                        if verbose {
                            println!("  missing {}: {:.70}", page.key, w);
                        }
                    }
                }
                for w in &t.without {
                    if text.contains(&normalise(w)) {
                        s.snippets[2] += 1;
                        if verbose {
                            println!("  unwanted {}: {:.70}", page.key, w);
                        }
                    } else {
                        s.snippets[3] += 1;
                    }
                }
            }
            if let Some(title) = t.title.as_deref().filter(|t| !t.trim().is_empty()) {
                s.titles.1 += 1;
                let got = pred.title.as_deref().unwrap_or("");
                if normalise(title) == normalise(got) {
                    s.titles.0 += 1;
                } else if verbose {
                    println!("  title {}: got {:?} want {:?}", page.key, got, title);
                }
            }
            match t.author.as_deref() {
                Some("") => {
                    s.no_author.1 += 1;
                    if pred.author.is_none() {
                        s.no_author.0 += 1;
                    } else if verbose {
                        println!("  author {}: got {:?} want none", page.key, pred.author);
                    }
                }
                Some(author) => {
                    let got = pred.author.as_deref().unwrap_or("");
                    let f1 = token_f1(author, got);
                    s.author_f1.push(f1);
                    if normalise(author).to_lowercase() == normalise(got).to_lowercase() {
                        s.author_exact += 1;
                    }
                    if verbose && f1 < 1.0 {
                        println!("  author {}: got {:?} want {:?}", page.key, got, author);
                    }
                }
                None => {}
            }
            if let Some(date) = t.date.as_deref().filter(|d| !d.trim().is_empty()) {
                s.dates.3 += 1;
                match pred.date.as_deref() {
                    Some(got) if same_day(date, got) => s.dates.0 += 1,
                    Some(got) => {
                        s.dates.1 += 1;
                        if verbose {
                            println!("  date {}: got {got} want {date}", page.key);
                        }
                    }
                    None => {
                        s.dates.2 += 1;
                        if verbose {
                            println!("  date {}: missing, want {date}", page.key);
                        }
                    }
                }
            }
        }
        s
    }

    fn row(&self) -> String {
        let pct = |a: u32, b: u32| {
            if b == 0 {
                "—".to_string()
            } else {
                format!("{:.3}", a as f64 / b as f64)
            }
        };
        let (p, r, f1) = if self.body.is_empty() {
            ("—".into(), "—".into(), "—".into())
        } else {
            let precisions: Vec<f64> = self
                .body
                .iter()
                .filter(|(tp, fp, _)| tp + fp > 0.0)
                .map(|(tp, fp, fn_)| {
                    if *fp == 0.0 && *fn_ == 0.0 {
                        1.0
                    } else {
                        tp / (tp + fp)
                    }
                })
                .collect();
            let recalls: Vec<f64> = self
                .body
                .iter()
                .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
                .map(|(tp, fp, fn_)| {
                    if *fp == 0.0 && *fn_ == 0.0 {
                        1.0
                    } else {
                        tp / (tp + fn_)
                    }
                })
                .collect();
            let mean = |v: &[f64]| {
                if v.is_empty() {
                    0.0
                } else {
                    v.iter().sum::<f64>() / v.len() as f64
                }
            };
            let (p, r) = (mean(&precisions), mean(&recalls));
            let f1 = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            (format!("{p:.3}"), format!("{r:.3}"), format!("{f1:.3}"))
        };
        let snippets = if self.kind == Some(Kind::Trafilatura) {
            let [tp, fn_, fp, tn] = self.snippets.map(f64::from);
            let precision = tp / (tp + fp).max(1.0);
            let recall = tp / (tp + fn_).max(1.0);
            let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
            format!(
                "{f1:.3} ({:.3} / {:.3})",
                tp / (tp + fn_).max(1.0),
                tn / (tn + fp).max(1.0)
            )
        } else {
            "—".into()
        };
        let author_f1 = if self.author_f1.is_empty() {
            "—".to_string()
        } else {
            format!(
                "{:.3}",
                self.author_f1.iter().sum::<f64>() / self.author_f1.len() as f64
            )
        };
        let dates = self.dates;
        format!(
            "{p} | {r} | {f1} | {snippets} | {} | {author_f1} | {} | {} | {} | {} | {}",
            pct(self.titles.0, self.titles.1),
            pct(self.author_exact, self.author_f1.len() as u32),
            pct(self.no_author.0, self.no_author.1),
            pct(dates.0, dates.3),
            if dates.3 == 0 {
                "—".to_string()
            } else {
                dates.1.to_string()
            },
            if dates.3 == 0 {
                "—".to_string()
            } else {
                dates.2.to_string()
            },
        )
    }
}
