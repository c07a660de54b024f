//! Clean-up rules shared by every reader: whitespace, title suffixes, author
//! lists. Each function is pure and idempotent.

use std::sync::LazyLock;

use regex::Regex;

/// Collapses every run of white space (including no-break and zero-width
/// spaces) to one ASCII space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            pending_space = !out.is_empty();
        } else if c.is_control() {
            // Wire-service and scraper debris: never part of the text.
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Normalises a body: paragraphs separated by exactly one blank line, white
/// space inside a paragraph collapsed, empty paragraphs dropped.
pub fn clean_body(body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(body.len());
    for para in body.split("\n\n") {
        let para = collapse_whitespace(para);
        if para.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

const TITLE_SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // "];

/// Cleans a headline: collapses white space and drops a `" | Site"` /
/// `" - Site"` suffix (or `"Site | "` prefix) naming the publisher.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(*s)) else {
        return title;
    };
    let parts: Vec<&str> = title.split(sep).collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let site_key = site.map(alnum_key).filter(|s| s.len() >= 3);
    let names_site = |part: &str| {
        let key = alnum_key(part);
        looks_like_domain(part)
            || site_key.as_ref().is_some_and(|site| {
                !key.is_empty() && (site.contains(&key) || key.contains(site.as_str()))
            })
    };
    let words = |s: &str| s.split_whitespace().count();
    if names_site(last) {
        return parts[..parts.len() - 1].join(sep);
    }
    if parts.len() > 1 && names_site(first) && words(last) >= 3 {
        return parts[1..].join(sep);
    }
    // An unknown short brand after a pipe ("Huawei ban | The Record") is a
    // site name even when the page never says which site it is.
    let pipe_like = matches!(*sep, " | " | " :: " | " · " | " • " | " // ");
    let brandish = words(last) <= 4 && last.split_whitespace().all(starts_upper_or_digit);
    if pipe_like && brandish && words(&parts[..parts.len() - 1].join(" ")) >= 3 {
        return parts[..parts.len() - 1].join(sep);
    }
    title
}

fn starts_upper_or_digit(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic())
}

fn alnum_key(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("www.").unwrap_or(&s);
    let s = s.strip_prefix("the ").unwrap_or(s);
    // A domain's key is its registrable-looking first label: "lbc.co.uk" → "lbc".
    let s = if looks_like_domain(s) {
        s.split('.').next().unwrap_or(s)
    } else {
        s
    };
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn looks_like_domain(s: &str) -> bool {
    static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i)(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$").expect("valid regex")
    });
    DOMAIN.is_match(s.trim())
}

static BY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(?:written\s+by|posted\s+by|reported\s+by|words\s+by|by)\b[\s:]*")
        .expect("valid regex")
});

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|journalist|producer|analyst|news\s*desk|newsroom|agencies|agency|press\s+association|associated\s+press|reuters|afp|updated|published)\b",
    )
    .expect("valid regex")
});

/// Cleans an author list: strips "By", splits "A and B", drops roles, URLs,
/// e-mail addresses, the site's own name and duplicates.
pub fn clean_authors(authors: &[String], site: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in authors {
        for name in split_names(raw) {
            let key = name.to_lowercase();
            let is_site = site.is_some_and(|s| alnum_key(s) == alnum_key(&name));
            if !is_site && !out.iter().any(|o| o.to_lowercase() == key) {
                out.push(name);
            }
        }
    }
    // Agency or staff credits only count when nobody else is named.
    if out.len() > 1 {
        let people: Vec<String> = out.iter().filter(|n| !ROLE.is_match(n)).cloned().collect();
        if !people.is_empty() {
            out = people;
        }
    }
    out
}

fn split_names(raw: &str) -> Vec<String> {
    let s = collapse_whitespace(raw);
    let s = BY_PREFIX.replace(&s, "");
    let mut names = Vec::new();
    for piece in s.split([';', '|', '\n']) {
        let piece = piece.replace(" & ", " and ");
        for part in piece.split(" and ") {
            let part = part.trim();
            // "Fiona Jones, Political Reporter" → "Fiona Jones"; but keep
            // "Jong, Michiel de" (a surname-first name) whole.
            let candidates: Vec<&str> = part.split(',').map(str::trim).collect();
            if candidates.len() > 1
                && candidates[1..]
                    .iter()
                    .all(|c| ROLE.is_match(c) || c.is_empty() || looks_like_domain(c))
            {
                push_name(&mut names, candidates[0]);
            } else if candidates.len() > 1
                && candidates
                    .iter()
                    .all(|c| c.split_whitespace().count() >= 2 && !ROLE.is_match(c))
            {
                for c in candidates {
                    push_name(&mut names, c);
                }
            } else {
                push_name(&mut names, part);
            }
        }
    }
    names
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = BY_PREFIX.replace(name.trim(), "");
    let name = name.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ':' | '-' | '–' | '|')
    });
    let words = name.split_whitespace().count();
    let plausible = !name.is_empty()
        && name.chars().any(char::is_alphabetic)
        && words <= 6
        && name.chars().count() <= 60
        && !name.contains("://")
        && !name.contains('@')
        && !name.starts_with("www.");
    if plausible {
        names.push(name.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &[&str]) -> Vec<String> {
        clean_authors(
            &raw.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            Some("lbc.co.uk"),
        )
    }

    #[test]
    fn whitespace_collapses_including_nbsp() {
        assert_eq!(collapse_whitespace("  a\u{a0}\u{a0}b\n\tc "), "a b c");
    }

    #[test]
    fn body_paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(clean_body("a\n b\n\n\n\nc\r\n\r\nd  "), "a b\n\nc\n\nd");
    }

    #[test]
    fn title_loses_site_suffix() {
        assert_eq!(
            clean_title("Huawei decision | LBC", Some("lbc.co.uk")),
            "Huawei decision"
        );
        assert_eq!(
            clean_title("US won't share intelligence - BBC News", Some("bbc.co.uk")),
            "US won't share intelligence"
        );
        assert_eq!(
            clean_title("Pompeo warns the UK over Huawei | The Record", None),
            "Pompeo warns the UK over Huawei"
        );
        assert_eq!(
            clean_title("Storm hits coast - example.com", None),
            "Storm hits coast"
        );
    }

    #[test]
    fn title_keeps_dashes_that_are_part_of_it() {
        assert_eq!(
            clean_title("Timberlake ‘not intoxicated’ - lawyer says", None),
            "Timberlake ‘not intoxicated’ - lawyer says"
        );
    }

    #[test]
    fn authors_are_split_and_cleaned() {
        assert_eq!(names(&["By Fiona Jones"]), ["Fiona Jones"]);
        assert_eq!(
            names(&["by Janie Gabbett and Ann Smith"]),
            ["Janie Gabbett", "Ann Smith"]
        );
        assert_eq!(names(&["Fiona Jones, Political Reporter"]), ["Fiona Jones"]);
        assert_eq!(names(&["Jong, Michiel de"]), ["Jong, Michiel de"]);
        assert_eq!(
            names(&["https://lbc.co.uk/author/x", "LBC"]),
            Vec::<String>::new()
        );
        assert_eq!(names(&["A. Writer", "a. writer"]), ["A. Writer"]);
    }
}
