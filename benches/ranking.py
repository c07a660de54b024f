#!/usr/bin/env python3
"""byline's ranking benchmark: known-item search over real news.

    python3 benches/ranking.py                              # the release build on three corpora
    python3 benches/ranking.py --compare /tmp/byline-before # and another build, same queries, same run

Nobody has judged which of these articles answer which question, so the benchmark asks what a reader
asks when they look for a story they once read: it takes an article, makes a query of words from it, and
sees where that article ranks. Three kinds of query, generated with a fixed seed from English articles of
../shared/corpora (bbc-news, reuters-21578, wikinews):

  * phrase:    three words that stand together in the body ("interest rate rise"), typed without quotes;
  * title:     three words of the headline, in order, small words left out ("Pompeo Huawei intelligence");
  * scattered: three words from three different sentences of the body, in no particular order -- the
               control: words that are not together in the article sought.

Each query runs through `byline search --batch` (ten stories a page, copies folded as a user sees them);
the article counts as found at the rank of the story it leads or is folded under. Printed per kind: MRR@10
(mean of 1/rank, 0 when not in the first ten), the share found first, and the share found in the first ten.
Words that occur in most articles are not drawn (see STOP), so a query is not made of "the said that".

Figures go to stdout as Markdown; nothing here runs inside `cargo test`.
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
SETS = ["bbc-news", "reuters-21578", "wikinews"]

# Words too common to remember a story by; a query of them finds everything.
STOP = set(
    """a about after again against all also am an and any are as at be because been before being between
    both but by can could did do does doing down during each few for from further had has have having he her
    here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our out over own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when where which while who whom why
    will with would you your said says say mr mrs ms new year years one two three last first told also
    """.split()
)
WORD = re.compile(r"[A-Za-z]+")


def content_words(text):
    return [w for w in WORD.findall(text) if len(w) > 2 and w.lower() not in STOP]


def phrase_query(body, rng):
    """Three content words that stand next to each other in the body."""
    tokens = list(WORD.finditer(body))
    for _ in range(50):
        if len(tokens) < 3:
            return None
        i = rng.randrange(len(tokens) - 2)
        run = tokens[i : i + 3]
        words = [m.group() for m in run]
        if any(len(w) < 3 or w.lower() in STOP for w in words):
            continue
        gaps = [body[a.end() : b.start()] for a, b in zip(run, run[1:])]
        if all(g == " " for g in gaps):
            return " ".join(words)
    return None


def title_query(title, rng):
    words = content_words(title)
    if len(words) < 3:
        return None
    i = rng.randrange(len(words) - 2)
    return " ".join(words[i : i + 3])


def scattered_query(body, rng):
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if content_words(s)]
    if len(sentences) < 6:
        return None
    picked = rng.sample(sentences, 3)
    words = [rng.choice(content_words(s)) for s in picked]
    if len({w.lower() for w in words}) < 3:
        return None
    rng.shuffle(words)
    return " ".join(words)


def articles(byline, sets):
    paths = [os.path.join(CORPORA, s) for s in sets]
    out = subprocess.run(
        [byline, "extract", "--format", "jsonl", *paths],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    for line in out.splitlines():
        a = json.loads(line)
        if a.get("lang") == "en" and a.get("title") and len((a.get("body") or "").split()) >= 100:
            yield a


def make_queries(docs, n, seed):
    rng = random.Random(seed)
    picked = rng.sample(docs, min(len(docs), n * 3))
    kinds = {"phrase": [], "title": [], "scattered": []}
    for a in picked:
        for kind, make in (
            ("phrase", lambda: phrase_query(a["body"], rng)),
            ("title", lambda: title_query(a["title"], rng)),
            ("scattered", lambda: scattered_query(a["body"], rng)),
        ):
            if len(kinds[kind]) < n:
                q = make()
                if q:
                    kinds[kind].append((q, a["id"]))
    return kinds


def run(byline, index, queries):
    """Reciprocal ranks of each query's article."""
    text = "".join(q.replace("\n", " ") + "\n" for q, _ in queries)
    out = subprocess.run(
        [byline, "--index", index, "search", "--batch", "-", "-n", "10", "--fields", "id,duplicates"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    assert len(out) == len(queries), f"{byline}: {len(out)} answers to {len(queries)} queries"
    ranks = []
    for line, (_, want) in zip(out, queries):
        hits = json.loads(line).get("hits", [])
        rank = next(
            (i + 1 for i, h in enumerate(hits) if h["id"] == want or want in h.get("duplicates", [])),
            None,
        )
        ranks.append(rank)
    return ranks


def row(name, kind, ranks):
    n = len(ranks)
    mrr = sum(1 / r for r in ranks if r) / n
    first = sum(1 for r in ranks if r == 1) / n
    ten = sum(1 for r in ranks if r) / n
    return f"| {name} | {kind} | {n} | {mrr:.3f} | {first:.3f} | {ten:.3f} |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--byline", default=os.path.join(ROOT, "target", "release", "byline"))
    ap.add_argument("--compare", action="append", default=[], help="another byline binary to run beside")
    ap.add_argument("--queries", type=int, default=400, help="queries of each kind")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="print each query and the ranks it got")
    args = ap.parse_args()
    if not os.path.isdir(CORPORA):
        sys.exit(f"ranking: {CORPORA} is absent")
    docs = list(articles(args.byline, SETS))
    kinds = make_queries(docs, args.queries, args.seed)
    binaries = [("this build", args.byline)] + [(os.path.basename(b), b) for b in args.compare]
    print(f"{len(docs)} English articles of 100 words or more from {', '.join(SETS)}; seed {args.seed}\n")
    print("| build | queries | n | MRR@10 | found first | in first ten |")
    print("|---|---|---|---|---|---|")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, binary in binaries:
            index = os.path.join(tmp, re.sub(r"\W", "_", name))
            subprocess.run(
                [binary, "--index", index, "index", "-q", *[os.path.join(CORPORA, s) for s in SETS]],
                check=False,
                stderr=subprocess.DEVNULL,
            )
            for kind, queries in kinds.items():
                ranks = run(binary, index, queries)
                results[(name, kind)] = ranks
                print(row(name, kind, ranks))
    if args.show:
        for kind, queries in kinds.items():
            for i, (q, want) in enumerate(queries):
                got = [results[(name, kind)][i] for name, _ in binaries]
                if len(set(got)) > 1:
                    print(f"{kind}\t{q}\t{want}\t" + "\t".join(str(g) for g in got))


if __name__ == "__main__":
    main()
