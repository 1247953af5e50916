"""The search index in parts (generator/search.py), on small hand-made language folders: which part
a page belongs to, and that a build indexes again only the parts whose pages changed, with the same
result as indexing everything anew."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from evalsite.engines import pagefind as search


def _page(title: str, words: str, searched: bool = True) -> str:
    body = f"<main data-pagefind-body><h1>{title}</h1><p>{words}</p></main>" if searched else f"<main><p>{words}</p></main>"
    return f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>{body}</body></html>'


def _site(root: Path, slugs: list[str], home: bool = True) -> Path:
    """A built language as search sees it: a home page, a list, and two pages per evaluation."""
    site = root / "en"
    (site / "evaluations").mkdir(parents=True)
    (site / "index.html").write_text(_page("Home", "welcome evaluations", searched=home), encoding="utf-8")
    (site / "evaluations" / "index.html").write_text(_page("All evaluations", "list", searched=False), encoding="utf-8")
    (site / "actions").mkdir()
    (site / "actions" / "index.html").write_text(_page("All actions", "table", searched=False), encoding="utf-8")
    for slug in slugs:
        _write_evaluation(site, slug, f"findings of {slug}")
    return site


def _write_evaluation(site: Path, slug: str, words: str) -> None:
    folder = site / "evaluations" / slug
    (folder / "recommendations" / "r1").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(_page(slug, words), encoding="utf-8")
    (folder / "recommendations" / "r1" / "index.html").write_text(_page(f"{slug} r1", f"recommendation {words}"), encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _two_blocks() -> list[str]:
    """Slugs whose blocks differ: two in one block and one in another."""
    slugs = [f"ev-{n}" for n in range(200)]
    first = search.block(slugs[0])
    same = next(slug for slug in slugs[1:] if search.block(slug) == first)
    other = next(slug for slug in slugs[1:] if search.block(slug) != first)
    return [slugs[0], same, other]


def test_an_evaluation_s_block_follows_from_its_slug_alone():
    """A digest of the slug, nothing else: the same block in every build and on every machine."""
    assert [search.block(slug) for slug in ("wsm-2022-2026-midterm", "fos-solsoc-ifsi-2017-2021-final", "ev-1")] == ["b10", "b11", "b11"]
    assert {search.block(f"ev-{n}") for n in range(500)} == {f"b{n:02d}" for n in range(search.BLOCKS)}


def test_pages_outside_evaluations_make_the_main_part_and_each_block_its_own(tmp_path):
    a, b, c = _two_blocks()
    site = _site(tmp_path, [a, b, c])
    parts = search.parts(site)
    assert [part.name for part in parts] == [search.MAIN, *sorted({search.block(a), search.block(c)})]
    assert all(part.searched for part in parts)
    glob = {part.name: part.glob for part in parts}
    assert glob[search.block(a)] == f"evaluations/{{{a},{b}}}/**/*.html"
    assert glob[search.MAIN] == "{*.html,evaluations/*.html,actions/**/*.html}"


def test_a_page_changes_the_digest_of_its_own_part_only(tmp_path):
    a, b, c = _two_blocks()
    site = _site(tmp_path, [a, b, c])
    before = {part.name: part.digest for part in search.parts(site)}
    _write_evaluation(site, b, "an edited text")
    after = {part.name: part.digest for part in search.parts(site)}
    assert [name for name in before if before[name] != after[name]] == [search.block(b)]


def test_an_edit_indexes_its_block_again_and_keeps_the_others(tmp_path):
    a, b, c = _two_blocks()
    site = _site(tmp_path, [a, b, c])
    assert search.index(site) is None
    bundle = search.bundle_of(site)
    assert bundle == tmp_path / "pagefind" / "en"
    first = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    assert first["main"].startswith("main-") and len(first["parts"]) == 2
    kept = {folder: (bundle / folder / "pagefind-entry.json").stat().st_ino for folder in first["parts"]}
    _write_evaluation(site, a, "an edited text")
    assert search.index(site) is None
    second = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    assert second["main"] == first["main"]
    changed = [folder for folder in second["parts"] if folder not in kept]
    assert len(changed) == 1 and changed[0].startswith(search.block(a))
    unchanged = [folder for folder in second["parts"] if folder in kept]
    assert [(bundle / folder / "pagefind-entry.json").stat().st_ino for folder in unchanged] == [kept[f] for f in unchanged]
    assert sorted(path.name for path in bundle.iterdir()) == sorted([search.MANIFEST, second["main"], *second["parts"]])


def test_an_index_made_in_steps_equals_one_made_at_once(tmp_path):
    a, b, c = _two_blocks()
    stepwise = _site(tmp_path / "steps", [a, b])
    assert search.index(stepwise) is None
    _write_evaluation(stepwise, c, f"findings of {c}")  # added
    shutil.rmtree(stepwise / "evaluations" / b)  # removed
    assert search.index(stepwise) is None
    at_once = _site(tmp_path / "once", [a, c])
    assert search.index(at_once) is None
    assert _tree(search.bundle_of(stepwise)) == _tree(search.bundle_of(at_once))


def test_a_removed_evaluation_takes_its_block_with_it(tmp_path):
    a, _, c = _two_blocks()
    site = _site(tmp_path, [a, c])
    assert search.index(site) is None
    shutil.rmtree(site / "evaluations" / c)
    assert search.index(site) is None
    manifest = json.loads((search.bundle_of(site) / search.MANIFEST).read_text(encoding="utf-8"))
    assert [folder.split("-")[0] for folder in manifest["parts"]] == [search.block(a)]
    assert len(list(search.bundle_of(site).iterdir())) == 3  # the manifest, the main part, one block


def test_without_a_searched_page_outside_evaluations_a_block_carries_the_scripts(tmp_path):
    a, _, c = _two_blocks()
    site = _site(tmp_path, [a, c], home=False)
    assert search.index(site) is None
    bundle = search.bundle_of(site)
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    assert (bundle / manifest["main"] / "pagefind.js").is_file() and len(manifest["parts"]) == 1
    entries = [json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
               for folder in [manifest["main"], *manifest["parts"]]]
    assert sum(entry["languages"]["en"]["page_count"] for entry in entries) == 4  # the evaluations' pages, not the home page


def test_nothing_marked_for_search_is_an_error_that_says_so(tmp_path):
    site = _site(tmp_path, [], home=False)
    failure = search.index(site)
    assert failure and "no page is marked for search" in failure
    assert not search.bundle_of(site).exists()


def test_a_failed_part_leaves_the_previous_index(tmp_path, monkeypatch):
    site = _site(tmp_path, ["only"])
    assert search.index(site) is None
    before = _tree(search.bundle_of(site))
    _write_evaluation(site, "only", "changed")
    monkeypatch.setattr(search, "_executable", lambda: "false")  # a Pagefind that fails
    failure = search.index(site)
    assert failure and "Pagefind failed" in failure
    assert _tree(search.bundle_of(site)) == before
