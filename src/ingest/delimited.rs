//! CSV and TSV exports with a header row (`url,date,title,text`, …): each row
//! is one article, its columns mapped with the same names as JSON fields.

use serde_json::{Map, Value};

use crate::ingest::Parsed;
use crate::ingest::json::article_from_value;

/// Reads a delimited file; `delimiter` is `b','` or `b'\t'`.
pub fn parse_delimited(text: &str, delimiter: u8) -> Result<Parsed, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the header row is empty".to_string());
    }
    let mut parsed = Parsed::default();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2; // 1-based, after the header
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                parsed.problems.push(format!("row {row}: {e}"));
                continue;
            }
        };
        let mut map = Map::new();
        for (name, value) in headers.iter().zip(record.iter()) {
            if !name.is_empty() && !value.trim().is_empty() {
                map.insert(name.clone(), Value::String(value.to_string()));
            }
        }
        match article_from_value(&Value::Object(map)) {
            Ok(article) => parsed.articles.push((i, article)),
            Err(reason) => parsed.problems.push(format!("row {row}: {reason}")),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_with_quoted_multiline_bodies() {
        let parsed = parse_delimited(
            "url,date,title,text\nhttps://en.wikinews.org//wiki/A,2019-01-04,\"A, with comma\",\"First para.\n\nSecond \"\"quoted\"\" para.\"\n,2019-01-05,B,Body B\n",
            b',',
        )
        .expect("parses");
        assert_eq!(parsed.articles.len(), 2, "{:?}", parsed.problems);
        let a = &parsed.articles[0].1;
        assert_eq!(a.title, "A, with comma");
        assert_eq!(a.body, "First para.\n\nSecond \"quoted\" para.");
        assert_eq!(a.url.as_deref(), Some("https://en.wikinews.org//wiki/A"));
        assert!(a.date.is_some());
    }

    #[test]
    fn tsv_with_other_column_names() {
        let parsed = parse_delimited("id\tarticle\theadline\n1\tBody text\tHead\n2\t\t\n", b'\t')
            .expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].1.title, "Head");
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].starts_with("row 3: no title or body"));
    }
}
