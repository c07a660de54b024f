//! Paragraph-level furniture that survives inside an article's container:
//! "Tags:", "Quelle: …", "Lesen Sie auch", "Share this", "Advertisement",
//! "Next article", comment prompts, copyright lines, bare dates. Only short
//! paragraphs are judged; prose is never dropped for a word it contains.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::date::{self, parse_date};

/// Labels that, followed by a colon, start a furniture line ("Tags: a, b").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            tags?|tagged|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|themen|topics|mots-cl(?:é|e)s|etiquetas|
            categor(?:y|ies)|kategorien?|cat(?:é|e)gories?|categor(?:í|i)as?|rubriken?|filed\s+under|posted\s+in|
            autor(?:in|en)?|authors?|auteurs?|
            quellen?|sources?|fuentes?|fonte|(?:ź|z)r(?:ó|o)d(?:ł|l)o|bildquellen?|fotos?|bild(?:er)?|images?|photos?|photographs?|credits?|cr(?:é|e)dits?|
            abbildung|grafik|figure|fig\.|quellenangaben|
            illustrations?|(?:image|photo)s?\s+(?:illustratives?|d['’]illustration)|(?:titel|beitrags|aufmacher|vorschau)bild|(?:header|featured|top|lead|cover)\s+(?:image|photo)|
            telefon|tel\.|phone|fax|pressekontakt|press\s+contact|media\s+contact|
            last\s+modified|last\s+updated|zuletzt\s+aktualisiert|
            mehr\s+zum\s+thema|lesen\s+sie\s+auch(?:\s+die\s+folgenden\s+beitr(?:ä|ae)ge)?|weitere\s+artikel|read\s+more|read\s+also|also\s+read|see\s+also|related(?:\s+\w+)?|
            lire\s+aussi|(?:à|a)\s+lire\s+aussi|voir\s+aussi|lea\s+tambi(?:é|e)n|lee\s+tambi(?:é|e)n|le\s+puede\s+interesar|leggi\s+anche|czytaj\s+tak(?:ż|z)e|zobacz\s+te(?:ż|z)
        )\s*:",
    )
    .expect("valid regex")
});

/// Whole short lines that are furniture.
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            share(?:\s+(?:this|on|via)\b.*)?|teilen|diesen\s+artikel\s+teilen|partager(?:\s+cet\s+article)?|compartir|condividi|udost(?:ę|e)pnij|
            advert(?:isement)?|anzeige|werbung|publicit(?:é|e)|publicidad|pubblicit(?:à|a)|reklama|sponsored(?:\s+content)?|
            next\s+article|previous\s+article|n(?:ä|ae)chster\s+artikel|vorheriger\s+artikel|article\s+suivant|article\s+pr(?:é|e)c(?:é|e)dent|
            vorschau\s+auf\s+den\s+n(?:ä|ae)chsten\s+artikel|
            (?:view|show|load|leave\s+a|post\s+a|add\s+a)\s+comments?|comments?|kommentare?|kommentar\s+schreiben|commentaires?|comentarios?|
            subscribe(?:\s+now)?\b.*|abonnieren|newsletter(?:\s+abonnieren)?|sign\s+up\b.*|jetzt\s+anmelden|follow\s+us\b.*|follow\s+the\s+\S+\s+on\b.*|folgen\s+sie\s+uns\b.*|suivez-nous\b.*|
            download\s+(?:our|the)\s+app\b.*|for\s+the\s+latest\s+(?:stories|news)\b.*|
            (?:copyright|©).*|alle\s+rechte\s+vorbehalten.*|all\s+rights\s+reserved.*|tous\s+droits\s+r(?:é|e)serv(?:é|e)s.*|todos\s+los\s+derechos\s+reservados.*|
            was\s+this\s+(?:article|page|story)\s+helpful\??|war\s+(?:der|dieser)\s+artikel\s+(?:n(?:ü|ue)tzlich|hilfreich)\??|
            m(?:ö|oe)chten\s+sie\s+(?:den|diesen)\s+artikel\s+teilen\??|hat\s+ihnen\s+(?:der|dieser)\s+artikel\s+gefallen\??|
            alle\s+angaben\s+ohne\s+gew(?:ä|ae)hr\.?|
            (?:permalink|permalien)(?:\s+https?://\S+)?|drucken|print|imprimer|
            (?:diese\s+seite|seite|den\s+artikel|artikel|beitrag)\s+teilen|share\s+this\s+(?:page|article|story|post)|
            gef(?:ä|ae)llt\s+mir(?:\s+wird\s+geladen(?:\.\.\.|…)?)?|like\s+this:?(?:\s+like\s+loading(?:\.\.\.|…)?)?|
            audios?\s+(?:and|et|und|y|e)\s+v(?:i|í)d(?:é|e)os?\b.*|
            continue\s+reading(?:\s+the\s+main\s+story)?|learn\s+more|get\s+our\s+newsletter|further\s+reading|
            zur\s+(?:bilder)?galerie|fotostrecke|bildergalerie|(?:photo\s+)?gallery|
            (?:post\s+|page\s+)?views?\s*:?\s*\d[\d,.]*|\d[\d,.]*\s+(?:views|mal\s+(?:angezeigt|gelesen)|aufrufe|vues|visitas)|
            \(?\d+\s+(?:stimmen|votes|bewertungen|ratings)\s*:\s*[\d.,]+\s+(?:von|of|out\s+of|sur|de)(?:\s+of)?\s+\d+\)?|
            loading(?:\.\.\.|…)?|wird\s+geladen(?:\.\.\.|…)?|chargement(?:\.\.\.|…)?|
            (?:this|the)\s+(?:slideshow|video|gallery|content|page|feature)\s+requires\s+javascript|(?:please\s+)?enable\s+javascript\b.*|
            you\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended\s+for\s+you|
            tell\s+us\s+what\s+you\s+think|what\s+do\s+you\s+think\?|don(?:'|’)?t\s+miss|must\s+read|most\s+read|most\s+popular|trending(?:\s+now)?|
            (?:tags?|themen|related(?:\s+(?:searches|articles|stories|posts|links|content|topics|videos|coverage))?|lesen\s+sie\s+auch|mehr\s+zum\s+thema)
        )(?:\.\.\.|[.!:…])?$",
    )
    .expect("valid regex")
});

