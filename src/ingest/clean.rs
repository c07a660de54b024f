//! Clean-up rules shared by every reader: whitespace, title suffixes, author
//! lists. Each function is pure and idempotent.

use std::sync::LazyLock;

use regex::Regex;

/// Collapses every run of white space (including no-break and zero-width
/// spaces) to one ASCII space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_graphic() {
            // A run of printable ASCII, single spaces between words included,
            // is copied whole: most text is one run after another.
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_graphic()
                    || (bytes[i] == b' ' && bytes.get(i + 1).is_some_and(u8::is_ascii_graphic)))
            {
                i += 1;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&s[start..i]);
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            pending_space = !out.is_empty();
        } else if invisible(c) {
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

/// Characters dropped from text: control characters (wire-service and
/// scraper debris) and the invisible marks set inside words — the soft
/// hyphen (`réac\u{ad}tion`, which would split the word for search) and the
/// word joiner.
fn invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{ad}' | '\u{2060}')
}

/// Whether `c` is written without spaces around it in Chinese and Japanese:
/// Han, kana, and their punctuation (the middle dot too) and full-width forms (not Hangul: Korean
/// puts spaces between words).
fn unspaced(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{30fb}' | '\u{ff01}'..='\u{ff65}')
        || crate::index::words::east_asian(c)
            .is_some_and(|e| e != crate::index::words::EastAsian::Hangul)
}

/// Joins Chinese and Japanese text that was split into words with spaces
/// (`2008 年度 の 年金 、 過去 最大 の 赤字 に`, as word-segmented data sets
/// for language research hold it) back into the way it is written
/// (`2008年度の年金、過去最大の赤字に`). A space goes when a character on
/// either side of it is written without spaces; spaces between Latin words
/// and numbers stay. Text is taken as split when at least a quarter of the
/// places where two such characters meet have a space between them; written
/// Chinese and Japanese has nearly none. `texts` are judged together (a
/// headline is too short to judge alone) and joined together.
pub fn join_segmented_words(texts: &mut [&mut String]) {
    /// Fewest spaced meetings that make text split.
    const MIN_SPACED: usize = 5;
    // East Asian characters are three bytes from U+3000 on, all leading
    // with 0xE3 or above: most text is passed over in one byte scan.
    if !texts.iter().any(|t| t.bytes().any(|b| b >= 0xe3)) {
        return;
    }
    let (mut spaced, mut adjacent) = (0usize, 0usize);
    for text in texts.iter() {
        let mut chars = text.chars().peekable();
        let mut prev: Option<char> = None;
        while let Some(c) = chars.next() {
            if c == ' ' {
                if prev.is_some_and(unspaced) && chars.peek().is_some_and(|&n| unspaced(n)) {
                    spaced += 1;
                }
            } else if prev.is_some_and(unspaced) && unspaced(c) {
                adjacent += 1;
            }
            prev = Some(c);
        }
    }
    if spaced < MIN_SPACED || spaced * 4 < spaced + adjacent {
        return;
    }
    for text in texts.iter_mut() {
        let mut joined = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let next_unspaced = chars.peek().is_some_and(|&n| unspaced(n));
            if c == ' ' && (joined.chars().next_back().is_some_and(unspaced) || next_unspaced) {
                continue;
            }
            joined.push(c);
        }
        // Numbers were split at their points too: "7 . 4", "1 , 500".
        static SPLIT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(\d) (?:\. (\d)|, (\d{3})(?-u:\b))").expect("constant regex")
        });
        // A match takes the digit before the point, so "1 , 000 , 000"
        // needs a second pass.
        for _ in 0..2 {
            if !SPLIT_NUMBER.is_match(&joined) {
                break;
            }
            joined = SPLIT_NUMBER
                .replace_all(&joined, |c: &regex::Captures<'_>| {
                    match (c.get(2), c.get(3)) {
                        (Some(d), _) => format!("{}.{}", &c[1], d.as_str()),
                        (_, Some(d)) => format!("{},{}", &c[1], d.as_str()),
                        _ => c[0].to_string(),
                    }
                })
                .into_owned();
        }
        **text = joined;
    }
}

/// Cuts a list of related stories run into the end of a body: dated
/// headlines one after another, as Japanese Wikinews prints its related news
/// ("2016 年 8 月 16 日 ( 火 ): 台風 13 号 の 影響 で … 2016 年 8 月 16 日
/// ( 火 ): 台風 14 号 、 …"), with the sources after them. Two such items
/// within a headline's length of each other start the list; the body goes
/// up to the first, if there is a story before it.
pub fn cut_dated_headline_list(body: &mut String) {
    /// Longest gap between the starts of two items of one list, in bytes.
    const ITEM_BYTES: usize = 400;
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d{4} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日 ?[(（] ?[月火水木金土日] ?[)）] ?[:：]")
            .expect("constant regex")
    });
    if !body.contains('年') {
        return;
    }
    let starts: Vec<usize> = ITEM.find_iter(body).map(|m| m.start()).collect();
    let Some(first) = starts
        .windows(2)
        .find(|pair| pair[1] - pair[0] <= ITEM_BYTES)
        .map(|pair| pair[0])
    else {
        return;
    };
    let story = body[..first].trim_end();
    if story.chars().filter(|c| !c.is_whitespace()).count() >= 40 {
        let end = story.len();
        body.truncate(end);
    }
}

/// Cuts the sources cited at the end of a body, as Japanese Wikinews runs
/// them into its text: each a title in 『』, then its publisher and date
/// ("気象庁 『 地震 情報 … 』。 気象庁 、 2011 年 4 月 7 日 23 時 46 分 ( UTC + 9 )。"),
/// one after another to the end. They name every newspaper a story drew on,
/// so a search for 読売新聞 would find every story that cited it. The
/// publisher's name before the first title goes too when it stands alone
/// after the story's last sentence.
pub fn cut_cited_sources(body: &mut String) {
    /// Longest name of a source before its title, in chars.
    const NAME_CHARS: usize = 60;
    /// Longest text after the story's last full stop taken for the first
    /// source's name ("気象庁", "YOMIURIONLINE"); more is the story's own
    /// last words, which stay.
    const FIRST_NAME_CHARS: usize = 24;
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            // A title in 『』 (which may quote in 『』 itself) or "", then
            // its publisher and the year, month or day it was published.
            r#"(?:『(?:[^『』]|『[^『』]*』)+』|"[^"。]+") ?。 ?[^。『』"]{0,60}、 ?\d{4} ?年(?: ?\d{1,2} ?月(?: ?\d{1,2} ?日)?)?[^。『』"]{0,60}。"#,
        )
        .expect("constant regex")
    });
    // A note may follow the last source: "(リンク先に動画あり)。"
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[(（][^。()（）]{0,40}[)）] ?。)?\s*$").expect("constant regex")
    });
    // Every source is dated in 年: nothing to look for in other text.
    if !body.contains('年') || !body.contains('。') {
        return;
    }
    let items: Vec<(usize, usize)> = ITEM.find_iter(body).map(|m| (m.start(), m.end())).collect();
    let Some(&(mut start, end)) = items.last() else {
        return;
    };
    if NOTE.is_match(&body[end..]) {
        // Back over the items that follow one another, each after its
        // source's name.
        for &(prev_start, prev_end) in items.iter().rev().skip(1) {
            let name = &body[prev_end..start];
            if name.contains('。') || name.chars().count() > NAME_CHARS {
                break;
            }
            start = prev_start;
        }
        let before = &body[..start];
        let cut = match before.rfind('。') {
            Some(stop) if before[stop..].chars().count() <= FIRST_NAME_CHARS + 1 => {
                stop + '。'.len_utf8()
            }
            _ => start,
        };
        let story = body[..cut].trim_end();
        if story.chars().filter(|c| !c.is_whitespace()).count() >= 40 {
            let end = story.len();
            body.truncate(end);
        }
    }
}

