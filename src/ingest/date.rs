//! Dates as publishers print them, parsed with chrono into UTC.
//!
//! Accepts RFC 3339, RFC 2822, ISO dates with or without time and zone, and
//! the forms news pages print: "30 January 2020, 16:46", "Jan 30, 2020 4:46
//! PM", "Thursday, January 30th, 2020", "26-FEB-1987 15:01:01.79",
//! "30. Januar 2020". A time with no zone is taken as UTC. The `_zoned`
//! forms keep the offset the text states, so that a page published at 00:48
//! in Berlin can still be shown on the day it printed.

use std::sync::LazyLock;

use chrono::format::{Item, Parsed, StrftimeItems, parse};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;

/// Parses `text` as a date, or returns `None` when it is anything else.
///
/// The whole string must be a date (labels such as "Published:" and weekday
/// names aside); a sentence that merely contains a date is not one.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    parse_date_zoned(text).map(|d| d.to_utc())
}

/// A time of day on its own: "9:02 AM", "14:08 Uhr", "13h36", "14.00".
pub(crate) static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}(?:[:.h]\d{2}){1,2}(?:\s?[ap]\.?\s?m\b\.?)?").expect("valid regex")
});

/// Whether text holds figures that are no date or time: "4 x 100 m", not
/// "6:03 pm" or "November 8, 2023".
fn has_figures(text: &str) -> bool {
    text.contains(|c: char| c.is_ascii_digit())
        && !CLOCK.is_match(text)
        && dates_in(text).next().is_none()
}

/// [`parse_date`], keeping the UTC offset the text states (`+00:00` when it
/// states none).
pub fn parse_date_zoned(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    if let Some(date) = parse_one(text) {
        return Some(date);
    }
    // "30 January 2020, 16:46 | Updated 31 January 2020" → the first that
    // parses; the parts that do not are labels ("Kultur | 19.05.2007"), never
    // holding figures of their own ("4 x 100 m Staffel | 19.05.2007" is a row
    // of a table, not a date).
    if text.contains(['|', '•', '·']) {
        let mut found = None;
        for part in text.split(['|', '•', '·']) {
            match parse_one(part) {
                Some(date) => found = found.or(Some(date)),
                None if has_figures(part) => return None,
                None => {}
            }
        }
        return found;
    }
    None
}

/// Finds the first date printed inside a longer text: "Datum: 03.11.2021",
/// "Posted on September 21, 2020 by …", "Erstellt am 09.02.2022".
pub fn find_date(text: &str) -> Option<DateTime<Utc>> {
    find_date_zoned(text).map(|d| d.to_utc())
}

/// [`find_date`], keeping the UTC offset the text states.
pub fn find_date_zoned(text: &str) -> Option<DateTime<FixedOffset>> {
    dates_in(text).next().map(|(_, date)| date)
}

/// Every date printed inside `text`, with the byte range it occupies.
pub fn dates_in(
    text: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, DateTime<FixedOffset>)> + '_ {
    static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
        let month = r"[A-Za-zÀ-ÿ]{3,10}\.?";
        // A time after the day: "10:31 pm CST", "at 16:46".
        let time = format!(
            r"(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s?[apAP]\.?[mM]\b\.?)?(?:\s+(?:{ZONE_NAMES})\b)?)?"
        );
        Regex::new(&format!(
            r"\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?|\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}(?:,?\s+\d{{1,2}}:\d{{2}})?|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{month},?\s+\d{{4}}{time}|{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{time}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2}}\b(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s?[apAP]\.?[mM]\b\.?)?)?"
        ))
        .expect("valid regex")
    });
    // A candidate inside a longer run of numbers ("1.2.13.4", "10/13/2020/5")
    // is a version or a path, not a date.
    let inside_numbers = move |m: &regex::Match<'_>| {
        let before = text[..m.start()].chars().next_back();
        let mut after = text[m.end()..].chars();
        before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '/')
            || (matches!(after.next(), Some('.' | '/'))
                && after.next().is_some_and(|c| c.is_ascii_digit()))
    };
    CANDIDATE
        .find_iter(text)
        .filter(move |m| !inside_numbers(m))
        .filter_map(|m| parse_date_zoned(m.as_str()).map(|date| (m.range(), date)))
}

/// A date in a URL path: `/2020/01/13/…` or `/2020-01-13-…`.
pub fn date_in_url(url: &str) -> Option<DateTime<Utc>> {
    static IN_URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)")
            .expect("valid regex")
    });
    let c = IN_URL.captures(url)?;
    parse_date(&format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]))
}