/// A reading time: "5 min read", "Lesezeit: ca. 3 Min.", "4 minutos de
/// lectura". Furniture alone, and a credit line's word beside a byline or a
/// date ("Sep 14, 2022 · 4 min read").
static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
            (?:\bca\.\s*)?\b\d+\s*(?:min(?:ute)?s?|minut(?:o|os|en)|mn)\.?\s+(?:read|reading\s+time|lesezeit|lesedauer|de\s+leitura|de\s+lectura|de\s+lecture|lecture|leestijd)\b|
            \b(?:reading\s+time|read\s+time|lesezeit|lesedauer|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture|leestijd)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min(?:ute)?s?\b|minut(?:o|os|en)\b|mn\b)\.?",
    )
    .expect("valid regex")
});

/// Whether a whole line is a reading time (closing punctuation aside).
fn is_reading_time(line: &str) -> bool {
    READING_TIME.find(line).is_some_and(|m| {
        m.start() == 0
            && line[m.end()..]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | ':' | '…'))
                .is_empty()
    })
}

/// A row of buttons and their counts, as a page's text runs them together:
/// "312 4 Listen Share", "3124ListenShare", "Like · Comment · Share".
static BUTTONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:\d[\d.,]*[km]?|listen|share|save|follow|like|comments?|reply|responses?|claps?|bookmark|print|email|tweet)
            [\s·|•]*
        )*
        (?:listen|share|save|follow|like|comments?|reply|responses?|claps?|bookmark|print|email|tweet)
        (?:[\s·|•]*(?:\d[\d.,]*[km]?|listen|share|save|follow|like|comments?|reply|responses?|claps?|bookmark|print|email|tweet))*$",
    )
    .expect("valid regex")
});

/// A copyright notice anywhere in a short line ("The contents of this site
/// are ©2019 Capitol Hill Publishing Corp.").
static COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"©\s*(?:19|20)\d\d\b").expect("valid regex"));

