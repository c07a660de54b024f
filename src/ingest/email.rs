//! E-mail saved to disk (`.eml`): newsletters and news alerts as a mail
//! client saves them. The subject is the headline, the sender's name the
//! author, the `Date` header the date (with its offset), the sender's domain
//! the site, and the message's HTML (read as a page) or plain text the body.
//! Attachments are passed over.

use mailparse::{DispositionType, MailAddr, MailHeaderMap, ParsedMail};

use crate::article::Article;
use crate::ingest::Parsed;
use crate::ingest::date::parse_date_zoned;

/// Headers only a message carries (a saved page's archive has none of them).
const MESSAGE_HEADERS: [&[u8]; 4] = [
    b"message-id:",
    b"received:",
    b"return-path:",
    b"delivered-to:",
];

/// Whether content is a mail message: its header block (up to the first blank
/// line) has a sender, a subject, and a header only messages carry.
pub fn looks_like_message(head: &[u8]) -> bool {
    // Every file is asked: most fail on their first line, before any copying.
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_is_header = first_line
        .iter()
        .position(|&b| b == b':')
        .is_some_and(|colon| {
            colon > 0
                && first_line[..colon]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        });
    if !first_is_header {
        return false;
    }
    let head = &head[..head.len().min(16 * 1024)];
    // The header block ends at the first blank line, whichever line ends it uses.
    let end = [&b"\n\n"[..], b"\r\n\r\n"]
        .iter()
        .filter_map(|blank| memchr::memmem::find(head, blank))
        .min()
        .unwrap_or(head.len());
    let block: Vec<u8> = head[..end].iter().map(u8::to_ascii_lowercase).collect();
    // Header names begin lines.
    let starts_line = |name: &[u8]| {
        block.starts_with(name) || memchr::memmem::find(&block, &[b"\n", name].concat()).is_some()
    };
    starts_line(b"from:")
        && starts_line(b"subject:")
        && MESSAGE_HEADERS.iter().any(|h| starts_line(h))
}

/// Reads a message as one article. `Err` says why it is not a readable one.
pub fn parse_email(bytes: &[u8]) -> Result<Parsed, String> {
    let mail =
        mailparse::parse_mail(bytes).map_err(|e| format!("not a readable e-mail message ({e})"))?;
    let header = |name: &str| {
        mail.headers
            .get_first_value(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut article = match body_part(&mail, "text/html") {
        Some(html) => super::read_text(super::Format::Html, &html)?
            .articles
            .into_iter()
            .next()
            .map(|(_, a)| a)
            .unwrap_or_default(),
        None => Article {
            body: body_part(&mail, "text/plain").unwrap_or_default(),
            ..Article::default()
        },
    };
    if let Some(subject) = header("Subject") {
        article.title = strip_reply_prefix(&subject).to_string();
    }
    let sender = mail
        .headers
        .get_all_headers("From")
        .first()
        .and_then(|h| mailparse::addrparse_header(h).ok())
        .and_then(|list| {
            list.iter().find_map(|a| match a {
                MailAddr::Single(info) => Some(info.clone()),
                MailAddr::Group(g) => g.addrs.first().cloned(),
            })
        });
    if let Some(sender) = sender {
        if let Some(name) = sender.display_name.filter(|n| !n.trim().is_empty()) {
            // The sender is who wrote it unless the message names someone.
            if article.authors.is_empty() {
                article.authors.push(name.trim().to_string());
            }
        }
        if article.site.is_none() {
            article.site = sender
                .addr
                .rsplit_once('@')
                .map(|(_, domain)| domain.trim_end_matches('>').to_lowercase())
                .filter(|d| d.contains('.'));
        }
    }
    // The day the message was sent, with the sender's offset, is its date.
    if let Some(date) = header("Date").as_deref().and_then(parse_date_zoned) {
        article.set_date(date);
    }
    Ok(Parsed {
        articles: vec![(0, article)],
        problems: Vec::new(),
    })
}

/// The first part of this type that is not an attachment, in its charset.
fn body_part(part: &ParsedMail<'_>, mimetype: &str) -> Option<String> {
    if part.subparts.is_empty() {
        let attached = part.get_content_disposition().disposition == DispositionType::Attachment;
        return (!attached && part.ctype.mimetype.eq_ignore_ascii_case(mimetype))
            .then(|| part.get_body().ok())
            .flatten()
            .filter(|b| !b.trim().is_empty());
    }
    part.subparts.iter().find_map(|p| body_part(p, mimetype))
}

/// "Fwd: Re: Headline" → "Headline".
fn strip_reply_prefix(subject: &str) -> &str {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let Some(len) = ["fwd:", "fw:", "re:", "aw:", "wg:", "tr:"]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| p.len())
        else {
            return s;
        };
        s = s[len..].trim_start();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALERT: &str = "Return-Path: <alerts@news.example.com>\r\n\
Received: from mail.news.example.com by mx.example.org; Tue, 1 Dec 2026 07:31:02 +0000\r\n\
From: \"=?utf-8?q?Jos=C3=A9?= Ortega\" <alerts@news.example.com>\r\n\
To: reader@example.org\r\n\
Subject: Fwd: =?utf-8?q?Caf=C3=A9?= owners protest rent rises\r\n\
Date: Tue, 1 Dec 2026 08:30:00 +0100\r\n\
Message-ID: <a1@news.example.com>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
Plain version.\r\n\
--b1\r\n\
Content-Type: text/html; charset=iso-8859-1\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
<html><body><table><tr><td><p>Caf=E9 owners in the old town closed their doors on Monday in protest at =\r\n\
rent rises of up to forty per cent, the third such protest this year.</p></td></tr></table></body></html>\r\n\
--b1--\r\n";

    #[test]
    fn a_newsletter_is_an_article() {
        assert!(looks_like_message(ALERT.as_bytes()));
        let parsed = parse_email(ALERT.as_bytes()).expect("message");
        let (_, a) = &parsed.articles[0];
        assert_eq!(a.title, "Café owners protest rent rises");
        assert_eq!(a.authors, ["José Ortega"]);
        assert_eq!(a.site.as_deref(), Some("news.example.com"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-12-01T07:30:00+00:00")
        );
        assert!(
            a.body.starts_with("Café owners in the old town closed"),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Plain version"));
    }

    #[test]
    fn plain_text_messages_and_saved_page_archives_are_told_apart() {
        let plain = "From: Desk <desk@wire.example>\nSubject: Port strike ends\n\
                     Message-ID: <x@wire.example>\nDate: Wed, 2 Dec 2026 10:00:00 -0500\n\n\
                     Dock workers returned on Wednesday.\n";
        let a = &parse_email(plain.as_bytes()).expect("message").articles[0].1;
        assert_eq!(a.title, "Port strike ends");
        assert_eq!(a.body.trim(), "Dock workers returned on Wednesday.");
        assert!(!looks_like_message(
            b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.example/\r\n\
              Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
        ));
        assert!(!looks_like_message(
            b"Headline\n\nFrom: the start, Subject: nothing, Message-ID: none.\n"
        ));
        // Headers in the body of a message-like note do not count.
        assert!(!looks_like_message(
            b"From: Desk\r\nSubject: Notes\r\n\r\nMessage-ID: <x@y> was below.\n\nRest.\n"
        ));
    }

    #[test]
    fn reply_and_forward_prefixes_leave_the_headline() {
        assert_eq!(strip_reply_prefix("Fwd: RE: Budget vote"), "Budget vote");
        assert_eq!(strip_reply_prefix("Rebels advance"), "Rebels advance");
    }
}
