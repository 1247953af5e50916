"""The build benchmark: `make bench` runs it and writes docs/benchmarks.md and docs/benchmark-results.json.

For each corpus size (N synthetic evaluations, `bench/corpus.py`) it runs, in a fresh process, our
build and the floor alternately, `REPEATS` times each, and keeps each figure's median: the machine
has two cores and other work may run beside the benchmark, so that a burst of it slows one run, not
one side of the comparison.

*Ours* is `evalsite.build.build`, the command's own orchestrator, building the corpus from scratch:
load (the main process reads and checks the content), then per language in the worker processes
generate (the page tree), engine (MkDocs with evalsite's plugin) and finish (calendar and Pagefind),
while the main process writes the open data. Each phase is measured apart: its wall time (the time
during which at least one language was in it, from the steps' own clocks) and its CPU time
(summed over the languages, with the programs they ran), and the largest memory in use during it.

*The floor* is stock MkDocs + Material with its lunr search plugin building the tree our build
generated, language by language in three forked processes at once, as ours does: no evalsite
plugin (the front matter's `evalsite: html` means nothing to it, so Python-Markdown converts every
page's HTML as Markdown), no theme overrides, the project's Markdown extensions, our navigation.
Ours and the floor are measured the same way: wall time, CPU time of all processes (the workers and
what they ran, counted once they ended), and peak memory (the proportional set size of the whole
process tree, sampled; a forked worker's shared pages count once).
"""
from __future__ import annotations

import contextlib
import datetime
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from evalsite.build import BuildOptions, build  # noqa: E402
from evalsite.build.project import load_project  # noqa: E402
from evalsite.engines import config as engine_config  # noqa: E402
from evalsite.engines import pagefind as search  # noqa: E402
from evalsite.model import LANGS  # noqa: E402
from evalsite.pages import explorer  # noqa: E402
from evalsite.publish.pool import FORK  # noqa: E402

ALL_SIZES = [10, 100, 1000]
SIZES = [int(n) for n in os.environ["BENCH_SIZES"].split(",")] if "BENCH_SIZES" in os.environ else ALL_SIZES  # fewer: not recorded
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))  # runs of ours and of the floor at each size, alternately
AS_OF = datetime.date(2026, 11, 23)
URL = "http://127.0.0.1:8000/"
PROJECT = load_project(ROOT / "evalsite.yml")  # the repository's project: its mkdocs.yml, as `make build` uses it
SAMPLE_S = 0.25  # how often memory is sampled
PHASES = ("load", "generate", "engine", "finish", "main")  # "main": the main process beside the workers (open data, publishing)
WORKER_STEPS = {"generate": "generate", "engine": "engine", "finish": "finish"}  # phase → the language step it times


