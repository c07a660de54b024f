//! Renderers: search results, facets, articles and index reports as text for
//! people and JSON/CSV for scripts. Everything writes to a `Write` handed in
//! by the caller; nothing here decides about terminals.

mod articles;
mod hits;
mod report;
mod stats;

use std::path::Path;

use anstyle::{AnsiColor, Color, Effects, Style};

pub use articles::{write_article, write_articles};
pub use hits::{HIT_FIELDS, HitRecord, write_batch_line, write_results};
pub use report::write_report;
pub use stats::{write_facets, write_summary};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable text.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
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
    pub cwd: Option<std::path::PathBuf>,
    /// Width available for histograms, in columns.
    pub width: usize,
}

/// How to render for scripts.
#[derive(Debug, Clone)]
pub struct DataOptions {
    /// Opening mark around matched words.
    pub pre: String,
    /// Closing mark around matched words.
    pub post: String,
    /// The hit fields to print, in order; empty means all.
    pub fields: Vec<String>,
}

impl DataOptions {
    /// `<b>…</b>` marks (JSON's default) and all fields.
    pub fn json() -> Self {
        DataOptions {
            pre: "<b>".into(),
            post: "</b>".into(),
            fields: Vec::new(),
        }
    }

    /// No marks (CSV and TSV's default) and all fields.
    pub fn plain() -> Self {
        DataOptions {
            pre: String::new(),
            post: String::new(),
            fields: Vec::new(),
        }
    }
}

const BOLD: Style = Style::new().effects(Effects::BOLD);
const MATCH: Style = Style::new()
    .fg_color(Some(Color::Ansi(AnsiColor::Red)))
    .effects(Effects::BOLD);
const GREEN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Green)));
const CYAN: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));
const MAGENTA: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Magenta)));
const DIM: Style = Style::new().effects(Effects::DIMMED);

fn paint(w: &mut dyn std::io::Write, on: bool, style: Style, s: &str) -> std::io::Result<()> {
    if on {
        write!(w, "{}{s}{}", style.render(), style.render_reset())
    } else {
        w.write_all(s.as_bytes())
    }
}

/// Shows `path` relative to `cwd` when it lies below it.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    cwd.and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// `2020-01-30 16:46`, or `2020-01-30` when only the day is known: the time
/// as the publisher gave it (in its own UTC offset, when it stated one).
fn short_date(date: chrono::DateTime<chrono::FixedOffset>) -> String {
    if date.time() == chrono::NaiveTime::MIN {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.format("%Y-%m-%d %H:%M").to_string()
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes one row of a delimited table.
fn write_row(w: &mut dyn std::io::Write, format: Format, cells: &[String]) -> std::io::Result<()> {
    match format {
        Format::Tsv => {
            let cells: Vec<String> = cells
                .iter()
                .map(|c| c.replace(['\t', '\n', '\r'], " "))
                .collect();
            writeln!(w, "{}", cells.join("\t"))
        }
        _ => {
            let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
            writer.write_record(cells).map_err(std::io::Error::other)?;
            let bytes = writer
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            w.write_all(&bytes)
        }
    }
}
