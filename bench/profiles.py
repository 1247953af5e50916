"""The profiles behind the benchmark's missed targets: `python bench/profiles.py [N]` (default 100).

1. Where the generator's time goes: cProfile of one language's page generation, own time grouped
   by what runs it (compiled templates, Jinja's runtime, Python-Markdown, gettext, ...); a built-in's
   time counts for the code that called it.
2. What Pagefind's memory grows with: the peak resident size of its largest run when it indexes
   one built language in parts (`search`), against the pages and words of the largest part.
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
from bench.run import AS_OF, URL  # noqa: E402  (the benchmark's: the same pages as it measures)
from bench.search_parts import index_once  # noqa: E402
from evalsite.build import BuildOptions, build  # noqa: E402
from evalsite.content.load import load_site  # noqa: E402
from evalsite.engines import pagefind as search  # noqa: E402
from evalsite.pages import render  # noqa: E402
from evalsite.paths import TEMPLATES  # noqa: E402

GROUPS = {  # the first group with a marker in a function's file name is its group
    "compiled templates": (str(TEMPLATES),), "Jinja runtime": ("/jinja2/",), "Python-Markdown": ("/markdown/",),
    "gettext and Babel": ("gettext", "/babel/"), "paths and links (posixpath)": ("posixpath", "genericpath"),
    "regular expressions": ("/re/",), "calendar (icalendar)": ("/icalendar/",), "escaping (markupsafe)": ("/markupsafe/",),
    "our generator": (str(ROOT / "generator"),),
}


def group_of(filename: str) -> str:
    return next((name for name, markers in GROUPS.items() if any(m in filename for m in markers)), "other (collections, pathlib, ...)")


def generator_profile(content: Path, lang: str) -> None:
    site = load_site(content)
    profile = cProfile.Profile()
    profile.runcall(render.render_language, site, lang, TEMPLATES, URL, AS_OF)
    stats = pstats.Stats(profile)
    own: Counter[str] = Counter()
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":  # a built-in (hasattr, str.join, nh3.clean...): its time goes to the code that called it
            for (caller_file, _, _), (_, _, from_caller, _) in callers.items():
                own[group_of(caller_file)] += from_caller
        else:
            own[group_of(filename)] += tottime
    total = sum(own.values())
    print(f"## Generator: one language ({lang}), {total:.1f} s under cProfile, own time by group\n")
    for name, seconds in own.most_common():
        print(f"- {name}: {seconds:.1f} s ({seconds / total:.0%})")
    print("\nLargest single functions (own time):")
    for (filename, line, function), (_, calls, tottime, _, _) in sorted(
            stats.stats.items(), key=lambda item: -item[1][2])[:12]:  # type: ignore[attr-defined]
        print(f"- {Path(filename).name}:{line} {function}: {tottime:.2f} s, {calls:,} calls")


def indexed_words(pages: list[Path]) -> tuple[int, int]:
    """Pages with indexed content and the words in it (text of the `data-pagefind-body` element)."""
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
    print(f"\n## Pagefind: one language ({site_dir.name}), {len(blocks) + 1} parts\n")
    print(f"- the language: {total_pages:,} pages indexed, {total_words:,} words; indexed in {measured['work_s']:.1f} CPU s")
    print(f"- the largest block ({name}): {pages:,} pages, {words:,} words; the largest Pagefind run peaked at "
          f"{measured['largest_mb']:,.0f} MB, {measured['largest_mb'] * 2**20 / words:,.0f} bytes per word of that block")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix=f"profile-{n}-") as tmp:
        content = Path(tmp) / "content"
        write_corpus(content, n)
        print(f"# Profiles at N={n}\n")
        generator_profile(content, "en")
        build(content, BuildOptions(out_dir=Path(tmp) / "site", site_url=URL, work_dir=Path(tmp) / "work", as_of=AS_OF))
        pagefind_profile(Path(tmp) / "site" / "en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
