//! Paragraph-level furniture that survives inside an article's container:
//! "Tags:", "Quelle: …", "Lesen Sie auch", "Share this", "Advertisement",
//! "Next article", comment prompts, copyright lines, bare dates. Only short
//! paragraphs are judged; prose is never dropped for a word it contains.

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::date::parse_date;

/// Labels that, followed by a colon, start a furniture line ("Tags: a, b").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            tags?|tagged|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|themen|topics|mots-cl(?:é|e)s|etiquetas|
            autor(?:in|en)?|authors?|auteurs?|
            quellen?|sources?|fuentes?|fonte|(?:ź|z)r(?:ó|o)d(?:ł|l)o|bildquellen?|fotos?|bild(?:er)?|images?|photos?|photographs?|credits?|cr(?:é|e)dits?|
            abbildung|grafik|figure|fig\.|
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
            advertisement|anzeige|werbung|publicit(?:é|e)|publicidad|pubblicit(?:à|a)|reklama|sponsored(?:\s+content)?|
            next\s+article|previous\s+article|n(?:ä|ae)chster\s+artikel|vorheriger\s+artikel|article\s+suivant|article\s+pr(?:é|e)c(?:é|e)dent|
            vorschau\s+auf\s+den\s+n(?:ä|ae)chsten\s+artikel|
            (?:view|show|load|leave\s+a|post\s+a|add\s+a)\s+comments?|comments?|kommentare?|kommentar\s+schreiben|commentaires?|comentarios?|
            subscribe(?:\s+now)?\b.*|abonnieren|newsletter(?:\s+abonnieren)?|sign\s+up\b.*|jetzt\s+anmelden|follow\s+(?:us|the)\b.*|folgen\s+sie\s+uns\b.*|suivez-nous\b.*|
            download\s+(?:our|the)\s+app\b.*|for\s+the\s+latest\s+(?:stories|news)\b.*|
            (?:copyright|©).*|alle\s+rechte\s+vorbehalten.*|all\s+rights\s+reserved.*|tous\s+droits\s+r(?:é|e)serv(?:é|e)s.*|todos\s+los\s+derechos\s+reservados.*|
            was\s+this\s+(?:article|page|story)\s+helpful\??|war\s+(?:der|dieser)\s+artikel\s+(?:n(?:ü|ue)tzlich|hilfreich)\??|
            m(?:ö|oe)chten\s+sie\s+(?:den|diesen)\s+artikel\s+teilen\??|hat\s+ihnen\s+(?:der|dieser)\s+artikel\s+gefallen\??|
            alle\s+angaben\s+ohne\s+gew(?:ä|ae)hr\.?|
            permalink|permalien|drucken|print|imprimer|
            loading(?:\.\.\.|…)?|wird\s+geladen(?:\.\.\.|…)?|chargement(?:\.\.\.|…)?|
            (?:tags?|themen|related|lesen\s+sie\s+auch|mehr\s+zum\s+thema)
        )[.!:…]?$",
    )
    .expect("valid regex")
});

/// Whether a paragraph is page furniture rather than part of the story.
pub fn is_furniture(paragraph: &str) -> bool {
    let p = paragraph.trim();
    let chars = p.chars().count();
    if chars == 0 {
        return true;
    }
    if chars <= 160 && LABEL.is_match(p) {
        return true;
    }
    if chars <= 80 && (LINE.is_match(p) || parse_date(p).is_some()) {
        return true;
    }
    false
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
            "Subscribe now to our eNATION edition for the full story.",
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
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
