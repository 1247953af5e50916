"""The search index alone at N evaluations, quickly: `bench/run.py --search N [BLOCKS,...]`.

It writes the synthetic corpus, builds the site once without its search index, then for each
number of blocks asked (default: `search.BLOCKS`) indexes every language in parts from scratch and
measures: Pagefind's work and wall time, its largest memory (the resident size of the largest
Pagefind run, and the proportional set size of all processes sampled as the full benchmark does),
what a first search loads (the static upper bound of run.search_sizes, and the files Chromium
actually fetches for a frequent and a rare word, counted as a web server sends them: gzip for
scripts and JSON, Pagefind's own files as they are; the costliest word is the static bound's), and what it costs to index again after a page
of one evaluation changed, after an evaluation was added and after it was removed (which parts
were indexed again). The edits change built pages directly: the search half alone, not the build.
"""
from __future__ import annotations

import collections
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.run import AS_OF, PROJECT, URL, PeakMemory, search_sizes  # noqa: E402
from evalsite.build import BuildOptions, build  # noqa: E402
from evalsite.engines import pagefind as search  # noqa: E402
from evalsite.model import LANGS  # noqa: E402

PORT = 8141  # a port of its own for the browser's requests (not evalsite serve's)
INDEX_RUN = """import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from evalsite.engines import pagefind as s
s.BLOCKS = int(sys.argv[3])
started = time.perf_counter()
failure = s.index(__import__("pathlib").Path(sys.argv[2]))
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"failure": failure, "wall_s": time.perf_counter() - started, "work_s": usage.ru_utime + usage.ru_stime
                  + time.process_time(), "largest_mb": usage.ru_maxrss / 1024}))"""  # in a new process: its children are Pagefind's runs


def index_once(site_dir: Path, blocks: int) -> dict:
    """Index one language in a new process; which part folders it wrote, and what it cost."""
    before = set(_folders(site_dir))
    with PeakMemory() as memory:
        run = subprocess.run([sys.executable, "-c", INDEX_RUN, str(ROOT), str(site_dir), str(blocks)],
                             capture_output=True, text=True, check=True)
    measured = json.loads(run.stdout.strip().splitlines()[-1])
    assert measured["failure"] is None, measured["failure"]
    measured["pss_mb"] = memory.peak / 2**20
    measured["indexed"] = sorted(set(_folders(site_dir)) - before)
    return measured


def _folders(site_dir: Path) -> list[str]:
    bundle = search.bundle_of(site_dir)
    return [path.name for path in bundle.iterdir() if path.is_dir()] if bundle.is_dir() else []


def words(site_dir: Path) -> tuple[str, str]:
    """A frequent word and a rare one of the language: from the texts of the first evaluation's
    recommendations (the synthetic corpus invents its words per language)."""
    counts: collections.Counter[str] = collections.Counter()
    for page in sorted((site_dir / "evaluations").glob("*/recommendations/*/index.html"))[:40]:
        html = page.read_text(encoding="utf-8")
        start = html.find(search.SEARCHED.decode())
        text = re.sub(r"<[^>]+>", " ", html[start:html.find("</article>", start)])
        counts.update(word.lower() for word in re.findall(r"[^\W\d_]{5,}", text))
    ranked = [word for word, _ in counts.most_common()]
    return ranked[0], ranked[-1]


def served_bytes(site: Path, url: str) -> int:
    """What a web server sends for `url`: scripts and JSON gzipped, Pagefind's files (already
    compressed) as they are."""
    path = site / urlsplit(url).path.lstrip("/")
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if path.suffix in (".js", ".json") else len(data)


