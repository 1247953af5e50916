"""The build benchmark: `make bench` runs it and writes docs/benchmarks.md.

For each corpus size it measures, in a fresh process: the generator (content → checked model →
Markdown trees), the three MkDocs builds (in parallel processes), the open data, the total wall
time, peak memory, output and search-index sizes; and, as the floor, stock MkDocs + Material
building the same generated Markdown without our theme overrides. At N=100 it also times an
incremental rebuild after one recommendation is edited, from the CLI and from `evalsite serve`.
"""
from __future__ import annotations

import datetime
import gzip
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cbor2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from evalsite.build import site as site_module  # noqa: E402
from evalsite.build.site import BuildOptions, LanguageJob, build, finish_preview, preview  # noqa: E402
from evalsite.content import load as load_module  # noqa: E402
from evalsite.content.load import load_site  # noqa: E402
from evalsite.engines import mkdocs as mkdocs_build  # noqa: E402
from evalsite.engines import pagefind as search  # noqa: E402
from evalsite.model import LANGS  # noqa: E402
from evalsite.pages import explorer, render  # noqa: E402
from evalsite.paths import MKDOCS_BASE, TEMPLATES  # noqa: E402

ALL_SIZES = [10, 100, 1000]
SIZES = [int(n) for n in os.environ["BENCH_SIZES"].split(",")] if "BENCH_SIZES" in os.environ else ALL_SIZES  # fewer: not recorded
AS_OF = datetime.date(2026, 11, 23)
URL = "http://127.0.0.1:8000/"


