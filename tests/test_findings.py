"""Findings as entities, checked against the source documents: the FOS-Solsoc-IFSI conclusions
§166-§205 with their criteria, ratings, paragraphs and links to the recommendations (counts and links
as the seed inventory gives them), the WSM findings its management response names, the theme
vocabulary, the loader's messages, and the facts mended after a review against the sources."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from evalsite import urls
from evalsite.model import LANGS, Criterion, FindingKind, FindingLinkType, Text

from .conftest import CONTENT
from .pages import render_pages
from .test_errors import edit, problems

FINAL = "fos-solsoc-ifsi-2017-2021-final"
WSM = "wsm-2022-2026-midterm"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REPORT_SEED = SEEDS / "004_c9b04d0dd807bbd4.txt"
RESPONSE_SEED = SEEDS / "000_a9143a9a92d72bc5.txt"


def _seed(path: Path) -> str:
    """A source document's text; the test that reads it is skipped, and says why, where it is not beside the repository."""
    if not path.exists():
        pytest.skip(f"the source document {path.name} is not in {SEEDS}")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def report_seed() -> str:
    return _seed(REPORT_SEED)


@pytest.fixture
def response_seed() -> str:
    return _seed(RESPONSE_SEED)

# Chapter 4 of the report (§166-§205), block by block, as the source's run-in heads divide it.
BLOCKS = {"movement": range(167, 179), "policy": range(184, 188), "efficiency": range(196, 203), "sustainability": range(204, 206)}
CRITERION = {"movement": Criterion.EFFECTIVENESS, "policy": Criterion.EFFECTIVENESS, "efficiency": Criterion.EFFICIENCY,
             "sustainability": Criterion.SUSTAINABILITY}
INTRODUCTIONS = {166, 179, 183, 188}  # "what follows are the conclusions", and the lead-ins to conclusions and recommendations
RECOMMENDATION_BLOCK = {"movement-1": "movement", "movement-2": "movement", "policy-1": "policy", "policy-2": "policy",
                        "policy-3": "policy", "efficiency-1": "efficiency", "efficiency-2": "efficiency"}
# The report's later references to "the recommendations under effectiveness" that name none (inventory B.4).
INFERRED = {("policy-3", "c201"), ("policy-1", "c205"), ("policy-3", "c205"), ("movement-1", "c204"), ("movement-2", "c204")}
# What the recommendations said they rested on before findings existed (`based_on`): every one still linked.
OLD_BASED_ON = {"movement-1": [168, 169, 170, 173, 176, 178], "movement-2": [171, 172, 176, 177, 178], "policy-1": [184, 186, 187],
                "policy-2": [184], "policy-3": [184, 187], "efficiency-1": [199, 200], "efficiency-2": [198, 199]}


@pytest.fixture(scope="module")
def final(site_model):
    return site_model.evaluation(FINAL)


def test_every_conclusion_paragraph_is_a_finding_of_its_block(final):
    conclusions = [f for f in final.findings if f.kind == FindingKind.CONCLUSION]
    assert len(conclusions) == 24 and len(final.findings) == 26
    stated = {n for f in conclusions for n in f.paragraphs if n >= 166}
    in_recommendations = {n for rec in final.recommendations for n in rec.paragraphs if 166 <= n <= 205}
    assert stated | in_recommendations | INTRODUCTIONS == set(range(166, 206))  # every paragraph of chapter 4 accounted for
    assert not stated & (in_recommendations | INTRODUCTIONS)
    for f in conclusions:
        chapter_four = [n for n in f.paragraphs if n >= 166]
        assert sorted(f.paragraphs) == sorted(chapter_four + [n - 158 for n in chapter_four])  # and its summary twin §n-158
        block = next(name for name, numbers in BLOCKS.items() if all(n in numbers for n in chapter_four))
        assert (f.group, f.criterion) == (block, CRITERION[block])
        assert f.id == f"c{max(chapter_four)}"


def test_every_finding_has_its_text_in_three_languages(site_model):
    for ev in site_model.evaluations:
        for f in ev.findings:
            assert all(set(text.values) == set(LANGS) for text in (f.title, f.text)), f.id
            assert all(text.values[lang].strip() for text in (f.title, f.text) for lang in LANGS)


