//! `byline search`: ranking, snippets, output shapes and exit statuses,
//! through the real binary over the sample corpus and small fixtures.

mod common;

use common::{TestEnv, repo, titles};
use predicates::prelude::*;
use serde_json::Value;

const SEED_TITLE: &str =
    "US won't share intelligence with the UK after Huawei decision, Mike Pompeo suggests";

#[test]
fn five_eyes_ranks_the_seed_first_with_both_words_highlighted() {
    let env = TestEnv::new();
    env.index_sample();
    for query in ["Five Eyes", "\"Five Eyes\""] {
        let results = env.search_json(query);
        assert_eq!(titles(&results)[0], SEED_TITLE, "query {query}");
        let snippet = results["hits"][0]["snippet"].as_str().expect("snippet");
        assert!(snippet.contains("<b>Five</b> <b>Eyes</b>"), "{snippet}");
        assert!(
            snippet.chars().count() <= 230,
            "{}",
            snippet.chars().count()
        );
    }
}

#[test]
fn words_only_in_page_furniture_do_not_find_the_seed() {
    let env = TestEnv::new();
    env.index_sample();
    for query in [
        "Netanyahu",
        "Timberlake",
        "\"More Latest News\"",
        "Celine",
        "Kennie",
    ] {
        let results = env.search_json(query);
        assert!(
            !titles(&results).contains(&SEED_TITLE.to_string()),
            "{query} found the seed"
        );
    }
    // And the sample's HTML furniture is not indexed either: related-story
    // lists, share buttons and footers name these, no article body does.
    for query in ["Bryant", "\"Share on Facebook\"", "\"Privacy policy\""] {
        assert_eq!(env.search_json(query)["total"], 0, "{query}");
    }
}

#[test]
fn a_title_match_ranks_above_a_single_body_mention() {
    let env = TestEnv::new();
    let filler =
        "The committee met on Tuesday and discussed budgets, schedules and staffing at length. "
            .repeat(6);
    env.write(
        "corpus/body-mention.txt",
        format!("Council approves new budget\n\n{filler}One member mentioned Huawei in passing.\n\n{filler}"),
    );
    env.write(
        "corpus/title-match.txt",
        format!("Huawei wins contract for network\n\n{filler}\n\n{filler}"),
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    let results = env.search_json("huawei");
    assert_eq!(
        titles(&results),
        [
            "Huawei wins contract for network",
            "Council approves new budget"
        ]
    );
}

#[test]
fn words_typed_together_rank_articles_that_hold_them_together_first() {
    let env = TestEnv::new();
    let filler =
        "The ministers met on Tuesday and spoke of budgets, schedules and staffing. ".repeat(4);
    // Both words twice, never side by side: more of each word than the other.
    env.write(
        "corpus/apart.txt",
        format!(
            "Ministers meet on the budget\n\n{filler}Five ministers kept their eyes on the figures. \
             Five more had their eyes on the clock.\n\n{filler}"
        ),
    );
    env.write(
        "corpus/together.txt",
        format!(
            "Ministers meet on security\n\n{filler}The Five Eyes partners were named once.\n\n{filler}"
        ),
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    let results = env.search_json("five eyes");
    assert_eq!(
        titles(&results),
        ["Ministers meet on security", "Ministers meet on the budget"]
    );
    // Closeness only ranks: typed the other way round, both still match.
    assert_eq!(env.search_json("eyes five")["total"], 2);
}

#[test]
fn closeness_is_scored_for_each_article_among_many() {
    // Sixteen articles alike in length and words; every third holds the two
    // words together. Those, and only those, lead.
    let env = TestEnv::new();
    let mut together = Vec::new();
    for i in 0..16 {
        let (title, body) = if i % 3 == 0 {
            together.push(format!("Report {i}"));
            (
                format!("Report {i}"),
                format!("Partners of the Five Eyes met in room {i} today."),
            )
        } else {
            (
                format!("Notes {i}"),
                format!("Five partners met in room {i}; eyes were on today."),
            )
        };
        env.write(
            &format!("corpus/{i:02}.txt"),
            format!("{title}\n\n{body}\n"),
        );
    }
    env.index(&[&env.tmp.path().join("corpus")]);
    let results = env.json_ok([
        "search",
        "--format",
        "json",
        "--duplicates",
        "-n",
        "20",
        "five eyes",
    ]);
    assert_eq!(results["total"], 16);
    let mut first: Vec<String> = titles(&results)[..together.len()].to_vec();
    first.sort();
    together.sort();
    assert_eq!(first, together, "{results}");
}

#[test]
fn words_broken_by_soft_hyphens_are_found_whole() {
    let env = TestEnv::new();
    env.write(
        "corpus/page.html",
        "<html lang=\"fr\"><head><title>Évaluation de la recherche</title></head><body><article>\
         <h1>Évaluation de la recherche</h1>\
         <p>En réac&shy;tion à la can&shy;di&shy;da&shy;ture du conseiller, plus de 2500 cher&shy;cheurs annoncent une can&shy;di&shy;da&shy;ture col&shy;lec&shy;tive.</p>\
         <p>L’i&shy;ni&shy;tia&shy;tive se veut une réap&shy;pro&shy;pria&shy;tion de l’é&shy;va&shy;lua&shy;tion par les cher&shy;cheurs.</p>\
         </article></body></html>",
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    for query in ["réaction", "\"candidature collective\""] {
        let results = env.search_json(query);
        assert_eq!(
            titles(&results),
            ["Évaluation de la recherche"],
            "query {query}"
        );
    }
    let snippet = env.search_json("réaction")["hits"][0]["snippet"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(snippet.contains("<b>réaction</b>"), "{snippet}");
}

/// An index of three short articles: Chinese, Japanese, and Japanese
/// word-segmented, as Japanese corpora often come.
fn east_asian_corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "corpus/zh.json",
        r#"{"title": "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
            "body": "谷歌在2014年收购的人工智能公司DeepMind开发出一款能够用自己的记忆学习新知识的计算机。"}"#,
    );
    env.write(
        "corpus/ja.json",
        r#"{"title": "熊本県で大規模な地震",
            "body": "気象庁によると、地震の規模はマグニチュード6.5と推定される。"}"#,
    );
    env.write(
        "corpus/ja-segmented.json",
        r#"{"title": "大分 で 地震 相次ぐ",
            "body": "大分 県 中部 で 地震 が 相次い だ 。 震源 の 深 さ は 約 10 キロ 。"}"#,
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    env
}