/// Calls to action that run longer than a label: "Follow The Gleaner on
/// Twitter and Instagram …", "For the latest stories … download the app".
static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            follow\s+(?:us|the\s+\S+|@\S+|\S+)\s+on\s+(?:twitter|facebook|instagram|x|tiktok|youtube|linkedin|threads|bluesky|whatsapp|telegram)\b|
            for\s+the\s+latest\s+(?:stories|news|updates)\b.*\b(?:download|apps?|follow|subscribe)\b|
            download\s+(?:our|the)\b.*\bapps?\b|
            (?:have|got)\s+a\s+(?:news\s+)?tip\?|
            this\s+(?:post|article|page|story)\s+(?:may\s+)?contains?\s+affiliate\b|
            .{0,80}\bsubscribe\s+to\s+(?:our\s+|the\s+)?\S+(?:\s+\S+)?\s+newsletters?\b|
            folgen\s+sie\s+(?:uns|\S+)\s+(?:auf|bei)\s+(?:twitter|facebook|instagram|x|tiktok|youtube|linkedin)\b|
            suivez(?:-nous)?\s+.*\bsur\s+(?:twitter|facebook|instagram|x|tiktok|youtube|linkedin)\b
        )",
    )
    .expect("valid regex")
});

/// A content system's shortcode left unrendered: "[button link=…] Send us
/// your review[/button]".
static SHORTCODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[[a-z_]+\b[^\]]*\].*\[/[a-z_]+\]$").expect("valid regex"));

/// A caption behind a lightbox button ("Vergrößern Eine kleine …").
static ENLARGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:vergr(?:ö|oe)(?:ß|ss)ern|enlarge|agrandir|ampliar|ingrandisci|powi(?:ę|e)ksz)\s+\S")
        .expect("valid regex")
});

/// Publication lines: "Pubblicato il 19 Febbraio 2020 Ultima modifica 19
/// Febbraio 2020 12:02", "Sara Zinnecker Stand: 05. Februar 2020".
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:^|\s)(?:
            published|updated|posted|last\s+updated|pubblicato|ultima\s+modifica|aggiornato|
            ver(?:ö|oe)ffentlicht|aktualisiert|stand|publi(?:é|e)|mis\s+(?:à|a)\s+jour|
            actualizado|publicado|opublikowano|zaktualizowano
        )\b[^!?]*\b(?:19|20)\d\d\b(?:[^!?]*\d)?(?:\s*(?:uhr|[ap]\.?m\.?|h))?$",
    )
    .expect("valid regex")
});

/// Publication stamps with a time but no year: "Updated at 1:23 p.m.",
/// "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM".
static CLOCK_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:updated|posted|published)\s*:?\s+(?:at\s+|on\s+)?
            (?:[a-z]{3,9}\.?\s+\d{1,2},?\s+)?
            \d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?
            \s*[;|,]?\s*(?:(?:updated|posted|published)\b.*)?[.]?$",
    )
    .expect("valid regex")
});

/// "[read more]"-style links left at the end of a teaser paragraph.
static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*[\[(](?:czytaj\s+wi(?:ę|e)cej|wi(?:ę|e)cej|read\s+more|more|weiterlesen|mehr|lire\s+la\s+suite|leer\s+m(?:á|a)s|leggi\s+tutto|continue\s+reading)(?:\s*(?:\.\.\.|…|»|›))?[\])]$",
    )
    .expect("valid regex")
});

/// A paragraph without a trailing "[read more]" link.
pub fn trim_read_more(paragraph: &str) -> &str {
    match READ_MORE.find(paragraph) {
        Some(m) => &paragraph[..m.start()],
        None => paragraph,
    }
}

/// Whether a paragraph is page furniture rather than part of the story.
pub fn is_furniture(paragraph: &str) -> bool {
    let mut p = paragraph.trim();
    if p.len() <= 300 && SHORTCODE.is_match(p) {
        return true;
    }
    // "(Alle Angaben ohne Gewähr)" is the same line as without brackets.
    if let Some(inner) = p
        .strip_prefix('(')
        .and_then(|q| q.strip_suffix(')'))
        .or_else(|| p.strip_prefix('[').and_then(|q| q.strip_suffix(']')))
    {
        p = inner.trim();
    }
    let chars = p.chars().count();
    if chars == 0 {
        return true;
    }
    if chars <= 160 && LABEL.is_match(p) {
        return true;
    }
    if chars <= 80
        && (LINE.is_match(p)
            || parse_date(p).is_some()
            || is_reading_time(p)
            || BUTTONS.is_match(p))
    {
        return true;
    }
    if chars <= 100 && (STAMP.is_match(p) || CLOCK_STAMP.is_match(p)) {
        return true;
    }
    if chars <= 200 && COPYRIGHT.is_match(p) {
        return true;
    }
    if chars <= 300 && (CALL_TO_ACTION.is_match(p) || ENLARGE.is_match(p)) {
        return true;
    }
    false
}

