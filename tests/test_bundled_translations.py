"""The bundled report's translations keep the facts: in every numbered paragraph the French and English
versions carry the same numbers as the Dutch original (each written the way its language writes them),
and each version is written in its own language, apart from the words it marks as another's
(`<span lang="..">`). A translation that drops a figure, turns 1.071 into 1071 or 1,071 in the wrong
language, or leaves a paragraph in Dutch fails here, naming the paragraph."""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from evalsite.content.load import load_site
from evalsite.model import Paragraph

from .conftest import CONTENT

LANGS = ("nl", "fr", "en")
# Thousands and decimals as each language writes them: 20.928 and 2,47 in Dutch; 20 928 and 2,47 in French
# (a space, often a no-break one); 20,928 and 2.47 in English.
GROUP = {"nl": r"\.", "fr": r"[ \u00a0\u202f]", "en": ","}
DECIMAL = {"nl": ",", "fr": ",", "en": r"\."}
NOT_A_FIGURE = re.compile(r"\[\^[^\]]+\]|\[§\d+\]|§\d+|https?://\S+|<[^>]+>")  # footnote marks, cross-references, addresses, tags


# Dotted numbers that Dutch cannot read as a figure (its decimals take a comma, its thousands three digits):
# the report's section and annex numbers (3.1.1, annex 5.6) and the name 11.11.11, the same in every language.
DOTTED_NAME = re.compile(r"(?<![\d.,])\d+(?:\.\d{1,2})+(?![\d])")


def figures(text: str, lang: str, names: frozenset[str] = frozenset()) -> Counter:
    """The numbers in a paragraph as values (1071840, 2.47), read the way `lang` writes them; `names` are
    dotted numbers that are not figures (section numbers), taken from the Dutch original."""
    text = NOT_A_FIGURE.sub(" ", text)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\d.,]){re.escape(name)}(?![\d])", " ", text)
    number = re.compile(rf"(?<![\w.,])\d{{1,3}}(?:{GROUP[lang]}\d{{3}})+(?:{DECIMAL[lang]}\d+)?(?!\d)|\d+(?:{DECIMAL[lang]}\d+)?")
    found = Counter()
    for match in number.finditer(text):
        written = re.sub(GROUP[lang], "", match[0]) if re.search(rf"\d{GROUP[lang]}\d{{3}}", match[0]) else match[0]
        found[float(re.sub(DECIMAL[lang], ".", written))] += 1
    return found


@cache
def paragraphs() -> dict[tuple[str, int], dict[str, str]]:
    """Every numbered paragraph of every chapter written in the three languages: (chapter, §) → lang → text."""
    site = load_site(CONTENT)
    found: dict[tuple[str, int], dict[str, str]] = {}
    for ev in site.evaluations:
        for chapter in ev.report.chapters if ev.report else ():
            if set(chapter.versions) != set(LANGS):
                continue
            for lang in LANGS:
                for block in chapter.versions[lang]:
                    if isinstance(block, Paragraph):
                        found.setdefault((f"{ev.slug}/{chapter.id}", block.number), {})[lang] = block.text
    return found


def test_every_chapter_of_the_final_evaluation_is_in_three_languages():
    final = next(ev for ev in load_site(CONTENT).evaluations if ev.slug == "fos-solsoc-ifsi-2017-2021-final")
    assert len(final.report.chapters) == 10
    assert [c.id for c in final.report.chapters if set(c.versions) != set(LANGS)] == []
    numbered = [b.number for c in final.report.chapters for b in c.versions["nl"] if isinstance(b, Paragraph)]
    assert len(numbered) == len(paragraphs()) == 183  # each in three languages


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_translated_paragraph_carries_the_numbers_of_the_original(lang):
    differ = []
    for (chapter, number), texts in sorted(paragraphs().items()):
        if lang not in texts or "nl" not in texts:
            differ.append(f"{chapter} §{number}: missing in {'nl' if 'nl' not in texts else lang}")
            continue
        names = frozenset(DOTTED_NAME.findall(texts["nl"]))
        original, translated = figures(texts["nl"], "nl", names), figures(texts[lang], lang, names)
        if original != translated:
            differ.append(f"{chapter} §{number}: only in nl {sorted((original - translated).elements())}, "
                          f"only in {lang} {sorted((translated - original).elements())}")
    assert differ == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_paragraph_is_written_in_the_language_of_its_page(lang):
    from lingua import Language, LanguageDetectorBuilder

    names = {Language.DUTCH: "nl", Language.FRENCH: "fr", Language.ENGLISH: "en"}
    detector = LanguageDetectorBuilder.from_languages(*names).build()
    marked = re.compile(r'<span lang="[a-z]+">.*?</span>|<[^>]+>|\[\^[^\]]+\]|\[§\d+\]')  # words marked as another language's
    wrong = []
    for (chapter, number), texts in sorted(paragraphs().items()):
        words = marked.sub(" ", texts.get(lang, ""))
        if len(words.split()) < 8:  # too short to tell (a figure, a name)
            continue
        found = names.get(detector.detect_language_of(words))
        if found != lang:
            wrong.append(f"{chapter} §{number}: reads as {found}: {words[:80]}")
    assert wrong == []


def test_the_figures_are_read_the_way_each_language_writes_them():
    assert figures("20.928 deelnemers, 2,47 VTE, [§94] en 2019[^3]", "nl") == Counter({20928: 1, 2.47: 1, 2019: 1})
    assert figures("20\u202f928 participants, 2,47 ETP", "fr") == Counter({20928: 1, 2.47: 1})
    assert figures("20,928 participants, 2.47 FTE, 1, 2 and 3", "en") == Counter({20928: 1, 2.47: 1, 1: 1, 2: 1, 3: 1})
    names = frozenset(DOTTED_NAME.findall("zie 3.1.1 en bijlage 5.6 van 11.11.11, 2,5 en 1.200"))
    assert names == {"3.1.1", "5.6", "11.11.11"}
    assert figures("see 3.1.1 and annex 5.6 of 11.11.11, 2.5 and 1,200", "en", names) == Counter({2.5: 1, 1200: 1})