/// Parses a Unix timestamp in seconds or milliseconds (as JSON exports carry).
pub fn from_timestamp(value: f64) -> Option<DateTime<Utc>> {
    if !value.is_finite() || value <= 0.0 {
        return None;
    }
    // Past the year 33658 in seconds means the number is in milliseconds.
    let secs = if value > 1.0e12 {
        value / 1000.0
    } else {
        value
    };
    DateTime::from_timestamp(secs as i64, 0)
}

fn parse_one(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    // Every form has a number; most lines tried (headlines, bylines) have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d).filter(plausible);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(text) {
        return Some(d).filter(plausible);
    }
    let (body, offset) = split_zone(&normalise(text));
    if !body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let naive = parse_naive(&body)?;
    let offset = offset.unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    offset
        .from_local_datetime(&naive)
        .single()
        .filter(plausible)
}

/// News is not older than print: a year before 1800 is a misread.
fn plausible(date: &DateTime<FixedOffset>) -> bool {
    use chrono::Datelike;
    date.year() >= 1800
}

const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d %b %Y %H:%M:%S%.f",
    "%d %b %Y %H:%M",
    "%d %b %Y %I:%M %p",
    "%d %b %Y %I:%M:%S %p",
    "%d %b %Y %I %p",
    "%b %d %Y %H:%M:%S%.f",
    "%b %d %Y %H:%M",
    "%b %d %Y %I:%M %p",
    "%b %d %Y %I:%M:%S %p",
    "%b %d %Y %I %p",
    "%d-%b-%Y %H:%M:%S%.f",
    "%d-%b-%Y %H:%M",
    "%H:%M %d %b %Y",
    "%H:%M:%S %d %b %Y",
    "%I:%M %p %d %b %Y",
    "%H:%M %b %d %Y",
    "%I:%M %p %b %d %Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y%m%dT%H%M%S",
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%b %d %Y", "%d-%b-%Y", "%d.%m.%Y", "%Y.%m.%d", "%Y %b %d",
];

/// One format, parsed into chrono's items.
type Format = Vec<Item<'static>>;

/// The formats above, each parsed once into chrono's items (what
/// `parse_from_str` would otherwise redo for every format on every attempt).
static COMPILED: LazyLock<(Vec<Format>, Vec<Format>)> = LazyLock::new(|| {
    let compile = |formats: &[&'static str]| {
        formats
            .iter()
            .map(|f| StrftimeItems::new(f).collect())
            .collect()
    };
    (compile(DATETIME_FORMATS), compile(DATE_FORMATS))
});

fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    if let Some(d) = parse_short_year(s) {
        return Some(d);
    }
    let (datetimes, dates) = &*COMPILED;
    for items in datetimes {
        let mut parsed = Parsed::new();
        if parse(&mut parsed, s, items.iter()).is_ok()
            && let Ok(d) = parsed.to_naive_datetime_with_offset(0)
        {
            return Some(d);
        }
    }
    for items in dates {
        let mut parsed = Parsed::new();
        if parse(&mut parsed, s, items.iter()).is_ok()
            && let Ok(d) = parsed.to_naive_date()
        {
            return Some(d.and_time(NaiveTime::MIN));
        }
    }
    parse_slashed(s)
}

/// A day with a two-digit year, as forums and older pages print it:
/// `26.10.13` (day first, as dotted dates always are) and `26/10/13, 03:48 PM`
/// (slashed: only when the order is unambiguous). The year is the latest
/// one ending in those digits that is not in the future.
fn parse_short_year(s: &str) -> Option<NaiveDateTime> {
    use chrono::Datelike;
    static SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})([./])(\d{1,2})[./](\d{2})(?: (\d{1,2}):(\d{2})(?: ([AP])M)?)?$")
            .expect("valid regex")
    });
    let c = SHORT.captures(s)?;
    let num = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<u32>().ok());
    let (a, b, yy) = (num(1)?, num(3)?, num(4)? as i32);
    let (day, month) = if &c[2] == "." {
        (a, b)
    } else {
        unambiguous_day_month(a, b)?
    };
    let this_year = Utc::now().year();
    let year = if 2000 + yy <= this_year {
        2000 + yy
    } else {
        1900 + yy
    };
    let mut hour = num(5)?;
    match c.get(7).map(|m| m.as_str()) {
        Some("P") if hour < 12 => hour += 12,
        Some("A") if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, num(6)?, 0)
}