#[test]
fn words_are_found_inside_chinese_and_japanese_text_without_spaces() {
    let env = east_asian_corpus();
    for (query, title) in [
        // Text split into words is shown joined, and found either way.
        ("大分県", "大分で地震相次ぐ"),
        ("\"大分 県\"", "大分で地震相次ぐ"),
        (
            "人工智能",
            "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
        ),
        ("记忆", "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"),
        ("震源", "大分で地震相次ぐ"),
        ("気象庁", "熊本県で大規模な地震"),
        ("\"地震の規模\"", "熊本県で大規模な地震"),
    ] {
        assert_eq!(titles(&env.search_json(query)), [title], "query {query}");
    }
    assert_eq!(env.search_json("地震")["total"], 2);
    // The pairs of a word must stand together: 人智 is not in either text.
    assert_eq!(env.search_json("人智")["total"], 0);
    let snippet = env.search_json("人工智能")["hits"][0]["snippet"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(snippet.contains("的<b>人工智能</b>公司"), "{snippet}");
}

#[test]
fn a_single_chinese_or_japanese_character_is_found_inside_words() {
    let env = east_asian_corpus();
    // 震 is the second of 地震 and the first of 震源; 庁 ends 気象庁; 脑
    // ends 电脑; none stands alone in any text.
    for (query, total) in [("震", 2), ("庁", 1), ("脑", 1), ("の", 2), ("title:震", 2)] {
        assert_eq!(env.search_json(query)["total"], total, "query {query}");
    }
    let snippet = env.search_json("庁")["hits"][0]["snippet"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(snippet.contains("気象<b>庁</b>によると"), "{snippet}");
    // A character in no text finds nothing, with grep's exit code.
    env.cmd().args(["search", "猫"]).assert().code(1);
    // A character in more pairs than are scored one by one is still found.
    let many: String = ('\u{4e00}'..='\u{4fff}')
        .take(600)
        .map(|c| format!("京{c}。"))
        .collect();
    env.write(
        "corpus/many.json",
        format!(r#"{{"title": "many", "body": "{many}"}}"#),
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    assert_eq!(env.search_json("京")["total"], 1);
    assert_eq!(env.search_json("震")["total"], 2);
}

#[test]
fn all_terms_are_required_and_or_widens() {
    let env = TestEnv::new();
    env.index_sample();
    let both = env.search_json("pompeo bolton");
    assert_eq!(both["total"], 1);
    let either = env.search_json("bolton OR navalny");
    assert!(either["total"].as_u64().unwrap_or(0) >= 3, "{either}");
    let without = env.search_json("pompeo -bolton");
    let pompeo = env.search_json("pompeo");
    assert_eq!(
        without["total"].as_u64().unwrap_or(0) + 1,
        pompeo["total"].as_u64().unwrap_or(0)
    );
    let scoped = env.search_json("title:pompeo");
    assert_eq!(titles(&scoped), [SEED_TITLE]);
    let by = env.search_json("author:jones");
    assert_eq!(titles(&by), [SEED_TITLE]);
    // A lone `*` is every article: the whole index, or all but the excluded.
    let all = env.search_json("*")["total"].as_u64().unwrap_or(0);
    let articles = env.json_ok(["stats", "--format", "json"])["articles"].clone();
    assert_eq!(Some(all), articles.as_u64(), "{articles}");
    assert_eq!(
        env.search_json("* -pompeo")["total"].as_u64().unwrap_or(0),
        all - pompeo["total"].as_u64().unwrap_or(0)
    );
    // Without words to rank by, every match scores alike: newest first,
    // undated last, as `--sort newest` lists them. A short page without
    // folding: ties are settled only among the articles ranked, and folding
    // ranks most of a small corpus.
    let listed = |args: &[&str]| -> Vec<Value> {
        let mut cmd = vec!["search", "--format", "json", "-n", "3", "--duplicates"];
        cmd.extend_from_slice(args);
        env.json_ok(cmd)["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let unranked = listed(&["*"]);
    let newest = listed(&["*", "--sort", "newest"]);
    assert_eq!(unranked.len(), 3);
    let dates = |hits: &[Value]| -> Vec<String> {
        hits.iter()
            .map(|h| h["date"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(dates(&unranked), dates(&newest));
    assert!(dates(&unranked)[0] > dates(&unranked)[1]);
    assert_eq!(
        dates(&listed(&["--lang", "en"])),
        dates(&listed(&["--lang", "en", "--sort", "newest"]))
    );
}

#[test]
fn json_shape_is_pinned() {
    let env = TestEnv::new();
    env.index_sample();
    let out = env
        .cmd()
        .args([
            "search",
            "--format",
            "json",
            "-n",
            "2",
            "--",
            "\"five eyes\" OR soleimani",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    insta::with_settings!({filters => vec![
        (r#""path": "[^"]*/sample-corpus/"#, r#""path": "[REPO]/sample-corpus/"#),
        (r#""id": "[0-9a-f]{16}""#, r#""id": "[ID]""#),
        (r#""score": [0-9.]+"#, r#""score": [SCORE]"#),
    ]}, {
        insta::assert_snapshot!("search_json", text);
    });
}

#[test]
fn jsonl_prints_one_hit_per_line_with_the_documented_keys() {
    let env = TestEnv::new();
    env.index_sample();
    let out = env
        .cmd()
        .args(["search", "--format", "jsonl", "-n", "3", "pompeo"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3);
    for (i, hit) in lines.iter().enumerate() {
        assert_eq!(hit["rank"], i + 1);
        for key in [
            "id",
            "score",
            "title",
            "author",
            "date",
            "local_date",
            "path",
            "url",
            "snippet",
        ] {
            assert!(hit.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn exit_statuses_follow_grep() {
    let env = TestEnv::new();
    env.index_sample();
    env.cmd().args(["search", "pompeo"]).assert().code(0);
    env.cmd().args(["search", "zzyzxnothing"]).assert().code(1);
    env.cmd()
        .args(["search", "\"unclosed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "query error at column 1: unclosed quote",
        ));
}

#[test]
fn a_malformed_query_gets_one_line_naming_the_problem() {
    let env = TestEnv::new();
    env.index_sample();
    for (query, expected) in [
        ("tilte:huawei", "column 1: unknown field 'tilte'"),
        ("(five eyes", "column 1: unclosed '('"),
        ("huawei OR", "column 8: OR needs a term after it"),
        ("huawie~5", "column 7: fuzzy distance must be 1 or 2"),
    ] {
        let out = env
            .cmd()
            .args(["search", "--", query])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{query}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{query}: {stderr}");
        assert!(stderr.starts_with("byline: "), "{stderr}");
        assert!(stderr.contains(expected), "{query}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn text_output_shows_rank_title_author_date_path_and_snippet() {
    let env = TestEnv::new();
    env.index_sample();
    let out = env
        .cmd()
        .args(["search", "five", "eyes"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("1. {SEED_TITLE}").as_str()));
    let meta = lines.next().unwrap_or_default();
    let (place, id) = meta.rsplit_once(" · ").unwrap_or_default();
    assert_eq!(
        place,
        "   Fiona Jones · 2020-01-30 16:46 · sample-corpus/text/000_abee573b57598475.txt"
    );
    // The line ends with the id that `show` takes.
    assert_eq!(
        env.json_ok(["show", "--format", "json", id])["title"],
        SEED_TITLE
    );
    assert!(
        lines
            .next()
            .is_some_and(|l| l.contains("Five Eyes arrangement"))
    );
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        text.trim_end().ends_with("1 article matches \"five eyes\""),
        "{text}"
    );
}

#[test]
fn an_article_is_named_by_its_id_its_url_or_the_file_it_came_from() {
    let env = TestEnv::new();
    env.index_sample();
    let seed = "sample-corpus/text/000_abee573b57598475.txt";
    // As shown in hits (relative to here), and as an absolute path.
    for file in [seed.to_string(), repo().join(seed).display().to_string()] {
        let shown = env.json_ok(["show", "--format", "json", &file]);
        assert_eq!(shown["title"], SEED_TITLE, "{file}");
        env.cmd().args(["similar", &file]).assert().code(0);
    }
    // By its URL, as the page gave it or with a trailing slash; an article
    // in a file of several is named so too.
    let bolton =
        "https://en.wikinews.org/wiki/US_president_Trump_ousts_national_security_advisor_Bolton";
    for url in [bolton.to_string(), format!("{bolton}/")] {
        let shown = env.json_ok(["show", "--format", "json", &url]);
        assert_eq!(
            shown["title"], "US president Trump ousts national security advisor Bolton",
            "{url}"
        );
    }
    let covid =
        "https://en.wikinews.org/wiki/World_Health_Organization_names_new_coronavirus_COVID-19";
    let shown = env.json_ok(["show", "--format", "json", covid]);
    assert_eq!(
        shown["title"],
        "World Health Organization names new coronavirus COVID-19"
    );
    let like = env.json_ok(["similar", "--format", "json", covid]);
    assert_ne!(
        titles(&like)[0],
        "World Health Organization names new coronavirus COVID-19"
    );
    env.cmd()
        .args(["show", "https://en.wikinews.org/wiki/Nothing_here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no article with id, URL or file https://en.wikinews.org/wiki/Nothing_here",
        ));
    // A page not in the index (just saved) is read and compared.
    let seed_text = std::fs::read_to_string(repo().join(seed)).expect("seed");
    let saved = env.write("saved/copy.txt", seed_text.replace("suggests", "hints"));
    let like = env.json_ok(["similar", "--format", "json", &saved.display().to_string()]);
    assert_eq!(titles(&like)[0], SEED_TITLE, "{like}");
    // A file of many articles names none of them.
    let out = env
        .cmd()
        .args(["show", "sample-corpus/json/wikinews-feed.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("sample-corpus/json/wikinews-feed.jsonl holds")
            && stderr.contains("articles; name one by its id"),
        "{stderr}"
    );
    env.cmd()
        .args(["show", "sample-corpus/nothing-here.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no article with id, URL or file sample-corpus/nothing-here.txt",
        ));
}

#[test]
fn colour_and_custom_highlight_marks() {
    let env = TestEnv::new();
    env.index_sample();
    let coloured = env
        .cmd()
        .args(["search", "--color", "always", "eyes"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}[1m\u{1b}[31mEyes\u{1b}[0m"));
    let plain = env
        .cmd()
        .env("NO_COLOR", "1")
        .args(["search", "eyes"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
    let marked = env
        .cmd()
        .args([
            "search",
            "--color",
            "never",
            "--highlight-pre",
            ">>",
            "--highlight-post",
            "<<",
            "eyes",
        ])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&marked.stdout).contains(">>Eyes<<"));
    let json = env
        .cmd()
        .args([
            "search",
            "--format",
            "json",
            "--highlight-pre",
            "[",
            "--highlight-post",
            "]",
            "eyes",
        ])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&json.stdout).contains("[Eyes]"));
}

#[test]
fn paging_with_limit_and_offset() {
    let env = TestEnv::new();
    env.index_sample();
    let all = titles(&env.search_json("trump"));
    assert!(all.len() >= 4, "{all:?}");
    let out = env
        .cmd()
        .args([
            "search", "--format", "json", "-n", "2", "--offset", "2", "trump",
        ])
        .output()
        .expect("runs");
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(titles(&page), all[2..4]);
    assert_eq!(page["hits"][0]["rank"], 3);
    assert_eq!(page["total"], all.len());
}

#[test]
fn no_index_yet_says_how_to_make_one() {
    let env = TestEnv::new();
    env.cmd()
        .args(["search", "pompeo"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no index yet").and(predicate::str::contains("byline index")),
        );
}

#[test]
fn a_folder_that_is_not_an_index_is_refused() {
    let env = TestEnv::new();
    let dir = env.tmp.path().join("notes");
    env.write("notes/todo.txt", "buy milk");
    env.cmd()
        .arg("--index")
        .arg(&dir)
        .args(["search", "milk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a byline index"));
    // Indexing into it is refused too, and nothing in it is touched.
    env.cmd()
        .arg("--index")
        .arg(&dir)
        .arg("index")
        .arg(repo().join("sample-corpus"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0), 1);
}

#[test]
fn an_index_of_another_format_is_refused_with_advice() {
    let env = TestEnv::new();
    env.index_sample();
    std::fs::write(
        env.index_dir().join("byline-index.json"),
        r#"{"format": 999, "created_by": "byline 9.9.9"}"#,
    )
    .expect("rewrite marker");
    env.cmd()
        .args(["search", "pompeo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("format 999").and(predicate::str::contains("--rebuild")));
}

#[test]
fn bash_completes_subcommands_options_and_their_values() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let script = env.write("byline.bash", &out.stdout);
    // What bash offers after `byline se`, `byline search --so` and
    // `byline search --sort `, as it calls the completion function.
    let complete = |words: &[&str]| -> String {
        let words_array = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" ");
        let (cur, prev) = (words[words.len() - 1], words[words.len() - 2]);
        let program = format!(
            "source '{}'; COMP_WORDS=({words_array}); COMP_CWORD={}; \
             _byline byline '{cur}' '{prev}'; echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.len() - 1
        );
        match std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
        {
            Ok(out) => String::from_utf8_lossy(&out.stdout).trim().to_string(),
            Err(_) => String::from("no bash"),
        }
    };
    if complete(&["byline", "se"]) == "no bash" {
        eprintln!("skipped: no bash to run the completion script");
        return;
    }
    assert_eq!(complete(&["byline", "se"]), "search");
    assert_eq!(complete(&["byline", "search", "--so"]), "--sort");
    assert_eq!(
        complete(&["byline", "search", "--sort", ""]),
        "relevance newest oldest"
    );
    env.cmd()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'tcsh'"));
}

#[test]
fn a_query_the_filters_alone_empty_says_how_many_it_finds_without_them() {
    let env = TestEnv::new();
    env.index_sample();
    let run = |args: &[&str]| {
        let out = env.cmd().arg("search").args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "still nothing found: {args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let all = env.search_json("pompeo")["total"].as_u64().expect("total");
    assert!(all > 0);
    let text = run(&["pompeo", "--author", "Nobody Atall", "--since", "2031"]);
    assert!(
        text.contains(&format!(
            "{all} article{} without --author, --since",
            if all == 1 { " matches" } else { "s match" }
        )),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["pompeo", "--lang", "xx", "--format", "json"])).expect("JSON");
    assert_eq!(json["without_filters"], all);
    // Nothing to find without the filters either, or no words: no such line.
    for args in [
        &["xqzvwk", "--since", "2031"][..],
        &["--since", "2031"],
        &["pompeo", "--since", "2031", "--format", "jsonl"],
    ] {
        assert!(!run(args).contains("without"), "{args:?}");
    }
}

#[test]
fn a_misspelt_word_that_finds_nothing_gets_a_suggestion_that_finds_something() {
    let env = TestEnv::new();
    env.index_sample();
    let text = |args: &[&str]| {
        let out = env.cmd().arg("search").args(args).output().expect("runs");
        // Still nothing found: the exit status says so.
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(text(&["pompoe"]).contains("Did you mean \"pompeo\"?"));
    assert!(text(&["huwaei", "pompoe"]).contains("Did you mean \"huawei pompeo\"?"));
    // The form the articles use, not the stem the index holds.
    assert!(text(&["goverment"]).contains("Did you mean \"government\"?"));
    // A slip in the ending that leaves the stem far from the right one's:
    // "electoin" stems to itself, "election" to "elect".
    assert!(text(&["electoin"]).contains("Did you mean \"election\"?"));
    // Two letters swapped where the stems differ by more: "compnay" stems
    // to itself, two edits from "company"'s stem "compani".
    assert!(text(&["compnay"]).contains("Did you mean \"company\"?"));
    // And where the slip leaves the stem three edits from the right one:
    // "negotiatoins" stems to "negotiatoin", "negotiations" to "negoti".
    assert!(text(&["negotiatoins"]).contains("Did you mean \"negotiations\"?"));
    // Of the words near "eyse", the one that stands in the phrase.
    assert!(text(&["--", "\"five eyse\""]).contains("Did you mean '\"five eyes\"'?"));
    // Nothing near, or nothing found by the suggestion under the same
    // filters: no suggestion. Lines of hits stay hits only.
    for args in [
        &["xqzvwk"][..],
        &["pompoe", "--since", "2031"],
        // Filters alone have no word to respell: a plain "nothing found".
        &["--since", "2031"],
        &["pompoe", "--format", "jsonl"],
    ] {
        assert!(!text(args).contains("Did you mean"), "{args:?}");
    }
    // One JSON object carries it as a key of its own.
    let json: serde_json::Value =
        serde_json::from_str(&text(&["pompoe", "--format", "json"])).expect("JSON");
    assert_eq!(json["suggestion"], "pompeo");
    assert_eq!(json["total"], 0);
    let json: serde_json::Value =
        serde_json::from_str(&text(&["xqzvwk", "--format", "json"])).expect("JSON");
    assert!(json.get("suggestion").is_none(), "{json}");
    // A word only a headline holds, written as the user wrote theirs.
    env.write(
        "more/nzz.json",
        r#"{"title": "Der Nervenkrieg um den Brexit", "body": "Die Verhandlungen in London gehen weiter."}"#,
    );
    env.index(&[&env.tmp.path().join("more")]);
    assert!(text(&["Nervenkreig"]).contains("Did you mean \"Nervenkrieg\"?"));
}

/// A wire story, its corrected copy and a longer update (under other
/// headlines, in other files), and another story on the same subject.
fn copies_corpus() -> TestEnv {
    const STORY: &str = "Central bank governor Chang Chi-cheng rejected a request by textile makers \
        to halt the rise of the Taiwan dollar against the U.S. dollar to stop them losing orders to \
        South Korea, Hong Kong and Singapore, a spokesman for the Taiwan Textile Federation said. \
        He quoted Chang as telling representatives of 19 textile associations last Saturday that the \
        government could not fix the Taiwan dollar exchange rate at 35 to one U.S. dollar due to \
        U.S. pressure for an appreciation of the local currency. The federation asked the \
        government on February 19 to hold the exchange rate at that level.";
    let env = TestEnv::new();
    let article = |title: &str, date: &str, body: &str| {
        serde_json::json!({"title": title, "date": date, "body": body}).to_string()
    };
    env.write(
        "corpus/a.json",
        article(
            "TAIWAN REJECTS TEXTILE MAKER PLEA",
            "1987-03-02T08:00:00Z",
            STORY,
        ),
    );
    env.write(
        "corpus/b.json",
        article(
            "CORRECTED - TAIWAN REJECTS TEXTILE PLEA",
            "1987-03-02T09:30:00Z",
            &STORY.replace("19 textile", "nine textile"),
        ),
    );
    env.write(
        "corpus/c.json",
        article(
            "TAIWAN CENTRAL BANK REJECTS TEXTILE MAKERS",
            "1987-03-03T07:00:00Z",
            &format!(
                "{STORY} Textile exports fell in January, the federation said, and makers had lost \
                 orders worth millions of dollars since the currency began to climb last year."
            ),
        ),
    );
    env.write(
        "corpus/d.json",
        article(
            "TAIWAN DOLLAR RISES AGAIN",
            "1987-03-04T07:00:00Z",
            "The Taiwan dollar rose against the U.S. dollar again today, and textile makers said \
             they were still losing orders to South Korea and Hong Kong. The central bank declined \
             to comment on the exchange rate, which has risen by a fifth since last year, and \
             dealers expected it to rise further before the end of the month.",
        ),
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    env
}

#[test]
fn copies_of_one_story_are_folded_under_its_best_hit() {
    let env = copies_corpus();
    let folded = env.search_json("taiwan textile");
    // Every match is counted; the copies are named under the first.
    assert_eq!(folded["total"], 4);
    assert_eq!(folded["hits"].as_array().map(Vec::len), Some(2), "{folded}");
    let lead = &folded["hits"][0];
    // The first two copies score alike; the later one, the correction,
    // leads, however the index stored them.
    assert_eq!(lead["title"], "CORRECTED - TAIWAN REJECTS TEXTILE PLEA");
    assert_eq!(
        lead["duplicates"].as_array().map(Vec::len),
        Some(2),
        "{lead}"
    );
    assert_eq!(folded["hits"][1]["title"], "TAIWAN DOLLAR RISES AGAIN");
    assert_eq!(folded["hits"][1]["rank"], 2);
    assert_eq!(folded["hits"][1]["duplicates"], serde_json::json!([]));
    // The copies are the three versions of the story, each once.
    let mut versions: Vec<String> = lead["duplicates"]
        .as_array()
        .into_iter()
        .flatten()
        .chain([&lead["id"]])
        .map(|id| {
            env.json_ok(["show", "--format", "json", id.as_str().unwrap_or_default()])["title"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    versions.sort();
    assert_eq!(
        versions,
        [
            "CORRECTED - TAIWAN REJECTS TEXTILE PLEA",
            "TAIWAN CENTRAL BANK REJECTS TEXTILE MAKERS",
            "TAIWAN REJECTS TEXTILE MAKER PLEA",
        ]
    );

    // Paging goes by stories: the second page holds the other story.
    let second = env.json_ok([
        "search", "--format", "json", "-n", "1", "--offset", "1", "taiwan", "textile",
    ]);
    assert_eq!(titles(&second), ["TAIWAN DOLLAR RISES AGAIN"]);
    assert_eq!(second["hits"][0]["rank"], 2);

    // People see the copies under the hit; --duplicates lists them all.
    let out = env
        .cmd()
        .args(["search", "--sort", "oldest", "taiwan", "textile"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("+ 2 copies: "), "{text}");
    assert!(text.contains("(1987-03-02 09:30 · "), "{text}");
    // The articles most like one copy: its other two copies are one story.
    let id = lead["id"].as_str().unwrap_or_default();
    let like = env.json_ok(["similar", "--format", "json", id]);
    assert_eq!(
        like["hits"][0]["duplicates"].as_array().map(Vec::len),
        Some(1),
        "{like}"
    );
    let like = env.json_ok(["similar", "--format", "json", "--duplicates", id]);
    assert_eq!(
        like["hits"][0]["duplicates"],
        serde_json::json!([]),
        "{like}"
    );
    assert!(like["hits"].as_array().map(Vec::len) >= Some(2), "{like}");

    let all = env.json_ok([
        "search",
        "--format",
        "json",
        "--duplicates",
        "taiwan",
        "textile",
    ]);
    assert_eq!(all["hits"].as_array().map(Vec::len), Some(4));
    assert!(
        all["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|h| h["duplicates"] == serde_json::json!([]))
    );
}

#[test]
fn words_are_stemmed_in_the_language_of_the_article_they_are_searched_in() {
    let env = TestEnv::new();
    let german = "Die Regierungen der Länder berieten am Montag über neue Wahlen. \
                  Die Kinder der Region sollen mehr Unterstützung bekommen, sagte ein Sprecher. "
        .repeat(4)
        + "Die Regierung schweigt.";
    let italian =
        "I governi europei discutono delle scuole: i bambini tornano in classe a settembre. "
            .repeat(4);
    let english =
        "Investors watched the rat problem at the old warehouse, where rats were seen again. "
            .repeat(4);
    env.write(
        "corpus/de.json",
        serde_json::json!({"title": "Streit im Bundesrat", "body": german, "lang": "de"})
            .to_string(),
    );
    env.write(
        "corpus/it.json",
        serde_json::json!({"title": "Scuole riaperte", "body": italian, "lang": "it"}).to_string(),
    );
    env.write(
        "corpus/en.json",
        serde_json::json!({"title": "Warehouse pests", "body": english, "lang": "en"}).to_string(),
    );
    env.index(&[&env.tmp.path().join("corpus")]);

    // The singular finds the plural through the German and Italian stemmers
    // (English stemming leaves "regierungen" and "bambini" whole).
    for (query, title) in [
        ("Regierung", "Streit im Bundesrat"),
        ("Wahl", "Streit im Bundesrat"),
        ("Kind", "Streit im Bundesrat"),
        ("governo", "Scuole riaperte"),
        ("bambino", "Scuole riaperte"),
    ] {
        let results = env.search_json(query);
        assert!(
            titles(&results).contains(&title.to_string()),
            "{query}: {results}"
        );
    }
    // The German stem of "rates" is "rat": it is searched in German articles
    // only, so it does not find the English article about rats.
    assert_eq!(env.search_json("rates")["total"], 0);
    // The snippet marks the word as the article's language stems it, and
    // the headline and body come back without the language mark.
    let results = env.search_json("Regierung");
    let snippet = results["hits"][0]["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("<b>Regierungen</b>"), "{snippet}");
    assert!(
        snippet.starts_with("Die") || snippet.starts_with('…'),
        "{snippet}"
    );
    let out = env
        .cmd()
        .args([
            "search",
            "--format",
            "jsonl",
            "--fields",
            "title",
            "bundesrat",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        r#"{"title":"Streit im Bundesrat"}"#
    );
    // A slip in a German word is put right from the German articles' forms.
    env.cmd()
        .args(["search", "Regierunq"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Did you mean \"Regierung\"?"));
    // With --lang, only that language's analysis is added. A language is
    // named by its code, a tag or its name.
    for args in [
        ["--lang", "it", "governo"],
        ["--lang", "Italian", "governo"],
        ["--lang", "it-IT", "governo"],
        ["--", "lang:ita", "governo"],
    ] {
        let out = env
            .cmd()
            .args(["search", "--count"])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "{args:?}");
    }
}

#[test]
fn words_typed_together_rank_first_in_articles_of_other_languages_too() {
    let env = TestEnv::new();
    let filler =
        "Der Ausschuss tagte am Dienstag und sprach lange über Haushalt und Personal. ".repeat(5);
    // Same words, same counts, same length: only their closeness differs.
    // Ties are broken by path, which would put the article holding them
    // apart first.
    env.write(
        "corpus/a-apart.json",
        serde_json::json!({
            "title": "Bericht aus dem Ausschuss",
            "body": format!("Die neuen Pläne lagen vor. {filler}Die Regierungen schwiegen."),
            "lang": "de",
        })
        .to_string(),
    );
    env.write(
        "corpus/z-together.json",
        serde_json::json!({
            "title": "Bericht aus dem Landtag",
            "body": format!("Die neuen Regierungen lagen vor. {filler}Die Pläne schwiegen."),
            "lang": "de",
        })
        .to_string(),
    );
    env.index(&[&env.tmp.path().join("corpus")]);
    // "neue Regierung" is "neu regier" in German: the pair is looked for in
    // the German stems, where the articles hold it.
    let results = env.search_json("neue Regierung");
    assert_eq!(
        titles(&results),
        ["Bericht aus dem Landtag", "Bericht aus dem Ausschuss"]
    );
}