/// Normalises a body: paragraphs separated by exactly one blank line, white
/// space inside a paragraph collapsed, empty paragraphs dropped.
pub fn clean_body(body: &str) -> String {
    // One pass: a paragraph ends at a blank line (two line breaks, with only
    // white space between); other white space runs become one space. Runs of
    // printable ASCII are copied whole; anything else is decoded one char at
    // a time.
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut newlines = 0usize;
    let mut pending_space = false;
    let separate = |out: &mut String, newlines: &mut usize, pending_space: &mut bool| {
        if !out.is_empty() {
            if *newlines >= 2 {
                out.push_str("\n\n");
            } else if *pending_space {
                out.push(' ');
            }
        }
        *newlines = 0;
        *pending_space = false;
    };
    let printable = |b: u8| b > b' ' && b < 0x7f;
    let mut i = 0;
    while i < bytes.len() {
        if printable(bytes[i]) {
            let start = i;
            while i < bytes.len() && printable(bytes[i]) {
                i += 1;
            }
            separate(&mut out, &mut newlines, &mut pending_space);
            out.push_str(&body[start..i]);
            continue;
        }
        let Some(c) = body[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c == '\r' {
            if bytes.get(i) == Some(&b'\n') {
                continue;
            }
            newlines += 1;
            pending_space = true;
        } else if c == '\n' {
            newlines += 1;
            pending_space = true;
        } else if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            pending_space = true;
        } else if invisible(c) {
            // Wire-service and scraper debris: never part of the text.
        } else {
            separate(&mut out, &mut newlines, &mut pending_space);
            out.push(c);
        }
    }
    out
}

const TITLE_SEPARATORS: [&str; 11] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " » ", " « ", " ⋆ ",
];

/// Cleans a headline: collapses white space and drops a `" | Site"` /
/// `" - Site"` suffix (or `"Site | "` prefix) naming the publisher.
pub fn clean_title(title: &str, site: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    let mut title = title.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | '·' | '•' | ':')
    });
    // Guillemets are separators unless they close a quote: «Liebe kennt keine Pause»
    let opens = title.matches('«').count();
    let closes = title.matches('»').count();
    if closes > opens {
        title = title.trim_end_matches(|c: char| c == '»' || c.is_whitespace());
    }
    if opens > closes || title.starts_with('»') {
        title = title.trim_start_matches(|c: char| matches!(c, '«' | '»') || c.is_whitespace());
    }
    if title.starts_with('«') && closes == 0 {
        title = title.trim_start_matches(|c: char| c == '«' || c.is_whitespace());
    }
    let title = title.to_string();
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(*s)) else {
        return title;
    };
    let parts: Vec<&str> = title.split(sep).collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let site_key = site.map(alnum_key).filter(|s| s.len() >= 3);
    // A part names the site when it is the site's name, or a word or two
    // beside it ("BBC News", "The Guardian US", "Stack Overflow Blog",
    // "Yahoo!ニュース"), or a domain — not a headline that mentions the site
    // ("Hochauflösende Schneekarten auf Gipfelbuch.ch").
    let names_site = |part: &str| {
        let key = alnum_key(part);
        looks_like_domain(part)
            || site_key.as_ref().is_some_and(|site| {
                !key.is_empty()
                    && (key == *site
                        || part.split_whitespace().count() <= 4 && site.contains(&key)
                        || key.contains(site.as_str()) && site_beside_words(part, site))
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
    let pipe_like = matches!(
        *sep,
        " | " | " :: " | " · " | " • " | " // " | " » " | " ⋆ "
    );
    let brandish = words(last) <= 4 && last.split_whitespace().all(starts_upper_or_digit);
    let head = parts[..parts.len() - 1].join(sep);
    if pipe_like && brandish && words(&head) >= 3 {
        return head;
    }
    // "Gregory Szorc's Digital Home | Mercurial's Journey to …": a short
    // brand before a pipe and a much longer headline after it.
    let brand_first = words(first) <= 4 && first.split_whitespace().all(starts_upper_or_digit);
    if pipe_like
        && parts.len() == 2
        && brand_first
        && words(last) >= 5
        && words(last) >= 2 * words(first)
    {
        return last.to_string();
    }
    // "… - Berliner Leichtathletik Verband e.V.": a registered body's name.
    static BODY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:e\.\s?v\.|g?gmbh|ag|ltd\.?|inc\.?|llc|plc|s\.a\.|s\.r\.l\.)$")
            .expect("valid regex")
    });
    if words(last) <= 6 && BODY.is_match(last) && words(&head) >= 2 {
        return head;
    }
    // "deutsche zocker schinken e.V. - Neuigkeiten » Die Events der letzten
    // Zeit": the registered body first, then the rest read on its own.
    let tail = parts[1..].join(sep);
    if parts.len() > 1 && words(first) <= 6 && BODY.is_match(first) && words(&tail) >= 3 {
        return clean_title(&tail, site);
    }
    // "Headline text here – My Site": a short capitalised tail after a dash.
    let short_brand = words(last) <= 3 && last.chars().next().is_some_and(char::is_uppercase);
    if !pipe_like
        && parts.len() == 2
        && short_brand
        && words(&head) >= 4
        && words(&head) >= 2 * words(last)
    {
        return head;
    }
    title
}

