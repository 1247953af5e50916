"""What the site's editors add to the sources is marked as theirs, on the pages and in the open data: theme
codes (no source gives any), identifications and merges of organisations; and the bundled content says
what the sources say and no more (the fact-check's items, each pinned here)."""
from __future__ import annotations

import csv
import json
import re

import pytest

from evalsite.markup import plain_text

LANGS = ("nl", "fr", "en")
FINAL = "evaluations/fos-solsoc-ifsi-2017-2021-final"
NOTED = ("decent-work-platform", "acv-csci", "vooruit", "ac-cg")  # an identification, a description, a rename, a merge
EDITORS = {"nl": "Toegevoegd door de redactie van de site", "fr": "Ajouté par l'équipe éditoriale du site",
           "en": "Added by the site's editors"}


def text_of(path) -> str:
    html = path.read_text(encoding="utf-8")
    return plain_text(html[html.index('<article'):html.index('</article>')])


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_editors_add_about_an_organisation_is_marked_as_theirs(built_site, lang):
    for org in NOTED:
        assert EDITORS[lang] in text_of(built_site / lang / "organisations" / org / "index.html"), org
    assert EDITORS[lang] not in text_of(built_site / lang / "organisations" / "wsm" / "index.html")  # only where there is one
    organisations = {o["id"]: o for o in json.loads((built_site / "data" / "site.json").read_text(encoding="utf-8"))["organisations"]}
    assert {org for org, o in organisations.items() if o.get("editors_note")} == set(NOTED)
    assert "CPWW" in organisations["decent-work-platform"]["editors_note"]["en"]


def test_theme_codes_are_the_editors_on_the_pages_and_in_the_data(built_site):
    page = text_of(built_site / "en" / FINAL / "findings" / "case-global-fund" / "index.html")
    assert "Theme (tagged by the editors)" in page
    for name in ("findings.csv", "recommendation-tags.csv"):
        with (built_site / "data" / name).open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        assert {row["themes_source"] for row in rows if row["themes"]} == {"editors"}
        assert {row["themes_source"] for row in rows if not row["themes"]} <= {""}
    for table in ("findings", "recommendation-tags"):
        schema = json.loads((built_site / "data" / "schema" / f"{table}.tableschema.json").read_text(encoding="utf-8"))
        assert "themes_source" in [field["name"] for field in schema["fields"]]


def test_no_french_page_calls_the_ituc_by_its_english_short_name(built_site):
    """French calls it the CSI; the sources' own spellings stay listed, once, as what it is also written as."""
    found = []
    for path in sorted((built_site / "fr").rglob("*.html")):
        html = re.sub(r'<span lang="(en|nl)">.*?</span>', "", path.read_text(encoding="utf-8"), flags=re.S)
        html = re.sub(r"<dt[^>]*>Aussi écrit</dt><dd>.*?</dd>", "", html, flags=re.S)
        body = html[html.find("<article"):html.find("</article>")]
        if "ITUC" in plain_text(body):
            found.append(str(path.relative_to(built_site)))
    assert found == []
    assert "CSI" in text_of(built_site / "fr" / "organisations" / "ituc" / "index.html")


def test_the_cases_credit_whom_the_report_credits(built_site):
    due_diligence = text_of(built_site / "en" / FINAL / "findings" / "case-due-diligence" / "index.html")
    # §206: IFSI plays no part in this file; the report rates the contribution of FOS and Solsoc
    assert "Contribution of the organisations: Medium" in due_diligence and "Contribution of FOS, Solsoc and IFSI" not in due_diligence
    fund = text_of(built_site / "en" / FINAL / "findings" / "case-global-fund" / "index.html")
    assert "Solsoc and WSM passed on information that FOS had taken into amendments" in fund  # §110