/// `01/30/2020` and `30/01/2020`: only when the order is unambiguous.
fn parse_slashed(s: &str) -> Option<NaiveDateTime> {
    static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
            .expect("valid regex")
    });
    let c = SLASHED.captures(s)?;
    let num = |i: usize| c.get(i).map_or(Some(0), |m| m.as_str().parse::<u32>().ok());
    let (a, b, year) = (num(1)?, num(2)?, num(3)? as i32);
    let (day, month) = unambiguous_day_month(a, b)?;
    NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(num(4)?, num(5)?, num(6)?)
}

/// Day and month of a slashed date whichever order it is printed in, when
/// only one order makes sense (`30/01`, `01/30`, `05/05`); `None` for `02/03`.
fn unambiguous_day_month(a: u32, b: u32) -> Option<(u32, u32)> {
    match (a > 12, b > 12) {
        (true, false) => Some((a, b)),
        (false, true) => Some((b, a)),
        _ if a == b => Some((a, b)),
        _ => None,
    }
}

/// Whether a lower-case word names a month ("july", "juli", "sept").
pub(crate) fn is_month_name(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    MONTHS.iter().any(|(name, _)| *name == bare)
}

/// Month names in the languages news arrives in, mapped to English abbreviations.
const MONTHS: &[(&str, &str)] = &[
    ("january", "Jan"),
    ("jan", "Jan"),
    ("januar", "Jan"),
    ("janvier", "Jan"),
    ("enero", "Jan"),
    ("gennaio", "Jan"),
    ("janeiro", "Jan"),
    ("januari", "Jan"),
    ("janv", "Jan"),
    ("ene", "Jan"),
    ("february", "Feb"),
    ("feb", "Feb"),
    ("februar", "Feb"),
    ("février", "Feb"),
    ("fevrier", "Feb"),
    ("febrero", "Feb"),
    ("febbraio", "Feb"),
    ("fevereiro", "Feb"),
    ("februari", "Feb"),
    ("févr", "Feb"),
    ("fevr", "Feb"),
    ("march", "Mar"),
    ("mar", "Mar"),
    ("märz", "Mar"),
    ("maerz", "Mar"),
    ("mars", "Mar"),
    ("marzo", "Mar"),
    ("março", "Mar"),
    ("maart", "Mar"),
    ("mär", "Mar"),
    ("mrz", "Mar"),
    ("april", "Apr"),
    ("apr", "Apr"),
    ("avril", "Apr"),
    ("abril", "Apr"),
    ("aprile", "Apr"),
    ("avr", "Apr"),
    ("abr", "Apr"),
    ("may", "May"),
    ("mai", "May"),
    ("mayo", "May"),
    ("maggio", "May"),
    ("maio", "May"),
    ("mei", "May"),
    ("june", "Jun"),
    ("jun", "Jun"),
    ("juni", "Jun"),
    ("juin", "Jun"),
    ("junio", "Jun"),
    ("giugno", "Jun"),
    ("junho", "Jun"),
    ("giu", "Jun"),
    ("july", "Jul"),
    ("jul", "Jul"),
    ("juli", "Jul"),
    ("juillet", "Jul"),
    ("julio", "Jul"),
    ("luglio", "Jul"),
    ("julho", "Jul"),
    ("juil", "Jul"),
    ("lug", "Jul"),
    ("august", "Aug"),
    ("aug", "Aug"),
    ("août", "Aug"),
    ("aout", "Aug"),
    ("agosto", "Aug"),
    ("augustus", "Aug"),
    ("september", "Sep"),
    ("sept", "Sep"),
    ("sep", "Sep"),
    ("septembre", "Sep"),
    ("septiembre", "Sep"),
    ("settembre", "Sep"),
    ("setembro", "Sep"),
    ("october", "Oct"),
    ("oct", "Oct"),
    ("oktober", "Oct"),
    ("octobre", "Oct"),
    ("octubre", "Oct"),
    ("ottobre", "Oct"),
    ("outubro", "Oct"),
    ("okt", "Oct"),
    ("ott", "Oct"),
    ("november", "Nov"),
    ("nov", "Nov"),
    ("novembre", "Nov"),
    ("noviembre", "Nov"),
    ("novembro", "Nov"),
    ("december", "Dec"),
    ("dec", "Dec"),
    ("dezember", "Dec"),
    ("décembre", "Dec"),
    ("decembre", "Dec"),
    ("diciembre", "Dec"),
    ("dicembre", "Dec"),
    ("dezembro", "Dec"),
    ("dez", "Dec"),
    ("déc", "Dec"),
    ("dic", "Dec"),
];

pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    // Portuguese weekdays are "sexta-feira" &c.; the words split at the hyphen.
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "feira",
];

/// Words that may stand around a date without being part of it.
pub(crate) const NOISE: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "first",
    "on",
    "at",
    "date",
    "created",
    "de",
    "del",
    "le",
    "am",
    "um",
    "den",
    "the",
    "of",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "publicado",
    "h",
    "uhr",
    "às",
    "à",
    "a",
    "las",
];

/// Lower-cases nothing that matters, maps month and weekday names, drops
/// ordinals, commas and labels: "Thursday, January 30th, 2020 at 4:46 p.m."
/// → "Jan 30 2020 4:46 PM".
fn normalise(text: &str) -> String {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{L}[\p{L}.]*").expect("valid regex"));
    // "30th", and French "1er"/"1re".
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d)(?:st|nd|rd|th|er|re)\b").expect("valid regex"));
    // French clock times: "09h30" → "09:30".
    static H_TIME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2})h(\d{2})\b").expect("valid regex"));
    static DAY_DOT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d)\.(\s+\p{L})").expect("valid regex"));
    static MERIDIEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(\d)\s*([ap])\.?\s?m\b\.?").expect("valid regex"));

    let text = MERIDIEM.replace_all(text, |c: &regex::Captures<'_>| {
        format!("{} {}M", &c[1], c[2].to_uppercase())
    });
    let text = ORDINAL.replace_all(&text, "$1");
    let text = H_TIME.replace_all(&text, "$1:$2");
    let text = DAY_DOT.replace_all(&text, "$1$2");
    let text = text.replace([',', '\u{a0}'], " ");
    let mapped = WORD.replace_all(&text, |caps: &regex::Captures<'_>| {
        let word = &caps[0];
        let bare = word.trim_end_matches('.').to_lowercase();
        if let Some((_, abbr)) = MONTHS.iter().find(|(name, _)| *name == bare) {
            return (*abbr).to_string();
        }
        match word {
            "AM" | "PM" | "T" | "Z" => return word.to_string(),
            _ => {}
        }
        match bare.as_str() {
            _ if WEEKDAYS.contains(&bare.as_str()) || NOISE.contains(&bare.as_str()) => {
                String::new()
            }
            _ => word.to_string(),
        }
    });
    // A dash standing alone parts the day from its time: "01 mar 2023 - 09:00".
    let collapsed = mapped
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–"))
        .collect::<Vec<_>>()
        .join(" ");
    // "2020-01-30 T 16:46" cannot happen, but "2020-01-30T16:46" must keep its T.
    collapsed
        .trim_matches(|c: char| c == ':' || c == '-')
        .trim()
        .to_string()
}

/// Zone names read as offsets.
pub(crate) const ZONE_NAMES: &str = "Z|UTC|GMT|UT|BST|CET|CEST|EET|EEST|WET|WEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|KST|AEST|AEDT|MEZ|MESZ";

