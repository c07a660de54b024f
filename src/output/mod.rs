//! Renderers: search results, extracted articles and index reports as text
//! for people and JSON for scripts. Everything writes to a `Write` handed in
//! by the caller; nothing here decides about terminals.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Effects, Style};
use serde::Serialize;

use crate::article::{Article, format_date};
use crate::index::run::IndexReport;
use crate::search::{Hit, SearchResults};

/// Output formats for search results and articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable text.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// How to render for people.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Use ANSI colours and bold.
    pub color: bool,
    /// Marks around matched words; `None` means bold colour when `color`
    /// is on and nothing otherwise.
    pub highlight: Option<(String, String)>,
    /// Paths under this folder are shown relative to it.
    pub cwd: Option<PathBuf>,
}

/// Marks around matched words in JSON output.
#[derive(Debug, Clone)]
pub struct JsonOptions {
    /// Opening mark, `<b>` by default.
    pub pre: String,
    /// Closing mark, `</b>` by default.
    pub post: String,
}

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions {
            pre: "<b>".into(),
            post: "</b>".into(),
        }
    }
}

const TITLE: Style = Style::new().effects(Effects::BOLD);
const MATCH: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .effects(Effects::BOLD);
const AUTHOR: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const DATE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
const PATH: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));
const DIM: Style = Style::new().effects(Effects::DIMMED);

/// One hit in JSON: the shape scripts rely on.
#[derive(Debug, Serialize)]
pub struct HitRecord<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Article id (for `byline show`).
    pub id: &'a str,
    /// BM25 score, rounded to 4 decimals.
    pub score: f64,
    /// Headline.
    pub title: &'a str,
    /// Authors joined with `"; "`, or null.
    pub author: Option<String>,
    /// Authors one by one.
    pub authors: &'a [String],
    /// RFC 3339 (UTC) or null.
    pub date: Option<String>,
    /// Source file.
    pub path: String,
    /// URL or null.
    pub url: Option<&'a str>,
    /// Site or null.
    pub site: Option<&'a str>,
    /// Language or null.
    pub lang: Option<&'a str>,
    /// The passage with matched words marked.
    pub snippet: String,
}

impl<'a> HitRecord<'a> {
    /// Builds the record of a hit, marking matches with `options`.
    pub fn new(hit: &'a Hit, options: &JsonOptions) -> Self {
        HitRecord {
            rank: hit.rank,
            id: &hit.id,
            score: (f64::from(hit.score) * 10_000.0).round() / 10_000.0,
            title: &hit.title.text,
            author: (!hit.authors.is_empty()).then(|| hit.authors.join("; ")),
            authors: &hit.authors,
            date: hit.date.map(format_date),
            path: hit.path.to_string_lossy().into_owned(),
            url: hit.url.as_deref(),
            site: hit.site.as_deref(),
            lang: hit.lang.as_deref(),
            snippet: hit.snippet.render(&options.pre, &options.post),
        }
    }
}

#[derive(Serialize)]
struct ResultsRecord<'a> {
    query: &'a str,
    total: usize,
    hits: Vec<HitRecord<'a>>,
}

/// Writes search results in `format`.
pub fn write_results(
    w: &mut dyn Write,
    results: &SearchResults,
    format: Format,
    text: &TextOptions,
    json: &JsonOptions,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let record = ResultsRecord {
                query: &results.query,
                total: results.total,
                hits: results
                    .hits
                    .iter()
                    .map(|h| HitRecord::new(h, json))
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *w, &record)?;
            writeln!(w)
        }
        Format::Jsonl => {
            for hit in &results.hits {
                serde_json::to_writer(&mut *w, &HitRecord::new(hit, json))?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Text => write_results_text(w, results, text),
    }
}

fn paint(w: &mut dyn Write, on: bool, style: Style, s: &str) -> io::Result<()> {
    if on {
        write!(w, "{}{s}{}", style.render(), style.render_reset())
    } else {
        w.write_all(s.as_bytes())
    }
}

fn write_marked(
    w: &mut dyn Write,
    h: &crate::search::Highlighted,
    text: &TextOptions,
    base: Style,
) -> io::Result<()> {
    let on = text.color;
    let mut last = 0;
    for r in &h.highlights {
        paint(w, on, base, &h.text[last..r.start])?;
        match &text.highlight {
            Some((pre, post)) => {
                write!(w, "{pre}")?;
                paint(w, on, base, &h.text[r.clone()])?;
                write!(w, "{post}")?;
            }
            None => paint(w, on, MATCH, &h.text[r.clone()])?,
        }
        last = r.end;
    }
    paint(w, on, base, &h.text[last..])
}

