"""The FOS-Solsoc-IFSI final evaluation (seed 004) against the facts of the seed inventory (part B)."""
from __future__ import annotations

from collections import Counter

import pytest

from evalsite.model import Heading, Paragraph

from .sitecheck import page

SLUG = "fos-solsoc-ifsi-2017-2021-final"
LANGS = ("nl", "fr", "en")


@pytest.fixture(scope="module")
def ev(site_model):
    return site_model.evaluation(SLUG)


def test_metadata(ev):
    assert ev.original_language == "nl" and ev.kind == "final"
    assert str(ev.programme.period) == "2017-2021" and ev.programme.donor == "dgd"
    assert set(ev.programme.partners) == {"fos", "solsoc", "ifsi"}
    assert ev.evaluator == ("ace-europe",) and str(ev.date) == "2022-06"
    assert {str(c) for c in ev.criteria} == {"effectiveness", "efficiency", "sustainability"}
    assert not ev.has_response and ev.actions == ()


def test_paragraphs_1_to_224_keep_their_numbers(ev):
    numbers = [n for c in ev.report.chapters for n in c.numbers]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) == set(range(1, 225)) - {109}


def test_empty_paragraph_135_and_repeats_of_the_summary(ev):
    chapter = ev.report.chapter_of(135)
    block = next(b for b in chapter.versions["nl"] if isinstance(b, Paragraph) and b.number == 135)
    assert block.text == ""
    for n in range(8, 48):
        assert ev.report.duplicates_of(n) == (n + 158,)


def test_summary_conclusions_and_stories_in_three_languages(ev):
    for chapter_id in ("summary", "conclusions", "performance-stories"):
        assert set(ev.report.chapter(chapter_id).versions) == set(LANGS), chapter_id


def test_eight_recommendations_in_their_blocks(ev):
    groups = Counter(r.group for r in ev.recommendations)
    assert groups == {"movement": 2, "policy": 3, "efficiency": 2, "other": 1}
    implicit = [r for r in ev.recommendations if r.implicit]
    assert len(implicit) == 1 and set(implicit[0].paragraphs) == {7, 60}
    for rec in ev.recommendations:
        assert rec.paragraphs and set(rec.text.values) == set(LANGS), rec.id
    assert any(link.inferred for rec in ev.recommendations for link in rec.related)


def test_tables_timelines_and_framework(ev):
    assert {"tabel-1", "tabel-2", "tabel-3", "tabel-5", "tabel-8", "tabel-11", "tabel-12", "tabel-13"} <= {t.id for t in ev.tables}
    for table in ev.tables:
        assert all(set(c.label.values) == set(LANGS) for c in table.columns), table.id
        assert set(table.caption.values) == set(LANGS)
    assert {t.id for t in ev.timelines} == {"due-diligence", "global-fund"}
    assert all(e.conflict for t in ev.timelines for e in t.events if e.conflict) and any(
        e.conflict for t in ev.timelines for e in t.events)
    assert [q.id for q in ev.questions] == ["eq1", "eq2", "eq3", "eq4"]


def test_chapter_titles_and_sections(ev):
    sections = [b.anchor for c in ev.report.chapters for b in c.versions["nl"] if isinstance(b, Heading) and b.anchor]
    assert {"s-3-1-1", "s-3-2-1", "s-3-3-2", "s-3-4-2"} <= set(sections)


def test_name_variants_resolve_to_one_registry_entry(site_model):
    owner = {alias: org.id for org in site_model.organisations for alias in org.aliases}
    for alias in ("IFSI/ISVI", "ISVI", "IVSI", "ISFI/IVSI", "IFSIISVI"):
        assert owner[alias] == "ifsi"
    for alias in ("SolSoc", "SOLSOC", "SolSIC"):
        assert owner[alias] == "solsoc"
    assert owner["IAO"] == owner["OIT"] == owner["ILO"] == "ilo"
    assert owner["ABVV"] == owner["FGTB"] == "abvv-fgtb"
    assert owner["CPWW"] == "decent-work-platform"


@pytest.mark.parametrize("lang", LANGS)
def test_every_paragraph_anchor_resolves_on_the_site(built_site, ev, lang):
    for chapter in ev.report.chapters:
        ids = page(built_site / lang / "evaluations" / SLUG / "report" / chapter.id / "index.html").ids
        assert {f"p-{n}" for n in chapter.numbers} <= ids, chapter.id


def test_the_site_says_there_is_no_management_response(built_site):
    html = (built_site / "en" / "evaluations" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "No management response to this evaluation has been published." in html
