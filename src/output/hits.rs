//! Search results: text for people; JSON, JSON Lines, CSV and TSV for scripts.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value};

use super::{
    BOLD, CYAN, DIM, DataOptions, Format, GREEN, MAGENTA, MATCH, TextOptions, display_path, paint,
    short_date, write_row,
};
use crate::article::{format_date, format_local_date, local_time};
use crate::search::{Duplicate, Highlighted, Hit, SearchResults};

/// The fields of a hit, in their documented order.
pub const HIT_FIELDS: &[&str] = &[
    "rank",
    "id",
    "score",
    "title",
    "author",
    "authors",
    "date",
    "path",
    "url",
    "site",
    "lang",
    "local_date",
    "snippet",
    "duplicates",
];

/// One hit for scripts: the shape the README documents.
#[derive(Debug, Serialize)]
pub struct HitRecord<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// Article id (for `byline show`).
    pub id: &'a str,
    /// Ranking score (BM25), rounded to 4 decimals.
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
    /// The date in RFC 3339 with the publisher's UTC offset (`Z` when the
    /// source stated none), or null.
    pub local_date: Option<String>,
    /// The passage with matched words marked.
    pub snippet: String,
    /// Ids of the other copies of the story, folded under this hit.
    pub duplicates: Vec<&'a str>,
}

