#!/usr/bin/env python3
"""byline's scale benchmark: one run, one table.

    python3 benches/scale.py                 # 10k and 100k articles
    python3 benches/scale.py --sizes 1000000 # a million
    BENCH_DIR=/data/bench python3 benches/scale.py --sizes 10000,100000,1000000

For each size it generates a corpus (examples/gen_corpus.rs, resampling the BBC and Reuters collections in
../shared/corpora, seeded), then measures in the same run:

  * a bare tantivy IndexWriter adding the same pre-extracted articles with byline's schema and tantivy's
    stock analysers (examples/bench_baseline.rs) -- the engine's own cost -- and the same writer with
    byline's analyser (the same tokens, stems remembered), so that byline's reading and extraction show
    as what they add to it;
  * `byline index` on the JSON Lines file (and, at 100k, on a folder of text files; at 10k, a folder of
    ~100 KB HTML pages): wall time, articles/s, MB/s, peak memory, index size;
  * SQLite FTS5 (table fts5(title, author, body), porter tokenizer) built from the same articles;
  * whole-process queries, median of repeated runs: `byline search -n 10` (snippets) against
    `sqlite3 … bm25() … snippet() … LIMIT 10`, for one term, two terms, a phrase, a prefix, a date filter,
    `--sort newest`, and `--count`;
  * grep over the JSON Lines file for the queries it can express (count only, C locale);
  * in-process latency p50/p95 (examples/bench_queries.rs) and a batch of 1,000 queries.

Ingest times are the fastest of --repeat runs (2 by default) with every input already read once, so that a
cold page cache or a noisy neighbour does not decide a ratio.

Figures go to stdout as Markdown; timings never run inside `cargo test`.
"""

import argparse
import json
import os
import random
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release"
BENCH = Path(os.environ.get("BENCH_DIR", "/tmp/byline-bench"))

# What grep can answer of each query over the JSON Lines file (one article per line): a count of matching
# articles, with no ranking and no snippets, in the C locale -- the cheapest form of the question, so that
# byline is compared with grep at its best. Queries grep cannot express have no entry.
GREP = {
    "one term": "grep -c -i -w oil {f}",
    "two terms": "grep -i -w oil {f} | grep -c -i -w prices",
    "phrase": "grep -c -i -F 'interest rates' {f}",
    "prefix": "grep -c -i -w -E 'compan[[:alpha:]]*' {f}",
}

QUERIES = [
    # label, byline query + flags, FTS5 MATCH expression, extra SQL condition
    ("one term", ["oil"], "oil", ""),
    ("two terms", ["oil", "prices"], "oil prices", ""),
    ("phrase", ['"interest rates"'], '"interest rates"', ""),
    ("prefix", ["compan*"], "compan*", ""),
    ("date filter", ["oil", "--since", "2000"], "oil", "AND date >= '2000'"),
    ("sort newest", ["oil", "--sort", "newest"], "oil", "ORDER_BY_DATE"),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd, stdout=True, **kw):
    """Wall seconds, peak RSS (MB), stdout and stderr of a command (via GNU time)."""
    stats = BENCH / "time.out"
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), *cmd],
                          stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, **kw)
    wall = time.perf_counter() - start
    rss_kb = int(stats.read_text().strip().splitlines()[-1] or 0)
    return wall, rss_kb / 1024, proc.stdout or "", proc.stderr


