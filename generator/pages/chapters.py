"""A report chapter as a page shows it: each block with its HTML, made through the one converter.

A chapter's paragraphs and prose are converted together (`Converter.footnoted`), so that a footnote
referred to in one paragraph and written in a later block is numbered and linked as in the report;
`[§94]` becomes a link to paragraph 94 wherever it is. Headings and placed tables stay blocks for the
template to draw.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import typography, urls
from ..markup import Converter
from ..model import PARAGRAPH_REFERENCE, Block, Chapter, Evaluation, Paragraph, Prose, Shown

_FOOTNOTE = re.compile(r"^(\[\^[^\]]+\]:[ \t]*)(\S.*)$", re.M)


@dataclass(frozen=True)
class ShownBlock:
    """One block of a chapter, and its HTML when it is text (a paragraph's without its enclosing <p>)."""

    block: Block
    html: Markup = field(default_factory=Markup)
    single: bool = True  # a paragraph that is one <p>: its number and links go inside it


@dataclass(frozen=True)
class ChapterView:
    blocks: tuple[ShownBlock, ...]
    footnotes: Markup
    lang: str  # the language the blocks are in
    fallback: bool  # not translated into the page's language


def chapter_view(chapter: Chapter, ev: Evaluation, lang: str, markup: Converter, link: Callable[[str], str]) -> ChapterView:
    """The blocks a reader of `lang` gets, with their HTML."""
    blocks, shown_lang, fallback = chapter.blocks(lang)
    texts = [_source(block, ev, shown_lang, fallback, link) for block in blocks if isinstance(block, Paragraph | Prose)]
    both = markup.footnoted(texts) if texts else None
    converted = iter(both.blocks if both else ())
    footnotes = both.footnotes if both else Markup("")
    shown = []
    for block in blocks:
        if isinstance(block, Paragraph | Prose):
            html = next(converted)
            inner = _inside_paragraph(html) if isinstance(block, Paragraph) else None
            shown.append(ShownBlock(block, inner if inner is not None else html, inner is not None))
        else:
            shown.append(ShownBlock(block))
    return ChapterView(tuple(shown), footnotes, shown_lang, fallback)


def repeated(text: Shown, ev: Evaluation, markup: Converter, link: Callable[[str], str]) -> Markup:
    """A paragraph's text shown again at a paragraph that repeats it (inline when it is one paragraph)."""
    html = markup.block(references(typography.for_language(text.text, text.lang), ev, link))
    inner = _inside_paragraph(html)
    return inner if inner is not None else html


def references(markdown_text: str, ev: Evaluation, link: Callable[[str], str]) -> str:
    """`[§94]` in a report's Markdown → a Markdown link to paragraph 94 wherever it is (the loader checked it exists)."""
    return PARAGRAPH_REFERENCE.sub(lambda m: f"[§{m[1]}]({link(urls.paragraph(ev, int(m[1])))})", markdown_text)


def _source(block: Paragraph | Prose, ev: Evaluation, lang: str, fallback: bool, link: Callable[[str], str]) -> str:
    text = typography.for_language(block.text, lang)
    if fallback and isinstance(block, Prose):  # footnotes move to the end of the page, out of the fallback's lang element
        text = _FOOTNOTE.sub(lambda m: f'{m[1]}<span lang="{lang}">{m[2]}</span>', text)
    return references(text, ev, link)


def _inside_paragraph(html: Markup) -> Markup | None:
    """The inside of a fragment that is exactly one paragraph; None otherwise (a list, several paragraphs)."""
    match = re.fullmatch(r"<p>(.*)</p>", str(html).strip(), flags=re.S)
    if match and "<p>" not in match[1] and "</p>" not in match[1]:
        return Markup(match[1])
    return Markup("") if not str(html).strip() else None
