//! The query language, parsed into a small syntax tree.
//!
//! ```text
//! five eyes              both words (all terms are required)
//! huawei OR zte          either word
//! huawei -germany        without a word
//! "five eyes"            a phrase;  "five eyes"~2  with up to 2 words between
//! huaw*                  a prefix;  huawie~1  a word within 1 edit (up to 2)
//! title:huawei           in the headline (also author:, body:, site:, lang:, tag:)
//! title:(huawei OR zte)  a group scoped to a field
//! date:2020-01           a year, month or day;  date:[2020-01-01 TO 2020-02-01]
//! *                      every article (with filters, or to exclude: * -huawei)
//! ```
//!
//! `OR` binds tighter than the implicit AND, as in web search: `pompeo huawei
//! OR zte` is `pompeo AND (huawei OR zte)`. Errors carry the column.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

/// A field a query term can be scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Headline.
    Title,
    /// Author names.
    Author,
    /// Body text.
    Body,
    /// Site (exact).
    Site,
    /// Language code (exact).
    Lang,
    /// A tag (exact): topic, place, keyword.
    Tag,
    /// Publication date.
    Date,
}

impl Scope {
    const NAMES: &'static str = "title, author, body, site, lang, tag, date";

    fn from_name(name: &str) -> Option<Scope> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" | "headline" => Scope::Title,
            "author" | "by" | "byline" => Scope::Author,
            "body" | "text" => Scope::Body,
            "site" => Scope::Site,
            "lang" | "language" => Scope::Lang,
            "tag" | "tags" | "topic" | "place" => Scope::Tag,
            "date" => Scope::Date,
            _ => return None,
        })
    }
}

/// How a single word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// The word (after stemming).
    Exact,
    /// Any word starting with it.
    Prefix,
    /// Any word within this many edits.
    Fuzzy(u8),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// All must match.
    And(Vec<Node>),
    /// Any may match.
    Or(Vec<Node>),
    /// Must not match.
    Not(Box<Node>),
    /// A word, in a field or in the default fields.
    Word {
        /// `None` means the default fields (title, body, author).
        scope: Option<Scope>,
        /// The word as typed.
        text: String,
        /// Exact, prefix or fuzzy.
        kind: WordKind,
    },
    /// A quoted phrase.
    Phrase {
        /// `None` means the default fields.
        scope: Option<Scope>,
        /// The words as typed.
        text: String,
        /// Words allowed between the phrase's words.
        slop: u32,
    },
    /// Every article: a lone `*`.
    All,
    /// A span of time, `[start, end)`; either end may be open.
    DateRange {
        /// Inclusive start.
        start: Option<DateTime<Utc>>,
        /// Exclusive end.
        end: Option<DateTime<Utc>>,
    },
}

/// A lone `*`: every article, in no field.
fn every_article(scope: Option<Scope>, col: usize) -> Result<Node, QueryError> {
    match scope {
        None => Ok(Node::All),
        Some(_) => err(
            col,
            "'*' alone matches every article and takes no field; a prefix follows a word, as in huaw*",
        ),
    }
}

/// A query that could not be parsed: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// 1-based column (in characters) where the problem is.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query error at column {}: {}", self.column, self.message)
    }
}

fn err<T>(column: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        column,
        message: message.into(),
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String),
    Field(String),
    Range {
        raw: String,
        open: char,
        close: char,
    },
    LParen,
    RParen,
    Minus,
    Plus,
    And,
    Or,
    Not,
    Tilde(Option<u32>),
    Star,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    col: usize,
    /// Whether white space came right before it.
    spaced: bool,
}

fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut spaced = true;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let tok = match c {
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            '"' | '“' | '”' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && !matches!(chars[j], '"' | '“' | '”') {
                    j += 1;
                }
                if j == chars.len() {
                    return err(col, "unclosed quote: add a closing \"");
                }
                i = j + 1;
                Tok::Phrase(chars[start..j].iter().collect())
            }
            '[' | '{' => {
                let close = if c == '[' { ']' } else { '}' };
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && !matches!(chars[j], ']' | '}') {
                    j += 1;
                }
                if j == chars.len() {
                    return err(col, format!("unclosed range: add a closing {close}"));
                }
                i = j + 1;
                Tok::Range {
                    raw: chars[start..j].iter().collect(),
                    open: c,
                    close: chars[j],
                }
            }
            '-' if spaced && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                i += 1;
                Tok::Minus
            }
            '+' if spaced && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                i += 1;
                Tok::Plus
            }
            '~' if !spaced => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let digits: String = chars[start..j].iter().collect();
                i = j;
                if digits.is_empty() {
                    Tok::Tilde(None)
                } else {
                    match digits.parse() {
                        Ok(n) => Tok::Tilde(Some(n)),
                        Err(_) => return err(col + 1, "number after ~ is too large"),
                    }
                }
            }
            '*' if !spaced => {
                i += 1;
                Tok::Star
            }
            _ => {
                let start = i;
                let mut j = i;
                while j < chars.len() {
                    let d = chars[j];
                    if d.is_whitespace() || matches!(d, '(' | ')' | '"' | '“' | '”' | '[' | '{')
                    {
                        break;
                    }
                    if matches!(d, '~' | '*') && j > start {
                        break;
                    }
                    if d == ':' && j > start {
                        // "title:x" starts a field; "16:46" and "http://…" do not.
                        let name: String = chars[start..j].iter().collect();
                        let next = chars.get(j + 1).copied();
                        let is_url = next == Some('/');
                        let known = Scope::from_name(&name).is_some();
                        if name.chars().all(|c| c.is_ascii_alphabetic())
                            && !is_url
                            && (known || next.is_some_and(|n| !n.is_whitespace()))
                        {
                            break;
                        }
                    }
                    j += 1;
                }
                let word: String = chars[start..j].iter().collect();
                i = j;
                if chars.get(j) == Some(&':')
                    && j > start
                    && word.chars().all(|c| c.is_ascii_alphabetic())
                {
                    i = j + 1;
                    Tok::Field(word)
                } else {
                    match word.as_str() {
                        "OR" | "||" => Tok::Or,
                        "AND" | "&&" => Tok::And,
                        "NOT" => Tok::Not,
                        _ => Tok::Word(word),
                    }
                }
            }
        };
        out.push(Token { tok, col, spaced });
        spaced = false;
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end_col: usize,
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Node, QueryError> {
    let tokens = lex(input)?;
    let end_col = input.chars().count() + 1;
    if tokens.is_empty() {
        return err(1, "empty query");
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        end_col,
    };
    let node = p.and_expr(None)?;
    if let Some(t) = p.peek() {
        return match t.tok {
            Tok::RParen => err(t.col, "unmatched ')'"),
            _ => err(t.col, "unexpected text"),
        };
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn col(&self) -> usize {
        self.peek().map_or(self.end_col, |t| t.col)
    }

    fn and_expr(&mut self, scope: Option<Scope>) -> Result<Node, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek().map(|t| &t.tok) {
                None | Some(Tok::RParen) => break,
                Some(Tok::And) => {
                    let col = self.col();
                    self.pos += 1;
                    if items.is_empty() {
                        return err(col, "AND needs a term before it");
                    }
                    if matches!(self.peek().map(|t| &t.tok), None | Some(Tok::RParen)) {
                        return err(col, "AND needs a term after it");
                    }
                }
                Some(Tok::Or) => return err(self.col(), "OR needs a term before it"),
                _ => items.push(self.or_expr(scope)?),
            }
        }
        match items.len() {
            0 => err(self.col(), "empty group"),
            1 => Ok(items.remove(0)),
            _ => Ok(Node::And(items)),
        }
    }

    fn or_expr(&mut self, scope: Option<Scope>) -> Result<Node, QueryError> {
        let mut items = vec![self.unary(scope)?];
        while let Some(Tok::Or) = self.peek().map(|t| &t.tok) {
            let col = self.col();
            self.pos += 1;
            if matches!(
                self.peek().map(|t| &t.tok),
                None | Some(Tok::RParen) | Some(Tok::Or) | Some(Tok::And)
            ) {
                return err(col, "OR needs a term after it");
            }
            items.push(self.unary(scope)?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::Or(items)
        })
    }

    fn unary(&mut self, scope: Option<Scope>) -> Result<Node, QueryError> {
        match self.peek().map(|t| t.tok.clone()) {
            Some(Tok::Minus) | Some(Tok::Not) => {
                let col = self.col();
                self.pos += 1;
                if matches!(self.peek().map(|t| &t.tok), None | Some(Tok::RParen)) {
                    return err(col, "nothing to exclude after '-' or NOT");
                }
                Ok(Node::Not(Box::new(self.unary(scope)?)))
            }
            Some(Tok::Plus) => {
                self.pos += 1;
                self.unary(scope)
            }
            _ => self.primary(scope),
        }
    }

    fn primary(&mut self, scope: Option<Scope>) -> Result<Node, QueryError> {
        let col = self.col();
        let Some(token) = self.next() else {
            return err(col, "expected a word or phrase");
        };
        match token.tok {
            Tok::LParen => {
                let node = self.and_expr(scope)?;
                match self.next() {
                    Some(Token {
                        tok: Tok::RParen, ..
                    }) => Ok(node),
                    _ => err(col, "unclosed '(': add a closing ')'"),
                }
            }
            Tok::Field(name) => {
                let Some(field) = Scope::from_name(&name) else {
                    return err(
                        col,
                        format!(
                            "unknown field '{name}' (fields are {}; quote the text to search for it)",
                            Scope::NAMES
                        ),
                    );
                };
                if scope.is_some_and(|s| s != field) {
                    return err(col, format!("field '{name}' inside another field's group"));
                }
                if self.peek().is_none_or(|t| t.spaced) {
                    return err(
                        col,
                        format!("'{name}:' needs a value right after the colon"),
                    );
                }
                if field == Scope::Date {
                    return self.date_value(col);
                }
                if matches!(self.peek().map(|t| &t.tok), Some(Tok::Range { .. })) {
                    return err(col, format!("ranges only apply to date:, not {name}:"));
                }
                self.primary(Some(field))
            }
            Tok::Phrase(text) => {
                let slop = match self.peek().map(|t| (t.tok.clone(), t.spaced)) {
                    Some((Tok::Tilde(n), false)) => {
                        let n = n.unwrap_or(2);
                        self.pos += 1;
                        n
                    }
                    _ => 0,
                };
                if text.trim().is_empty() {
                    return err(col, "empty phrase");
                }
                Ok(Node::Phrase { scope, text, slop })
            }
            // A star where a term begins, not after a word: every article.
            Tok::Star => every_article(scope, col),
            Tok::Word(text) if text == "*" => every_article(scope, col),
            Tok::Word(text) => {
                let kind = match self.peek().map(|t| (t.tok.clone(), t.spaced)) {
                    Some((Tok::Star, false)) => {
                        self.pos += 1;
                        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                            return err(
                                col,
                                format!("prefix '{text}*' is too short: use at least 2 letters"),
                            );
                        }
                        WordKind::Prefix
                    }
                    Some((Tok::Tilde(n), false)) => {
                        let tilde_col = self.col();
                        self.pos += 1;
                        let n = n.unwrap_or(2);
                        if !(1..=2).contains(&n) {
                            return err(
                                tilde_col,
                                format!("fuzzy distance must be 1 or 2, not {n}"),
                            );
                        }
                        WordKind::Fuzzy(n as u8)
                    }
                    _ => WordKind::Exact,
                };
                Ok(Node::Word { scope, text, kind })
            }
            Tok::RParen => err(col, "unmatched ')'"),
            Tok::Or | Tok::And => err(col, "operator needs a term before it"),
            Tok::Tilde(_) => err(col, "'~' must follow a word or phrase, as in huawie~1"),
            Tok::Range { .. } => err(
                col,
                "a range needs a field, as in date:[2020-01 TO 2020-03]",
            ),
            Tok::Minus | Tok::Plus | Tok::Not => err(col, "expected a word or phrase"),
        }
    }

    /// `date:2020-01`, `date:[2020-01-01 TO 2020-02-01]`, `date:>=2020`.
    fn date_value(&mut self, field_col: usize) -> Result<Node, QueryError> {
        let col = self.col();
        match self.next().map(|t| t.tok) {
            Some(Tok::Range { raw, open, close }) => {
                let parts: Vec<&str> = raw.split_whitespace().collect();
                let [from, to_kw, to] = parts[..] else {
                    return err(
                        col,
                        "a date range reads [FROM TO UNTIL], e.g. [2020-01-01 TO 2020-02-01]",
                    );
                };
                if !to_kw.eq_ignore_ascii_case("TO") {
                    return err(
                        col,
                        "a date range reads [FROM TO UNTIL], e.g. [2020-01-01 TO 2020-02-01]",
                    );
                }
                let start = match from {
                    "*" => None,
                    s => {
                        let span = date_span(s).ok_or_else(|| bad_date(col + 1, s))?;
                        Some(if open == '[' { span.0 } else { span.1 })
                    }
                };
                let end = match to {
                    "*" => None,
                    s => {
                        let span = date_span(s).ok_or_else(|| bad_date(col, s))?;
                        Some(if close == ']' { span.1 } else { span.0 })
                    }
                };
                Ok(Node::DateRange { start, end })
            }
            Some(Tok::Word(w)) => {
                let (op, value) = ["<=", ">=", "<", ">"]
                    .iter()
                    .find_map(|op| w.strip_prefix(op).map(|v| (*op, v)))
                    .unwrap_or(("", w.as_str()));
                let (start, end) = date_span(value).ok_or_else(|| bad_date(col, value))?;
                Ok(match op {
                    ">=" => Node::DateRange {
                        start: Some(start),
                        end: None,
                    },
                    ">" => Node::DateRange {
                        start: Some(end),
                        end: None,
                    },
                    "<=" => Node::DateRange {
                        start: None,
                        end: Some(end),
                    },
                    "<" => Node::DateRange {
                        start: None,
                        end: Some(start),
                    },
                    _ => Node::DateRange {
                        start: Some(start),
                        end: Some(end),
                    },
                })
            }
            _ => err(
                field_col,
                "date: needs a date such as 2020-01-30 or a range [2020-01 TO 2020-03]",
            ),
        }
    }
}

