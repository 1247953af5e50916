"""UI words come from complete gettext catalogs; numbers, dates and names from Babel per locale."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from evalsite import i18n
from evalsite.i18n import Catalogs
from evalsite.model import PartialDate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1.071.840"), ("fr", "1\u202f071\u202f840"), ("en", "1,071,840")])
def test_numbers_use_belgian_and_british_conventions(lang, expected):
    assert i18n.format_number(1071840, lang) == expected


@pytest.mark.parametrize(("lang", "month", "day"), [
    ("nl", "juni 2022", "1 juni 2022"), ("fr", "juin 2022", "1er juin 2022"), ("en", "June 2022", "1 June 2022")])
def test_dates_at_their_precision(lang, month, day):
    assert i18n.format_date(PartialDate(2022), lang) == "2022"
    assert i18n.format_date(PartialDate(2022, 6), lang) == month
    assert i18n.format_date(PartialDate(2022, 6, 1), lang) == day


def test_country_and_language_names():
    assert i18n.country_name("BE", "nl") == "België"
    assert i18n.country_name("BE", "fr") == "Belgique"
    assert i18n.language_name("en", "fr") == "anglais"
    assert [i18n.own_name(code) for code in ("nl", "fr", "en")] == ["Nederlands", "Français", "English"]


def catalog(lang):
    with open(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_catalogs_are_complete(lang):
    untranslated = [m.id for m in catalog(lang) if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))]
    assert untranslated == []


def test_catalogs_hold_every_string_of_the_code(tmp_path):
    """A UI word added to a template without `make catalogs` fails here, not silently in English."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_", "-k", "gettext",
                    "-k", "ngettext:1,2", "-k", "ngettext_pair:1,2", "--no-location", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for lang in ("nl", "fr", "en"):
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
        assert wanted - have == set(), f"run `make catalogs` and translate the new entries in {lang}"


def test_translations_are_used():
    assert Catalogs().translations("nl").gettext("Action plan") == "Actieplan"
    assert Catalogs().translations("fr").ngettext("%(num)d action", "%(num)d actions", 2) == "%(num)d actions"
    assert Catalogs().translations("en").gettext("Action plan") == "Action plan"
