"""Reports: chapters with numbered paragraphs, repeats, references, tables, timelines, framework —
loaded from the fixture, with each class of error reported at its line, and rendered per language."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evalsite.content.load import load_site
from evalsite.errors import ContentError
from evalsite.model import Criterion, PartialDate

from .pages import render_pages

FIXTURE = Path(__file__).parent / "fixtures" / "report"
EV = Path("evaluations/sample-final")


@pytest.fixture
def report_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def test_report_model():
    ev = load_site(FIXTURE).evaluation("sample-final")
    report = ev.report
    assert [c.id for c in report.chapters] == ["summary", "findings"]
    assert report.chapter("findings").numbers == (3, 4, 5, 6)
    assert report.chapter_of(5).id == "findings" and not report.has(7)
    assert report.duplicates_of(2) == (6,)
    assert [r.id for r in ev.recommendations_at(3)] == ["movement-1"]
    assert ev.criteria == (Criterion.EFFECTIVENESS, Criterion.SUSTAINABILITY)
    assert ev.interviews[0].count == 10 and ev.interviews[0].end == PartialDate(2022, 6, 7)
    assert ev.table("tabel-1").rows[0]["orgs"][1].original == "fr"
    story = ev.timeline("story")
    assert [e.date for e in story.events] == [PartialDate(2020, 10), None, PartialDate(2022, 2)]
    assert story.events[2].conflict is not None
    assert ev.questions[0].answered_in == ("findings",)
    assert not ev.has_response


def problems(content: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return [(Path(p.path).name, p.line, p.message) for p in caught.value.problems]


def edit(content: Path, name: str, old: str, new: str) -> int:
    path = content / EV / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_paragraph_number_used_twice(report_content):
    line = edit(report_content, "report/01-findings.nl.md", "§5 Vijfde", "§1 Vijfde")
    assert ("01-findings.nl.md", line, "§1 is already in chapter 'summary' — paragraph numbers are unique in the report") in problems(report_content)


def test_reference_to_a_missing_paragraph(report_content):
    line = edit(report_content, "report/00-summary.nl.md", "[§5]", "[§50]")
    assert ("00-summary.nl.md", line, "[§50] refers to a paragraph that is not in the report — check the number") in problems(report_content)


def test_translation_with_other_paragraphs(report_content):
    edit(report_content, "report/00-summary.en.md", "§2 Second", "Second")
    found = problems(report_content)
    assert any(name == "00-summary.en.md" and "missing: §2" in message for name, _, message in found)


def test_placement_of_an_unknown_table(report_content):
    line = edit(report_content, "report/01-findings.nl.md", "[[table:tabel-1]]", "[[table:tabel-2]]")
    assert ("01-findings.nl.md", line, "there is no table 'tabel-2' in tables.yml — did you mean 'tabel-1'?") in problems(report_content)


def test_repeat_of_a_missing_paragraph(report_content):
    line = edit(report_content, "report/01-findings.nl.md", "§6 = §2", "§6 = §9")
    assert ("01-findings.nl.md", line, "§6 = §9: §9 is not in the report — check the number") in problems(report_content)


def test_chapter_without_title(report_content):
    edit(report_content, "report/00-summary.en.md", "# Summary\n", "")
    assert ("00-summary.en.md", 1, "a chapter starts with its title as a `# ` heading — add one on the first line") in problems(report_content)


def test_badly_named_report_file(report_content):
    (report_content / EV / "report" / "summary.de.md").write_text("# x\n", encoding="utf-8")
    found = problems(report_content)
    assert found[0][0] == "summary.de.md" and "NN-chapter.LANG.md" in found[0][2]


def test_unknown_table_column(report_content):
    line = edit(report_content, "tables.yml", "        campaign: Schone kleren", "        campain: Schone kleren")
    assert ("tables.yml", line, "'campain' is not a column of this table — did you mean 'campaign'?") in problems(report_content)


def test_recommendation_pointing_outside_the_report(report_content):
    line = edit(report_content, "recommendations.yml", "paragraphs: [3, 5]", "paragraphs: [3, 55]")
    assert ("recommendations.yml", line, "§55 is not a paragraph of this evaluation's report — check the number") in problems(report_content)


def test_event_without_date_and_unknown_chapter(report_content):
    line = edit(report_content, "timelines.yml", "      - date: 2020-10\n", "      - paragraphs: [5]\n")
    line2 = edit(report_content, "framework.yml", "answered_in: [findings]", "answered_in: [finding]")
    found = problems(report_content)
    assert ("timelines.yml", line, "this event has no date — give `date:` or, where the source is vague, `date_text:`") in found
    assert ("framework.yml", line2, "'finding' is not a chapter of the report — did you mean 'findings'?") in found


def test_chapter_page_in_a_fallback_language():
    site = load_site(FIXTURE)
    page = render_pages(site, "fr")["evaluations/sample-final/report/findings/index.md"]
    assert "Pas encore traduit\u202f: affiché dans la langue originale (néerlandais)." in page
    assert '<div class="es-chapter" lang="nl">' in page
    assert '<p id="p-3" class="es-para">' in page and '<h2 id="s-3-1">' in page
    assert "<th scope=\"col\">Année</th>" in page and '<span lang="nl">Schone kleren</span>' in page
    assert '<time datetime="2022-02">février 2022</time>' in page
    repeat = page[page.index('<p id="p-6" class="es-para es-para--repeat">'):]
    repeat = repeat[:repeat.index("</p>")]
    assert "Tweede paragraaf" in repeat and '<a class="es-dup-link" href="../summary/#p-2">même texte que le §2</a>' in repeat
    summary = render_pages(site, "en")["evaluations/sample-final/report/summary/index.md"]
    assert '<a href="../findings/#p-5">§5</a>' in summary and "repeated as §6" in summary and "lang=" not in summary.split("---")[2][:200]


def test_built_report_pages(tmp_path):
    from evalsite.build import BuildOptions, build

    from .sitecheck import broken_links, page

    out = tmp_path / "site"
    build(FIXTURE, BuildOptions(out_dir=out, site_url="http://127.0.0.1:9/", work_dir=tmp_path / "work"))
    for lang in ("nl", "fr", "en"):
        ids = page(out / lang / "evaluations/sample-final/report/findings/index.html").ids
        assert {"p-3", "p-4", "p-5", "p-6", "s-3-1", "table-tabel-1", "timeline-story", "eq1"} <= ids
        assert "fn:1" in page(out / lang / "evaluations/sample-final/report/summary/index.html").ids
    assert broken_links(out) == []
