"""The tags of recommendations and findings: themes from one established vocabulary kept in
`content/themes.yml` (the OECD-DAC purpose codes, named in nl, fr and en), and countries as ISO 3166
codes, named per language by Babel (CLDR). A tag outside the vocabulary is refused with the closest
one as a suggestion: authors often write a name ("social protection", "Peru") where a code belongs.
"""
from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path

from babel import Locale

from ..errors import Problems
from ..markup import Converter
from ..model import LANGS, Theme, Vocabulary
from .schema import validate
from .sources import check_markup, own_language_text
from .yamlsource import Document, read_yaml

THEMES_FILE = "themes.yml"


@cache
def country_names() -> dict[str, str]:
    """Every ISO 3166 two-letter code, and every name Babel gives one in nl, fr and en (lower case) → its code."""
    names: dict[str, str] = {}
    for lang in LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if re.fullmatch(r"[A-Z]{2}", code):
                names[code] = code
                names.setdefault(name.lower(), code)
    return names


def is_country(code: str) -> bool:
    return re.fullmatch(r"[A-Z]{2}", code) is not None and code in country_names()


def suggest_country(word: str) -> str:
    """' — did you mean 'PE' (Peru)?' for a name or a near miss; '' when nothing is close."""
    names = country_names()
    exact = names.get(word.lower()) or names.get(word.upper())
    if exact:
        return f" — '{word}' is {exact}: write {exact}"
    guess = difflib.get_close_matches(word.lower(), [n for n in names if n.islower() or not n.isupper()], n=1, cutoff=0.75)
    if guess:
        return f" — did you mean {names[guess[0]]} ({guess[0]})?"
    return " — use a two-letter ISO 3166 code such as BE, CD or PE"


def load_vocabulary(content_dir: Path, problems: Problems, markup: Converter) -> Vocabulary | None:
    """The theme vocabulary of `content_dir/themes.yml`; None when the file is missing (no theme may
    then be used) or broken (its problems are reported)."""
    path = content_dir / THEMES_FILE
    if not path.is_file():
        return None
    doc = read_yaml(path, problems)
    if doc is None or validate(doc, "themes", problems):
        return None
    check_markup(doc, markup, problems)
    data = doc.data
    categories = _entries(doc, "categories", problems)
    category_codes = {c.code for c in categories}
    themes = _entries(doc, "themes", problems)
    for i, theme in enumerate(themes):
        if theme.category and theme.category not in category_codes:
            problems.add(doc.path, doc.line(("themes", i, "category")),
                         f"'{theme.category}' is not a category of this vocabulary — add it under categories: or fix the code")
    codes = [t.code for t in (*categories, *themes)]
    for i, code in enumerate(codes):
        if code in codes[:i]:
            problems.add(doc.path, 1, f"the code '{code}' is listed twice — keep one entry per code")
    return Vocabulary(own_language_text(data["name"]), data["source"],
                      tuple(categories), tuple(themes))


def _entries(doc: Document, key: str, problems: Problems) -> list[Theme]:
    entries = []
    for i, item in enumerate(doc.data[key]):
        problems.gap(doc.path, doc.line((key, i, "name")), tuple(lang for lang in LANGS if lang not in item["name"]))
        entries.append(Theme(str(item["code"]), own_language_text(item["name"]), str(item["category"]) if "category" in item else None,
                             own_language_text(item["label"]) if item.get("label") else None))
    return entries


def suggest_theme(word: str, vocabulary: Vocabulary | None) -> str:
    """' — did you mean 16010 (Social protection)?' for a name or a near miss of a code."""
    if vocabulary is None:
        return " — add content/themes.yml, the theme vocabulary, or remove the tag"
    entries = (*vocabulary.categories, *vocabulary.themes)
    names = {name.lower(): t for t in entries for name in t.name.values.values()}
    if word.lower() in names:
        found = names[word.lower()]
        return f" — '{word}' is {found.code}: write \"{found.code}\""
    if word.isdigit():  # a mistyped code: the code that shares the longest start with it, then the nearest number
        same = [t.code for t in entries if len(t.code) == len(word)]
        if same:
            best = min(same, key=lambda code: (-_shared_start(code, word), abs(int(code) - int(word))))
            return f" — did you mean \"{best}\" ({vocabulary.theme(best).name.shown('en').text})?"
    by_name = difflib.get_close_matches(word.lower(), list(names), n=1, cutoff=0.6)
    if by_name:
        found = names[by_name[0]]
        return f" — did you mean \"{found.code}\" ({by_name[0]})?"
    return " — use a code of content/themes.yml (OECD-DAC purpose codes such as \"16010\")"


def _shared_start(a: str, b: str) -> int:
    """How many leading characters two codes share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
