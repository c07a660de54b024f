//! Facet counts (tables and timelines) and the index summary.

use std::io::{self, Write};

use super::{CYAN, DIM, Format, TextOptions, paint, plural, write_row};
use crate::ingest::human_bytes;
use crate::search::{FacetCounts, IndexSummary};

/// Writes facet counts: a table (values) or a histogram (periods) as text,
/// or JSON / CSV / TSV. `limit` caps the value rows shown as text.
pub fn write_facets(
    w: &mut dyn Write,
    counts: &FacetCounts,
    format: Format,
    text: &TextOptions,
    limit: usize,
) -> io::Result<()> {
    match format {
        Format::Json | Format::Jsonl => {
            serde_json::to_writer_pretty(&mut *w, counts)?;
            writeln!(w)
        }
        Format::Csv | Format::Tsv => {
            write_row(
                w,
                format,
                &[counts.by.name().to_string(), "count".to_string()],
            )?;
            for b in &counts.buckets {
                write_row(w, format, &[b.key.clone(), b.count.to_string()])?;
            }
            Ok(())
        }
        Format::Text if counts.by.is_time() => write_timeline(w, counts, text),
        Format::Text => write_table(w, counts, text, limit),
    }
}

fn write_table(
    w: &mut dyn Write,
    counts: &FacetCounts,
    text: &TextOptions,
    limit: usize,
) -> io::Result<()> {
    let shown = &counts.buckets[..counts.buckets.len().min(limit.max(1))];
    let width = shown
        .iter()
        .map(|b| b.count.to_string().len())
        .max()
        .unwrap_or(1);
    for b in shown {
        writeln!(w, "{:>width$}  {}", b.count, b.key)?;
    }
    let mut notes = vec![plural(
        counts.total,
        "matching article",
        "matching articles",
    )];
    if counts.buckets.len() > shown.len() {
        notes.push(format!(
            "{} more {}s not shown (-n to see more)",
            counts.buckets.len() - shown.len(),
            counts.by.name()
        ));
    }
    if counts.missing > 0 {
        notes.push(format!("{} without {}", counts.missing, counts.by.name()));
    }
    paint(w, text.color, DIM, &format!("{}\n", notes.join("; ")))
}

fn write_timeline(w: &mut dyn Write, counts: &FacetCounts, text: &TextOptions) -> io::Result<()> {
    let max = counts.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let key_width = counts
        .buckets
        .iter()
        .map(|b| b.key.len())
        .max()
        .unwrap_or(4);
    let count_width = max.to_string().len();
    let bar_room = text
        .width
        .saturating_sub(key_width + count_width + 4)
        .max(10);
    let buckets = &counts.buckets;
    let mut i = 0;
    while i < buckets.len() {
        let b = &buckets[i];
        // A long stretch with no coverage is one line, not a page of blanks.
        let empty_run = buckets[i..].iter().take_while(|b| b.count == 0).count();
        if empty_run >= 4 {
            let last = &buckets[i + empty_run - 1];
            let line = format!(
                "{:<key_width$} {:>count_width$} ┆ {} {}s with none, to {}",
                b.key,
                0,
                empty_run,
                counts.by.name(),
                last.key
            );
            paint(w, text.color, DIM, &line)?;
            writeln!(w)?;
            i += empty_run;
            continue;
        }
        i += 1;
        // Eighth-blocks give the bars sub-character resolution.
        let eighths = if max == 0 {
            0
        } else {
            (b.count * bar_room as u64 * 8).div_ceil(max) as usize
        };
        let mut bar = "█".repeat(eighths / 8);
        if eighths % 8 > 0 {
            bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
        }
        write!(w, "{:<key_width$} {:>count_width$} ", b.key, b.count)?;
        paint(w, text.color, CYAN, &bar)?;
        writeln!(w)?;
    }
    let mut note = plural(counts.total, "matching article", "matching articles");
    if counts.missing > 0 {
        note.push_str(&format!("; {} undated", counts.missing));
    }
    paint(w, text.color, DIM, &format!("{note}\n"))
}

/// Writes the index summary (text, or one JSON object).
pub fn write_summary(w: &mut dyn Write, summary: &IndexSummary, format: Format) -> io::Result<()> {
    if format != Format::Text {
        serde_json::to_writer_pretty(&mut *w, summary)?;
        return writeln!(w);
    }
    let path = summary
        .path
        .as_ref()
        .map_or_else(|| "(in memory)".to_string(), |p| p.display().to_string());
    writeln!(w, "index      {path} ({})", human_bytes(summary.size_bytes))?;
    writeln!(w, "articles   {}", summary.articles)?;
    let dates = match (&summary.earliest, &summary.latest) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "none".to_string(),
    };
    let undated = if summary.undated > 0 {
        format!(" ({} undated)", summary.undated)
    } else {
        String::new()
    };
    writeln!(w, "dates      {dates}{undated}")?;
    writeln!(w, "authors    {}", summary.authors)?;
    writeln!(w, "sites      {}", summary.sites)?;
    let langs: Vec<String> = summary
        .languages
        .iter()
        .map(|b| format!("{} {}", b.key, b.count))
        .collect();
    writeln!(
        w,
        "languages  {}",
        if langs.is_empty() {
            "unknown".to_string()
        } else {
            langs.join(", ")
        }
    )
}
