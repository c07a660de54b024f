//! Real pages from the development sets in `../shared/corpora`, each pinned to
//! what its ground truth says: headline, author (or none), day of publication
//! (or none), and the first and last words of the body, which the truth's
//! expected text (readability-test-pages) or must-have snippets
//! (trafilatura-eval) confirm. Skipped when the corpora are absent.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::{TestEnv, repo};
use serde_json::Value;

struct Page {
    /// Under `../shared/corpora`.
    path: &'static str,
    title: &'static str,
    /// Several authors joined with "; ", as `extract` prints them.
    author: Option<&'static str>,
    /// `YYYY-MM-DD`.
    date: Option<&'static str>,
    /// The start of a standfirst the page prints above the story's column
    /// (its description), which then leads the body as its own paragraph.
    standfirst: Option<&'static str>,
    body_start: &'static str,
    body_end: &'static str,
}

const PAGES: &[Page] = &[
    Page {
        path: "readability-test-pages/003-metadata-preferred/source.html",
        title: "Dublin Core property title",
        author: Some("Dublin Core property author"),
        date: None,
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet, consectetur adipisicing",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "readability-test-pages/gitlab-blog/source.html",
        title: "3 surprising findings from our 2024 Global DevSecOps Survey",
        author: Some("Dave Steer"),
        date: Some("2024-06-25"),
        standfirst: Some("This year, our survey revealed changes"),
        body_start: "This year’s survey of more than 5,000",
        body_end: "on AI, security, developer experience, and more.",
    },
    Page {
        path: "readability-test-pages/metadata-content-missing/source.html",
        title: "My title",
        author: Some("Creator Name"),
        date: None,
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet, consectetur adipisicing",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "readability-test-pages/parsely-metadata/source.html",
        title: "Some Other Title",
        author: Some("Jane Doe"),
        date: Some("2024-04-20"),
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet, consectetur adipisicing",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "readability-test-pages/toc-missing/source.html",
        title: "Simple Anomaly Detection Using Plain SQL",
        author: Some("Haki Benita"),
        date: Some("2020-09-21"),
        standfirst: None,
        body_start: "Many developers think that having a critical",
        body_end: "market for one, go check it out...",
    },
    Page {
        path: "readability-test-pages/title-en-dash/source.html",
        title: "Lorem ipsum dolor sit amet",
        author: None,
        date: None,
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet, consectetur adipisicing",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "readability-test-pages/rtl-1/source.html",
        title: "RTL Test",
        author: None,
        date: None,
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet. Lorem ipsum",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "readability-test-pages/social-buttons/source.html",
        title: "Share buttons removal test",
        author: None,
        date: None,
        standfirst: None,
        body_start: "Lorem ipsum dolor sit amet, consectetur adipisicing",
        body_end: "officia deserunt mollit anim id est laborum.",
    },
    Page {
        path: "trafilatura-eval/html/thenervousbreakdown.com.loneliest.html",
        title: "The Loneliest Woman in the World: An Appreciation of Heart’s “Alone”",
        author: Some("Tim Anderson"),
        date: Some("2011-07-11"),
        standfirst: None,
        body_start: "Fans of Heart, the rawk band led",
        body_end: "spot on June 11, 1987. Poetic. Justice.",
    },
    Page {
        path: "trafilatura-eval/html/interscenar.io.hoeren.html",
        title: "Was wir über uns nicht hören wollen",
        author: Some("Gàbor Muniér"),
        date: Some("2019-03-03"),
        standfirst: None,
        body_start: "Falscher Aktionismus ist schlimmer als Keiner Merkel:",
        body_end: "Aus den Fassette Themen-Ressorts: Politik, Eindrücke, Inland",
    },
    Page {
        path: "trafilatura-eval/html/leichtathletik-ostalbkreis.de.1952007.html",
        title: "Ergebnisse: RM Schülerinnen A, Aalen-Unterkochen, 19.5.2007",
        author: Some("Marc Scheloske"),
        date: Some("2007-05-20"),
        standfirst: None,
        body_start: "FV 08 Unterkochen / TV 1884 e.V.",
        body_end: "Cora | 1992 | WÜ | SSV Ulm 1846 | n.a.",
    },
    Page {
        path: "trafilatura-eval/html/citylimits.org-Nycha.html",
        title: "VIDEO: Voting on NYCHA’s Future",
        author: Some("Tatyana Turner"),
        date: Some("2023-11-08"),
        standfirst: None,
        body_start: "This City Limits video delves into the",
        body_end: "Tatyana@citylimits.org. To reach the editor, contact Emma@citylimits.org",
    },
    Page {
        path: "trafilatura-eval/html/dawo-dresden.de-Winterausstellung.html",
        title: "Drei Haselnüsse für Aschenbrödel: Jetzt Tickets sichern für Winterausstellung",
        author: Some("Carola Pönisch"),
        date: Some("2023-10-30"),
        standfirst: None,
        body_start: "Die Winterausstellung „Drei Haselnüsse für Aschenbrödel“ zum",
        body_end: "Am 24. und 31. Dezember ist geschlossen.",
    },
    Page {
        path: "trafilatura-eval/html/eatwhattonight.com.stir.html",
        title: "Vegan Styled Char Kway Teow (Stir Fry Flat Rice Noodles)",
        author: None,
        date: Some("2020-09-28"),
        standfirst: None,
        body_start: "Once in a while, I liked to",
        body_end: "flame. Serve hot with chilies if desired.⁣",
    },
    Page {
        path: "trafilatura-eval/html/flowfx.de.tmux.html",
        title: "Copy & paste from tmux to system clipboard",
        author: Some("Florian Posdziech"),
        date: Some("2020-01-16"),
        standfirst: None,
        body_start: "For the first time in many years",
        body_end: "send-keys -X copy-pipe-and-cancel \"xclip -se c -i\"",
    },
    Page {
        path: "trafilatura-eval/html/industriemagazin.at-Luftfahrtbranche.html",
        title: "Luftfahrtbranche hebt nach Corona ab - und FACC profitiert",
        author: Some("Tom Arnold"),
        date: Some("2023-10-31"),
        standfirst: Some("Der heimische Luftfahrtzulieferer FACC"),
        body_start: "In der Luftfahrt geht es nach der",
        body_end: "genau definierten Bedingungen in Österreich zu arbeiten.",
    },
    Page {
        path: "trafilatura-eval/html/observer.com-LVMH.html",
        title: "Bernard Arnault’s LVMH Gives the Louvre a $16M Boost to Acquire a Chardin Masterpiece",
        author: Some("Alexandra Tremayne-Pengelly"),
        date: Some("2023-11-08"),
        standfirst: None,
        body_start: "This will mark the seventh national treasure",
        body_end: "the Musée Guimet and Château de Versailles.",
    },
    Page {
        path: "trafilatura-eval/html/reporternewspapers.net-Brookhaven.html",
        title: "Brookhaven Village closed due to gas leak",
        author: Some("Logan C. Ritchie"),
        date: Some("2023-11-08"),
        standfirst: None,
        body_start: "Posted inBrookhaven, DeKalb, News Dresden Drive is",
        body_end: "buildings including ARIUM Brookhaven and @1377 Apartments.",
    },
    Page {
        path: "trafilatura-eval/html/stackoverflow.com.rust.html",
        title: "What is Rust and why is it so popular?",
        author: Some("Jake Goulding"),
        date: Some("2020-01-20"),
        standfirst: None,
        body_start: "Rust has been Stack Overflow’s most loved",
        body_end: "Rust will be your next most-loved language!",
    },
    Page {
        path: "trafilatura-eval/html/Tageswoche.ch-weg.html",
        title: "Wir sind dann mal weg (und dieser Titel muss auch weg! Oder?)",
        author: Some("Ronja Beck"),
        date: Some("2018-11-16"),
        standfirst: None,
        body_start: "Wie ist das, wenn das Ende kurz",
        body_end: "ihm sagen: Wir sind dann mal weg.",
    },
    Page {
        path: "trafilatura-eval/html/tonedeaf.thebrag.com.luboku.html",
        title: "Record of The Week: Luboku, ‘Pale Blue Dot / Lift Off’",
        author: Some("Poppy Reid"),
        date: Some("2020-02-21"),
        standfirst: None,
        body_start: "It’s no coincidence that the 30 year",
        body_end: "SYDNEY Tickets and more info at: luboku.com.",
    },
    Page {
        path: "trafilatura-eval/html/anchor.ch.lanka.html",
        title: "Ein Tag aus dem Leben eines Taugenichts oder die Leute von Sri Lanka",
        author: Some("Peter Addor"),
        date: Some("2019-12-22"),
        standfirst: None,
        body_start: "Es ist sechs Uhr früh und noch",
        body_end: "sind wieder beim Beginn dieses Artikels angelangt.",
    },
    Page {
        path: "trafilatura-eval/html/bdzv.de.eliasson.html",
        title: "Olafur Eliasson gestaltet Titelseite für die deutschen Zeitungen",
        author: None,
        date: Some("2020-04-24"),
        standfirst: None,
        body_start: "Bundesweite Kunstaktion zum Internationalen Tag der Pressefreiheit",
        body_end: "frei und ohne Angst berichten zu können.",
    },
    Page {
        path: "trafilatura-eval/html/bund.net-hermlin.html",
        title: "Unser Tipp im November: Das Hermelin",
        author: None,
        date: Some("2021-11-01"),
        standfirst: None,
        body_start: "Der November ist da – und auch",
        body_end: "den unteren Button, um den Inhalt nachzuladen.",
    },
    Page {
        path: "trafilatura-eval/html/chemietechnik.de.forschungsgruppe fuer biotechnologie.html",
        title: "Covestro startet neue Biotechnologie-Forschungsgruppe",
        author: Some("Jona Göbelbecker"),
        date: Some("2022-12-01"),
        standfirst: None,
        body_start: "Sicherheit & Umwelt Potenzial für nachhaltigere",
        body_end: "ausrichten.“ Sie sind bereits registriert? Hier anmelden",
    },
    Page {
        path: "trafilatura-eval/html/correio24horas.com.br-PMS.html",
        title: "Líder do grupo de sequestradores que tinha PMs foi morto em confronto policial",
        author: Some("Bruno Wendel"),
        date: Some("2022-05-04"),
        standfirst: Some("Draco já mapeou todos os integrantes"),
        body_start: "Uma das lideranças da organização que contava",
        body_end: "reconhecido por uma das vítimas de estupro.",
    },
    Page {
        path: "trafilatura-eval/html/erneuerbareenergien.de.seeboden.html",
        title: "Kalifornien verpachtet Seeboden zur Entwicklung von Floating-Offshore-Windfarmen",
        author: Some("Tilman Weber"),
        date: Some("2022-12-10"),
        standfirst: None,
        body_start: "USA Nach Schottland haben",
        body_end: "den erfolgreichen Bietern in Schottland.",
    },
    Page {
        path: "trafilatura-eval/html/independent.co.uk.penalty.html",
        title: "Coronavirus: £1,000 fine for falsely reporting a contact to force them to self-isolate",
        author: Some("Andrew Woodcock"),
        date: Some("2020-09-28"),
        standfirst: Some("Pubs and bars face penalties"),
        body_start: "Anyone falsely naming an antagonist as a",
        body_end: "allowed to take to the dance floor.",
    },
    Page {
        path: "trafilatura-eval/html/jugend-forscht.de-Feuerlöschtechnik.html",
        title: "Neuartige Feuerlöschtechnik, alternative Grillkohle und Redox-Flow-Technologie – MINT-Talente präsentieren innovative Ideen",
        author: None,
        date: Some("2021-11-02"),
        standfirst: None,
        body_start: "Preisträgerinnen und Preisträger von Deutschlands bekanntestem Nachwuchswettbewerb",
        body_end: "3 20459 Hamburg 040 374709-40 presse(at)jugend-forscht.de www.jugend-forscht.de",
    },
    Page {
        path: "trafilatura-eval/html/piratenpartei.at.grundeinkommen.html",
        title: "Volksbegehren zum Bedingungslosen Grundeinkommen (BGE)!",
        author: Some("Harald Bauer"),
        date: Some("2019-11-17"),
        standfirst: None,
        body_start: "Aktuell liegt beim Innenministerium ein Volksbegehren für",
        body_end: "& Company. [3] https://twitter.com/MarterbauerM/status/1191978649899151360 Was denkst du?",
    },
    Page {
        path: "trafilatura-eval/html/tofugu.com.dezuka-suisan.html",
        title: "Dezuka Suisan: Deep-Fried Fish Cakes, Hot and Fresh",
        author: Some("Kanae Nakamine"),
        date: Some("2020-02-04"),
        standfirst: None,
        body_start: "Do you like kamaboko (Japanese fish cakes)?",
        body_end: "094-0011 Japan View on map +81 158-23-2012",
    },
    Page {
        path: "trafilatura-eval/html/ekd.de-Friedensdekade.html",
        title: "Andacht zur Friedensdekade in der Kaiser-Wilhelm-Gedächtniskirche, 11. November 2021, 18 Uhr",
        author: None,
        date: Some("2021-11-11"),
        standfirst: None,
        body_start: "Prälat Dr. Martin Dutzmann, Bevollmächtigter des Rates",
        body_end: "gilt uns allen. Und der Friede Gottes…",
    },
];

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extracts the pages at `paths` (under `../shared/corpora`) in one run,
/// each record keyed by its page's path; `None`, after saying so, when the
/// development sets are not all present.
fn extract_pages<'a>(
    paths: impl IntoIterator<Item = &'a str>,
) -> Option<Vec<(&'a str, Option<Value>)>> {
    let corpora = repo().join("../shared/corpora");
    let pages: Vec<(&str, PathBuf)> = paths.into_iter().map(|p| (p, corpora.join(p))).collect();
    if pages.iter().any(|(_, p)| !p.is_file()) {
        eprintln!(
            "skipping: the development sets in {} are not all present",
            corpora.display()
        );
        return None;
    }
    let refs: Vec<&std::path::Path> = pages.iter().map(|(_, p)| p.as_path()).collect();
    let mut records: HashMap<PathBuf, Value> = TestEnv::new()
        .extract_all(&refs)
        .into_iter()
        .map(|r| {
            let path = PathBuf::from(r["path"].as_str().expect("path"));
            (path.canonicalize().unwrap_or(path), r)
        })
        .collect();
    Some(
        pages
            .into_iter()
            .map(|(rel, path)| (rel, records.remove(&path.canonicalize().expect("present"))))
            .collect(),
    )
}

