#!/usr/bin/env python3
"""byline's stemming benchmark for articles not in English: is an article found by another form of its word?

    python3 benches/languages.py                              # the release build
    python3 benches/languages.py --compare /tmp/byline-before # and another build, same queries, same run

A reader who once read "Die Regierungen der Länder…" searches `Regierung`; one who read "i bambini" searches
`bambino`. The benchmark takes the articles of ../shared/corpora's page sets (trafilatura-eval,
article-extraction-benchmark, readability-test-pages) whose language has a Snowball stemmer besides English
(German, French, Spanish, Italian, Portuguese, Dutch, Russian, Finnish, Hungarian, …), and for a word of an
article looks for another form of it: a word of another article in the same language, not in this one,
that shares all but at most three letters at the end of each (Regierung / Regierungen, bambino / bambini,
política / políticas). The pairs are found by spelling alone, not by any stemmer, so the benchmark does not
grade byline by its own rules; a few are not the same word at all (Kanal / Kanzler is excluded by the
three-letter rule, but Mutter / Muttern would not be), which costs every build alike.

Words found in more than a tenth of the language's articles ("diesen", "meinem") are left out, as
words nobody remembers a story by. Each query is the other form alone, run through `byline search --batch` over an index of the three sets.
Printed: how often the article is found at all (recall), how often in the first ten, and, as the control,
the same for the article's own form of the word. Figures go to stdout as Markdown; nothing here runs inside
`cargo test`.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
SETS = ["trafilatura-eval", "article-extraction-benchmark", "readability-test-pages"]
# Languages with a Snowball stemmer besides English, as src/index/lang.rs lists them.
STEMMED = set("ar da nl fi fr de el hu it no nb nn pt ro ru es sv ta tr".split())
WORD = re.compile(r"[^\W\d_]{5,}")
MAX_END = 3


def articles(byline):
    out = subprocess.run(
        [byline, "extract", "--format", "jsonl", *[os.path.join(CORPORA, s) for s in SETS]],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    seen = set()
    for line in out.splitlines():
        a = json.loads(line)
        words = len((a.get("body") or "").split())
        if a.get("lang") in STEMMED and words >= 100 and a["path"] not in seen:
            seen.add(a["path"])
            yield a


def words_of(a):
    return {w.lower() for w in WORD.findall(a.get("title", "") + " " + a.get("body", ""))}


def other_forms(word, vocabulary):
    """Words of the vocabulary that differ from `word` only in their last three letters or fewer."""
    stem = word[: max(4, len(word) - MAX_END)]
    for w in vocabulary.get(stem[:4], ()):
        if w == word or not w.startswith(stem):
            continue
        common = len(os.path.commonprefix([w, word]))
        if len(w) - common <= MAX_END and len(word) - common <= MAX_END:
            yield w


def make_queries(docs, per_article, seed):
    rng = random.Random(seed)
    by_lang = {}
    for a in docs:
        by_lang.setdefault(a["lang"], []).append(a)
    queries = []
    for lang, group in sorted(by_lang.items()):
        vocab = {}
        words = {a["path"]: words_of(a) for a in group}
        df = {}
        for ws in words.values():
            for w in ws:
                df[w] = df.get(w, 0) + 1
        # Words in more than a tenth of the language's articles ("diesen", "meinem") are not what a
        # reader remembers a story by.
        common = {w for w, n in df.items() if n > max(1, len(group) // 10)}
        for ws in words.values():
            for w in ws - common:
                vocab.setdefault(w[:4], set()).add(w)
        for a in group:
            mine = words[a["path"]]
            pairs = sorted(
                (w, o) for w in mine - common for o in other_forms(w, vocab) if o not in mine
            )
            for w, o in rng.sample(pairs, min(per_article, len(pairs))):
                queries.append((lang, o, w, a["path"]))
    return queries


def ranks(byline, index, words, paths):
    text = "".join(w + "\n" for w in words)
    out = subprocess.run(
        [byline, "--index", index, "search", "--batch", "-", "-n", "1000", "--duplicates", "--fields", "path"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    assert len(out) == len(words), f"{byline}: {len(out)} answers to {len(words)} queries"
    got = []
    for line, want in zip(out, paths):
        hits = json.loads(line).get("hits", [])
        got.append(next((i + 1 for i, h in enumerate(hits) if h["path"] == want), None))
    return got


def row(name, kind, rs):
    n = len(rs)
    found = sum(1 for r in rs if r) / n
    ten = sum(1 for r in rs if r and r <= 10) / n
    return f"| {name} | {kind} | {n} | {found:.3f} | {ten:.3f} |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--byline", default=os.path.join(ROOT, "target", "release", "byline"))
    ap.add_argument("--compare", action="append", default=[], help="another byline binary to run beside")
    ap.add_argument("--per-article", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="print each query and what each build found")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        sys.exit(f"languages: {CORPORA} is absent")
    docs = list(articles(args.byline))
    queries = make_queries(docs, args.per_article, args.seed)
    langs = sorted({q[0] for q in queries})
    print(
        f"{len(docs)} articles of 100 words or more in {', '.join(langs)} from {', '.join(SETS)}; "
        f"{len(queries)} queries, seed {args.seed}\n"
    )
    print("| build | query | n | article found | in first ten |")
    print("|---|---|---|---|---|")
    binaries = [("this build", args.byline)] + [(os.path.basename(b), b) for b in args.compare]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, binary in binaries:
            index = os.path.join(tmp, re.sub(r"\W", "_", name))
            subprocess.run(
                [binary, "--index", index, "index", "-q", *[os.path.join(CORPORA, s) for s in SETS]],
                check=False,
                stderr=subprocess.DEVNULL,
            )
            paths = [q[3] for q in queries]
            other = ranks(binary, index, [q[1] for q in queries], paths)
            own = ranks(binary, index, [q[2] for q in queries], paths)
            results[name] = other
            print(row(name, "another form", other))
            print(row(name, "its own form (control)", own))
    if args.show:
        for i, (lang, o, w, path) in enumerate(queries):
            got = [results[name][i] for name, _ in binaries]
            print(f"{lang}\t{o}\t(article has {w})\t{os.path.basename(path)}\t" + "\t".join(map(str, got)))


if __name__ == "__main__":
    main()