/// Whether `part` is the site's name (its key `site`) with at most two
/// capitalised words beside it: "BBC News", "Stack Overflow Blog", "The
/// Guardian US", or one word holding it ("Yahoo!ニュース").
fn site_beside_words(part: &str, site: &str) -> bool {
    // Each word with its key; "the" and bare punctuation stand for nothing.
    let words: Vec<(&str, String)> = part
        .split_whitespace()
        .map(|w| (w, alnum_key(w)))
        .filter(|(_, k)| !k.is_empty() && k != "the")
        .collect();
    (0..words.len()).any(|start| {
        let mut run = String::new();
        for end in start..words.len() {
            run.push_str(&words[end].1);
            if run.contains(site) {
                if run[words[start].1.len()..].contains(site) {
                    // A later start holds the site as well: not the tightest run.
                    return false;
                }
                // The site in the words start..=end; the rest stand beside it.
                let beside = || words[..start].iter().chain(&words[end + 1..]);
                return beside().count() <= 2 && beside().all(|(w, _)| starts_upper_or_digit(w));
            }
            if run.len() >= site.len() + 16 {
                break;
            }
        }
        false
    })
}

fn starts_upper_or_digit(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic())
}

/// Letters and digits only, lower-cased: text compared across markup,
/// punctuation and truncation ("…").
pub fn text_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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

pub fn looks_like_domain(s: &str) -> bool {
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
        r"(?i)\b(?:reporters?|correspondents?|editors?|writers?|staff|contributors?|columnists?|journalists?|producers?|analysts?|news\s*desk|newsroom|agencies|agency|press\s+association|associated\s+press|reuters?|afp|updated|published)\b",
    )
    .expect("valid regex")
});

/// Cleans an author list: strips "By", splits "A and B", drops roles, URLs,
/// e-mail addresses, the site's own name and duplicates.
pub fn clean_authors(authors: &[String], site: Option<&str>) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for raw in authors {
        for name in split_names(raw) {
            let key = name.to_lowercase();
            if !all.iter().any(|o| o.to_lowercase() == key) {
                all.push(name);
            }
        }
    }
    // The site's own name and desk credits count only when nobody is named.
    let names_site = |name: &String| {
        site.is_some_and(|s| alnum_key(s) == alnum_key(name))
            || looks_like_domain(name)
            || is_staff_credit(name)
    };
    let mut out: Vec<String> = all.iter().filter(|n| !names_site(n)).cloned().collect();
    if out.is_empty() {
        // Nobody else is named: the site's own name or a desk may stand (a
        // wire, house or staff credit), but never a domain or an account.
        return all
            .into_iter()
            .filter(|n| !looks_like_domain(n) && !is_account_name(n))
            .collect();
    }
    // Agency credits, and credits naming a domain ("NJ Advance Media for
    // NJ.com"), only count when nobody else is named.
    if out.len() > 1 {
        let people: Vec<String> = out
            .iter()
            .filter(|n| {
                !ROLE.is_match(n)
                    && !n.split_whitespace().any(looks_like_domain)
                    && !names_a_medium(n)
            })
            .cloned()
            .collect();
        if !people.is_empty() {
            out = people;
        }
    }
    out
}

/// "A & B" names two people when both sides are names; "Mac & i" (a
/// magazine's team) is one credit.
fn split_ampersand(s: &str, with: &str) -> String {
    let name_like = |side: &str| {
        side.split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    };
    let sides: Vec<&str> = s.split(" & ").collect();
    if sides.iter().all(|side| name_like(side)) {
        sides.join(with)
    } else {
        s.to_string()
    }
}

fn split_names(raw: &str) -> Vec<String> {
    let s = collapse_whitespace(raw);
    let s = BY_PREFIX.replace(&s, "");
    let mut names = Vec::new();
    for piece in s.split([';', '|', '\n']) {
        let piece = split_ampersand(piece, " and ");
        for part in piece.split(" and ") {
            let part = part.trim();
            // "Fiona Jones, Political Reporter" → "Fiona Jones"; but keep
            // "Jong, Michiel de" (a surname-first name) whole.
            let candidates: Vec<&str> = part.split(',').map(str::trim).collect();
            // "Rachael Link, MS, RD": a full name, then letters after it.
            let credential =
                |c: &str| candidates[0].split_whitespace().count() >= 2 && is_credential(c);
            if candidates.len() > 1
                && candidates[1..].iter().all(|c| {
                    ROLE.is_match(c) || c.is_empty() || looks_like_domain(c) || credential(c)
                })
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
            } else if candidates.len() > 2
                && candidates
                    .iter()
                    .filter(|c| c.split_whitespace().count() >= 2 && !ROLE.is_match(c))
                    .count()
                    >= 2
                && candidates.iter().all(|c| {
                    c.split_whitespace().count() >= 2 && !ROLE.is_match(c) || is_place_word(c)
                })
            {
                // "Markus M. Haefliger, London, Beat Bumbacher": each
                // writer with the city they file from; the city is no one.
                for c in candidates {
                    if c.split_whitespace().count() >= 2 {
                        push_name(&mut names, c);
                    }
                }
            } else {
                push_name(&mut names, part);
            }
        }
    }
    names
}

/// Degrees and professional letters written after a name: "MS", "RDN",
/// "PhD", "M.D.".
fn is_credential(s: &str) -> bool {
    static CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[A-Z]{2,5}|Ph\.?\s?D\.?|M\.D\.|M\.?Sc\.?|B\.?Sc\.?|M\.?A\.?)$")
            .expect("valid regex")
    });
    CREDENTIAL.is_match(s)
}

/// One capitalised word, as a dateline's city stands in a byline ("London",
/// "Washington", "Zürich").
fn is_place_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || c == '-')
        && s.chars().count() >= 3
}

/// A credit to a publication or one of its desks: "CNN Business", "WebMD
/// Health News" (the last word names a medium).
fn names_a_medium(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.last().is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "news"
                    | "business"
                    | "media"
                    | "online"
                    | "wire"
                    | "services"
                    | "network"
                    | "tv"
                    | "radio"
                    | "magazine"
                    | "nachrichten"
                    | "online-redaktion"
            )
        })
}

/// A content system's account rather than a credit: "admin", "webmaster".
/// Never an author, even when nobody else is named.
pub fn is_account_name(name: &str) -> bool {
    static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:site\s*)?(?:admin|administrator|webmaster|root|user|guest|unknown)$")
            .expect("valid regex")
    });
    ACCOUNT.is_match(name.trim())
}