/// Whether the last paragraph of a body is left dangling: a short label
/// whose list was not story ("Geschrieben von:", "Lue aiheesta lisää:"), a
/// lone "By", or marks without a word ("^", "* * *").
pub fn dangles(paragraph: &str) -> bool {
    let p = paragraph.trim();
    p.chars().count() <= 80
        && ((p.ends_with(':') && p.split_whitespace().count() <= 8)
            || !p.chars().any(char::is_alphanumeric)
            || CREDIT_WORDS.contains(&p.to_lowercase().as_str()))
}

/// Words a byline or dateline holds besides names, dates, times and the
/// labels dates stand among (`date::NOISE`): "Posted on … by …", "Von … und
/// …", "Mis à jour le … à …", "… klo 14.00".
const CREDIT_WORDS: &[&str] = &[
    "by",
    "von",
    "vom",
    "par",
    "por",
    "door",
    "av",
    "written",
    "submitted",
    "update",
    "mis",
    "jour",
    "du",
    "la",
    "à",
    "datum",
    "erstellt",
    "zuletzt",
    "bearbeitet",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "il",
    "klo",
    "and",
    "und",
    "et",
    "y",
    "e",
    "with",
    "avec",
    "mit",
    "con",
];

/// A time told relative to now: "1 day ago", "vor 2 Stunden".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:\d+|an?)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\b",
    )
    .expect("valid regex")
});

/// The names an article credits (its authors, its site), prepared once per
/// page for [`Credited::is_credit_line`].
#[derive(Debug)]
pub struct Credited {
    /// Lower-cased, longest first, so that "Ann Smith" goes whole before "Ann".
    names: Vec<String>,
}