def du(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def warm(path):
    """Reads `path` (or every file under it) once, so that nothing is timed on a cold page cache."""
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
        return
    for root, _, files in os.walk(path):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                while fh.read(1 << 20):
                    pass


def best_of(repeat, measure_once):
    """The fastest of `repeat` runs of an ingest (a shared machine only ever adds time)."""
    return min((measure_once() for _ in range(repeat)), key=lambda r: r[0])


def median_time(cmd, runs=15, env=None, pipe=False):
    """Median wall milliseconds of `cmd`. `pipe` reads its output through a pipe: GNU grep stops at the first
    match when its output is /dev/null, which would time a different job."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.PIPE if pipe else subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--examples"], cwd=ROOT, check=True)


def corpus(size, formats):
    out = BENCH / f"corpus-{size}"
    missing = [f for f in formats if not (out / ("articles.jsonl" if f == "jsonl" else f)).exists()]
    if missing:
        run([str(BIN / "examples" / "gen_corpus"), "--articles", str(size), "--formats", ",".join(missing),
             "--out", str(out), "--source", str(ROOT.parent / "shared" / "corpora")])
    return out


def fts5_build(jsonl, db):
    if db.exists():
        db.unlink()
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE articles USING fts5(title, author, body, date UNINDEXED, tokenize='porter unicode61')")
    batch = []
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            batch.append((a.get("title"), a.get("author"), a.get("body"), a.get("date")))
            if len(batch) == 10000:
                con.executemany("INSERT INTO articles VALUES (?,?,?,?)", batch)
                batch = []
    if batch:
        con.executemany("INSERT INTO articles VALUES (?,?,?,?)", batch)
    con.commit()
    con.execute("INSERT INTO articles(articles) VALUES('optimize')")
    con.commit()
    con.close()
    return time.perf_counter() - start, db.stat().st_size


def fts5_sql(match, extra, count=False):
    if count:
        return f"SELECT count(*) FROM articles WHERE articles MATCH '{match}' {extra.replace('ORDER_BY_DATE', '')};"
    order = "ORDER BY date DESC" if extra == "ORDER_BY_DATE" else "ORDER BY bm25(articles, 2.0, 1.0, 1.0)"
    cond = "" if extra == "ORDER_BY_DATE" else extra
    return (f"SELECT rowid, title, author, date, snippet(articles, 2, '<b>', '</b>', '…', 30) "
            f"FROM articles WHERE articles MATCH '{match.replace(chr(39), chr(39) * 2)}' {cond} {order} LIMIT 10;")


def batch_file(path, n=1000, seed=7):
    words = []
    for f in sorted((ROOT.parent / "shared" / "corpora" / "reuters-21578").glob("*.sgm")):
        words += re.findall(r"[A-Za-z]{4,}", f.read_text(encoding="latin-1"))
    vocab = sorted({w.lower() for w in words})
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            lines.append(rng.choice(vocab))
        elif kind == 1:
            lines.append(f"{rng.choice(vocab)} {rng.choice(vocab)}")
        elif kind == 2:
            lines.append(f'"{rng.choice(vocab)} {rng.choice(vocab)}"')
        else:
            lines.append(rng.choice(vocab)[:4] + "*")
    path.write_text("\n".join(lines) + "\n")
    return path


def measure(size, html_pages, text_folder, repeat):
    formats = ["jsonl"] + (["text"] if text_folder else []) + (["html"] if html_pages else [])
    src = corpus(size, formats)
    jsonl = src / "articles.jsonl"
    raw = jsonl.stat().st_size
    rows = {}
    env = dict(os.environ, NO_COLOR="1")

    # Reading alone, then extraction alone (one thread), to see what bounds ingest.
    wall, _, _, _ = timed(["cat", str(jsonl)], stdout=False)
    rows["read (cat)"] = wall
    wall, _, _, _ = timed([str(BIN / "byline"), "extract", "--format", "jsonl", str(jsonl)], stdout=False,
                          env=dict(os.environ, RAYON_NUM_THREADS="1"))
    rows["extract, 1 thread"] = wall

    base_dir = BENCH / f"baseline-{size}"

    def baseline(analyzer):
        shutil.rmtree(base_dir, ignore_errors=True)
        wall, rss, _, _ = timed([str(BIN / "examples" / "bench_baseline"), str(jsonl), str(base_dir)],
                                env=dict(os.environ, BASELINE_ANALYZER=analyzer))
        return wall, rss, du(base_dir)

    # tantivy as it comes (stock analysers), and the same writer with byline's
    # analyser (same tokens, stems remembered): byline's reading and extraction
    # are its overhead over the second.
    rows["baseline"] = best_of(repeat, lambda: baseline("stock"))
    rows["baseline, byline analyser"] = best_of(repeat, lambda: baseline("byline"))
    shutil.rmtree(base_dir, ignore_errors=True)

    def byline_index(index, path):
        shutil.rmtree(index, ignore_errors=True)
        wall, rss, _, _ = timed([str(BIN / "byline"), "--index", str(index), "index", "--quiet", str(path)], env=env)
        return wall, rss, du(index)

    index = BENCH / f"index-{size}"
    rows["byline jsonl"] = best_of(repeat, lambda: byline_index(index, jsonl))

    if text_folder:
        tindex = BENCH / f"index-text-{size}"
        warm(src / "text")
        rows["byline text folder"] = best_of(repeat, lambda: byline_index(tindex, src / "text")) + (du(src / "text"),)
        shutil.rmtree(tindex, ignore_errors=True)
    if html_pages:
        hindex = BENCH / f"index-html-{size}"
        warm(src / "html")
        rows["byline html folder"] = best_of(repeat, lambda: byline_index(hindex, src / "html")) + (du(src / "html"),)
        shutil.rmtree(hindex, ignore_errors=True)

    db = BENCH / f"fts5-{size}.db"
    rows["fts5"] = best_of(repeat, lambda: fts5_build(jsonl, db))

    queries = []
    grep_env = dict(os.environ, LC_ALL="C")
    warm(jsonl)
    for label, args, match, extra in QUERIES:
        b = median_time([str(BIN / "byline"), "--index", str(index), "search", "-n", "10", "--format", "json", "--", *args])
        f = median_time(["sqlite3", str(db), fts5_sql(match, extra)])
        g = GREP.get(label)
        g = median_time(["sh", "-c", g.format(f=shlex.quote(str(jsonl)))], runs=5, env=grep_env, pipe=True) if g else None
        queries.append((label, b, f, g))
    b = median_time([str(BIN / "byline"), "--index", str(index), "search", "--count", "oil"])
    f = median_time(["sqlite3", str(db), fts5_sql("oil", "", count=True)])
    g = median_time(["sh", "-c", GREP["one term"].format(f=shlex.quote(str(jsonl)))], runs=5, env=grep_env, pipe=True)
    queries.append(("--count", b, f, g))

    _, _, out, _ = timed([str(BIN / "examples" / "bench_queries"), str(index), "30"])
    latency = json.loads(out)

    qfile = batch_file(BENCH / "queries-1000.txt")
    batch_wall, _, _, _ = timed([str(BIN / "byline"), "--index", str(index), "search", "--batch", str(qfile)], stdout=False)
    start_only = median_time([str(BIN / "byline"), "--version"])
    return {"size": size, "raw": raw, "rows": rows, "queries": queries, "latency": latency,
            "batch": batch_wall, "start_ms": start_only}


def mb(n):
    return f"{n / 1e6:.0f} MB"


def report(r):
    size, rows = r["size"], r["rows"]
    base_wall, base_rss, base_size = rows["baseline"]
    wall, rss, isize = rows["byline jsonl"]
    fts_wall, fts_size = rows["fts5"]
    raw = r["raw"]
    print(f"\n### {size:,} articles ({mb(raw)} of JSON Lines)\n")
    print("| ingest | time | articles/s | MB/s | peak memory | index size | vs bare tantivy | vs FTS5 |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| bare tantivy (baseline) | {base_wall:.1f} s | {size / base_wall:,.0f} | {raw / 1e6 / base_wall:.1f} | {base_rss:.0f} MB | {mb(base_size)} | 1.00 | {base_wall / fts_wall:.2f} |")
    m_wall, m_rss, m_size = rows["baseline, byline analyser"]
    print(f"| tantivy with byline's analyser | {m_wall:.1f} s | {size / m_wall:,.0f} | {raw / 1e6 / m_wall:.1f} | {m_rss:.0f} MB | {mb(m_size)} | {base_wall / m_wall:.2f} of its throughput | {m_wall / fts_wall:.2f} |")
    print(f"| **byline**, JSON Lines | {wall:.1f} s | {size / wall:,.0f} | {raw / 1e6 / wall:.1f} | {rss:.0f} MB | {mb(isize)} | {base_wall / wall:.2f} of its throughput ({m_wall / wall:.2f} of the row above) | **{wall / fts_wall:.2f}** × time |")
    if "byline text folder" in rows:
        t_wall, t_rss, t_size, t_raw = rows["byline text folder"]
        print(f"| **byline**, folder of text files | {t_wall:.1f} s | {size / t_wall:,.0f} | {t_raw / 1e6 / t_wall:.1f} | {t_rss:.0f} MB | {mb(t_size)} | {t_wall / wall:.2f} × JSON Lines time | {t_wall / fts_wall:.2f} × time |")
    if "byline html folder" in rows:
        h_wall, h_rss, h_size, h_raw = rows["byline html folder"]
        print(f"| **byline**, folder of HTML pages ({h_raw / size / 1e3:.0f} KB each) | {h_wall:.1f} s | {size / h_wall:,.0f} pages/s | {h_raw / 1e6 / h_wall:.1f} | {h_rss:.0f} MB | {mb(h_size)} | | |")
    print(f"| SQLite FTS5 | {fts_wall:.1f} s | {size / fts_wall:,.0f} | {raw / 1e6 / fts_wall:.1f} | | {mb(fts_size)} | | 1.00 |")
    print(f"\nIndex size: byline {mb(isize)} = {isize / raw:.2f} × the raw JSON Lines, {isize / fts_size:.2f} × FTS5's. "
          f"Reading the file alone: {rows['read (cat)']:.2f} s; extracting it on one thread: {rows['extract, 1 thread']:.1f} s.\n")
    print("| whole-process query (median) | byline | FTS5 | byline / FTS5 | grep, count only | byline / grep |")
    print("|---|---|---|---|---|---|")
    for label, b, f, g in r["queries"]:
        grep = f"{g:.0f} ms | {b / g:.3f}" if g else "— | —"
        print(f"| {label} | {b:.1f} ms | {f:.1f} ms | {b / f:.2f} | {grep} |")
    print(f"\nProcess start alone (`byline --version`): {r['start_ms']:.1f} ms. "
          f"A batch of 1,000 queries (top 10 with snippets): {r['batch']:.2f} s whole-process.\n")
    print("| in-process (top 10 + snippets) | matches | p50 | p95 | count only p50 |")
    print("|---|---|---|---|---|")
    for q in r["latency"]:
        print(f"| {q['label']} `{q['query']}` | {q['total']:,} | {q['p50_ms']:.2f} ms | {q['p95_ms']:.2f} ms | {q['count_p50_ms']:.2f} ms |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--repeat", type=int, default=2, help="ingest runs per measurement; the fastest is reported")
    args = ap.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    if not args.no_build:
        build()
    cpu = subprocess.run(["sh", "-c", "lscpu | grep 'Model name' | sed 's/.*: *//'"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"sqlite {sqlite3.sqlite_version}; {time.strftime('%Y-%m-%d')}; ingest times are the best of {args.repeat} runs "
          f"on a warm page cache, query times medians of 15")
    for size in [int(s) for s in args.sizes.split(",")]:
        r = measure(size, html_pages=size <= 10000, text_folder=size == 100000, repeat=args.repeat)
        report(r)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
