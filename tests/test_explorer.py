"""The explorers of recommendations and findings across evaluations, recurring recommendations,
`check --suggest`, and the open data and feeds of findings, themes, countries and repeats, on a small
fixture of two evaluations where the later one repeats a recommendation of the earlier one."""
from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evalsite import urls
from evalsite.build import BuildOptions, build
from evalsite.content.load import load_site
from evalsite.model import LANGS, Site
from evalsite.opendata import documents as opendata
from evalsite.pages import explorer, freshness, kinds

from .conftest import CONTENT
from .pages import render_pages

FIXTURE = Path(__file__).parent / "fixtures" / "explorer"
AS_OF = datetime.date(2026, 6, 1)
URL = "http://example.org/"


def explorer_content(target: Path) -> Path:
    """The fixture with the bundled theme vocabulary."""
    shutil.copytree(FIXTURE, target)
    shutil.copy(CONTENT / "themes.yml", target / "themes.yml")
    return target


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return explorer_content(tmp_path_factory.mktemp("explorer") / "content")


@pytest.fixture(scope="module")
def model(content) -> Site:
    return load_site(content)


@pytest.fixture(scope="module")
def site(content, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("explorer-site") / "site"
    build(content, BuildOptions(out_dir=out, site_url=URL, work_dir=out.parent / "work", as_of=AS_OF))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_labels_every_value_in_the_pages_language(site, lang):
    """What the script reads first; the choices themselves are answered by the script in the browser
    (tests/test_explorer_browser.py)."""
    index = json.loads((site / lang / "recommendations" / "data" / "index.json").read_text(encoding="utf-8"))
    assert [ev["s"] for ev in index["evaluations"]] == ["beta-2025-midterm", "alpha-2021-final"]  # newest evaluation first
    assert index["labels"]["position"]["agree"] == {"nl": "Akkoord", "fr": "D'accord", "en": "Agree"}[lang]
    assert index["labels"]["country"]["CD"] and index["evaluation_level"] == ["evaluation", "year", "kind"]


def test_index_counts_each_facet_value_per_evaluation(site):
    """The counts of the fixture, worked out by hand from its files: beta's two recommendations take the
    evaluation's countries (CD, PE); alpha's a3 takes its evaluation's (BE, CD); a theme also counts in its
    category (160); on the as-of date b1 has an overdue action and b2 none at all, two of alpha's are
    overdue and the third closed; b1 repeats a1, so each is counted as part of a repetition."""
    index = json.loads((site / "en" / "recommendations" / "data" / "index.json").read_text(encoding="utf-8"))
    counts = {entry["s"]: (entry["n"], entry["c"]) for entry in index["evaluations"]}
    assert counts["beta-2025-midterm"] == (2, {
        "country": {"CD": 2, "PE": 2}, "criterion": {"none": 2}, "evaluation": {"beta-2025-midterm": 2}, "kind": {"midterm": 2},
        "organisation": {"ngo-b": 2}, "follow-up": {"none": 1, "overdue": 1}, "position": {"agree": 2}, "repeated": {"no": 1, "yes": 1},
        "status": {"ongoing": 1},
        "theme": {"160": 2, "16010": 1, "16080": 1}, "year": {"2025": 2}})
    assert counts["alpha-2021-final"] == (3, {
        "country": {"BE": 1, "CD": 2, "PE": 1}, "criterion": {"effectiveness": 1, "none": 2}, "evaluation": {"alpha-2021-final": 3},
        "kind": {"final": 3}, "organisation": {"ngo-a": 3}, "follow-up": {"closed": 1, "overdue": 2},
        "position": {"agree": 2, "partially-agree": 1}, "repeated": {"no": 2, "yes": 1},
        "status": {"completed": 1, "ongoing": 2}, "theme": {"160": 3, "16010": 2, "16080": 1}, "year": {"2021": 3}})
    chunk = json.loads((site / "en" / "recommendations" / "data" / "beta-2025-midterm.json").read_text(encoding="utf-8"))
    b1 = chunk["items"][0]
    assert b1["chain"] == ["alpha-2021-final/a1", "beta-2025-midterm/b1"] and b1["f"]["country"] == ["CD", "PE"]
    assert b1["url"] == "evaluations/beta-2025-midterm/recommendations/b1/" and b1["label"] == "Recommendation 1"


def test_findings_explorer_has_criteria_kinds_and_ratings(site):
    chunk = json.loads((site / "fr" / "findings" / "data" / "alpha-2021-final.json").read_text(encoding="utf-8"))
    assert [(i["id"], i["f"]["type"], i["f"]["criterion"], i["ratings"]) for i in chunk["items"]] == [
        ("f1", ["finding"], ["effectiveness"], [["contribution", "high"]]), ("l1", ["lesson"], ["none"], [])]
    index = json.loads((site / "fr" / "findings" / "data" / "index.json").read_text(encoding="utf-8"))
    assert index["labels"]["type"]["lesson"] == "Enseignement" and "organisation" in index["evaluation_level"]


def test_the_list_without_javascript_is_complete_in_pages(model, monkeypatch):
    monkeypatch.setattr(explorer, "PAGE_SIZE", 2)
    pages = [p for p in kinds.site_pages(model) if p.kind.template == "explorer.md.j2" and p.context["kind"] == "recommendations"]
    assert [p.url for p in pages] == ["recommendations/", "recommendations/2/", "recommendations/3/"]
    files = render_pages(model, "nl", URL, AS_OF)
    listed = "".join(files[p.source] for p in pages)
    for ev in model.evaluations:
        for rec in ev.recommendations:
            assert listed.count(f'href="{urls.relative(urls.recommendation(ev, rec), "recommendations/2/")}"') + \
                listed.count(f'href="{urls.relative(urls.recommendation(ev, rec), "recommendations/")}"') >= 1
    assert '<nav class="es-pages"' in files["recommendations/2/index.md"] and 'aria-current="page" href="./"' in files["recommendations/2/index.md"]
    assert "<li class=\"es-card\">" in files["recommendations/index.md"] and "<table" not in files["recommendations/index.md"]


def test_both_recommendation_pages_show_the_repeat(model):
    files = render_pages(model, "en", URL, AS_OF)
    alpha, beta = model.evaluation("alpha-2021-final"), model.evaluation("beta-2025-midterm")
    later = files[urls.source_file(urls.recommendation(beta, beta.recommendation("b1")))]
    earlier = files[urls.source_file(urls.recommendation(alpha, alpha.recommendation("a1")))]
    a1, b1 = urls.recommendation(alpha, alpha.recommendation("a1")), urls.recommendation(beta, beta.recommendation("b1"))
    assert f'href="{urls.relative(a1, b1)}"' in later and "this recommendation repeats it" in later
    assert f'href="{urls.relative(b1, a1)}"' in earlier and "it repeats this recommendation" in earlier
    assert "?chain=alpha-2021-final/a1" in earlier
    assert model.repeated_by("alpha-2021-final", "a1") == ((beta, beta.recommendation("b1")),)


def test_a_changed_evaluation_renews_the_pages_of_the_evaluations_it_repeats(model):
    keys = {"alpha-2021-final": "a", "beta-2025-midterm": "b"}
    changed = {"alpha-2021-final": "a", "beta-2025-midterm": "c"}
    assert freshness.with_repeats(keys, model)["alpha-2021-final"] != freshness.with_repeats(changed, model)["alpha-2021-final"]


def test_check_suggest_lists_likely_repeats_and_changes_nothing(content):
    before = {p: p.read_bytes() for p in content.rglob("*.yml")}
    result = subprocess.run([sys.executable, "-m", "evalsite.cli", "check", str(content), "--suggest"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "may repeat" in line]
    assert len(lines) == 1 and "beta-2025-midterm/recommendations.yml:" in lines[0]
    assert "beta-2025-midterm/b2 may repeat alpha-2021-final/a3 (theme 16080" in lines[0]
    assert "add `repeats: [alpha-2021-final/a3]` to b2" in lines[0]  # b1 already says it repeats a1: not suggested again
    assert {p: p.read_bytes() for p in content.rglob("*.yml")} == before


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_open_data_of_findings_themes_countries_and_repeats(site, model):
    data = site / "data"
    findings = read_csv(data / "findings.csv")
    assert [(r["evaluation"], r["id"], r["kind"], r["ratings"], r["recommendations"]) for r in findings] == [
        ("alpha-2021-final", "f1", "finding", "contribution=high", "a1"), ("alpha-2021-final", "l1", "lesson", "", "")]
    assert read_csv(data / "evaluations" / "alpha-2021-final-findings.csv") == findings
    assert read_csv(data / "finding-links.csv") == [
        {"evaluation": "alpha-2021-final", "recommendation": "a1", "finding": "f1", "type": "rests-on", "inferred": "false"}]
    tags = {(r["evaluation"], r["recommendation"]): r for r in read_csv(data / "recommendation-tags.csv")}
    assert tags[("alpha-2021-final", "a1")]["repeated_by"] == "beta-2025-midterm/b1"
    assert tags[("beta-2025-midterm", "b1")]["repeats"] == "alpha-2021-final/a1"
    assert tags[("beta-2025-midterm", "b1")]["countries"] == "CD PE" and tags[("beta-2025-midterm", "b1")]["countries_from_evaluation"] == "true"
    assert len(read_csv(data / "themes.csv")) == 42 + 295
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    assert [(c["code"], c["name_fr"]) for c in countries] == [("BE", "Belgique"), ("CD", "Congo-Kinshasa"), ("PE", "Pérou")]
    assert (data / "schema" / "findings.schema.json").is_file() and (data / "schema" / "themes.schema.json").is_file()
    whole = json.loads((data / "site.json").read_text(encoding="utf-8"))
    assert whole["evaluations"][0]["findings"][0]["derived"]["urls"]["nl"] == f"{URL}nl/evaluations/alpha-2021-final/findings/f1/"
    rebuilt = opendata.from_data(Site, {"organisations": whole["organisations"],
                                        "evaluations": [opendata.strip_derived(e) for e in whole["evaluations"]]})
    assert rebuilt.evaluations == model.evaluations  # findings, links, tags and repeats round-trip


def test_data_dictionary_and_feed_describe_them(site):
    dictionary = (site / "en" / "data" / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")  # long names may break after "_"
    for name in ("findings.csv", "finding-links.csv", "recommendation-tags.csv", "themes.csv", "countries.csv"):
        assert f'href="../../data/{name}"' in dictionary
    for column in ("ratings", "inferred", "repeated_by", "countries_from_evaluation", "name_nl"):
        assert f"<code>{column}</code>" in dictionary
    feed = (site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert 'term="16010" label="Protection sociale"' in feed and 'term="CD" label="Congo-Kinshasa"' in feed
    assert f'href="{URL}fr/evaluations/alpha-2021-final/findings/"' in feed
    assert f'href="{URL}fr/evaluations/alpha-2021-final/recommendations/a1/"' in feed  # beta repeats it
