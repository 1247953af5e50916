"""Languages of the site: gettext catalogs for UI words, Babel for numbers, dates and names.

UI strings live only in `locales/<lang>/LC_MESSAGES/messages.po`. The build compiles each catalog in
memory with Babel, so there is no compiled file to forget or to commit. Numbers and dates go through
Babel with the Belgian (nl_BE, fr_BE) and British (en_GB) locales: never `locale.setlocale`.
"""
from __future__ import annotations

import datetime
import io
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


_project_locales: Path | None = None


def use_project_locales(folder: Path | None) -> None:
    """Let the entries of a site project's own catalogs (`folder/<lang>/LC_MESSAGES/messages.po`)
    replace the tool's: an office says a UI word its own way without copying the whole catalog."""
    global _project_locales
    _project_locales = folder


def translations(lang: str, locales_dir: Path = LOCALES) -> Translations:
    """The compiled catalog of `lang`, with the project's entries over the tool's; fuzzy entries
    are left out, as gettext tools do. Compiled again when a catalog file changed (a preview)."""
    return _compiled(lang, tuple((path, path.stat().st_mtime_ns) for path in catalog_files(lang, locales_dir)))


def catalog_files(lang: str, locales_dir: Path = LOCALES) -> tuple[Path, ...]:
    """The catalogs `lang`'s words come from: the tool's, then the site project's, if it has one."""
    files = [locales_dir / lang / "LC_MESSAGES" / "messages.po"]
    if _project_locales and (_project_locales / lang / "LC_MESSAGES" / "messages.po").is_file():
        files.append(_project_locales / lang / "LC_MESSAGES" / "messages.po")
    return tuple(files)


@cache
def _compiled(lang: str, files: tuple[tuple[Path, int], ...]) -> Translations:
    (path, _), *overrides = files
    with open(path, "rb") as po:
        catalog = read_po(po, locale=LOCALE_OF[lang])
    for override, _ in overrides:
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
    return dates.format_date(value.first_day, format="long", locale=locale)


def format_size(size: int, lang: str) -> str:
    """A file's size as a reader compares it: `2.1 MB`, `340 kB` (decimal units, as file managers show them)."""
    if size >= 1_000_000:
        return units.format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale_of(lang))
    return units.format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale_of(lang))


def format_day(value: datetime.date, lang: str) -> str:
    return dates.format_date(value, format="long", locale=locale_of(lang))


def country_name(code: str, lang: str) -> str:
    return locale_of(lang).territories.get(code, code)


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` in language `in_lang`, for use in a sentence: `Engels`, `anglais`."""
    return locale_of(code).get_language_name(LOCALE_OF[in_lang]) or code


def own_name(code: str) -> str:
    """A language's name in itself, as a language switcher shows it: `Nederlands`, `Français`, `English`."""
    name = Locale.parse(code).get_language_name(code) or code
    return name[0].upper() + name[1:]
