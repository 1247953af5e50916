"""The profiles behind the benchmark's figures: `python bench/profiles.py [N]` (default 100).

It builds the synthetic corpus of N evaluations once as `make bench` does, then profiles one language:

1. generate: cProfile of its page generation (`render_language`);
2. engine: cProfile of its MkDocs build through evalsite's plugin (`engines.mkdocs.run`);
3. finish: Pagefind indexing the language from scratch, its CPU time, and what its largest run's
   memory grows with (the pages and indexed words of the largest part).

For 1 and 2, own time is grouped by what runs it (Material's templates, our theme overrides, Jinja's
runtime, Python-Markdown, MkDocs, ...); a built-in's time counts for the code that called it.
"""
from __future__ import annotations

import cProfile
import pstats
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.run import AS_OF, PROJECT, URL  # noqa: E402  (the benchmark's: the same pages as it measures)
from bench.search_parts import index_once  # noqa: E402
from evalsite.build import BuildContext, BuildOptions, build  # noqa: E402
from evalsite.build.settings import make_settings  # noqa: E402
from evalsite.content.load import load_site  # noqa: E402
from evalsite.engines import mkdocs  # noqa: E402
from evalsite.engines import pagefind as search  # noqa: E402
from evalsite.pages.render import render_language  # noqa: E402
from evalsite.paths import TEMPLATES  # noqa: E402

LANG = "en"
GROUPS = {  # the first group with a marker in a function's file name is its group
    "Material's templates": ("/material/templates/",), "our theme overrides": ("/work/theme/", "/theme/partials/", "/theme/main.html"),
    "our page templates": (str(TEMPLATES),), "Jinja runtime": ("/jinja2/",), "Python-Markdown": ("/markdown/",),
    "MkDocs": ("/mkdocs/",), "YAML": ("/yaml/",), "gettext and Babel": ("gettext", "/babel/"),
    "paths and links (posixpath)": ("posixpath", "genericpath"), "regular expressions": ("/re/",),
    "escaping (markupsafe)": ("/markupsafe/",), "HTML parser": ("html/parser",), "our generator": (str(ROOT / "generator"),),
}


def group_of(filename: str) -> str:
    return next((name for name, markers in GROUPS.items() if any(m in filename for m in markers)), "other (collections, pathlib, I/O, ...)")


def report(title: str, profile: cProfile.Profile, top: int = 15) -> None:
    """Own time by group, and the largest single functions."""
    stats = pstats.Stats(profile)
    own: Counter[str] = Counter()
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":  # a built-in (hasattr, str.join, nh3.clean...): its time goes to the code that called it
            for (caller_file, _, _), (_, _, from_caller, _) in callers.items():
                own[group_of(caller_file)] += from_caller
        else:
            own[group_of(filename)] += tottime
    total = sum(own.values())
    print(f"## {title}: {total:.1f} s under cProfile, own time by group\n")
    print("| group | seconds | share |\n|---|---|---|")
    for name, seconds in own.most_common():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    print("\nLargest single functions (own time):\n")
    for (filename, line, function), (_, calls, tottime, _, _) in sorted(
            stats.stats.items(), key=lambda item: -item[1][2])[:top]:  # type: ignore[attr-defined]
        print(f"- {Path(filename).name}:{line} {function}: {tottime:.2f} s, {calls:,} calls")
    print()


def generator_profile(content: Path, work: Path) -> None:
    options = BuildOptions(out_dir=work / "unused", site_url=URL, work_dir=work, as_of=AS_OF, project=PROJECT)
    site = load_site(content)
    settings = make_settings(site, content, BuildContext(options))
    render_language(site, LANG, settings.render)  # once first: the compiled templates are then kept, as in a build's second language
    profile = cProfile.Profile()
    files = profile.runcall(render_language, site, LANG, settings.render)
    report(f"generate: one language ({LANG}, {len(files):,} files)", profile)


def engine_profile(tree: Path, out: Path) -> None:
    profile = cProfile.Profile()
    failure = profile.runcall(mkdocs.run, tree / "mkdocs.yml", out, 0, False)
    assert failure is None, failure
    report(f"engine: MkDocs with evalsite's plugin, one language ({LANG}, {sum(1 for _ in out.rglob('*.html')):,} pages)", profile)


def indexed_words(pages: list[Path]) -> tuple[int, int]:
    """Pages with indexed content and the words in it (text of the `data-pagefind-body` element, roughly)."""
    indexed = words = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start = html.find("data-pagefind-body")
        if start < 0:
            continue
        indexed += 1
        words += len(re.sub(r"<[^>]+>", " ", html[start:html.find("</article>", start)]).split())
    return indexed, words


def pagefind_profile(site_dir: Path) -> None:
    shutil.rmtree(search.bundle_of(site_dir))  # the build's index: made again from scratch, measured
    measured = index_once(site_dir, search.BLOCKS)
    blocks: dict[str, list[Path]] = {}
    for folder in (site_dir / search.EVALUATIONS).iterdir():
        if folder.is_dir():
            blocks.setdefault(search.block(folder.name), []).extend(folder.rglob("*.html"))
    counted = {name: indexed_words(pages) for name, pages in blocks.items()}
    name, (pages, words) = max(counted.items(), key=lambda item: item[1][1])
    total_pages, total_words = indexed_words(list(site_dir.rglob("*.html")))
    print(f"## finish: Pagefind, one language ({site_dir.name}), {len(blocks) + 1} parts\n")
    print(f"- the language: {total_pages:,} pages indexed, {total_words:,} words; indexed in {measured['work_s']:.1f} CPU s "
          f"({measured['wall_s']:.1f} s wall)")
    print(f"- the largest block ({name}): {pages:,} pages, {words:,} words; the largest Pagefind run peaked at "
          f"{measured['largest_mb']:,.0f} MB, {measured['largest_mb'] * 2**20 / words:,.0f} bytes per word of that block")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix=f"profile-{n}-") as tmp:
        base = Path(tmp)
        write_corpus(base / "content", n)
        build(base / "content", BuildOptions(out_dir=base / "site", site_url=URL, work_dir=base / "work", as_of=AS_OF, project=PROJECT))
        print(f"# Profiles at N={n}\n")
        generator_profile(base / "content", base / "work-profile")
        engine_profile(base / "work" / "pages" / LANG, base / "engine" / LANG)
        pagefind_profile(base / "site" / LANG)
    return 0


if __name__ == "__main__":
    sys.exit(main())