def test_the_two_rated_cases_carry_the_reports_ratings_on_tabel_2_and_3(final):
    scales = {s.id: s for s in final.scales}
    assert {s.table for s in scales.values()} == {"tabel-2", "tabel-3"}
    for scale in scales.values():
        assert [level.id for level in scale.levels] == ["high", "medium", "low"]  # Hoog, Medium, Laag
        assert [level.label.values["nl"] for level in scale.levels] == ["Hoog", "Medium", "Laag"]
    rated = {f.id: {(r.scale, r.level) for r in f.ratings} for f in final.findings if f.ratings}
    assert rated == {"case-due-diligence": {("importance", "medium"), ("contribution", "medium")},
                     "case-global-fund": {("importance", "medium"), ("contribution", "medium")}}
    assert final.finding("case-global-fund").paragraphs == (108, 110)


def test_the_ratings_are_those_the_report_writes(report_seed):
    assert "Bijdrage FOS en Solsoc (medium)" in report_seed and "110 Bijdrage FOS, Solsoc, ISVI (medium)" in report_seed
    assert len(re.findall(r"Belang voor\s+Waardig Werk \(medium\)", report_seed)) == 2


def test_recommendations_rest_on_the_conclusions_the_report_places_them_after(final):
    block_of = {f.id: f.group for f in final.findings if f.kind == FindingKind.CONCLUSION}
    for rec in final.recommendations:
        stated = {link.finding for link in rec.findings if not link.inferred}
        inferred = {(rec.id, link.finding) for link in rec.findings if link.inferred}
        if rec.id in RECOMMENDATION_BLOCK:
            assert stated == {f for f, block in block_of.items() if block == RECOMMENDATION_BLOCK[rec.id]}, rec.id
        else:
            assert not stated  # the implicit recommendation stands in the limitations, not after a conclusion
        assert inferred == {pair for pair in INFERRED if pair[0] == rec.id}
        assert all(link.type == FindingLinkType.RESTS_ON for link in rec.findings)
        assert all(link.note and set(link.note.values) == set(LANGS) for link in rec.findings if link.inferred)


def test_every_paragraph_a_recommendation_rested_on_is_still_linked(site_model, final):
    files = render_pages(site_model, "en", "http://example.org/", datetime.date(2026, 11, 23))
    for rec_id, numbers in OLD_BASED_ON.items():
        rec = final.recommendation(rec_id)
        linked = {n for link in rec.findings for n in final.finding(link.finding).paragraphs}
        page = files[urls.source_file(urls.recommendation(final, rec))]
        for number in numbers:
            if number == 177:  # the Wavemakers analysis of §177-§178 is one finding
                assert 177 in linked
            assert number in linked, (rec_id, number)
            assert urls.relative(urls.paragraph(final, number), urls.recommendation(final, rec)) in page


def test_finding_pages_scorecard_and_links_both_ways(site_model, final):
    for lang in LANGS:
        files = render_pages(site_model, lang, "http://example.org/", datetime.date(2026, 11, 23))
        for f in final.findings:
            assert urls.source_file(urls.finding(final, f)) in files  # the same address in every language
        overview = files[urls.source_file(urls.evaluation(final))]
        assert '<table>\n<caption>' in overview and '<th scope="row">' in overview and 'es-rating-marks" aria-hidden="true"' in overview
        page = files[urls.source_file(urls.finding(final, final.finding("c201")))]
        assert "../../recommendations/policy-3/" in page and "efficiency-1" not in page.split("<h2")[0]
        rec_page = files[urls.source_file(urls.recommendation(final, final.recommendation("policy-3")))]
        assert "../../findings/c201/" in rec_page and 'es-basis--inferred' in rec_page and 'es-basis--stated' in rec_page


def test_wsm_findings_are_those_its_management_response_names(site_model):
    wsm = site_model.evaluation(WSM)
    assert [f.id for f in wsm.findings] == ["assumption-confirmed", "counterweight", "shrinking-space", "success-stories",
                                            "capacity-strategy", "agenda-setting"]
    assert all(f.source and not f.paragraphs and f.criterion is None for f in wsm.findings)  # the response gives neither
    links = {(rec.id, link.finding, link.type.value, link.inferred) for rec in wsm.recommendations for link in rec.findings}
    assert links == {("r1", "counterweight", "rests-on", False), ("r1", "shrinking-space", "cited-in-response", False),
                     ("r1", "success-stories", "cited-in-response", False), ("r2", "capacity-strategy", "rests-on", False),
                     ("r2", "agenda-setting", "cited-in-response", False), ("r4", "shrinking-space", "cited-in-response", False)}