class PeakMemory(threading.Thread):
    """The memory in use by this process and all its descendants together, sampled every SAMPLE_S
    while running (getrusage gives each process's own peak, not what is in use at once): the
    samples (time, bytes), the largest, and who held it then (the main process, the workers, the
    programs they run)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []
        self.peak = 0
        self.held: dict[str, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            held = tree_pss(os.getpid())
            total = sum(held.values())
            self.samples.append((time.time(), total))
            if total > self.peak:
                self.peak, self.held = total, held
            if self.done.wait(SAMPLE_S):
                return

    def __enter__(self) -> PeakMemory:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.join()

    def held_mb(self) -> dict[str, float]:
        return {role: size / 2**20 for role, size in sorted(self.held.items())}

    def peak_within(self, spans: list[tuple[float, float]]) -> float:
        """The largest sample (MB) taken while one of `spans` ran (the nearest sample when none was)."""
        inside = [size for at, size in self.samples if any(began <= at <= ended for began, ended in spans)]
        if not inside and self.samples and spans:
            middle = (spans[0][0] + spans[0][1]) / 2
            inside = [min(self.samples, key=lambda sample: abs(sample[0] - middle))[1]]
        return max(inside, default=0) / 2**20


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


def cpu_seconds() -> float:
    """CPU seconds of this process and of every descendant that has ended and been waited for (a
    pool's workers count once the pool has shut down, with the programs they ran)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def measured() -> Iterator[dict[str, Any]]:
    """Wall time, CPU time (all processes) and peak memory of the block, into the dict it yields."""
    found: dict[str, Any] = {}
    cpu, wall = cpu_seconds(), time.perf_counter()
    with PeakMemory() as memory:
        found["memory"] = memory
        yield found
    found["wall_s"], found["cpu_s"] = time.perf_counter() - wall, cpu_seconds() - cpu
    found["peak_mb"], found["held_mb"] = memory.peak / 2**20, memory.held_mb()


@dataclass
class Lines:
    """The build's progress lines (its public `Progress`): when the main process's phases ended, with
    the wall seconds they took and the main process's CPU time then."""

    ended: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # prefix → (time, wall s, process CPU s)

    def phase(self, line: str, seconds: float | None = None, steps: int = 1) -> None:
        for prefix in ("content checked", "open data"):
            if line.startswith(prefix):
                self.ended[prefix] = (time.time(), seconds or 0.0, time.process_time())


def union(spans: list[tuple[float, float]]) -> float:
    """Seconds during which at least one of `spans` ran."""
    total, reach = 0.0, float("-inf")
    for began, ended in sorted(spans):
        if ended > reach:
            total += ended - max(began, reach)
            reach = ended
    return total


def run_ours(content: Path, folder: Path) -> dict[str, Any]:
    """One full build from scratch with the command's orchestrator; figures per phase."""
    options = BuildOptions(out_dir=folder / "site", site_url=URL, work_dir=folder / "work", as_of=AS_OF, project=PROJECT)
    lines = Lines()
    began, process = time.time(), time.process_time()
    with measured() as found:
        built = build(content, options, lines)
    memory: PeakMemory = found.pop("memory")
    load_end, load_wall, load_cpu = lines.ended["content checked"]
    spans = {phase: [(a, b) for report in built.languages for step, a, b in report.spans if step == WORKER_STEPS[phase]]
             for phase in WORKER_STEPS}
    work = {kind: sum(report.seconds.get(kind, 0.0) for report in built.languages) for kind in ("generate", "mkdocs", "calendar", "search")}
    main_cpu = time.process_time() - process
    data_end, data_wall, _ = lines.ended["open data"]
    phases = {
        "load": {"wall_s": load_wall, "cpu_s": load_cpu - process, "peak_mb": memory.peak_within([(began, load_end)])},
        **{phase: {"wall_s": union(spans[phase]), "cpu_s": cpu, "peak_mb": memory.peak_within(spans[phase])}
           for phase, cpu in (("generate", work["generate"]), ("engine", work["mkdocs"]), ("finish", work["calendar"] + work["search"]))},
        "main": {"wall_s": data_wall, "cpu_s": main_cpu - (load_cpu - process), "peak_mb": memory.peak_within([(data_end - data_wall, data_end)])},
    }
    steps = sorted((round(a - began, 2), round(b - began, 2), report.lang, step) for report in built.languages for step, a, b in report.spans)
    return {**found, "phases": phases, "steps": steps, "pages": page_count(options.out_dir)}  # steps: the timeline, seconds from the start


def floor_config(tree: Path, lang: str, target: Path) -> Path:
    """Stock MkDocs + Material with lunr for the tree our build generated for `lang`: our config
    without evalsite's plugin, theme overrides, extra CSS/JS or extra settings, with the search plugin."""
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(tree / engine_config.DOCS)
    config["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    config["plugins"] = [plugin for plugin in config.get("plugins") or () if plugin != engine_config.PLUGIN] + [{"search": {"lang": [lang]}}]
    for key in ("extra", "extra_css", "extra_javascript"):
        config.pop(key, None)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def stock_mkdocs(config_file: str, site_dir: str) -> None:
    """One language built by MkDocs as its own command would: no evalsite code around it."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the Markdown path warns about what it cannot resolve: not measured
    mkdocs_build(load_config(config_file=config_file, site_dir=site_dir))


def run_floor(work: Path, folder: Path) -> dict[str, Any]:
    """Stock MkDocs on the three languages' trees, in three forked processes at once."""
    folder.mkdir(parents=True, exist_ok=True)
    configs = [str(floor_config(work / "pages" / lang, lang, folder / f"{lang}.yml")) for lang in LANGS]
    import mkdocs.commands.build  # noqa: F401 — as the build's pool does: imported before the workers fork

    with measured() as found, ProcessPoolExecutor(max_workers=len(LANGS), mp_context=FORK) as pool:
        list(pool.map(stock_mkdocs, configs, [str(folder / "site" / lang) for lang in LANGS]))
    found.pop("memory")
    return {**found, "pages": page_count(folder / "site"),
            "lunr_mb": {lang: (folder / "site" / lang / "search" / "search_index.json").stat().st_size / 2**20 for lang in LANGS}}


def page_count(site: Path) -> int:
    """HTML pages in the language folders."""
    return sum(1 for lang in LANGS for _ in (site / lang).rglob("*.html"))


def measure(n: int, repeats: int = REPEATS) -> dict[str, Any]:
    """Ours and the floor at N evaluations, alternately, `repeats` times; medians, and each run."""
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    try:
        write_corpus(tmp / "content", n)
        ours: list[dict] = []
        floors: list[dict] = []
        extra: dict[str, Any] = {}
        for rep in range(repeats):
            folder = tmp / f"ours-{rep}"
            ours.append(run_ours(tmp / "content", folder))
            print(f"  N={n} ours {rep + 1}/{repeats}: {ours[-1]['wall_s']:.1f} s wall, {ours[-1]['cpu_s']:.1f} s CPU, "
                  f"{ours[-1]['peak_mb']:,.0f} MB", file=sys.stderr, flush=True)
            floors.append(run_floor(folder / "work", tmp / f"floor-{rep}"))
            print(f"  N={n} floor {rep + 1}/{repeats}: {floors[-1]['wall_s']:.1f} s wall, {floors[-1]['cpu_s']:.1f} s CPU, "
                  f"{floors[-1]['peak_mb']:,.0f} MB", file=sys.stderr, flush=True)
            assert floors[-1]["pages"] == ours[-1]["pages"], (floors[-1]["pages"], ours[-1]["pages"])
            if rep == 0:
                site = folder / "site"
                extra = {"output_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
                         "search": {lang: search_sizes(site / lang) for lang in LANGS}, "explorer": explorer_sizes(site)}
            shutil.rmtree(folder, ignore_errors=True)  # a size of 1,000 writes some 10 GB per run
            shutil.rmtree(tmp / f"floor-{rep}", ignore_errors=True)
        return {"n": n, "repeats": repeats, "pages": ours[0]["pages"], "ours": median_of(ours), "floor": median_of(floors),
                "runs": {"ours": ours, "floor": floors}, **extra, "lunr_mb": floors[0]["lunr_mb"]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def median_of(runs: list[dict]) -> dict:
    """Each number's median over the runs (nested dicts alike)."""
    first = runs[0]
    if isinstance(first, dict):
        return {key: median_of([run[key] for run in runs]) for key in first}
    if isinstance(first, int | float):
        return statistics.median(runs)
    return first


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


def explorer_table(result: dict) -> str:
    """The explorers' sizes as a Markdown table."""
    lines = ["| language / explorer | pages without JavaScript (largest) | index loaded first | one evaluation's data (largest / mean) |",
             "|---|---|---|---|"]
    for key, v in result["explorer"].items():
        lines.append(f"| {key} | {v['pages']} ({v['page_kb']:.0f} KB) | {v['index_kb']:.0f} KB ({v['index_raw_kb']:.0f} KB raw) | "
                     f"{v['data_files']} files ({v['data_max_kb']:.1f} / {v['data_mean_kb']:.1f} KB) |")
    return "\n".join(lines)


def explorer_within_limit(result: dict) -> bool:
    return all(max(v["page_kb"], v["index_kb"], v["data_max_kb"]) <= EXPLORER_LIMIT_KB for v in result["explorer"].values())


def search_sizes(site_dir: Path) -> dict:
    """A language's Pagefind index (a main part and blocks of evaluations) in MB: on disk, and what a
    reader's first one-word search loads at most: the list of parts, Pagefind's script, worker and
    WebAssembly, each part's entry and metadata, the word shards of the costliest word
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
            "first_search_bytes": int(first), "parts": len(folders), "costliest_word": word, "costliest_shards_bytes": shards}


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


def ratio(r: dict, key: str, phase: str | None = None) -> float:
    ours = r["ours"]["phases"][phase][key] if phase else r["ours"][key]
    floor = r["floor"][key]
    return ours / floor


def per_page_ms(r: dict) -> float:
    return r["ours"]["wall_s"] / r["pages"] * 1000


def table(results: list[dict]) -> str:
    """The like-for-like table: each figure of ours beside the floor's, and their ratio."""
    base = results[0]
    lines = ["| N | pages | wall: ours / floor | ÷ | CPU: ours / floor | ÷ | engine wall: ours / floor | ÷ | engine CPU: ours / floor | ÷ | "
             "ms per page (wall): ours / floor | ours per page vs N=10 | peak memory: ours / floor | ÷ | first search (nl / fr / en) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        o, f = r["ours"], r["floor"]
        lines.append(
            f"| {r['n']:,} | {r['pages']:,} | {o['wall_s']:.1f} / {f['wall_s']:.1f} s | **{ratio(r, 'wall_s'):.2f}** | "
            f"{o['cpu_s']:.1f} / {f['cpu_s']:.1f} s | {ratio(r, 'cpu_s'):.2f} | "
            f"{o['phases']['engine']['wall_s']:.1f} / {f['wall_s']:.1f} s | {ratio(r, 'wall_s', 'engine'):.2f} | "
            f"{o['phases']['engine']['cpu_s']:.1f} / {f['cpu_s']:.1f} s | {ratio(r, 'cpu_s', 'engine'):.2f} | "
            f"{per_page_ms(r):.2f} / {f['wall_s'] / r['pages'] * 1000:.2f} | {per_page_ms(r) / per_page_ms(base):.2f} | "
            f"{o['peak_mb']:,.0f} / {f['peak_mb']:,.0f} MB | {ratio(r, 'peak_mb'):.2f} | "
            + " / ".join(f"{r['search'][lang]['first_search_bytes'] / 1e6:.2f}" for lang in LANGS) + " MB |")
    return "\n".join(lines)


PHASE_NAMES = {"load": "load (main process)", "generate": "generate (workers)", "engine": "engine: MkDocs (workers)",
               "finish": "finish: calendar + Pagefind (workers)", "main": "main process beside the workers (open data, publishing)"}


def phase_table(results: list[dict]) -> str:
    """Ours per phase (wall, CPU, peak memory during it) and the floor's one phase, per N."""
    lines = ["| N | phase | wall | CPU | peak memory during it |", "|---|---|---|---|---|"]
    for r in results:
        for phase in PHASES:
            p = r["ours"]["phases"][phase]
            lines.append(f"| {r['n']:,} | {PHASE_NAMES[phase]} | {p['wall_s']:.1f} s | {p['cpu_s']:.1f} s | {p['peak_mb']:,.0f} MB |")
        o, f = r["ours"], r["floor"]
        lines.append(f"| {r['n']:,} | **ours, whole build** | {o['wall_s']:.1f} s | {o['cpu_s']:.1f} s | {o['peak_mb']:,.0f} MB |")
        lines.append(f"| {r['n']:,} | **floor: stock MkDocs + lunr (all of it)** | {f['wall_s']:.1f} s | {f['cpu_s']:.1f} s | {f['peak_mb']:,.0f} MB |")
    return "\n".join(lines)


def search_table(results: list[dict]) -> str:
    lines = ["| N | first search at most (nl / fr / en) | costliest word (nl / fr / en) | index on disk (nl / fr / en) | stock lunr index (nl / fr / en) |",
             "|---|---|---|---|---|"]
    for r in results:
        s = r["search"]
        lines.append(f"| {r['n']:,} | " + " / ".join(f"{s[lang]['first_search_bytes'] / 1e6:.2f}" for lang in LANGS) + " MB | "
                     + " / ".join(f"`{s[lang]['costliest_word']}`" for lang in LANGS) + " | "
                     + " / ".join(f"{s[lang]['disk_mb']:.1f}" for lang in LANGS) + " MB | "
                     + " / ".join(f"{r['lunr_mb'][lang]:.1f}" for lang in LANGS) + " MB |")
    return "\n".join(lines)


RESULTS = ROOT / "docs" / "benchmark-results.json"
REPORT = ROOT / "docs" / "benchmarks.md"
NOTES = ROOT / "bench" / "notes.md"  # the analysis of the latest figures, written by people, kept beside the tables


INTRO = """\
Produced by `make bench` (`bench/run.py`) on the project's machine (2 cores, 24 GiB), where other work may run at
the same time: at each size, our build and the floor run alternately, {repeats} times each, and every figure is the
median of its runs (each run is in docs/benchmark-results.json). Each size is measured in a fresh process on a
synthetic corpus (`bench/corpus.py`) shaped like the bundled content: half management responses, half full reports,
texts in three languages.

*Ours* is evalsite's build from scratch (`evalsite.build.build`, what `evalsite build` runs): the main process loads
and checks the content; then per language, in three worker processes, *generate* writes the page tree (each page a
`.md` file whose body is finished HTML), the *engine* builds it with MkDocs + Material and evalsite's plugin (which
hands each page's HTML to MkDocs as it is), and *finish* writes the calendar and the Pagefind index; the main process
writes the open data meanwhile and publishes the site.

*The floor* is stock MkDocs + Material with its lunr search plugin building the tree evalsite generates, the three
languages at once in three processes as ours: our navigation and the project's Markdown extensions, without
evalsite's plugin (so Python-Markdown converts every page's HTML as Markdown: what stock MkDocs does with these
files), theme overrides or extra CSS/JS. It does less than ours (no generation, no Pagefind, no open data): it is the
cost of building these pages with the stock tools.

Both are measured the same way: *wall* time; *CPU* time of all processes (the workers and the programs they ran);
*peak memory*, the largest proportional set size of the whole process tree at once (sampled every 0.25 s; pages a
forked worker shares count once). A phase's wall time is the time during which at least one language was in it (the
phases of different languages overlap, so they add up to more than the whole), its CPU time is summed over the
languages, and its peak is the largest sample taken while it ran (with what ran beside it). *Pages*: HTML pages of
the three languages (the floor builds the same ones). *First search*: at most, for a one-word search, what the
browser downloads: the list of the index's parts, Pagefind's script, worker and WebAssembly, each part's entry and
metadata, the word shards of the costliest word, and the excerpts of one page of results (10); MB are 10⁶ bytes.
"""


def targets(results: list[dict]) -> list[tuple[str, bool, str]]:
    largest, base = results[-1], results[0]
    drift = max(abs(per_page_ms(r) / per_page_ms(base) - 1) for r in results)
    worst_search = max(v["first_search_bytes"] for v in largest["search"].values()) / 1e6
    found = [
        ("total ÷ floor ≤ 1.2 at every N (wall)", all(ratio(r, "wall_s") <= 1.2 for r in results),
         ", ".join(f"N={r['n']:,}: {ratio(r, 'wall_s'):.2f} (CPU {ratio(r, 'cpu_s'):.2f})" for r in results)),
        (f"peak memory at N={largest['n']:,} ≤ the floor's peak", largest["ours"]["peak_mb"] <= largest["floor"]["peak_mb"],
         f"{largest['ours']['peak_mb']:,.0f} MB against {largest['floor']['peak_mb']:,.0f} MB "
         f"(ours at its peak: {held(largest['ours']['held_mb'])}; the floor: {held(largest['floor']['held_mb'])})"),
        ("time per page within ±20% from N=10 to N=1,000", drift <= 0.2,
         ", ".join(f"N={r['n']:,}: {per_page_ms(r):.2f} ms" for r in results) + f"; largest drift {drift:.0%}"),
        (f"first search ≤ 1 MB per language at N={largest['n']:,}", worst_search <= 1,
         " / ".join(f"{lang} {largest['search'][lang]['first_search_bytes'] / 1e6:.2f} MB" for lang in LANGS)),
    ]
    if "explorer" in largest:
        worst = max(max(v["page_kb"], v["index_kb"], v["data_max_kb"]) for v in largest["explorer"].values())
        found.append((f"explorers: no page or data file over {EXPLORER_LIMIT_KB} KB compressed at N={largest['n']:,}",
                      explorer_within_limit(largest), f"largest {worst:.0f} KB"))
    return found


def held(roles: dict[str, float]) -> str:
    """Who held the peak memory: "main 300 MB, workers 2,100 MB, Pagefind 900 MB"."""
    return ", ".join(f"{role} {size:,.0f} MB" for role, size in roles.items()) or "not sampled by role"


def report(results: list[dict]) -> str:
    """docs/benchmarks.md: how it was measured, the tables, each target met or missed by how much."""
    lines = ["# Build benchmark", "", INTRO.format(repeats=results[0].get("repeats", REPEATS)),
             "## Ours against the floor", "", table(results), "",
             "## Per phase", "", phase_table(results), "",
             "## Search", "", search_table(results), "",
             "## Targets (issue 25)", "", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {name} | {'yes' if met else '**no**'} | {measured} |" for name, met, measured in targets(results)]
    if "explorer" in results[-1]:
        lines += ["", f"## The explorers at N={results[-1]['n']:,}", "", explorer_table(results[-1])]
    if NOTES.exists():
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def run_sizes(sizes: list[int]) -> list[dict]:
    """Each size in a fresh process (`--one N`), so that one size's memory and caches do not weigh on the next."""
    results = []
    for n in sizes:
        started = time.perf_counter()
        output = subprocess.run([sys.executable, __file__, "--one", str(n)], stdout=subprocess.PIPE, text=True, check=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(f"N={n}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return results


def main() -> int:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        return 0
    if sys.argv[1:2] == ["--search"]:  # the search index alone at N, in parts (`bench/run.py --search 1000 [BLOCKS,...]`)
        from bench.search_parts import main as search_main
        return search_main(sys.argv[2:])
    if sys.argv[1:2] == ["--report"]:  # rewrite docs/benchmarks.md from the stored figures (after editing bench/notes.md)
        REPORT.write_text(report(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    results = run_sizes(SIZES)
    if SIZES != ALL_SIZES:
        print(report(results))  # a quick run: docs/ keeps the full one
        return 0
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    REPORT.write_text(report(results), encoding="utf-8")
    print(REPORT.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