def first_searches(site: Path, queries: dict[str, tuple[str, ...]]) -> dict:
    """Per language and word, in Chromium: the files of the index a first search fetches (sizes as
    served) and the time until its first result is shown."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

    found: dict = {}
    with serve(site, port=PORT, production=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for lang, terms in queries.items():
            for term in terms:
                page = browser.new_context().new_page()  # a new context: nothing cached
                fetched: list[str] = []
                page.on("request", lambda request, fetched=fetched: fetched.append(request.url))
                page.goto(f"{base}{lang}/")
                fetched.clear()
                started = time.perf_counter()
                page.fill(".md-search__input", term)
                page.locator(".md-search-result__item a").first.wait_for(timeout=120000)
                shown = time.perf_counter() - started
                page.wait_for_load_state("networkidle")
                files = sorted({url.split("?")[0] for url in fetched if f"/{search.BUNDLE}/" in url})
                found[f"{lang}/{term}"] = {"files": len(files), "kb": sum(served_bytes(site, url) for url in files) / 1024,
                                           "results": page.inner_text(".md-search-result__meta"), "shown_s": shown}
                page.context.close()
        browser.close()
    return found


def measure(n: int, blocks_tried: list[int]) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-"))
    write_corpus(tmp / "content", n)
    started = time.perf_counter()
    build_without_index(tmp / "content", tmp / "site", tmp / "work")
    result = {"n": n, "build_s": time.perf_counter() - started, "runs": measure_site(n, tmp / "site", blocks_tried)}
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def build_without_index(content: Path, out: Path, work: Path) -> None:
    index = search.index
    search.index = lambda site_dir, lock=None: None  # the workers fork with this
    try:
        build(content, BuildOptions(out_dir=out, site_url=URL, work_dir=work, as_of=AS_OF, project=PROJECT))
    finally:
        search.index = index


def measure_site(n: int, out: Path, blocks_tried: list[int]) -> list[dict]:
    """Index the built site `out` from scratch with each number of blocks, then edit it (`measure`)."""
    queries = {lang: words(out / lang) for lang in LANGS}
    runs = []
    for blocks in blocks_tried:
        search.BLOCKS = blocks
        run: dict = {"blocks": blocks, "languages": {}}
        for lang in LANGS:
            site_dir = out / lang
            shutil.rmtree(search.bundle_of(site_dir), ignore_errors=True)
            sizes = collections.Counter(search.block(path.name) for path in (site_dir / "evaluations").iterdir() if path.is_dir())
            measured = {"full": index_once(site_dir, blocks), "sizes": search_sizes(site_dir),
                        "evaluations_per_block": [min(sizes.values()), max(sizes.values())]}
            page = site_dir / "evaluations" / "evaluation-0000" / "index.html"
            original = page.read_text(encoding="utf-8")
            page.write_text(original.replace("</h1>", " edited</h1>", 1), encoding="utf-8")
            measured["edit"] = index_once(site_dir, blocks)
            shutil.copytree(site_dir / "evaluations" / "evaluation-0001", site_dir / "evaluations" / "evaluation-added")
            measured["add"] = index_once(site_dir, blocks)
            shutil.rmtree(site_dir / "evaluations" / "evaluation-added")
            measured["remove"] = index_once(site_dir, blocks)
            page.write_text(original, encoding="utf-8")
            run["languages"][lang] = measured
        run["browser"] = first_searches(out, {lang: (*terms, run["languages"][lang]["sizes"]["costliest_word"])
                                               for lang, terms in queries.items()})
        runs.append(run)
        print(table(n, run), flush=True)
    return runs


def table(n: int, run: dict) -> str:
    """One number of blocks at N, as Markdown: per language, then per first search in Chromium."""
    lines = [f"### N={n:,}, {run['blocks']} blocks", "",
             "| language | parts (evaluations per block) | index from scratch: work / wall | largest Pagefind run | all processes (PSS) | "
             "first search at most | index on disk | one page edited | evaluation added | evaluation removed |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for lang, v in run["languages"].items():
        full = v["full"]
        steps = [f"{len(v[step]['indexed'])} part(s), {v[step]['work_s']:.1f} / {v[step]['wall_s']:.1f} s" for step in ("edit", "add", "remove")]
        lines.append(f"| {lang} | {v['sizes']['parts']} ({v['evaluations_per_block'][0]}-{v['evaluations_per_block'][1]}) | "
                     f"{full['work_s']:.1f} / {full['wall_s']:.1f} s | {full['largest_mb']:,.0f} MB | {full['pss_mb']:,.0f} MB | "
                     f"{v['sizes']['first_search_mb']:.2f} MB | {v['sizes']['disk_mb']:.1f} MB | " + " | ".join(steps) + " |")
    lines += ["", "| first search in Chromium | files of the index | loaded | results | first result shown |", "|---|---|---|---|---|"]
    lines += [f"| {key} | {v['files']} | {v['kb']:,.0f} KB | {v['results']} | {v['shown_s']:.1f} s |" for key, v in run["browser"].items()]
    return "\n".join(lines)


def main(args: list[str]) -> int:
    n = int(args[0])
    blocks = [int(b) for b in args[1].split(",")] if len(args) > 1 else [search.BLOCKS]
    result = measure(n, blocks)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