#[test]
fn real_pages_yield_the_facts_their_truth_gives() {
    assert!(PAGES.len() >= 25);
    let Some(records) = extract_pages(PAGES.iter().map(|p| p.path)) else {
        return;
    };

    let mut wrong = Vec::new();
    for (page, (_, record)) in PAGES.iter().zip(&records) {
        let Some(r) = record else {
            wrong.push(format!("{}: no article", page.path));
            continue;
        };
        let mut check = |what: &str, ok: bool, got: &Value| {
            if !ok {
                wrong.push(format!("{}: {what} is {got}", page.path));
            }
        };
        check(
            "title",
            r["title"].as_str().map(words).as_deref() == Some(page.title),
            &r["title"],
        );
        check("author", r["author"].as_str() == page.author, &r["author"]);
        // The day on the publisher's clock, as the truth gives it.
        let day = r["local_date"].as_str().map(|d| &d[..10]);
        check("date", day == page.date, &r["local_date"]);
        let raw_body = r["body"].as_str().unwrap_or_default();
        let story = match page.standfirst {
            Some(standfirst) => {
                let (first, rest) = raw_body.split_once("\n\n").unwrap_or((raw_body, ""));
                check(
                    "standfirst",
                    first.starts_with(standfirst),
                    &Value::from(first),
                );
                rest
            }
            None => raw_body,
        };
        let story = words(story);
        let start: String = story.chars().take(80).collect();
        check(
            "body start",
            story.starts_with(page.body_start),
            &Value::from(start),
        );
        let body = words(raw_body);
        let end: String = body
            .chars()
            .rev()
            .take(80)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        check("body end", body.ends_with(page.body_end), &Value::from(end));
    }
    assert!(
        wrong.is_empty(),
        "{} of {} pages differ:\n{}",
        wrong.len(),
        PAGES.len(),
        wrong.join("\n")
    );
}

