"""Languages of the site: gettext catalogs for UI words, Babel for numbers, dates and names.

UI strings live only in `locales/<lang>/LC_MESSAGES/messages.po`. The build compiles each catalog in
memory with Babel, so there is no compiled file to forget or to commit. Numbers and dates go through
Babel with the Belgian (nl_BE, fr_BE) and British (en_GB) locales: never `locale.setlocale`.
"""
from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers, units
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .model import LANGS, PartialDate
from .paths import LOCALES

LOCALE_OF = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}
assert set(LOCALE_OF) == set(LANGS)


class Catalogs:
    """The UI words of every language: the tool's catalogs, with a site project's own entries
    (`locales/<lang>/LC_MESSAGES/messages.po` in the project) over them, so that an office says a UI
    word its own way without copying the whole catalog. Each language is compiled once per version
    of its files (a preview compiles again after a catalog is edited); fuzzy entries are left out,
    as gettext tools do. Workers receive it pickled, without its compiled catalogs."""

    def __init__(self, project_locales: Path | None = None, tool_locales: Path = LOCALES):
        self.project_locales, self.tool_locales = project_locales, tool_locales
        self._compiled: dict[tuple[str, tuple[tuple[Path, int], ...]], Translations] = {}

    def __getstate__(self) -> dict:
        return {"project_locales": self.project_locales, "tool_locales": self.tool_locales, "_compiled": {}}

    def files(self, lang: str) -> tuple[Path, ...]:
        """The catalogs `lang`'s words come from: the tool's, then the site project's, if it has one."""
        files = [self.tool_locales / lang / "LC_MESSAGES" / "messages.po"]
        if self.project_locales and (self.project_locales / lang / "LC_MESSAGES" / "messages.po").is_file():
            files.append(self.project_locales / lang / "LC_MESSAGES" / "messages.po")
        return tuple(files)

    def translations(self, lang: str) -> Translations:
        """The compiled catalog of `lang`, with the project's entries over the tool's."""
        key = (lang, tuple((path, path.stat().st_mtime_ns) for path in self.files(lang)))
        if key not in self._compiled:
            self._compiled = {k: v for k, v in self._compiled.items() if k[0] != lang}  # an older version of the files
            self._compiled[key] = _compile(lang, self.files(lang))
        return self._compiled[key]

    def gettext(self, lang: str) -> Callable[[str], str]:
        return self.translations(lang).gettext

    def digest(self, lang: str) -> str:
        """A digest of `lang`'s catalog files: what templates compiled with its words depend on."""
        return hashlib.sha256(b"".join(path.read_bytes() for path in self.files(lang))).hexdigest()[:16]


def _compile(lang: str, files: tuple[Path, ...]) -> Translations:
    path, *overrides = files
    with open(path, "rb") as po:
        catalog = read_po(po, locale=LOCALE_OF[lang])
    for override in overrides:
        with open(override, "rb") as po:
            for message in read_po(po, locale=LOCALE_OF[lang]):
                if message.id and message.string and not message.fuzzy:
                    current = catalog.get(message.id, message.context)
                    if current:  # Catalog's own item assignment would merge, keeping the tool's words
                        current.string = message.string
                        current.flags.discard("fuzzy")
                    else:
                        catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


@cache
def locale_of(lang: str) -> Locale:
    """Babel's locale for a language of the site (`nl_BE`, `fr_BE`, `en_GB`), or for any language code:
    parsed once, where a locale given by name is parsed again at every date or number."""
    return Locale.parse(LOCALE_OF.get(lang, lang))


def format_number(value: int | float, lang: str) -> str:
    return numbers.format_decimal(value, locale=locale_of(lang))


def format_percent(value: float, lang: str) -> str:
    return numbers.format_percent(value, locale=locale_of(lang))


def format_date(value: PartialDate, lang: str) -> str:
    """A date at the precision it is known, never more: `2022`, `2nd quarter 2022`, `June 2022` or
    `1 June 2022`, in the reader's language (`2e kwartaal 2022`, `2e trimestre 2022`)."""
    locale = locale_of(lang)
    skeleton = {"year": "y", "quarter": "yQQQQ", "month": "yMMMM"}.get(value.precision)
    if skeleton:
        return dates.format_skeleton(skeleton, value.first_day, locale=locale)
    return format_day(value.first_day, lang)


def format_size(size: int, lang: str) -> str:
    """A file's size as a reader compares it: `2.1 MB`, `340 kB` (decimal units, as file managers show them)."""
    if size >= 1_000_000:
        return units.format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale_of(lang))
    return units.format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale_of(lang))


def format_day(value: datetime.date, lang: str) -> str:
    """A day in full: `1 December 2026`, `1 december 2026`; French writes the first of a month `1er` (CLDR does not)."""
    words = dates.format_date(value, format="long", locale=locale_of(lang))
    return "1er" + words[1:] if lang == "fr" and value.day == 1 and words.startswith("1 ") else words


def country_name(code: str, lang: str) -> str:
    return locale_of(lang).territories.get(code, code)


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` in language `in_lang`, for use in a sentence: `Engels`, `anglais`."""
    return locale_of(code).get_language_name(LOCALE_OF[in_lang]) or code


def own_name(code: str) -> str:
    """A language's name in itself, as a language switcher shows it: `Nederlands`, `Français`, `English`."""
    name = Locale.parse(code).get_language_name(code) or code
    return name[0].upper() + name[1:]