/// Credits that name a desk or a company, not a person.
pub fn is_staff_credit(name: &str) -> bool {
    static STAFF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:the\s+)?(?:staff|admin|administrator|editor|editors|editorial|editorial\s+staff|newsroom|news\s*desk|web\s*desk|desk|team|redaktion|rédaction|redacción|redazione|redactie|redakcja)$|redaktion\b|(?:\s|^)(?:staff|newsroom)(?:\s|$)|\b(?:gmbh|ag|ltd|inc|llc|e\.v\.)$",
        )
        .expect("valid regex")
    });
    STAFF.is_match(name.trim())
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = BY_PREFIX.replace(name.trim(), "");
    let name = BYLINE_STOP.replace(&name, "");
    // "April 28, 2019 at 6:01 am", "Lucas Nolan 22 Dec 2016": a date is no
    // one's name; a name printed before it stands.
    let date_at = crate::ingest::date::dates_in(&name)
        .next()
        .map(|(at, _)| at.start);
    let name = match date_at {
        Some(start) => std::borrow::Cow::Owned(name[..start].to_string()),
        None => name,
    };
    // "Peter Maahn/SP-X": a person, then the agency or desk code.
    let name = match name.split_once('/') {
        Some((person, code))
            if person.split_whitespace().count() >= 2
                && !code.trim().is_empty()
                && !code.trim().contains(char::is_whitespace)
                && code.trim().chars().count() <= 12 =>
        {
            person.into()
        }
        _ => name,
    };
    // "Finian Cunningham. Sputnik International": a name, then the outlet
    // (never "T. V. Raman" or "Logan C. Ritchie": the dot ends an initial).
    let name = match name.split_once(". ") {
        Some((person, _))
            if person.split_whitespace().count() >= 2
                && person
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.chars().count() >= 3) =>
        {
            person.into()
        }
        _ => name,
    };
    let name = match surname_first(name.trim()) {
        Some(turned) => turned.into(),
        None => name,
    };
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

/// A name written surname first, as library databases and wire archives list
/// them ("Jones, Fiona", "Jong, Michiel de", "Bush, George W."), turned to
/// the order bylines print ("Fiona Jones"), so that one writer is one author
/// whichever source named them. Only a one-word surname before the comma:
/// "Fiona Jones, London" is a writer and a city, not a name to turn.
fn surname_first(name: &str) -> Option<String> {
    const SUFFIXES: [&str; 8] = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"];
    const PARTICLES: [&str; 10] = [
        "de", "van", "von", "der", "den", "da", "di", "du", "la", "le",
    ];
    let (surname, given) = name.split_once(',')?;
    let (surname, given) = (surname.trim(), given.trim());
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let surname_ok = capitalised(surname)
        && surname.chars().count() >= 2
        && surname
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'));
    let words: Vec<&str> = given.split_whitespace().collect();
    let given_ok = (1..=3).contains(&words.len())
        && capitalised(words[0])
        && !SUFFIXES.contains(&words[0].trim_end_matches('.').to_lowercase().as_str())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
                && (capitalised(w) || PARTICLES.contains(w))
        });
    (surname_ok && given_ok).then(|| format!("{given} {surname}"))
}

static BYLINE_KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(|,])(?:written\s+by|posted\s+by|reported\s+by|words\s+by|story\s+by|eingestellt\s+von|verfasst\s+von|geschrieben\s+von|zeige\s+alle\s+(?:beiträge|artikel)\s+von|autor(?:in|en)?|author(?:s)?|auteur|text|texte|by|von|par|por|di|door|av|przez)(?:\s*:\s*|\s+)",
    )
    .expect("valid regex")
});

static BYLINE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s+(?:(?:edited\s+by|photos?\s+by|photographs?\s+by|illustrations?\s+by|video\s+by|additional\s+reporting|updated|published|veröffentlicht|aktualisiert|mis\s+à\s+jour|publié|publiziert|erschienen|il\s+y\s+a|seite\s+teilen|share)\b|stand\s*:|(?:am|at|on|le|vor|před)\s+\d|\d+\s+(?:hours?|minutes?|days?|mins?)\s+ago).*$|\s*[|•·→←].*$|\s*[,;]\s*\p{L}[\p{L}-]*\s*:.*$|\s+for\s+\S.*$",
    )
    .expect("valid regex")
});

/// Names from a printed byline: "By Fiona Jones", "von Daniela Obers",
/// "Posted on September 21, 2020 by Adi Tzlil", "Von A, B und C, NDR",
/// "Author: Bo2man am 29.12.2010". Empty when the text holds no plausible
/// name.
pub fn byline_names(text: &str) -> Vec<String> {
    // Lines stay apart: "By A and B" above "Associated Press" names three
    // credits, not a person called "B Associated Press".
    let text = text
        .lines()
        .map(collapse_whitespace)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if text.chars().count() > 200 {
        return Vec::new();
    }
    let keyword = BYLINE_KEYWORD
        .find(&text)
        .filter(|m| !particle_in_name(&text[..m.start()], m.as_str(), &text[m.end()..]));
    if keyword.is_some_and(|m| credits_another_role(&text[..m.start()])) {
        return Vec::new();
    }
    let mut after_keyword = match keyword {
        Some(m) => &text[m.end()..],
        None => text.as_str(),
    };
    // "Text von Peter Maahn", "Autor: von …": a second keyword right after
    // the first.
    if let Some(m) = BYLINE_KEYWORD
        .find(after_keyword)
        .filter(|m| m.start() == 0 && m.as_str().starts_with(char::is_lowercase))
    {
        after_keyword = &after_keyword[m.end()..];
    }
    // The line after the keyword names the authors; a later line counts only
    // when it reads like more names ("Associated Press", a second author),
    // not a job ("Senior Vice President of Technology") or a credit
    // ("Fotos: EL HERALDO").
    let mut lines = after_keyword.trim_start().lines();
    let first = lines.next().unwrap_or_default();
    let after_keyword = std::iter::once(first)
        .chain(lines.filter(|line| names_line(line)))
        .collect::<Vec<_>>()
        .join(", ");
    // "Martin Untersinger (avec Damien Leloup et Morgane Tual)": the
    // bracketed co-authors are authors too.
    static WITH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\((?:avec|with|mit|con|com|met|z)\s+([^)]*)\)?").expect("valid regex")
    });
    let after_keyword = WITH.replace(&after_keyword, ", $1");
    let names = BYLINE_STOP.replace(&after_keyword, "");
    // A trailing date after a comma: "Poppy Reid, Feb 21, 2020" / "Poppy Reid Feb 21, 2020",
    // and the weekday before it: "Lisa Petrich Mi, 18. Oktober 2023".
    static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?$")
            .expect("valid regex")
    });
    let mut names = names.trim().to_string();
    // "John Doe. Photos: Jane Smith": a full stop after a name's last word
    // (not an initial's, "J. Smith", nor a suffix's, "Jr.") ends the credit.
    if let Some(end) = names.match_indices('.').map(|(i, _)| i).find(|&i| {
        let before = &names[..i];
        let last = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        before.split_whitespace().count() >= 2
            && last.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && last.chars().all(char::is_alphabetic)
            && !NAME_SUFFIXES.contains(&last.to_lowercase().as_str())
            && names[i + 1..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    }) {
        names.truncate(end);
    }
    let full_length = names.len();
    // Whether the cut falls right after a comma or a full stop, where a
    // weekday written before the date ends ("Mi, 18. Oktober").
    let mut after_punctuation = false;
    for (pos, _) in names
        .clone()
        .match_indices([',', ' ', ';'])
        .collect::<Vec<_>>()
    {
        if pos > 0 && crate::ingest::date::parse_date(&names[pos + 1..]).is_some() {
            after_punctuation = names[..=pos].trim_end().ends_with([',', '.']);
            names.truncate(pos);
            break;
        }
    }
    // Names do not run into numbers: "Alexander Rosenkranz 09.03.2022 Seite teilen".
    if let Some(pos) = names
        .match_indices(' ')
        .map(|(i, _)| i)
        .find(|&i| names[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        after_punctuation = names[..pos].trim_end().ends_with([',', '.']);
        names.truncate(pos);
    }
    if names.len() < full_length {
        // Drop that weekday, never a surname that spells one ("Minh Do on
        // Monday").
        let trimmed = names.trim_end_matches([',', ';', ' ']);
        let trimmed = if after_punctuation {
            WEEKDAY.replace(trimmed, "").into_owned()
        } else {
            trimmed.to_string()
        };
        // And the word that led into the date: "Submitted by jwalters on
        // Tue, 14/03/2017" (lower case: a name's own "On" stays).
        names = trimmed
            .strip_suffix(" on")
            .or_else(|| trimmed.strip_suffix(" am"))
            .or_else(|| trimmed.strip_suffix(" at"))
            .or_else(|| trimmed.strip_suffix(" le"))
            .map_or(trimmed.clone(), |t| t.trim_end().to_string());
    }
    let names = split_ampersand(&names, ", ");
    let mut out = Vec::new();
    for part in names.split([',', ';']) {
        for name in part
            .split(" and ")
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
            .flat_map(|p| p.split(" y "))
            .flat_map(|p| p.split(" en "))
        {
            let name = name
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            if plausible_person(name) {
                out.push(name.to_string());
            }
        }
    }
    // "…, NDR" / "…, dpa": an agency credit goes when people are named.
    if out.len() > 1 {
        let people: Vec<String> = out.iter().filter(|n| !is_agency(n)).cloned().collect();
        if !people.is_empty() {
            out = people;
        }
    }
    out
}

/// Abbreviations that end a name with a full stop: "John Smith Jr.".
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "esq", "phd", "inc", "ltd", "co", "corp"];