impl Credited {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        // A credit as the page states it ("Anna Müller, DER SPIEGEL") and
        // each of its parts.
        let mut names: Vec<String> = names
            .into_iter()
            .flat_map(|n| {
                let mut all = vec![n];
                if n.contains([',', ';', '|']) {
                    all.extend(n.split([',', ';', '|']));
                }
                all
            })
            .map(|n| n.trim().to_lowercase())
            .filter(|n| n.chars().count() >= 3)
            .collect();
        names.dedup();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Credited { names }
    }

    /// Whether a short paragraph is only a credit or dateline: the names
    /// credited, dates, times and the words that join them ("Chris Davies -
    /// Nov 19, 2019, 10:31 pm CST", "Posted on September 21, 2020 by Adi
    /// Tzlil", "01. Dez. 2022 | 14:08 Uhr | von Jona Göbelbecker"). It must
    /// hold a name or a date; any other word keeps it.
    pub fn is_credit_line(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        if p.chars().count() > 160 {
            return false;
        }
        let Some(left) = self.leftover(p) else {
            return false;
        };
        let left = left.concat();
        // What is left may still be a name written another way: "CBS News"
        // for a site that calls itself "CBSNews" or cbsnews.com.
        let spelled_apart = |name: &String| {
            let label = name.split('.').next().unwrap_or(name);
            label
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                == left
        };
        left.is_empty() || self.names.iter().any(spelled_apart)
    }

    /// Whether a short line is a place and a date, as printed over a story:
    /// "Madrid - 01 mar 2023 - 09:00 CET", "Berlin, 1. März 2023". At most
    /// two words besides the date and the credit words, each capitalised.
    pub fn is_dateline(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        if p.chars().count() > 60 || date::dates_in(p).next().is_none() {
            return false;
        }
        let Some(left) = self.leftover(p) else {
            return false;
        };
        let capitalised = |word: &String| {
            p.split(|c: char| !c.is_alphanumeric()).any(|w| {
                w.to_lowercase() == *word && w.chars().next().is_some_and(char::is_uppercase)
            })
        };
        left.len() <= 2 && left.iter().all(capitalised)
    }

    /// Whether `text` opens with a credited name ("anna müller, hamburg").
    pub fn starts_with_name(&self, text: &str) -> bool {
        let text = text.trim_start().to_lowercase();
        self.names.iter().any(|n| text.starts_with(n.as_str()))
    }

    /// The words of a short paragraph besides the names credited, dates,
    /// times and the words that join them; `None` when it holds no name or
    /// date at all.
    fn leftover(&self, p: &str) -> Option<Vec<String>> {
        if p.is_empty() {
            return None;
        }
        let mut signal = false;
        let mut rest = String::with_capacity(p.len());
        let mut last = 0;
        for (range, _) in date::dates_in(p) {
            rest.push_str(&p[last..range.start]);
            rest.push(' ');
            last = range.end;
            signal = true;
        }
        rest.push_str(&p[last..]);
        if AGO.is_match(&rest) {
            rest = AGO.replace_all(&rest, " ").into_owned();
            signal = true;
        }
        if READING_TIME.is_match(&rest) {
            rest = READING_TIME.replace_all(&rest, " ").into_owned();
            signal = true;
        }
        let mut rest = date::CLOCK.replace_all(&rest, " ").to_lowercase();
        for name in &self.names {
            if rest.contains(name.as_str()) {
                rest = rest.replace(name.as_str(), " ");
                signal = true;
            }
        }
        if !signal {
            return None;
        }
        let left = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| {
                !w.is_empty()
                    && !CREDIT_WORDS.contains(w)
                    && !date::NOISE.contains(w)
                    && !date::WEEKDAYS.contains(w)
                    // A date printed without its year: "8 July".
                    && !date::is_month_name(w)
                    && (w.len() > 2 || !w.chars().all(|c| c.is_ascii_digit()))
                    && !date::ZONE_NAMES
                        .split('|')
                        .any(|z| z.eq_ignore_ascii_case(w))
            })
            .map(str::to_string)
            .collect();
        Some(left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_in_several_languages() {
        for line in [
            "Tags: Huawei, 5G",
            "Quelle: Landesregierung",
            "Lesen Sie auch die folgenden Beiträge:",
            "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC de Nueva York",
            "Autoren: Tim Smith",
            "Share on Facebook",
            "Advertisement",
            "View Comments",
            "Nächster Artikel",
            "War der Artikel nützlich?",
            "Möchten Sie den Artikel teilen?",
            "© 2020 Global Media",
            "Alle Angaben ohne Gewähr",
            "January 13, 2020",
            "Abbildung: Vergleich auf dem Aletschgletscher",
            "Image illustrative : Lots of Lego Minifigures by Ninja Brick, en licence Creative Commons by",
            "Photo d'illustration : AFP",
            "Titelbild: Pixabay",
            "Featured image: NASA/JPL",
            "Subscribe now to our eNATION edition for the full story.",
            "(Alle Angaben ohne Gewähr)",
            "Diese Seite teilen",
            "Gefällt mir Wird geladen...",
            "Permalien https://p.dw.com/p/RPYx",
            "Audios et vidéos sur le sujet",
            "Quellenangaben:",
            "Telefon: +49 - (40) - 300 30 - 1141",
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner and on Facebook @GleanerJamaica. Send us a message on WhatsApp.",
            "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.",
            "Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com. Follow her on Twitter.",
            "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
            "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
            "You may also like...",
            "This post may contain affiliate and/or referral links. Please see my disclosure page.",
            "[button link=”http://example.com/submit/” type=”big”] Send us YOUR kit review[/button]",
            "Vergrößern Eine kleine runde Aussparung für die Facetime-Kamera im Display des iPhones 14.",
            "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02",
            "Sara Zinnecker Stand: 05. Februar 2020",
            "Updated 3:04 PM ET, Thu January 30, 2020",
            "Updated at 1:23 p.m.",
            "Advert",
            "This slideshow requires JavaScript.",
            "Tell us what YOU think...",
            "DON'T MISS",
            "Related Searches",
            "Tempo de leitura: 1 minuto",
            "Categories: News",
            "Filed under: Khawarij |",
            "Continue reading the main story",
            "LEARN MORE",
            "Zur Galerie",
            "Post Views: 111",
            "5540 mal angezeigt",
            "(95 Stimmen: 4,73 von of 5)",
            "7 min Lesezeit",
            "5 min read",
            "Lesedauer: ca. 4 Minuten",
            "3124ListenShare",
            "Like · Comment · Share",
            "1.2K 35 Share",
            "The contents of this site are ©2019 Capitol Hill Publishing Corp., a subsidiary of News Communications, Inc.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn prose_is_kept_even_when_it_starts_like_furniture() {
        for line in [
            "Share prices fell 3% on Monday after the announcement.",
            "Comments made by the minister on Tuesday drew criticism from all sides.",
            "Tags are a useful way to organise photos, the company said in a statement to investors on Friday.",
            "Source code for the project is available online, and anyone can contribute.",
            "Published in 2019, the report found that 40 per cent of firms had no plan.",
            "Follow the money, the detectives were told on the first day of training in 2019.",
            "The figures were updated in March 2020 and again in 2021.",
            "Don't miss the final episode, the producers urged viewers on Sunday.",
            "Trending topics on the site included the election and the weather in 2020.",
            "5 minutes reading the paper each morning is enough, she said.",
            "Views differ on whether the plan will work, the minister said on Monday.",
            "Learn more languages, the teacher told the class of 2020.",
            "12 votes were cast against the bill.",
            "30.05.2014 23:07:56 ]b]3. Nachtrag[/b]",
            "Like father, like son",
            "Share and share alike",
            "2019 2020",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn read_more_links_are_trimmed() {
        assert_eq!(
            trim_read_more("Głos zabrała również Akcja Katolicka. [czytaj więcej]"),
            "Głos zabrała również Akcja Katolicka."
        );
        assert_eq!(
            trim_read_more("The end (more or less)"),
            "The end (more or less)"
        );
    }

    #[test]
    fn credit_lines_are_names_dates_and_joining_words() {
        let credited = Credited::new([
            "Chris Davies",
            "Adi Tzlil",
            "Jona Göbelbecker",
            "cbsnews.com",
            "Associated Press",
        ]);
        for line in [
            "Chris Davies - Nov 19, 2019, 10:31 pm CST",
            "Posted on September 21, 2020 by Adi Tzlil",
            "01. Dez. 2022 | 14:08 Uhr | von Jona Göbelbecker",
            "Updated on: November 19, 2019 / 10:07 AM / CBS News",
            "Associated Press November 19, 2019, 9:02 AM",
            "Published November 20th, 2019 - 07:29 GMT",
            "By Chris Davies on Monday, November 18th, 2019 at 11:08 a.m.",
            "zuletzt bearbeitet: 04.02.2022, 08:27 Uhr",
            "19.2.2020 klo 14.00",
            "Chris Davies",
            "November 20, 2019 / 1:07 AM / CBS News",
            "Published 1 day ago",
            "22 Dec, 2016 22 Dec, 2016",
            "Chris Davies 8 July",
            "Adi Tzlil, 3. Juli",
            "Sep 14, 2022 4 min read",
            "Chris Davies · 5 min read · Nov 19, 2019",
            "03.11.2021 | Lesezeit: ca. 3 Min.",
            "Submitted by Chris Davies on Tue, 14/03/2017 - 10:22",
        ] {
            assert!(credited.is_credit_line(line), "{line}");
        }
        for line in [
            "Chris Davies drove the car on Nov 19, 2019, and liked it.",
            "Kicking off in June 2020, the 30-date run will mark the first time in years.",
            "— Elon Musk (@elonmusk) March 16, 2020",
            "October 12, 2018/in Jeongdong Promotion /by jdadmin",
            "By the numbers",
            "On Monday",
            "November 20, 2019 / 1:07 AM / CBS Sports",
            "8 July",
            "Chris Davies won 8 of 12 in May",
            "It is a 5 min read, published on Nov 19, 2019",
        ] {
            assert!(!credited.is_credit_line(line), "{line}");
        }
    }

    #[test]
    fn datelines_are_a_place_and_a_date() {
        let credited = Credited::new(["Chris Davies"]);
        for line in [
            "Madrid - 01 mar 2023 - 09:00 CET",
            "Berlin, 1. März 2023",
            "NEW YORK, March 1, 2023",
        ] {
            assert!(credited.is_dateline(line), "{line}");
        }
        for line in [
            "Storm hits 1 March 2023",
            "Madrid",
            "The harbour wall collapsed on 1 March 2023 after the storm",
        ] {
            assert!(!credited.is_dateline(line), "{line}");
        }
    }

    #[test]
    fn dangling_ends() {
        for line in [
            "Geschrieben von:",
            "Lue aiheesta lisää:",
            "By",
            "^",
            "* * *",
        ] {
            assert!(dangles(line), "{line}");
        }
        for line in [
            "The end.",
            "Thanks Junior!",
            "To see \"Super Mario Run\" in action, check out the footage below:",
        ] {
            assert!(!dangles(line), "{line}");
        }
    }
}