def test_the_findings_the_management_response_names_are_in_it(response_seed):
    for phrase in ("As this report has shown", "chapter 8 on the success stories", "validation of the joint programme's assumption",
                   "the worsened shrinking civic space underlined by the midterm evaluation", "One of the strategies of CSOs",
                   "examples put forward in the FocusUp midterm evaluation"):
        assert phrase in response_seed


def test_theme_vocabulary_is_complete_and_trilingual(site_model):
    vocabulary = site_model.themes
    assert len(vocabulary.themes) == 295 and len(vocabulary.categories) == 42  # every active DAC 5-digit code and its category
    codes = [t.code for t in (*vocabulary.categories, *vocabulary.themes)]
    assert len(codes) == len(set(codes))
    assert all(set(t.name.values) == set(LANGS) for t in (*vocabulary.categories, *vocabulary.themes))
    assert all(re.fullmatch(r"\d{5}", t.code) and t.category == t.code[:3] for t in vocabulary.themes)
    assert vocabulary.theme("16010").name.values == {"nl": "Sociale bescherming", "fr": "Protection sociale", "en": "Social Protection"}


def test_every_recommendation_and_finding_is_tagged_from_the_vocabulary(site_model):
    for ev in site_model.evaluations:
        for item in (*ev.recommendations, *ev.findings):
            assert all(site_model.themes.has(code) for code in item.themes)
        assert all(rec.themes for rec in ev.recommendations)


@pytest.mark.parametrize(("where", "old", "new", "message"), [
    ("recommendations.yml", 'themes: ["16080"]', 'themes: ["social dialogue"]',
     "'social dialogue' is not a theme of the vocabulary — 'social dialogue' is 16080: write \"16080\""),
    ("recommendations.yml", 'themes: ["16080"]', 'themes: ["16081"]', "'16081' is not a theme of the vocabulary — did you mean \"16080\""),
    ("recommendations.yml", 'themes: ["16080"]', 'countries: [Peru]', "'Peru' is not an ISO 3166 country code — 'Peru' is PE: write PE"),
    ("recommendations.yml", '  - id: r5\n', '  - id: r5\n    findings: [shrinking-spaces]\n',
     "'shrinking-spaces' is not a finding of this evaluation — did you mean 'shrinking-space'?"),
    ("recommendations.yml", '  - id: r5\n', '  - id: r5\n    repeats: [nowhere-2020/r1]\n', "there is no evaluation 'nowhere-2020'"),
    ("recommendations.yml", '  - id: r5\n', '  - id: r5\n    repeats: [wsm-2022-2026-midterm/r1]\n', "is in this same evaluation"),
    ("recommendations.yml", '  - id: r5\n', '  - id: r5\n    repeats: [fos-solsoc-ifsi-2017-2021-final/policy-9]\n',
     "'policy-9' is not a recommendation of fos-solsoc-ifsi-2017-2021-final — did you mean 'policy-"),
    ("findings.yml", "  - id: agenda-setting\n", "  - id: agenda-setting\n    ratings: {importance: high}\n",
     "'importance' is not a scale defined under scales:"),
])
def test_wrong_tags_and_links_are_refused_with_a_suggestion(content, where, old, new, message):
    edit(content, Path("evaluations") / WSM / where, old, new)
    found = [m for _, _, m in problems(content)]
    assert any(message in m for m in found), found


def test_based_on_is_gone_and_a_broken_findings_file_says_only_why(content):
    edit(content, Path("evaluations") / FINAL / "recommendations.yml", "    findings:\n      - c167\n", "    based_on: [167]\n    findings:\n      - c167\n")
    assert any("unknown key 'based_on'" in m for _, _, m in problems(content))
    edit(content, Path("evaluations") / FINAL / "findings.yml", "  - id: c167\n", "  - id: c167\n  bad: [\n")
    found = problems(content)
    assert all(name == "findings.yml" or "based_on" in message for name, _, message in found), found