class PeakMemory(threading.Thread):
    """The largest memory of this process and all its descendants together, sampled every 0.2 s
    while running (getrusage gives each process's own peak, not what is in use at once), and who
    held it at that moment: the main process, the language workers, Pagefind."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.held: dict[str, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            held = tree_pss(os.getpid())
            if sum(held.values()) > self.peak:
                self.peak, self.held = sum(held.values()), held

    def __enter__(self) -> PeakMemory:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.join()

    def held_mb(self) -> dict[str, float]:
        return {role: size / 2**20 for role, size in sorted(self.held.items())}


def tree_pss(pid: int) -> dict[str, int]:
    """Memory of `pid` and its descendants by role, from /proc (Linux): the proportional set size,
    which counts a page shared by several processes (a forked worker's) once in all."""
    held: dict[str, int] = {}
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text(encoding="utf-8")
            size = int(next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:"))) * 1024
            command = Path(f"/proc/{current}/cmdline").read_bytes()
            role = "main" if current == pid else "Pagefind" if b"pagefind" in command else "workers"
            held[role] = held.get(role, 0) + size
            for task in os.listdir(f"/proc/{current}/task"):
                pending += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue  # the process ended while being read
    return held


def measure(n: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    content, work, out = tmp / "content", tmp / "work", tmp / "site"
    write_corpus(content, n)
    options = BuildOptions(out_dir=out, site_url=URL, work_dir=work, as_of=AS_OF)
    result: dict = {"n": n}
    with site_module.worker_pool() as pool, PeakMemory() as memory:
        started = time.perf_counter()
        model = load_site(content)
        settings = site_module._settings(model, content, options)
        result["load_s"] = time.perf_counter() - started
        t = time.perf_counter()
        shared: dict[str, float] = {}

        def write_shared() -> None:  # open data and root pages, in the main process while the workers run (CPU seconds)
            clock = time.process_time()
            site_module._write_shared(out, model, settings, options)
            shared["data_s"] = time.process_time() - clock

        pickled = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        jobs = [LanguageJob(lang, pickled, settings, options, out / lang, False, True) for lang in LANGS]
        reports = site_module.run_languages(pool, site_module._language, jobs, meanwhile=write_shared)
        result["languages_s"] = time.perf_counter() - t  # wall time of the three parallel language jobs
        for step in ("generate", "mkdocs", "search"):  # CPU seconds summed over the languages: work, not wall time
            result[f"{step}_work_s"] = sum(report.seconds[step] for report in reports)
        result["data_s"] = shared["data_s"]
        result["total_s"] = time.perf_counter() - started
        result["memory_mb"] = memory.peak / 2**20
        result["memory_held_mb"] = memory.held_mb()
        result["pages"] = sum(1 for _ in out.glob("*/**/index.html"))
        # The floor: stock MkDocs + Material on the same Markdown (no overrides, no extra CSS/JS, its own lunr search).
        floor_jobs = []
        for lang in LANGS:
            nav = yaml.safe_load((work / "pages" / lang / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]  # ours: a few sections
            config = {"site_name": "floor", "docs_dir": str(work / "pages" / lang / "docs"), "nav": nav, "theme": {"name": "material", "font": False,
                      "language": lang, "features": ["navigation.prune"]}, "markdown_extensions": ["attr_list", "md_in_html",
                      "tables", "footnotes", "toc"], "plugins": [{"search": {"lang": [lang]}}],
                      "validation": {"nav": {"omitted_files": "info"}, "links": {"unrecognized_links": "info", "absolute_links": "info"}}}
            config_path = tmp / f"floor-{lang}.yml"
            config_path.write_text(json.dumps(config), encoding="utf-8")
            floor_jobs.append((str(config_path), str(tmp / "floor" / lang), 0, False))
        t = time.perf_counter()
        with PeakMemory() as floor_memory:
            failures = [message for message in pool.map(mkdocs_build.run, floor_jobs) if message]
        result["floor_s"] = time.perf_counter() - t
        result["floor_memory_mb"] = floor_memory.peak / 2**20
        result["floor_memory_held_mb"] = floor_memory.held_mb()
        assert not failures, failures
        result["output_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
        result["search"] = {lang: search_sizes(out / lang) for lang in LANGS}
        result["lunr_mb"] = {lang: (tmp / "floor" / lang / "search" / "search_index.json").stat().st_size / 2**20 for lang in LANGS}
        result["explorer"] = explorer_sizes(out)
        if n == 100:
            result.update(incremental(content, tmp, pool))
    shutil.rmtree(tmp, ignore_errors=True)
    return result


RESULTS_SHOWN = 10  # results whose excerpts a first search loads (one page of results)
EXPLORER_LIMIT_KB = 300  # no explorer page or data file over this, compressed (issue 16)


def gz_kb(path: Path) -> float:
    """A file's size in KB once compressed as a web server sends it (gzip, level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def explorer_sizes(site_dir: Path) -> dict:
    """Per language and explorer (recommendations, findings): its largest page of the list without
    JavaScript, the index its script loads first, and one evaluation's data (largest, mean), in KB
    compressed; and how many pages and data files there are."""
    sizes: dict = {}
    for lang in LANGS:
        for kind in explorer.KINDS:
            root = site_dir / lang / kind
            pages = [root / "index.html", *sorted(p for p in root.glob("*/index.html") if p.parent.name.isdigit())]
            chunks = [p for p in (root / "data").glob("*.json") if p.name != "index.json"]
            chunk_kb = [gz_kb(p) for p in chunks]
            sizes[f"{lang}/{kind}"] = {
                "pages": len(pages), "page_kb": max(gz_kb(p) for p in pages), "first_page_raw_kb": pages[0].stat().st_size / 1024,
                "index_kb": gz_kb(root / "data" / "index.json"), "index_raw_kb": (root / "data" / "index.json").stat().st_size / 1024,
                "data_files": len(chunks), "data_max_kb": max(chunk_kb, default=0), "data_mean_kb": sum(chunk_kb) / max(len(chunk_kb), 1)}
    return sizes


def explorer_only(n: int) -> dict:
    """The explorers alone at N evaluations, quickly: the corpus, the model, and only the explorers'
    pages and data rendered and built with MkDocs (their own theme and navigation, as in a full build)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-explorer-{n}-"))
    write_corpus(tmp / "content", n)
    started = time.perf_counter()
    model = load_site(tmp / "content")
    base = yaml.safe_load(MKDOCS_BASE.read_text(encoding="utf-8"))
    for lang in LANGS:
        wanted = {p.source for p in render.site_pages(model) if p.template.startswith("explorer")}
        keep = {p.source for p in render.site_pages(model)} - wanted
        docs = tmp / "pages" / lang
        files = render.render_language(model, lang, TEMPLATES, URL, AS_OF, keep)
        for name, text in files.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(text, encoding="utf-8")
        (docs / "assets").mkdir(exist_ok=True)
        for asset in (TEMPLATES / "assets").iterdir():
            shutil.copy(asset, docs / "assets" / asset.name)
        config = mkdocs_build.language_config(model, lang, base, URL, docs, False)
        config["validation"] = {"nav": {"omitted_files": "info", "not_found": "info"}, "links": {"not_found": "info", "unrecognized_links": "info"}}
        (tmp / f"{lang}.yml").write_text(json.dumps(config), encoding="utf-8")
        failure = mkdocs_build.run((str(tmp / f"{lang}.yml"), str(tmp / "site" / lang), 0, False))
        assert failure is None or "failed" not in failure, failure
    result = {"n": n, "seconds": time.perf_counter() - started, "explorer": explorer_sizes(tmp / "site"),
              "recommendations": sum(len(ev.recommendations) for ev in model.evaluations),
              "findings": sum(len(ev.findings) for ev in model.evaluations)}
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def explorer_table(result: dict) -> str:
    """The explorers' sizes as a Markdown table, and whether each stays under the limit."""
    lines = ["| language / explorer | pages without JavaScript (largest) | index loaded first | one evaluation's data (largest / mean) |",
             "|---|---|---|---|"]
    for key, v in result["explorer"].items():
        lines.append(f"| {key} | {v['pages']} ({v['page_kb']:.0f} KB) | {v['index_kb']:.0f} KB ({v['index_raw_kb']:.0f} KB raw) | "
                     f"{v['data_files']} files ({v['data_max_kb']:.1f} / {v['data_mean_kb']:.1f} KB) |")
    return "\n".join(lines)


def explorer_within_limit(result: dict) -> bool:
    return all(max(v["page_kb"], v["index_kb"], v["data_max_kb"]) <= EXPLORER_LIMIT_KB for v in result["explorer"].values())


def search_sizes(site_dir: Path) -> dict:
    """A language's Pagefind index (`search`: a main part and blocks of evaluations) in MB: on disk,
    and what a reader's first one-word search loads at most: the list of parts, Pagefind's script,
    worker and WebAssembly, each part's entry and metadata, the word shards of the costliest word
    (`costliest_word`) and one page of excerpts."""
    bundle = search.bundle_of(site_dir)
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    folders = [bundle / manifest["main"], *(bundle / name for name in manifest["parts"])]
    start = [bundle / search.MANIFEST, *(bundle / manifest["main"] / name for name in ("pagefind.js", "pagefind-worker.js")),
             *(bundle / manifest["main"]).glob(f"wasm.{site_dir.name}.pagefind")]
    start += [path for folder in folders for path in (folder / "pagefind-entry.json", *folder.glob("pagefind.*.pf_meta"))]
    fragments = [path.stat().st_size for folder in folders for path in (folder / "fragment").iterdir()]
    word, shards = costliest_word(folders)
    first = sum(path.stat().st_size for path in start) + shards + RESULTS_SHOWN * sum(fragments) / len(fragments)
    return {"disk_mb": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20, "first_search_mb": first / 2**20,
            "parts": len(folders), "costliest_word": word}


def costliest_word(folders: list[Path]) -> tuple[str, int]:
    """The one-word search that loads the most word shards, and their bytes: in each part, Pagefind
    loads the shard whose range of words (its metadata, CBOR) holds the word; the costliest word is
    found among the ends of all ranges, where the sum over the parts changes."""
    ranges = []
    for folder in folders:
        meta = cbor2.loads(gzip.decompress(next(folder.glob("pagefind.*.pf_meta")).read_bytes())[len(b"pagefind_dcd"):])
        ranges.append([(first, last, (folder / "index" / f"{name}.pf_index").stat().st_size) for first, last, name in meta[2]])
    words = sorted({word for part in ranges for first, last, _ in part for word in (first, last)})
    return max(((word, sum(next((size for first, last, size in part if first <= word <= last), 0) for part in ranges)) for word in words),
               key=lambda item: item[1], default=("", 0))


PHASES = {"load": (site_module, "load_site"), "links to the previous site": (site_module, "_link_tree"),
          "languages": (site_module, "run_languages"), "open data": (site_module.opendata, "write"),
          "old site removed": (site_module, "_remove_tree")}


def startup() -> float:
    """Wall seconds for a new Python process to import what `evalsite build` imports."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import evalsite.cli, evalsite.site, mkdocs.commands.build"], cwd=ROOT, check=True)
    return time.perf_counter() - t


def incremental(content: Path, tmp: Path, pool: ProcessPoolExecutor) -> dict:
    """Edit one recommendation's title, then rebuild: the CLI's build (staged, swapped), timed by
    phase, and serve's preview (changed pages shown, then open data, calendars and search index renewed)."""
    recs = content / "evaluations" / "evaluation-0000" / "recommendations.yml"
    cli = BuildOptions(out_dir=tmp / "cli", site_url=URL, work_dir=tmp / "work-cli", as_of=AS_OF)
    served = BuildOptions(out_dir=tmp / "preview", site_url=URL, work_dir=tmp / "work-serve", as_of=AS_OF, live_reload=True)
    build(content, cli)
    finish_preview(preview(content, served, pool), pool)
    recs.write_text(edit_title(recs.read_text(encoding="utf-8")), encoding="utf-8")
    phases = {name: 0.0 for name in PHASES}
    originals = {name: getattr(module, attr) for name, (module, attr) in PHASES.items()}

    def timed(name: str):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                phases[name] += time.perf_counter() - t
        return run

    for name, (module, attr) in PHASES.items():
        setattr(module, attr, timed(name))
    load_module._LOADED.clear()  # as in a new `evalsite build` process, whose start-up is timed apart
    phases["start-up"] = startup()
    try:
        t = time.perf_counter()
        built = build(content, cli)
        cli_s = time.perf_counter() - t + phases["start-up"]
    finally:
        for name, (module, attr) in PHASES.items():
            setattr(module, attr, originals[name])
    for step in ("generate", "mkdocs", "search"):  # inside the parallel language jobs: the largest CPU time
        phases[f"of which {step} (CPU)"] = max((report.seconds.get(step, 0.0) for report in built.languages), default=0.0)
    t = time.perf_counter()
    done = preview(content, served, pool)
    shown_s = time.perf_counter() - t
    finish_preview(done, pool)
    return {"incremental_cli_s": cli_s, "incremental_cli_phases": phases, "incremental_serve_s": shown_s,
            "incremental_serve_search_s": time.perf_counter() - t, "incremental_pages": done.pages_changed}


def edit_title(text: str) -> str:
    """The first recommendation's English title, changed."""
    marker = "  title:\n"
    head, _, tail = text.partition(marker)
    lines = tail.split("\n")
    lines = [("    en: Edited for the benchmark" if line.startswith("    en:") and i < 4 else line) for i, line in enumerate(lines)]
    return head + marker + "\n".join(lines)


def work_shares(r: dict) -> tuple[float, float]:
    """The generator's share of the build's work (CPU seconds over all processes: the language jobs
    run in parallel, so their steps overlap in wall time), and Pagefind's share."""
    generator = r["load_s"] + r["generate_work_s"]
    total = generator + r["mkdocs_work_s"] + r["search_work_s"] + r["data_s"]
    return generator / total, r["search_work_s"] / total


def table(results: list[dict]) -> str:
    base = results[0]
    lines = ["| N | pages | load | language jobs (wall) | generate / MkDocs / search (work) | open data | total | "
             "floor (stock MkDocs) | total / page | floor / page | total ÷ floor | per page vs N=10 | generator share | "
             "peak memory (floor) | output | first search loads (nl / fr / en) | index on disk (nl / fr / en) | stock lunr index (nl / fr / en) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        per_page = r["total_s"] / r["pages"] * 1000
        floor_page = r["floor_s"] / r["pages"] * 1000
        base_page = base["total_s"] / base["pages"] * 1000
        lines.append(
            f"| {r['n']} | {r['pages']:,} | {r['load_s']:.1f} s | {r['languages_s']:.1f} s | "
            f"{r['generate_work_s']:.1f} / {r['mkdocs_work_s']:.1f} / {r['search_work_s']:.1f} s | {r['data_s']:.1f} s | "
            f"{r['total_s']:.1f} s | {r['floor_s']:.1f} s | {per_page:.1f} ms | {floor_page:.1f} ms | {per_page / floor_page:.2f} | "
            f"{per_page / base_page:.2f} | {work_shares(r)[0]:.0%} | {r['memory_mb']:,.0f} MB ({r['floor_memory_mb']:,.0f} MB) | "
            f"{r['output_mb']:.0f} MB | "
            + " / ".join(f"{r['search'][lang]['first_search_mb']:.2f}" for lang in LANGS) + " MB | "
            + " / ".join(f"{r['search'][lang]['disk_mb']:.1f}" for lang in LANGS) + " MB | "
            + " / ".join(f"{r['lunr_mb'][lang]:.1f}" for lang in LANGS) + " MB |")
    return "\n".join(lines)


RESULTS = ROOT / "docs" / "benchmark-results.json"
REPORT = ROOT / "docs" / "benchmarks.md"
NOTES = ROOT / "bench" / "notes.md"  # the analysis of the latest figures, written by people, kept beside the table


INTRO = """\
Produced by `make bench` (`bench/run.py`) on the project's machine (2 cores, 24 GiB). Each size is measured in a fresh
process on a synthetic corpus (`bench/corpus.py`) shaped like the bundled seeds: half management responses
(9 recommendations, 1-3 actions each), half full reports (8 recommendations, 90 numbered paragraphs, a table, a
timeline, 4 indicators), texts in three languages. *Load* reads and checks the content into the model in the main
process; then one worker process per language, in parallel, *generates* its Markdown tree and calendar, builds it
with *MkDocs* and indexes it with Pagefind (*search*), while the main process writes the open data. The table
gives the wall time of these language jobs and the work (CPU seconds) of each step summed over the languages.
*Floor* is stock MkDocs + Material (with its own lunr search) building the same Markdown with the same navigation (a
few sections: with MkDocs' default navigation of every page, its cost grows with the square of the pages), without our
theme overrides, on the same three workers. Per-page figures divide by all pages of all languages. *Generator share* is load +
generate over all the work. *Peak memory* is the largest memory in use by all processes at once (proportional set
size, sampled every 0.2 s), for our build and, in brackets, for the floor.
*First search loads*: at most, for a one-word search: the list of the index's parts (a main part and blocks of
evaluations, merged in the browser), Pagefind's script, worker and WebAssembly, each part's entry, metadata and largest
word shard, and the excerpts of one page of results (10).
"""


def held(roles: dict[str, float]) -> str:
    """Who held the peak memory: "main 300 MB, workers 2,100 MB, Pagefind 4,900 MB"."""
    return ", ".join(f"{role} {size:,.0f} MB" for role, size in roles.items()) or "not sampled by role"


def report(results: list[dict]) -> str:
    """docs/benchmarks.md: how it was measured, the table, each target met or missed by how much."""
    largest, hundred, base = results[-1], next((r for r in results if r["n"] == 100), results[-1]), results[0]
    drift = max(abs(r["total_s"] / r["pages"] / (base["total_s"] / base["pages"]) - 1) for r in results)
    large = [r for r in results if r["n"] >= 100]  # the generator's share is judged where pages dominate start-up
    cli, shown, renewed = (hundred.get(key, float("nan")) for key in ("incremental_cli_s", "incremental_serve_s", "incremental_serve_search_s"))
    targets = [
        ("generator share of the build's work ≤ 8% at N=100 and N=1,000", all(work_shares(r)[0] <= 0.08 for r in large),
         ", ".join(f"N={r['n']:,}: {work_shares(r)[0]:.0%}" for r in results) + " of the build's work (Pagefind: "
         + ", ".join(f"{work_shares(r)[1]:.0%}" for r in results) + ")"),
        ("total ÷ stock-MkDocs floor ≤ 1.4 at every N", all(r["total_s"] / r["floor_s"] <= 1.4 for r in results),
         ", ".join(f"N={r['n']:,}: {r['total_s'] / r['floor_s']:.2f}×" for r in results)),
        ("time per page constant within ±20% from N=10 to N=1,000", drift <= 0.2, f"largest drift {drift:.0%}"),
        ("the language builds run in parallel processes", True, "one worker process per language: generation, MkDocs and Pagefind"),
        (f"first search download ≤ 1 MB per language at N={largest['n']:,}", max(v["first_search_mb"] for v in largest["search"].values()) <= 1,
         "a first one-word search loads at most " + " / ".join(f"{v['first_search_mb']:.2f} MB" for v in largest["search"].values())
         + f" ({largest['search']['en'].get('parts', 1)} parts); stock MkDocs loads its whole index: "
         + " / ".join(f"{v:.1f} MB" for v in largest["lunr_mb"].values())),
        (f"peak memory ≤ 3,000 MB at N={largest['n']:,}, all processes", largest["memory_mb"] <= 3000,
         f"{largest['memory_mb']:,.0f} MB, all processes at once ({held(largest.get('memory_held_mb', {}))}); stock MkDocs on the same "
         f"pages: {largest['floor_memory_mb']:,.0f} MB ({held(largest.get('floor_memory_held_mb', {}))})"),
        ("CLI rebuild after one edit at N=100 ≤ 5 s", cli <= 5,
         f"{cli:.1f} s (" + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in hundred.get("incremental_cli_phases", {}).items())
         + f"); {hundred.get('incremental_pages', 0)} generated pages changed"),
        ("`serve` at N=100: edited page shown ≤ 1.5 s, search renewed ≤ 4 s", shown <= 1.5 and renewed <= 4,
         f"shown in {shown:.1f} s, search index renewed at {renewed:.1f} s"),
    ]
    if "explorer" in largest:
        worst = max(max(v["page_kb"], v["index_kb"], v["data_max_kb"]) for v in largest["explorer"].values())
        targets.append((f"explorers: no page or data file over {EXPLORER_LIMIT_KB} KB compressed at N={largest['n']:,}",
                        explorer_within_limit(largest), f"largest {worst:.0f} KB (see the explorers' table)"))
    lines = ["# Build benchmark", "", INTRO,
             table(results), "", "## Targets", "", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {name} | {'yes' if met else '**no**'} | {measured} |" for name, met, measured in targets]
    if "explorer" in largest:
        lines += ["", f"## The explorers at N={largest['n']:,}", "", explorer_table(largest)]
    if NOTES.exists():
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def main() -> int:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        return 0
    if sys.argv[1:2] == ["--explorer"]:  # the explorers' sizes at N, quickly (`bench/run.py --explorer 1000`)
        result = explorer_only(int(sys.argv[2]))
        print(json.dumps(result))
        print(explorer_table(result))
        print(f"every page and data file within {EXPLORER_LIMIT_KB} KB compressed: {explorer_within_limit(result)}")
        return 0
    if sys.argv[1:2] == ["--search"]:  # the search index alone at N, in parts (`bench/run.py --search 1000 [BLOCKS,...]`)
        from bench.search_parts import main as search_main
        return search_main(sys.argv[2:])
    if sys.argv[1:2] == ["--report"]:  # rewrite docs/benchmarks.md from the stored figures
        REPORT.write_text(report(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    results = []
    for n in SIZES:
        started = time.perf_counter()
        output = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"N={n}: {time.perf_counter() - started:.0f} s", json.dumps(results[-1]), flush=True)
    if SIZES != ALL_SIZES:
        print(report(results))  # a quick run: docs/ keeps the full one
        return 0
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    REPORT.write_text(report(results), encoding="utf-8")
    print(REPORT.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