impl<'a> HitRecord<'a> {
    /// Builds the record of a hit, marking matches with `options`.
    pub fn new(hit: &'a Hit, options: &DataOptions) -> Self {
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
            local_date: hit
                .date
                .map(|d| format_local_date(local_time(d, hit.utc_offset))),
            snippet: hit.snippet.render(&options.pre, &options.post),
            duplicates: hit.duplicates.iter().map(|d| d.id.as_str()).collect(),
        }
    }

    /// The record as a JSON object holding only `fields` (all when empty).
    fn to_value(&self, fields: &[String]) -> Value {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        if fields.is_empty() {
            return value;
        }
        let Value::Object(all) = value else {
            return value;
        };
        let mut picked = Map::new();
        for f in fields {
            if let Some(v) = all.get(f) {
                picked.insert(f.clone(), v.clone());
            }
        }
        Value::Object(picked)
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// Writes search results in `format`.
pub fn write_results(
    w: &mut dyn Write,
    results: &SearchResults,
    format: Format,
    text: &TextOptions,
    data: &DataOptions,
) -> io::Result<()> {
    let records = || {
        results
            .hits
            .iter()
            .map(|h| HitRecord::new(h, data).to_value(&data.fields))
    };
    match format {
        Format::Json => {
            let mut object = Map::new();
            object.insert("query".into(), Value::String(results.query.clone()));
            object.insert("total".into(), Value::from(results.total));
            object.insert("hits".into(), Value::Array(records().collect()));
            if let Some(suggestion) = &results.suggestion {
                object.insert("suggestion".into(), Value::String(suggestion.clone()));
            }
            if let Some((total, _)) = &results.without_filters {
                object.insert("without_filters".into(), Value::from(*total));
            }
            serde_json::to_writer_pretty(&mut *w, &object)?;
            writeln!(w)
        }
        Format::Jsonl => {
            for record in records() {
                serde_json::to_writer(&mut *w, &record)?;
                writeln!(w)?;
            }
            Ok(())
        }
        Format::Csv | Format::Tsv => {
            let fields: Vec<String> = if data.fields.is_empty() {
                HIT_FIELDS
                    .iter()
                    .filter(|f| **f != "authors")
                    .map(|f| f.to_string())
                    .collect()
            } else {
                data.fields.clone()
            };
            write_row(w, format, &fields)?;
            for record in records() {
                let row: Vec<String> = fields.iter().map(|f| cell(&record[f.as_str()])).collect();
                write_row(w, format, &row)?;
            }
            Ok(())
        }
        Format::Text => write_text(w, results, text),
    }
}

/// One line of `--batch` output: `{"query", "total", "hits"}`, or
/// `{"query", "error"}` when the query could not run.
pub fn write_batch_line(
    w: &mut dyn Write,
    query: &str,
    outcome: Result<&SearchResults, String>,
    data: &DataOptions,
    count_only: bool,
) -> io::Result<()> {
    let mut object = Map::new();
    object.insert("query".into(), Value::String(query.to_string()));
    match outcome {
        Ok(results) => {
            object.insert("total".into(), Value::from(results.total));
            if !count_only {
                let hits = results
                    .hits
                    .iter()
                    .map(|h| HitRecord::new(h, data).to_value(&data.fields))
                    .collect();
                object.insert("hits".into(), Value::Array(hits));
            }
        }
        Err(error) => {
            object.insert("error".into(), Value::String(error));
        }
    }
    serde_json::to_writer(&mut *w, &object)?;
    writeln!(w)
}

fn write_marked(
    w: &mut dyn Write,
    h: &Highlighted,
    text: &TextOptions,
    base: anstyle::Style,
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

fn write_text(w: &mut dyn Write, results: &SearchResults, text: &TextOptions) -> io::Result<()> {
    let on = text.color;
    let width = results.hits.last().map_or(1, |h| h.rank.to_string().len());
    let indent = " ".repeat(width + 2);
    for hit in &results.hits {
        paint(w, on, DIM, &format!("{:>width$}. ", hit.rank))?;
        write_marked(w, &hit.title, text, BOLD)?;
        writeln!(w)?;
        w.write_all(indent.as_bytes())?;
        let mut parts: Vec<(anstyle::Style, String)> = Vec::new();
        if !hit.authors.is_empty() {
            parts.push((GREEN, hit.authors.join("; ")));
        }
        if let Some(date) = hit.date {
            parts.push((CYAN, short_date(local_time(date, hit.utc_offset))));
        }
        parts.push((MAGENTA, display_path(&hit.path, text.cwd.as_deref())));
        // The id `byline show` and `byline similar` take.
        parts.push((DIM, hit.id.clone()));
        for (i, (style, part)) in parts.iter().enumerate() {
            if i > 0 {
                paint(w, on, DIM, " · ")?;
            }
            paint(w, on, *style, part)?;
        }
        writeln!(w)?;
        if !hit.snippet.text.is_empty() {
            w.write_all(indent.as_bytes())?;
            write_marked(w, &hit.snippet, text, anstyle::Style::new())?;
            writeln!(w)?;
        }
        if !hit.duplicates.is_empty() {
            w.write_all(indent.as_bytes())?;
            paint(w, on, DIM, &copies_line(&hit.duplicates, text))?;
            writeln!(w)?;
        }
        writeln!(w)?;
    }
    let folded: usize = results.hits.iter().map(|h| h.duplicates.len()).sum();
    let shown = match (results.hits.first(), results.hits.last()) {
        (Some(a), Some(b)) if results.total > results.hits.len() + folded => {
            format!(" (showing {}–{})", a.rank, b.rank)
        }
        _ => String::new(),
    };
    let noun = if results.total == 1 {
        "article matches"
    } else {
        "articles match"
    };
    let what = if results.query.trim().is_empty() {
        String::new()
    } else if results.query.contains('"') {
        format!(" '{}'", results.query)
    } else {
        format!(" \"{}\"", results.query)
    };
    paint(
        w,
        on,
        DIM,
        &format!("{} {noun}{what}{shown}\n", results.total),
    )?;
    if let Some(better) = &results.suggestion {
        let quoted = if better.contains('"') {
            format!("'{better}'")
        } else {
            format!("\"{better}\"")
        };
        writeln!(w, "Did you mean {quoted}?")?;
    }
    if let Some((total, options)) = &results.without_filters {
        let noun = if *total == 1 {
            "article matches"
        } else {
            "articles match"
        };
        writeln!(w, "{total} {noun} without {}", options.join(", "))?;
    }
    Ok(())
}

/// Copies of a story shown under its hit.
const COPIES_NAMED: usize = 2;

/// The line under a hit that names its folded copies: "+ 1 copy: ID (date ·
/// path)", the first [`COPIES_NAMED`] of them, then how many more.
fn copies_line(copies: &[Duplicate], text: &TextOptions) -> String {
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    let named: Vec<String> = copies
        .iter()
        .take(COPIES_NAMED)
        .map(|c| {
            let mut place = Vec::new();
            if let Some(date) = c.date {
                place.push(short_date(local_time(date, c.utc_offset)));
            }
            place.push(display_path(&c.path, text.cwd.as_deref()));
            format!("{} ({})", c.id, place.join(" · "))
        })
        .collect();
    let more = match copies.len().saturating_sub(COPIES_NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("+ {} {noun}: {}{more}", copies.len(), named.join(", "))
}