/// Pages whose day of publication is the hard part: published near midnight
/// away from UTC, printed with a two-digit year, declared with a content
/// system's stamp that the printed date contradicts, or printing an update
/// beside the publication. Each day is the ground truth's.
const DAYS: &[(&str, &str)] = &[
    // 00:48 +01:00: the 14th in UTC.
    (
        "trafilatura-eval/html/selbermachen.de-wohngewaechshaus.html",
        "2022-01-15",
    ),
    // "am 26/10/13, 03:48 pm".
    (
        "trafilatura-eval/html/wolfsrebellen-netz.forumieren.com.regeln.html",
        "2013-10-26",
    ),
    // Declared 2021-12-14 (pubdate, datePublished); printed and issued 04.02.2022.
    ("trafilatura-eval/html/macwelt.de-warten.html", "2022-02-04"),
    // Declared 2022-11-17 (published = modified); printed <time> 09.03.2022.
    (
        "trafilatura-eval/html/heizung.de.waermepumpen.html",
        "2022-03-09",
    ),
    // meta date 2020-04-29; printed "Stand: 28.04.2020 18:00 Uhr".
    (
        "trafilatura-eval/html/tagesschau.de.rheinmetall.html",
        "2020-04-28",
    ),
    // The update (29 December) is printed first, marked dateModified.
    (
        "trafilatura-eval/html/hrjournal.de.trends.html",
        "2022-12-30",
    ),
    // "Updated Jul 24, 2018" printed with the headline.
    ("readability-test-pages/videos-1/source.html", "2017-12-15"),
];

#[test]
fn real_pages_are_dated_on_the_day_they_print() {
    let Some(records) = extract_pages(DAYS.iter().map(|(p, _)| *p)) else {
        return;
    };
    let mut wrong = Vec::new();
    for ((page, want), (_, record)) in DAYS.iter().zip(&records) {
        let got = record
            .as_ref()
            .and_then(|r| r["local_date"].as_str())
            .map(|d| d[..10].to_string());
        if got.as_deref() != Some(*want) {
            wrong.push(format!("{page}: {got:?}, truth {want}"));
        }
    }
    assert!(wrong.is_empty(), "wrong days:\n{}", wrong.join("\n"));
}
