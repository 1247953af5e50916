"""The engines' two ways through a generated page (generator/engines/plugin.py).

Every generated page is a `.md` file whose body is finished HTML. With evalsite's plugin (the hook
path, what `evalsite build` runs) MkDocs takes that body as the page's content; without it (the
Markdown path: stock MkDocs, and what Zensical does) Python-Markdown converts the same file with the
project's Markdown extensions and leaves its HTML blocks as they are. Both must give the same pages,
or the plugin would change the site rather than its cost: here every page of the bundled content and
of a synthetic corpus is built both ways and compared.

They are the same up to whitespace between block-level tags, which HTML does not show: Python-Markdown
takes each top-level HTML element out of the text and puts them back one per line, so it drops the blank
lines between blocks and starts a block written right after another's end tag on a line of its own
(`</h2><p>` becomes `</h2>\\n<p>`). Inside an element nothing moves; `<pre>` is compared as it is.
"""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from evalsite.engines import config as engine_config
from evalsite.engines import mkdocs

LANGS = ("nl", "fr", "en")
BLOCK_TAGS = ("address|article|aside|blockquote|body|br|button|caption|col|colgroup|dd|details|dialog|div|dl|dt|figcaption|figure|"
              "footer|form|h[1-6]|head|header|hr|html|img|input|label|li|link|main|meta|nav|noscript|ol|p|path|script|section|select|"
              "style|summary|svg|table|tbody|td|template|textarea|tfoot|th|thead|title|tr|ul")
_AROUND_BLOCK_TAG = re.compile(rf"\s*(</?(?:{BLOCK_TAGS})\b[^>]*>)\s*", re.I)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)


def normalised(html: str) -> str:
    """A page with the whitespace HTML ignores taken out: runs of whitespace made one space, none
    beside a block-level tag; `<pre>` elements as they are. One tag per line, for readable diffs."""
    pieces = _PRE.split(html)
    return "".join(piece if n % 2 else _AROUND_BLOCK_TAG.sub(r"\1", re.sub(r"\s+", " ", piece)) for n, piece in enumerate(pieces)).replace("><", ">\n<")


def markdown_path(tree: Path, site_dir: Path) -> None:
    """Build a generated language tree (`build/pages/<lang>`) with evalsite's plugin left out of its config."""
    config = yaml.safe_load((tree / engine_config.CONFIG_NAME).read_text(encoding="utf-8"))
    assert engine_config.PLUGIN in config["plugins"]
    config["plugins"] = [plugin for plugin in config["plugins"] if plugin != engine_config.PLUGIN]
    config["docs_dir"] = str(tree / config["docs_dir"])
    config["theme"]["custom_dir"] = str((tree / config["theme"]["custom_dir"]).resolve())
    config_file = site_dir.parent / f"{site_dir.name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert mkdocs.run(config_file, site_dir, 0, dirty=False) is None


def differences(hook: Path, markdown_site: Path) -> tuple[int, int, list[str]]:
    """Pages compared, pages whose bytes differ, and the pages that differ once normalised (with their first differing line)."""
    pages = sorted(path.relative_to(hook) for path in hook.rglob("*.html"))
    assert pages == sorted(path.relative_to(markdown_site) for path in markdown_site.rglob("*.html"))
    differing, different = 0, []
    for page in pages:
        ours, theirs = (hook / page).read_text(encoding="utf-8"), (markdown_site / page).read_text(encoding="utf-8")
        differing += ours != theirs
        a, b = normalised(ours).split("\n"), normalised(theirs).split("\n")
        if a != b:
            line = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            different.append(f"{page}: {a[line] if line < len(a) else '(end)'!r} ≠ {b[line] if line < len(b) else '(end)'!r}")
    return len(pages), differing, different


def _compare(site: Path, tmp_path: Path, lang: str) -> None:
    work = site.parent / "work"
    markdown_path(work / "pages" / lang, tmp_path / lang)
    pages, differing, different = differences(site / lang, tmp_path / lang)
    assert different == [], f"{len(different)} of {pages} pages differ beyond whitespace:\n" + "\n".join(different[:10])
    assert differing > pages // 2  # two different paths were compared: Markdown rewrites the whitespace of most pages


@pytest.mark.parametrize("lang", LANGS)
def test_the_plugin_gives_the_markdown_path_s_html_on_every_bundled_page(built_site, tmp_path, lang):
    _compare(built_site, tmp_path, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_plugin_gives_the_markdown_path_s_html_on_a_synthetic_corpus(synthetic_site, tmp_path, lang):
    _compare(synthetic_site, tmp_path, lang)


def test_with_the_plugin_python_markdown_converts_no_page(synthetic_site, tmp_path, monkeypatch):
    """The hook path's point: MkDocs hands no generated page to Python-Markdown (the Markdown path converts each)."""
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source[:40])
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    tree = synthetic_site.parent / "work" / "pages" / "en"
    config = yaml.safe_load((tree / engine_config.CONFIG_NAME).read_text(encoding="utf-8"))
    config.update(docs_dir=str(tree / config["docs_dir"]))
    config["theme"]["custom_dir"] = str((tree / config["theme"]["custom_dir"]).resolve())
    (tmp_path / "hook.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert mkdocs.run(tmp_path / "hook.yml", tmp_path / "hook", 0, dirty=False) is None
    pages = sum(1 for _ in (tmp_path / "hook").rglob("*.html"))
    assert pages > 100
    assert converted == []
    markdown_path(tree, tmp_path / "markdown")
    assert len(converted) >= pages - 1  # every page but the 404 page, which MkDocs makes without a source