def test_a_finding_cited_in_a_response_needs_one(content):
    edit(content, Path("evaluations") / FINAL / "recommendations.yml", "      - c167\n", "      - {to: c167, type: cited-in-response}\n")
    assert any("cited-in-response needs a management response" in m for _, _, m in problems(content))


# --- Facts mended after a review against the sources ----------------------------------------------


def test_acv_csci_is_its_own_unit_not_merged_with_acv_csc(site_model):
    csci, csc = site_model.organisation("acv-csci"), site_model.organisation("acv-csc")
    assert csci.part_of == "acv-csc" and "ACV-CSCi" in csci.aliases and "ACV-CSCi" not in csc.aliases
    wsm = site_model.evaluation(WSM)
    for action_id in ("9.1", "9.2"):
        assert "acv-csci" in wsm.entity(action_id).in_charge and "acv-csc" not in wsm.entity(action_id).in_charge
    assert "acv-csci" in wsm.programme.partners


def test_the_management_response_puts_acv_csci_in_charge_of_9_1_and_9_2(response_seed):
    rows = [line for line in response_seed.splitlines() if line.startswith(("9.1 ", "9.2 "))]
    assert len(rows) == 2 and all(row.rstrip().endswith("ACV-CSCi") for row in rows)


def test_insp_r_will_set_up_a_monitoring_unit(site_model):
    english = site_model.evaluation(WSM).entity("8.1").text.values["en"]
    assert "INSP!R will set up a unit" in english and "plans" not in english


def test_no_commissioner_where_the_sources_name_none(site_model):
    assert all(ev.commissioner == () for ev in site_model.evaluations)
    files = render_pages(site_model, "en", "http://example.org/", datetime.date(2026, 11, 23))
    assert all("Commissioned by" not in files[urls.source_file(urls.evaluation(ev))] for ev in site_model.evaluations)


def test_ifsi_is_named_as_its_own_publications_name_it(site_model):
    ifsi = site_model.organisation("ifsi")
    assert ifsi.name.values["fr"] == "Institut de formation syndicale internationale (IFSI)"
    assert ifsi.name.values["nl"] == "Internationaal Syndicaal Vormingsinstituut (ISVI)"
    registry = (CONTENT / "organisations.yml").read_text(encoding="utf-8")
    assert "https://issuu.com/fgtb/docs/rapport_ifsi_2015_fr_def" in registry  # the source, beside the entry


def _texts(site_model, lang: str) -> list[str]:
    """Every text in `lang`: the model's language maps and the report's chapters."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, Text):
            found.append(value.values.get(lang, ""))
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(site_model.evaluations)
    found += [p.read_text(encoding="utf-8") for p in CONTENT.rglob(f"*.{lang}.md")]
    return found


def test_french_texts_name_the_ituc_la_csi(site_model):
    assert not [t for t in _texts(site_model, "fr") if re.search(r"\b[lL]'ITUC\b", t)]


def test_centrales_are_sectoral_unions_in_english(site_model):
    assert not [t for t in _texts(site_model, "en") if "union branch" in t.lower()]


def test_ambiguous_table_cells_stay_flagged():
    movement = (CONTENT / "evaluations" / FINAL / "report" / "03-findings-movement.nl.md").read_text(encoding="utf-8")
    assert "‘CEPAG (Jeunes FGTB’" in movement and "één of twee organisaties" in movement
    assert "‘(2019’" in movement and "het jaar onzeker" in movement


def test_footnotes_of_a_chapter_shown_in_dutch_carry_lang_nl(site_model):
    """A chapter shown in its original language on a French page keeps its footnotes marked as Dutch, since
    they stand at the end of the page; a translated chapter's own footnotes carry no other language."""
    site = site_model
    final = site.evaluation(FINAL)
    untranslated = next((c for c in final.report.chapters if "fr" not in c.versions), None)
    files = render_pages(site, "fr", "http://example.org/", datetime.date(2026, 11, 23))
    if untranslated is not None:
        page = files[urls.source_file(urls.chapter(final, untranslated.id))]
        notes = page[page.index('<div class="footnote">'):] if '<div class="footnote">' in page else ""
        assert not notes or '<span lang="nl">' in notes
    summary = files[urls.source_file(urls.chapter(final, "summary"))]  # translated chapters keep their own footnotes
    notes = summary[summary.index('<div class="footnote">'):]
    assert '<li id="fn:1">' in notes and 'lang="nl"' not in notes


