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
    for (count, one, many, what) in [
        (report.updated, "file", "files", "changed"),
        (report.unchanged, "file", "files", "unchanged"),
        (report.removed, "file", "files", "removed"),
        (
            report.duplicates,
            "article",
            "articles",
            "skipped as duplicates",
        ),
    ] {
        if count > 0 {
            extra.push(format!("{} {what}", plural(count as u64, one, many)));
        }
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