fn bad_date(column: usize, text: &str) -> QueryError {
    QueryError {
        column,
        message: format!("'{text}' is not a date: use 2020, 2020-01, 2020-01-30 or RFC 3339"),
    }
}

/// The span a date as typed covers: `2020` is the whole year, `2020-01` the
/// month, `2020-01-30` the day, an RFC 3339 time one second. Returns
/// `[start, end)` as clock times (in a `DateTime<Utc>`), to be compared with
/// the publisher's clock: `2020-01-30T16:46:00+01:00` is 16:46, wherever the
/// article was published.
pub fn date_span(text: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let text = text.trim();
    let day = |y: i32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
    };
    let parts: Vec<&str> = text.split('-').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if all_digits && parts[0].len() == 4 {
        let year: i32 = parts[0].parse().ok()?;
        return match parts[..] {
            [_] => Some((day(year, 1, 1)?, day(year + 1, 1, 1)?)),
            [_, m] => {
                let month: u32 = m.parse().ok()?;
                let start = day(year, month, 1)?;
                let end = if month == 12 {
                    day(year + 1, 1, 1)?
                } else {
                    day(year, month + 1, 1)?
                };
                Some((start, end))
            }
            [_, m, d] => {
                let start = day(year, m.parse().ok()?, d.parse().ok()?)?;
                Some((start, start + chrono::Duration::days(1)))
            }
            _ => None,
        };
    }
    let clock = DateTime::parse_from_rfc3339(text)
        .ok()?
        .naive_local()
        .and_utc();
    Some((clock, clock + chrono::Duration::seconds(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Node {
        Node::Word {
            scope: None,
            text: text.into(),
            kind: WordKind::Exact,
        }
    }

    #[test]
    fn words_are_anded() {
        assert_eq!(
            parse("five eyes").unwrap(),
            Node::And(vec![word("five"), word("eyes")])
        );
    }

    #[test]
    fn or_binds_tighter_than_and() {
        assert_eq!(
            parse("pompeo huawei OR zte").unwrap(),
            Node::And(vec![
                word("pompeo"),
                Node::Or(vec![word("huawei"), word("zte")])
            ])
        );
    }

    #[test]
    fn negation_phrases_and_fields() {
        assert_eq!(
            parse("-germany title:\"five eyes\"~2").unwrap(),
            Node::And(vec![
                Node::Not(Box::new(word("germany"))),
                Node::Phrase {
                    scope: Some(Scope::Title),
                    text: "five eyes".into(),
                    slop: 2
                },
            ])
        );
    }

    #[test]
    fn a_lone_star_is_every_article() {
        assert_eq!(parse("*").unwrap(), Node::All);
        assert_eq!(
            parse("* -huawei").unwrap(),
            Node::And(vec![Node::All, Node::Not(Box::new(word("huawei")))])
        );
        assert_eq!(parse("(*)").unwrap(), Node::All);
        assert_eq!(parse("-*").unwrap(), Node::Not(Box::new(Node::All)));
        assert_eq!(parse("title:*").unwrap_err().column, 7);
        assert!(
            parse("title:*")
                .unwrap_err()
                .message
                .contains("takes no field")
        );
    }

    #[test]
    fn prefix_and_fuzzy() {
        assert_eq!(
            parse("huaw*").unwrap(),
            Node::Word {
                scope: None,
                text: "huaw".into(),
                kind: WordKind::Prefix
            }
        );
        assert_eq!(
            parse("huawie~1").unwrap(),
            Node::Word {
                scope: None,
                text: "huawie".into(),
                kind: WordKind::Fuzzy(1)
            }
        );
    }

    #[test]
    fn hyphens_inside_words_and_times_are_text() {
        assert_eq!(parse("covid-19").unwrap(), word("covid-19"));
        assert_eq!(parse("16:46").unwrap(), word("16:46"));
        assert_eq!(
            parse("https://lbc.co.uk/x").unwrap(),
            word("https://lbc.co.uk/x")
        );
    }

    #[test]
    fn field_groups() {
        assert_eq!(
            parse("author:(jones OR smith)").unwrap(),
            Node::Or(vec![
                Node::Word {
                    scope: Some(Scope::Author),
                    text: "jones".into(),
                    kind: WordKind::Exact
                },
                Node::Word {
                    scope: Some(Scope::Author),
                    text: "smith".into(),
                    kind: WordKind::Exact
                },
            ])
        );
    }

    #[test]
    fn dates_cover_the_whole_period() {
        let Node::DateRange { start, end } = parse("date:2020-01").unwrap() else {
            panic!()
        };
        assert_eq!(start.unwrap().to_rfc3339(), "2020-01-01T00:00:00+00:00");
        assert_eq!(end.unwrap().to_rfc3339(), "2020-02-01T00:00:00+00:00");
        let Node::DateRange { start, end } = parse("date:[2020-01-01 TO 2020-01-31]").unwrap()
        else {
            panic!()
        };
        assert_eq!(start.unwrap().to_rfc3339(), "2020-01-01T00:00:00+00:00");
        assert_eq!(end.unwrap().to_rfc3339(), "2020-02-01T00:00:00+00:00");
        let Node::DateRange { start, end } = parse("date:>=2020").unwrap() else {
            panic!()
        };
        assert!(start.is_some() && end.is_none());
        // A time with a zone is the clock time it writes (dates are filtered
        // on the publisher's clock).
        let (start, end) = date_span("2022-01-15T00:48:00+01:00").unwrap();
        assert_eq!(start.to_rfc3339(), "2022-01-15T00:48:00+00:00");
        assert_eq!(end.to_rfc3339(), "2022-01-15T00:48:01+00:00");
    }

    #[test]
    fn errors_name_the_column() {
        let e = |q: &str| parse(q).unwrap_err();
        assert_eq!(e("five \"eyes").column, 6);
        assert!(e("five \"eyes").message.contains("unclosed quote"));
        assert_eq!(e("(five eyes").column, 1);
        assert_eq!(e("five)").column, 5);
        assert_eq!(e("tilte:huawei").column, 1);
        assert!(e("tilte:huawei").message.contains("unknown field 'tilte'"));
        assert_eq!(e("huawei OR").column, 8);
        assert_eq!(e("OR huawei").column, 1);
        assert_eq!(e("huawie~3").column, 7);
        assert_eq!(e("h*").column, 1);
        assert_eq!(e("date:jan").column, 6);
        assert_eq!(e("").message, "empty query");
        assert_eq!(e("title: x").column, 1);
        assert_eq!(
            e("five \"eyes").to_string(),
            "query error at column 6: unclosed quote: add a closing \""
        );
    }
}
