//! The summary of an index run.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Format, plural};
use crate::index::run::IndexReport;

/// Writes the summary of an index run (text, or one JSON object).
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
    write!(
        w,
        "Indexed {} from {} in {:.2} s",
        plural(report.articles as u64, "article", "articles"),
        plural(report.files as u64, "file", "files"),
        report.seconds
    )?;
    let mut extra = Vec::new();
    if report.updated > 0 {
        extra.push(format!(
            "{} changed",
            plural(report.updated as u64, "file", "files")
        ));
    }
    if report.unchanged > 0 {
        extra.push(format!(
            "{} unchanged",
            plural(report.unchanged as u64, "file", "files")
        ));
    }
    if report.removed > 0 {
        extra.push(format!(
            "{} removed",
            plural(report.removed as u64, "file", "files")
        ));
    }
    if report.duplicates > 0 {
        extra.push(format!(
            "{} skipped as duplicates",
            plural(report.duplicates as u64, "article", "articles")
        ));
    }
    if !report.skipped.is_empty() {
        extra.push(format!(
            "{} skipped",
            plural(report.skipped.len() as u64, "file", "files")
        ));
    }
    if !report.partial.is_empty() {
        extra.push(format!(
            "{} skipped inside files",
            plural(report.partial.len() as u64, "part", "parts")
        ));
    }
    if report.passed_over > 0 {
        extra.push(format!(
            "{} not articles",
            plural(report.passed_over as u64, "file", "files")
        ));
    }
    if !extra.is_empty() {
        write!(w, " ({})", extra.join(", "))?;
    }
    writeln!(
        w,
        ".\nThe index at {} holds {}.",
        index_dir.display(),
        plural(report.total_articles, "article", "articles")
    )
}