/// Whether the words before a credit's "by" make it another role's credit:
/// "Edited by", "Photos by", "Translated by", "Medically reviewed by" name
/// no author.
fn credits_another_role(before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| OTHER_ROLES.contains(&w.to_lowercase().as_str()))
}

/// The words before "by" or "von" in the credit of a role other than the
/// writer's.
const OTHER_ROLES: &[&str] = &[
    "edited",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "photography",
    "pictures",
    "illustration",
    "illustrations",
    "illustrated",
    "graphics",
    "video",
    "videos",
    "produced",
    "translated",
    "translation",
    "compiled",
    "reviewed",
    "fact-checked",
    "curated",
    "sponsored",
    "presented",
    "powered",
    "übersetzt",
    "übersetzung",
    "bearbeitet",
    "redigiert",
    "fotografiert",
    "traduit",
    "traduction",
    "tradotto",
    "traducido",
];

/// Whether a credit keyword found inside a byline is a particle of the name
/// itself: "Walter von Aachen", "Ursula von der Leyen", "Giovanni di
/// Lorenzo" are one person each, where "Ein Kommentar von Walter Aachen"
/// credits Walter Aachen, and "Mark Di Stefano" is no credit of "Stefano".
/// It is when the keyword is `von` or `di` after one or two given names
/// (capitalised words that are not a credit's nouns) and before a
/// capitalised word or another particle.
fn particle_in_name(before: &str, keyword: &str, after: &str) -> bool {
    // Words that come before "von"/"di" in a credit, not in a name.
    const CREDIT_WORDS: &[&str] = &[
        "ein",
        "eine",
        "einen",
        "text",
        "texte",
        "bericht",
        "kommentar",
        "analyse",
        "interview",
        "foto",
        "fotos",
        "bild",
        "bilder",
        "video",
        "artikel",
        "beitrag",
        "gastbeitrag",
        "rezension",
        "kolumne",
        "glosse",
        "reportage",
        "meinung",
        "recherche",
        "grafik",
        "grafiken",
        "illustration",
        "essay",
        "podcast",
        "post",
        "nachricht",
        "mehr",
        "alle",
        "articolo",
        "testo",
        "un",
        "una",
        "intervista",
        "editoriale",
        "commento",
    ];
    let particle = keyword
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '|' | ','))
        .trim_end();
    let particle = particle.to_lowercase();
    if !matches!(particle.as_str(), "von" | "di") || before.contains(['(', '|', ',', '\n']) {
        return false;
    }
    let given: Vec<&str> = before.split_whitespace().collect();
    let given_ok = (1..=2).contains(&given.len())
        && given.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.'))
                && !CREDIT_WORDS.contains(&w.to_lowercase().as_str())
                && !OTHER_ROLES.contains(&w.to_lowercase().as_str())
        });
    let next = after.split_whitespace().next().unwrap_or_default();
    let surname_ok = next.chars().next().is_some_and(char::is_uppercase)
        || matches!(next, "der" | "dem" | "den" | "zu");
    given_ok && surname_ok
}