/// Splits a trailing zone ("Z", "+01:00", "+0100", "GMT", "EST", "GMT+1") off.
fn split_zone(s: &str) -> (String, Option<FixedOffset>) {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.*\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?: ?[AP]M)?) ?(?:(?:GMT|UTC|UT) ?)?([+-])(\d\d):?(\d\d)?$")
            .expect("valid regex")
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"^(.*?) ?\(?\b({ZONE_NAMES})\b\)? ?(.*)$")).expect("valid regex")
    });
    if let Some(c) = NUMERIC.captures(s) {
        let sign = if &c[2] == "-" { -1 } else { 1 };
        let hours: i32 = c[3].parse().unwrap_or(0);
        let minutes: i32 = c.get(4).map_or(0, |m| m.as_str().parse().unwrap_or(0));
        let offset = FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60));
        return (c[1].trim().to_string(), offset);
    }
    if let Some(c) = NAMED.captures(s) {
        let hours = match &c[2] {
            "BST" | "CET" | "WEST" | "MEZ" => 1,
            "CEST" | "EET" | "MESZ" => 2,
            "EEST" => 3,
            "EST" | "CDT" => -5,
            "EDT" => -4,
            "CST" => -6,
            "MST" => -7,
            "MDT" => -6,
            "PST" => -8,
            "PDT" => -7,
            "JST" | "KST" => 9,
            "AEST" => 10,
            "AEDT" => 11,
            _ => 0,
        };
        let rest = format!("{} {}", &c[1], &c[3]);
        return (rest.trim().to_string(), FixedOffset::east_opt(hours * 3600));
    }
    (s.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_date(text).map(crate::article::format_date)
    }

    #[test]
    fn the_seed_s_date_line() {
        assert_eq!(
            iso("30 January 2020, 16:46").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn french_ordinals_and_clock_times_and_a_dash_before_the_time() {
        assert_eq!(
            iso("Publié le 1er mars 2023 à 09h30").as_deref(),
            Some("2023-03-01T09:30:00Z")
        );
        assert_eq!(
            iso("01 mar 2023 - 09:00 CET").as_deref(),
            Some("2023-03-01T08:00:00Z")
        );
    }

    #[test]
    fn rfc3339_and_rfc2822() {
        assert_eq!(
            iso("2020-01-30T16:46:00+01:00").as_deref(),
            Some("2020-01-30T15:46:00Z")
        );
        assert_eq!(
            iso("Thu, 30 Jan 2020 16:46:00 GMT").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("Thu, 30 Jan 2020 16:46:00 -0500").as_deref(),
            Some("2020-01-30T21:46:00Z")
        );
    }

    #[test]
    fn zoned_parses_keep_the_stated_offset() {
        let zoned = |s: &str| parse_date_zoned(s).map(|d| d.to_rfc3339());
        assert_eq!(
            zoned("2022-01-15T00:48:00+01:00").as_deref(),
            Some("2022-01-15T00:48:00+01:00")
        );
        assert_eq!(
            zoned("Fri, 14 Jan 2022 20:30:00 -0500").as_deref(),
            Some("2022-01-14T20:30:00-05:00")
        );
        // "CET" and kin are read as offsets too; no zone at all is UTC.
        assert_eq!(
            zoned("15.01.2022 00:48 CET").as_deref(),
            Some("2022-01-15T00:48:00+01:00")
        );
        assert_eq!(
            zoned("15 January 2022").as_deref(),
            Some("2022-01-15T00:00:00+00:00")
        );
        assert_eq!(
            find_date_zoned("Erstellt am 15.01.2022, 00:48 von GNB")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2022-01-15T00:48:00+00:00")
        );
    }

    #[test]
    fn iso_variants() {
        assert_eq!(iso("2020-01-30").as_deref(), Some("2020-01-30T00:00:00Z"));
        assert_eq!(
            iso("2020-01-30 16:46:00").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("2020-01-30T16:46:00.123456").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("2020-01-30T16:46:00+0100").as_deref(),
            Some("2020-01-30T15:46:00Z")
        );
        assert_eq!(
            iso("2020-01-30 16:46:00.000000").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(iso("2020/01/30").as_deref(), Some("2020-01-30T00:00:00Z"));
    }

    #[test]
    fn forms_news_pages_print() {
        assert_eq!(
            iso("Jan 30, 2020 4:46 PM").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("Thursday, January 30th, 2020").as_deref(),
            Some("2020-01-30T00:00:00Z")
        );
        assert_eq!(
            iso("Published: 30 Jan 2020 at 4:46 p.m. EST").as_deref(),
            Some("2020-01-30T21:46:00Z")
        );
        assert_eq!(
            iso("Updated 16:46 GMT, 30 January 2020").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("Sept. 3, 2019").as_deref(),
            Some("2019-09-03T00:00:00Z")
        );
        assert_eq!(
            iso("Friday, January 4, 2019").as_deref(),
            Some("2019-01-04T00:00:00Z")
        );
    }

    #[test]
    fn a_date_among_labels_but_not_among_figures() {
        assert!(parse_date("30 January 2020, 16:46 | Updated 31 January 2020").is_some());
        assert!(parse_date("Kultur | 19.05.2007").is_some());
        assert!(parse_date("4 x 100 m Staffel Schi A | 19.05.2007").is_none());
        assert!(parse_date("November 8, 2023 | 6:03 pmNovember 8, 2023 | 6:03 pm").is_some());
    }

    #[test]
    fn reuters_wire_dates() {
        assert_eq!(
            iso("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            iso("30. Januar 2020").as_deref(),
            Some("2020-01-30T00:00:00Z")
        );
        assert_eq!(
            iso("30.01.2020 16:46").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
        assert_eq!(
            iso("30 janvier 2020").as_deref(),
            Some("2020-01-30T00:00:00Z")
        );
        assert_eq!(
            iso("sexta-feira, 22 de outubro de 2010 às 20:13").as_deref(),
            Some("2010-10-22T20:13:00Z")
        );
        assert_eq!(
            iso("viernes, 22 de octubre de 2010 a las 20:13").as_deref(),
            Some("2010-10-22T20:13:00Z")
        );
        assert_eq!(
            iso("01. Dez. 2022").as_deref(),
            Some("2022-12-01T00:00:00Z")
        );
        assert_eq!(iso("22 Dec, 2016").as_deref(), Some("2016-12-22T00:00:00Z"));
    }

    #[test]
    fn slashed_dates_only_when_unambiguous() {
        assert_eq!(iso("30/01/2020").as_deref(), Some("2020-01-30T00:00:00Z"));
        assert_eq!(iso("01/30/2020").as_deref(), Some("2020-01-30T00:00:00Z"));
        assert_eq!(iso("02/03/2020"), None);
    }

    #[test]
    fn two_digit_years() {
        // Forums and older pages: dotted dates are day first, slashed ones
        // only when unambiguous; the year is the latest not in the future.
        assert_eq!(iso("26.10.13").as_deref(), Some("2013-10-26T00:00:00Z"));
        assert_eq!(iso("02.03.98").as_deref(), Some("1998-03-02T00:00:00Z"));
        assert_eq!(
            iso("26/10/13, 03:48 pm").as_deref(),
            Some("2013-10-26T15:48:00Z")
        );
        assert_eq!(iso("10/26/13").as_deref(), Some("2013-10-26T00:00:00Z"));
        assert_eq!(iso("02/03/13"), None);
        assert_eq!(
            find_date("von lupa am 26/10/13, 03:48 pm")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2013-10-26T15:48:00+00:00")
        );
        // A time and zone after the day are part of it.
        assert_eq!(
            find_date("Chris Davies - Nov 19, 2019, 10:31 pm CST")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2019-11-20T04:31:00+00:00")
        );
        assert_eq!(
            find_date("Published 30 January 2020 at 16:46 by Fiona Jones")
                .map(|d| d.to_rfc3339())
                .as_deref(),
            Some("2020-01-30T16:46:00+00:00")
        );
        // Inside a longer run of numbers it is a version, not a date.
        assert_eq!(find_date("Version 1.2.13.4 erschienen"), None);
    }

    #[test]
    fn sentences_and_junk_are_not_dates() {
        assert_eq!(iso("By Fiona Jones"), None);
        assert_eq!(iso("Exclusive"), None);
        assert_eq!(iso("May"), None);
        assert_eq!(
            iso("The vote on 30 January 2020 was close and everyone knew it"),
            None
        );
        assert_eq!(iso("2020-13-45"), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn several_dates_take_the_first() {
        assert_eq!(
            iso("30 January 2020, 16:46 | Updated: 31 January 2020").as_deref(),
            Some("2020-01-30T16:46:00Z")
        );
    }

    #[test]
    fn dates_found_inside_text_and_urls() {
        let find = |t: &str| find_date(t).map(crate::article::format_date);
        assert_eq!(
            find("Datum: 03.11.2021").as_deref(),
            Some("2021-11-03T00:00:00Z")
        );
        assert_eq!(
            find("Posted on September 21, 2020 by Adi").as_deref(),
            Some("2020-09-21T00:00:00Z")
        );
        assert_eq!(
            find("Bo2man am 29.12.2010, 13:36 Uhr").as_deref(),
            Some("2010-12-29T13:36:00Z")
        );
        assert_eq!(
            find("Stand: 5. Februar 2020").as_deref(),
            Some("2020-02-05T00:00:00Z")
        );
        assert_eq!(find("no date here 2020"), None);
        let url = |u: &str| date_in_url(u).map(crate::article::format_date);
        assert_eq!(
            url("https://a.com/blog/2020/01/13/title/").as_deref(),
            Some("2020-01-13T00:00:00Z")
        );
        assert_eq!(
            url("https://a.com/2019-10-16-story"),
            Some("2019-10-16T00:00:00Z".into())
        );
        assert_eq!(url("https://a.com/item/12345/2020"), None);
    }

    #[test]
    fn timestamps_in_seconds_and_milliseconds() {
        let s = from_timestamp(1_580_402_760.0).map(crate::article::format_date);
        let ms = from_timestamp(1_580_402_760_000.0).map(crate::article::format_date);
        assert_eq!(s.as_deref(), Some("2020-01-30T16:46:00Z"));
        assert_eq!(s, ms);
    }
}