fn write_results_text(
    w: &mut dyn Write,
    results: &SearchResults,
    text: &TextOptions,
) -> io::Result<()> {
    let on = text.color;
    let width = results.hits.last().map_or(1, |h| h.rank.to_string().len());
    for hit in &results.hits {
        let indent = " ".repeat(width + 2);
        paint(w, on, DIM, &format!("{:>width$}. ", hit.rank))?;
        write_marked(w, &hit.title, text, TITLE)?;
        writeln!(w)?;
        w.write_all(indent.as_bytes())?;
        let mut first = true;
        let mut sep = |w: &mut dyn Write| -> io::Result<()> {
            if !first {
                paint(w, on, DIM, " · ")?;
            }
            first = false;
            Ok(())
        };
        if !hit.authors.is_empty() {
            sep(w)?;
            paint(w, on, AUTHOR, &hit.authors.join("; "))?;
        }
        if let Some(date) = hit.date {
            sep(w)?;
            paint(w, on, DATE, &short_date(date))?;
        }
        sep(w)?;
        paint(w, on, PATH, &display_path(&hit.path, text.cwd.as_deref()))?;
        writeln!(w)?;
        if !hit.snippet.text.is_empty() {
            w.write_all(indent.as_bytes())?;
            write_marked(w, &hit.snippet, text, Style::new())?;
            writeln!(w)?;
        }
        writeln!(w)?;
    }
    let shown = match (results.hits.first(), results.hits.last()) {
        (Some(a), Some(b)) if results.total > results.hits.len() => {
            format!(" (showing {}–{})", a.rank, b.rank)
        }
        _ => String::new(),
    };
    let noun = if results.total == 1 {
        "article matches"
    } else {
        "articles match"
    };
    paint(
        w,
        on,
        DIM,
        &format!(
            "{} {noun} {}{shown}\n",
            results.total,
            quote(&results.query)
        ),
    )
}

/// `2020-01-30 16:46`, or `2020-01-30` when only the day is known.
fn short_date(date: chrono::DateTime<chrono::Utc>) -> String {
    if date.time() == chrono::NaiveTime::MIN {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.format("%Y-%m-%d %H:%M").to_string()
    }
}

fn quote(s: &str) -> String {
    if s.contains('"') {
        format!("'{s}'")
    } else {
        format!("\"{s}\"")
    }
}

/// Shows `path` relative to `cwd` when it lies below it.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    cwd.and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Writes extracted articles: a JSON array (`Json`), JSON Lines (`Jsonl`),
/// or a readable dump (`Text`).
pub fn write_articles<'a>(
    w: &mut dyn Write,
    articles: impl IntoIterator<Item = &'a Article>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for a in articles {
                serde_json::to_writer(&mut *w, &a.to_record())?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Json => {
            let records: Vec<_> = articles.into_iter().map(Article::to_record).collect();
            serde_json::to_writer_pretty(&mut *w, &records)?;
            writeln!(w)
        }
        Format::Text => {
            for a in articles {
                writeln!(w, "{}", a.title)?;
                let mut meta = Vec::new();
                if let Some(author) = a.author_display() {
                    meta.push(author);
                }
                if let Some(date) = a.date {
                    meta.push(format_date(date));
                }
                if let Some(url) = &a.url {
                    meta.push(url.clone());
                }
                meta.push(a.path.to_string_lossy().into_owned());
                writeln!(w, "{}\n\n{}\n", meta.join(" · "), a.body)?;
            }
            Ok(())
        }
    }
}

/// Writes the summary of an index run.
pub fn write_report(
    w: &mut dyn Write,
    report: &IndexReport,
    index_dir: &Path,
    format: Format,
) -> io::Result<()> {
    if format != Format::Text {
        #[derive(Serialize)]
        struct Record<'a> {
            index: String,
            #[serde(flatten)]
            report: &'a IndexReport,
        }
        let record = Record {
            index: index_dir.to_string_lossy().into_owned(),
            report,
        };
        serde_json::to_writer(&mut *w, &record)?;
        return writeln!(w);
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    write!(
        w,
        "Indexed {} from {} in {:.2} s",
        plural(report.articles, "article", "articles"),
        plural(report.files, "file", "files"),
        report.seconds
    )?;
    let mut extra = Vec::new();
    if !report.skipped.is_empty() {
        extra.push(format!(
            "{} skipped",
            plural(report.skipped.len(), "file", "files")
        ));
    }
    if !report.partial.is_empty() {
        extra.push(format!(
            "{} skipped inside files",
            plural(report.partial.len(), "part", "parts")
        ));
    }
    if report.passed_over > 0 {
        extra.push(format!(
            "{} not articles",
            plural(report.passed_over, "file", "files")
        ));
    }
    if !extra.is_empty() {
        write!(w, " ({})", extra.join(", "))?;
    }
    writeln!(
        w,
        ".\nThe index at {} holds {}.",
        index_dir.display(),
        plural(report.total_articles as usize, "article", "articles")
    )
}