/// A line that reads like names only: capitalised words, name particles
/// and the words that join names.
fn names_line(line: &str) -> bool {
    const JOINING: &[&str] = &[
        "and", "und", "et", "y", "en", "&", "van", "von", "de", "da", "del", "der", "den", "di",
        "du", "le", "la", "bin", "al", "ter", "zu",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !line.contains(':')
        && words.iter().all(|w| {
            JOINING.contains(w)
                || w.trim_end_matches(',')
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
}

fn is_agency(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    name.split_whitespace().count() == 1
        && letters.len() <= 5
        && (letters.iter().all(|c| c.is_uppercase()) || letters.iter().all(|c| c.is_lowercase()))
}

/// A person's (or a handle's) name: 1 to 5 words, starting with a letter,
/// no sentence punctuation, no URL, no date.
pub fn plausible_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    // "J. Smith Jr." ends with a dot; a sentence ends with a long word and one.
    let sentence_end = name.ends_with(['!', '?'])
        || name.ends_with('.') && words.last().is_some_and(|w| w.chars().count() > 4);
    // "J J" (a commenter's initials) names nobody: some word is a name.
    let has_a_name = words
        .iter()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    (1..=5).contains(&words.len())
        && has_a_name
        && name.chars().count() <= 60
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !name.contains("://")
        && !name.contains("www.")
        && !name.contains('@')
        && !sentence_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `clean_body` one char at a time: the definition the fast one keeps.
    fn clean_body_reference(body: &str) -> String {
        let mut out = String::new();
        let (mut newlines, mut pending_space) = (0usize, false);
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    continue;
                }
                newlines += 1;
                pending_space = true;
            } else if c == '\n' {
                newlines += 1;
                pending_space = true;
            } else if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                pending_space = true;
            } else if !invisible(c) {
                if !out.is_empty() {
                    if newlines >= 2 {
                        out.push_str("\n\n");
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                newlines = 0;
                pending_space = false;
                out.push(c);
            }
        }
        out
    }

    /// `collapse_whitespace` one char at a time: the definition the fast one keeps.
    fn collapse_whitespace_reference(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                pending_space = !out.is_empty();
            } else if !invisible(c) {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
        }
        out
    }

    /// Text dense in the white space, control and invisible characters the
    /// fast paths must treat as their definitions do.
    const AWKWARD_TEXT: &str =
        "[a-zA-Z .,\r\n\t\u{a0}\u{200b}\u{feff}\u{85}\u{1}\u{ad}\u{2060}éÄ€🙂\u{2028}]{0,200}";

    proptest! {
        #[test]
        fn collapse_whitespace_matches_its_definition(s in AWKWARD_TEXT) {
            prop_assert_eq!(collapse_whitespace(&s), collapse_whitespace_reference(&s));
        }

        #[test]
        fn collapse_whitespace_matches_its_definition_on_any_text(s in "\\PC{0,300}") {
            prop_assert_eq!(collapse_whitespace(&s), collapse_whitespace_reference(&s));
        }

        #[test]
        fn clean_body_matches_its_definition(body in AWKWARD_TEXT) {
            prop_assert_eq!(clean_body(&body), clean_body_reference(&body));
        }

        #[test]
        fn clean_body_matches_its_definition_on_any_text(body in "\\PC{0,300}") {
            prop_assert_eq!(clean_body(&body), clean_body_reference(&body));
        }
    }

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
    fn soft_hyphens_and_word_joiners_leave_words_whole() {
        assert_eq!(
            clean_body("En réac\u{ad}tion à la can\u{ad}di\u{ad}da\u{ad}ture"),
            "En réaction à la candidature"
        );
        assert_eq!(
            collapse_whitespace("Thier\u{ad}ry Coul\u{2060}hon"),
            "Thierry Coulhon"
        );
    }

    #[test]
    fn body_paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(clean_body("a\n b\n\n\n\nc\r\n\r\nd  "), "a b\n\nc\n\nd");
    }

    #[test]
    fn a_list_of_dated_related_headlines_ends_the_body() {
        let story = "気象庁 に よる と 、 5 日 午後 9 時 、 小笠原諸島 東海 上 で 台風 7 号 が 発生 し た。 \
                     西北西 に 進ん で おり 、 8 日 に も 沖縄 県 に 近づく 見込み。";
        let mut body = format!(
            "{story} 2016 年 8 月 16 日 ( 火 ): 台風 13 号 の 影響 で 広島 で も 1 人 死亡 \
             2016 年 8 月 16 日 ( 火 ): 台風 14 号 、 発達 し て 猛烈 な 台風 に \
             『 台風 情報 』。 気象庁 、 2006 年 8 月 5 日。"
        );
        cut_dated_headline_list(&mut body);
        assert_eq!(body, story);
        // One dated item is a sentence, not a list; a body that is all list
        // is left as it is.
        for text in [
            format!("{story} 2016 年 8 月 16 日 ( 火 ): 台風 13 号 が 上陸 し た。"),
            "2016 年 8 月 16 日 ( 火 ): 台風 13 号 2016 年 8 月 17 日 ( 水 ): 台風 14 号"
                .to_string(),
        ] {
            let mut body = text.clone();
            cut_dated_headline_list(&mut body);
            assert_eq!(body, text);
        }
    }

    #[test]
    fn sources_cited_at_the_end_of_a_body_are_cut() {
        let story = "気象庁 に よる と 、 7 日 午後 11 時 32 分 ごろ 、 宮城 県 沖 を 震源 と する 地震 が あっ た。 \
                     震度 6 強 を 観測 し た の は 宮城 県 栗原 市 と 仙台 市 宮城野 区。";
        let sources = " 気象庁 『 地震 情報 平成 23 年 4 月 7 日 気象庁 発表 ( 情報 第 1 号 )』。 気象庁 、 \
                       2011 年 4 月 7 日 23 時 46 分 ( UTC + 9 )。 USGS / NEIC ( アメリカ 地質調査所 )『 \
                       Magnitude 7 . 1 - NEAR THE EAST COAST OF HONSHU , JAPAN 』。 USGS 、 2011 年 4 月 7 日 \
                       ( UTC )。 YOMIURIONLINE 『 宮城 沖 震源 』。 読売新聞 、 2011 年 4 月 8 日。";
        let mut body = format!("{story}{sources}");
        cut_cited_sources(&mut body);
        assert_eq!(body, story);
        // Titles that quote, titles in "", years alone, a note at the end.
        let mut body = format!(
            "{story} TOKYOWeb 『 甲子園 『 命名権 』 10 億 円 で 売却 』。 東京中日スポーツ 、 2007 年 12 月 20 日。 \
             『 ワールド ・ ベースボール ・ クラシック 』。 ウィキペディア 、 2006 年。 \
             \" 日本音楽著作権協会 へ の 立入り 調査 \"。 ウィキニュース 、 2008 年 4 月 23 日。 ( リンク 先 に 動画 あり )。"
        );
        cut_cited_sources(&mut body);
        assert_eq!(body, story);
        // A story whose last words run into the first source's name keeps
        // them; only the sources go.
        let mut body = format!("{} 福島 県 茨城 県{sources}", story.trim_end_matches('。'));
        cut_cited_sources(&mut body);
        assert!(body.ends_with("茨城 県 気象庁"), "{body}");
        // A title quoted in the story is not a source, nor is a list of
        // sources with the story after it; a body of sources alone stays.
        for text in [
            format!("{story} 読売新聞 は 『 宮城 沖 震源 』 と 報じ た。"),
            format!("{sources} {story}"),
            sources.trim().to_string(),
        ] {
            let mut body = text.clone();
            cut_cited_sources(&mut body);
            assert_eq!(body, text);
        }
    }

    #[test]
    fn chinese_and_japanese_split_into_words_are_joined() {
        let join = |title: &str, body: &str| {
            let (mut title, mut body) = (title.to_string(), body.to_string());
            join_segmented_words(&mut [&mut title, &mut body]);
            (title, body)
        };
        assert_eq!(
            join(
                "2008 年度 の 年金 、 過去 最大 の 赤字 に",
                "日経新聞 に よる と 、 厚生 労働省 は 1 , 500 人 を 発表 し た。 M 7 . 4 、 \
                 August 23 , 2005 、 1 , 000 , 000 円\n\n\
                 『 Formula 1 World Championship 』。 SANSPO . COM 、 2009 年 10 月 9 日。"
            ),
            (
                "2008年度の年金、過去最大の赤字に".to_string(),
                "日経新聞によると、厚生労働省は1,500人を発表した。M 7.4、\
                 August 23 , 2005、1,000,000円\n\n\
                 『Formula 1 World Championship』。SANSPO . COM、2009年10月9日。"
                    .to_string()
            )
        );
        // Written Japanese with a space or two, Korean, which spaces its
        // words, and English stay as they are.
        for (title, body) in [
            (
                "ソフトバンク モバイル、新料金",
                "ソフトバンク モバイルは16日、基本使用料980円の「ホワイトプラン」を発表した。",
            ),
            (
                "한국 정부 발표",
                "서울 시청 앞 광장 에서 시민 들 이 모였다 오늘 오후 에 발표 했다",
            ),
            (
                "Five Eyes",
                "Mike Pompeo said on Wednesday that the UK's decision",
            ),
        ] {
            assert_eq!(join(title, body), (title.to_string(), body.to_string()));
        }
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
        assert_eq!(
            clean_title(
                "Gregory Szorc's Digital Home | Mercurial's Journey to and Reflections on Python 3",
                None
            ),
            "Mercurial's Journey to and Reflections on Python 3"
        );
        assert_eq!(
            clean_title(
                "Norddeutschland findet seine Meister - Berliner Leichtathletik Verband e.V.",
                None
            ),
            "Norddeutschland findet seine Meister"
        );
        assert_eq!(
            clean_title("Benjamin Näßler: «Liebe kennt keine Pause»", None),
            "Benjamin Näßler: «Liebe kennt keine Pause»"
        );
        assert_eq!(
            clean_title("» Die Events der Zeit", None),
            "Die Events der Zeit"
        );
        assert_eq!(
            clean_title(
                "deutsche zocker schinken e.V. - Neuigkeiten » Die Events der letzten Zeit",
                None
            ),
            "Die Events der letzten Zeit"
        );
        assert_eq!(
            clean_title(
                "Musterfirma GmbH - Neue Werkhalle eröffnet in Hamburg",
                None
            ),
            "Neue Werkhalle eröffnet in Hamburg"
        );
    }

    #[test]
    fn a_headline_that_mentions_the_site_is_no_site_suffix() {
        // The site's name with a word or two beside it names the site...
        assert_eq!(
            clean_title(
                "How we ship releases - Stack Overflow Blog",
                Some("stackoverflow.blog")
            ),
            "How we ship releases"
        );
        assert_eq!(
            clean_title("Storm warning | The Guardian US", Some("The Guardian")),
            "Storm warning"
        );
        // ...a clause about the site is the story's.
        assert_eq!(
            clean_title("Interview - Tim Cook on Apple", Some("apple.com")),
            "Interview - Tim Cook on Apple"
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
    fn another_roles_credit_names_no_author() {
        assert!(byline_names("Revised Edition Edited by Adrian Parr").is_empty());
        assert!(byline_names("Photos by Jane Smith").is_empty());
        assert!(byline_names("Medically reviewed by Jane Smith, MD").is_empty());
        assert!(byline_names("Übersetzt von Jane Smith").is_empty());
        // The writer's credit comes first and keeps its name.
        assert_eq!(
            byline_names("Written by John Doe, edited by Jane Smith"),
            ["John Doe"]
        );
        assert_eq!(
            byline_names("Story by John Doe, photos by Jane Smith"),
            ["John Doe"]
        );
    }

    #[test]
    fn a_full_stop_after_a_name_ends_the_credit() {
        assert_eq!(
            byline_names("Story by John Doe. Photos by Jane Smith"),
            ["John Doe"]
        );
        assert_eq!(
            byline_names("By John Doe. Photos: Jane Smith"),
            ["John Doe"]
        );
        // An initial's or a suffix's full stop is the name's own.
        assert_eq!(byline_names("By John C. Smith"), ["John C. Smith"]);
        assert_eq!(byline_names("By T. V. Raman"), ["T. V. Raman"]);
        assert_eq!(byline_names("By John Smith Jr."), ["John Smith Jr."]);
    }

    #[test]
    fn a_label_or_a_date_after_the_names_ends_the_credit() {
        assert_eq!(
            byline_names("Author: Gàbor Muniér, Datum: 03.Mär.19"),
            ["Gàbor Muniér"]
        );
        assert_eq!(
            byline_names("By Ann Smith, Photos: Jane Doe"),
            ["Ann Smith"]
        );
        assert_eq!(
            byline_names("Submitted by jwalters on Tue, 14/03/2017 - 10:22"),
            ["jwalters"]
        );
        assert_eq!(byline_names("By JANE DOE FOR MAILONLINE"), ["JANE DOE"]);
        assert_eq!(byline_names("By Jane Doe for the Guardian"), ["Jane Doe"]);
        // A list of names is still a list.
        assert_eq!(
            byline_names("By Ann Smith, Jane Doe"),
            ["Ann Smith", "Jane Doe"]
        );
    }

    #[test]
    fn a_name_particle_is_no_credit_keyword() {
        assert_eq!(byline_names("Walter von Aachen"), ["Walter von Aachen"]);
        assert_eq!(
            byline_names("Ursula von der Leyen"),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            byline_names("Von Ursula von der Leyen"),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            byline_names("By Giovanni di Lorenzo"),
            ["Giovanni di Lorenzo"]
        );
        assert_eq!(byline_names("Mark Di Stefano"), ["Mark Di Stefano"]);
        assert_eq!(byline_names("By Di Maio"), ["Di Maio"]);
        assert_eq!(
            byline_names("Hans-Peter von Daniels"),
            ["Hans-Peter von Daniels"]
        );
        // A lower-case word before it is a credit's, not a given name.
        assert_eq!(byline_names("geschrieben von Walter"), ["Walter"]);
    }

    #[test]
    fn printed_bylines_in_several_languages() {
        assert_eq!(byline_names("By Fiona Jones"), ["Fiona Jones"]);
        assert_eq!(byline_names("von Daniela Obers"), ["Daniela Obers"]);
        assert_eq!(
            byline_names("Posted on September 21, 2020 by Adi Tzlil"),
            ["Adi Tzlil"]
        );
        assert_eq!(
            byline_names("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR"),
            ["Volkmar Kabisch", "Jan Lukas Strozyk", "Benedikt Strunz"]
        );
        assert_eq!(
            byline_names("Author: Bo2man am 29.12.2010, 13:36 Uhr"),
            ["Bo2man"]
        );
        assert_eq!(byline_names("Poppy Reid Feb 21, 2020"), ["Poppy Reid"]);
        assert_eq!(byline_names("Aleš Vávra před 2 hodinami"), ["Aleš Vávra"]);
        assert_eq!(
            byline_names("Written by Rob Ewaschuk Edited by Betsy Beyer"),
            ["Rob Ewaschuk"]
        );
        assert_eq!(byline_names("Eingestellt von der Michel"), ["der Michel"]);
        assert_eq!(
            byline_names("Ein Kommentar von Walter Aachen"),
            ["Walter Aachen"]
        );
        assert_eq!(byline_names("Text von Peter Maahn"), ["Peter Maahn"]);
        assert_eq!(byline_names("Articolo di Mario Rossi"), ["Mario Rossi"]);
        assert_eq!(
            byline_names("By Nathan Willis | March 25, 2015"),
            ["Nathan Willis"]
        );
        assert!(
            byline_names("The prime minister said on Tuesday that the plan would go ahead.")
                .is_empty()
        );
        assert_eq!(
            byline_names("Martin Untersinger (avec Damien Leloup et Morgane Tual)"),
            ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]
        );
        assert_eq!(
            byline_names("Von Lisa Petrich Mi, 18. Oktober 2023 um 12:50 Uhr"),
            ["Lisa Petrich"]
        );
        assert!(byline_names("J J").is_empty());
        // "Stand:" (as of) dates the byline; the name ends before it.
        assert_eq!(
            byline_names("Sara Zinnecker Stand: 05. Februar 2020"),
            ["Sara Zinnecker"]
        );
    }

    #[test]
    fn byline_lines_stay_apart() {
        // Names on the line after the keyword; a later line of names is more
        // credits, a job title or a photo credit is not.
        assert_eq!(
            byline_names("By DANICA KIRKA and JILL LAWLESS\nAssociated Press"),
            ["DANICA KIRKA", "JILL LAWLESS", "Associated Press"]
        );
        assert_eq!(
            byline_names(
                "By\n\t\tScott Cunningham\nSenior Vice President of Technology\nAd Operations at IAB"
            ),
            ["Scott Cunningham"]
        );
        assert_eq!(
            byline_names("Juan Pérez\nFotos: EL HERALDO"),
            ["Juan Pérez"]
        );
        assert_eq!(
            byline_names("Fiona Jones\n30 January 2020, 16:46"),
            ["Fiona Jones"]
        );
        assert_eq!(
            byline_names("Von Moritz Bachmann publiziert am 30. Juli 2018"),
            ["Moritz Bachmann"]
        );
        assert_eq!(
            byline_names("Posted by Kim Anders at 1:16 AM"),
            ["Kim Anders"]
        );
        assert_eq!(
            byline_names("By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."),
            ["Matthew Digby", "Minh Do"]
        );
        // The agency goes once people are named.
        assert_eq!(
            clean_authors(
                &byline_names("By DANICA KIRKA and JILL LAWLESS\nAssociated Press"),
                None
            ),
            ["DANICA KIRKA", "JILL LAWLESS"]
        );
    }

    #[test]
    fn authors_are_split_and_cleaned() {
        assert_eq!(names(&["By Fiona Jones"]), ["Fiona Jones"]);
        assert_eq!(
            names(&["Amy Kuperinsky", "NJ Advance Media for NJ.com"]),
            ["Amy Kuperinsky"]
        );
        assert_eq!(names(&["Mac & i"]), ["Mac & i"]);
        assert_eq!(names(&["Jill Disis", "CNN Business"]), ["Jill Disis"]);
        assert_eq!(names(&["CNN Business"]), ["CNN Business"]);
        assert_eq!(
            names(&["Fiona Jones & Ann Smith"]),
            ["Fiona Jones", "Ann Smith"]
        );
        // A name, then the outlet after a full stop; initials keep theirs.
        assert_eq!(
            names(&["Finian Cunningham. Sputnik International"]),
            ["Finian Cunningham"]
        );
        assert_eq!(names(&["T. V. Raman"]), ["T. V. Raman"]);
        assert_eq!(names(&["Logan C. Ritchie"]), ["Logan C. Ritchie"]);
        assert_eq!(
            names(&["by Janie Gabbett and Ann Smith"]),
            ["Janie Gabbett", "Ann Smith"]
        );
        assert_eq!(names(&["Fiona Jones, Political Reporter"]), ["Fiona Jones"]);
        assert_eq!(
            names(&["Jane Doe and Ian Ross, Special Correspondents"]),
            ["Jane Doe", "Ian Ross"]
        );
        // A date is no one's name: dropped, with the name before it kept.
        assert!(names(&["April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"]).is_empty());
        assert_eq!(names(&["Lucas Nolan 22 Dec 2016"]), ["Lucas Nolan"]);
        assert_eq!(names(&["Fiona Jones, 30.01.2020"]), ["Fiona Jones"]);
        // Surnames first, as databases list them, in the order bylines print.
        assert_eq!(names(&["Jong, Michiel de"]), ["Michiel de Jong"]);
        assert_eq!(names(&["Jones, Fiona"]), ["Fiona Jones"]);
        assert_eq!(names(&["Bush, George W."]), ["George W. Bush"]);
        assert_eq!(
            names(&["Jones, Fiona; O'Neill, Mary-Kate"]),
            ["Fiona Jones", "Mary-Kate O'Neill"]
        );
        assert_eq!(
            names(&["Smith, Jr."]),
            ["Smith, Jr"],
            "a suffix, not a given name"
        );
        assert_eq!(names(&["Fiona Jones, London"]), ["Fiona Jones, London"]);
        // An agency or letters after a name are not part of it.
        assert_eq!(names(&["by Gail Appleson, Reuter"]), ["Gail Appleson"]);
        assert_eq!(names(&["Rachael Link, MS, RD"]), ["Rachael Link"]);
        assert_eq!(names(&["Jane Doe, Ph.D."]), ["Jane Doe"]);
        // Writers with the cities they file from.
        assert_eq!(
            names(&["Markus M. Haefliger, London, Beat Bumbacher"]),
            ["Markus M. Haefliger", "Beat Bumbacher"]
        );
        assert_eq!(
            names(&["Anna Smith, Washington, Tom Lee, Beijing"]),
            ["Anna Smith", "Tom Lee"]
        );
        assert_eq!(
            names(&["https://lbc.co.uk/author/x", "LBC", "Ann Smith"]),
            ["Ann Smith"]
        );
        // The site's name stays when nobody else is named.
        assert_eq!(names(&["LBC"]), ["LBC"]);
        // So does a desk or staff credit, but never a content system's account.
        assert_eq!(names(&["By Staff Writer"]), ["Staff Writer"]);
        assert_eq!(names(&["Newsdesk", "Ann Smith"]), ["Ann Smith"]);
        assert!(names(&["admin"]).is_empty());
        assert_eq!(names(&["A. Writer", "a. writer"]), ["A. Writer"]);
    }
}
