"""A management response in the form an evaluation resource centre publishes (tests/fixtures/
management-response: an invented programme): due dates given to the month, the quarter or the year,
units responsible for a whole recommendation as well as for each action, progress comments, the
response's "added" and "last updated" dates, and source documents with their address and SHA-256.
It checks clean and builds; its pages show each date at its precision, judged as of 2021-07-31."""
from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

import pytest

from evalsite import i18n
from evalsite.cli import main
from evalsite.content.load import load_site
from evalsite.model import FollowUp, PartialDate, Site

from .conftest import MANAGEMENT_RESPONSE, MANAGEMENT_RESPONSE_AS_OF

SLUG = "coastal-livelihoods-2016-2019-final"
EV = f"evaluations/{SLUG}"


@pytest.fixture(scope="module")
def model() -> Site:
    return load_site(MANAGEMENT_RESPONSE, as_of=MANAGEMENT_RESPONSE_AS_OF)


def text_of(path: Path) -> str:
    """The article of a built page as a reader reads it: tags dropped, spaces collapsed."""
    html = path.read_text(encoding="utf-8")
    html = html[html.index("<article"): html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_checks_clean(capsys):
    assert main(["check", str(MANAGEMENT_RESPONSE)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "content is valid: 1 evaluations, 4 recommendations, 14 actions, 7 organisations\n"
    assert captured.err == ""


def test_dates_keep_the_precision_of_the_source(model):
    ev = model.evaluation(SLUG)
    due = {a.id: a.due for a in ev.actions}
    assert due["1.1"] == PartialDate(2020, 6) and due["1.1"].precision == "month"
    assert due["1.2"] == PartialDate(2021) and due["2.2"] == PartialDate(2021, quarter=3)
    assert due["3.2"] == PartialDate(2020, 12, 31)
    assert [str(due[i]) for i in ("1.1", "1.2", "2.2", "3.2")] == ["2020-06", "2021", "2021-Q3", "2020-12-31"]
    # judged at the end of the period, never at a made-up day
    assert {a.id: a.due_date for a in ev.actions if a.id in ("1.1", "1.2", "2.2")} == {
        "1.1": datetime.date(2020, 6, 30), "1.2": datetime.date(2021, 12, 31), "2.2": datetime.date(2021, 9, 30)}
    follow = {a.id: a.follow_up(MANAGEMENT_RESPONSE_AS_OF) for a in ev.actions}
    assert follow["2.1"] == FollowUp.OVERDUE and follow["2.2"] == FollowUp.DUE_SOON and follow["3.3"] == FollowUp.UNREPORTED
    assert ev.actions[0].timing is None and ev.actions[4].timing is not None  # 3.1 gives a timing and a due date
    assert [a.id for a in ev.actions_for("R3")][-2:] == ["3.9", "3.10"]  # ids as the source writes them


def test_response_level_facts(model):
    ev = model.evaluation(SLUG)
    assert ev.response("R1").in_charge == ("country-office", "environment-unit")
    assert ev.response_published == PartialDate(2020, 1, 21) and ev.response_updated == PartialDate(2021, 7, 15)
    assert ev.plan_period is not None and str(ev.plan_period) == "2017-2021"
    report = ev.documents[0]
    assert (report.url, report.format, report.size) == ("https://example.org/erc/documents/coastal-final-report.pdf", "pdf", 2150400)
    assert report.sha256 == "f3bf913ed6660b80658964f7b777292fcb0ac7884b794523289f03c9d5b5657b"
    assert [r.recommendation.id for r in model.responsibilities("country-office")] == ["R1", "R3", "R4"]
    assert model.assignments("country-office")[0].action.id == "3.10"


@pytest.mark.parametrize(("lang", "month", "quarter", "year"), [
    ("en", "March 2020", "3rd quarter 2021", "2021"),
    ("nl", "maart 2020", "3e kwartaal 2021", "2021"),
    ("fr", "mars 2020", "3e trimestre 2021", "2021"),
])
def test_pages_show_each_date_at_its_precision(management_response_site, lang, month, quarter, year):
    plan = (management_response_site / lang / EV / "actions" / "index.html").read_text(encoding="utf-8")
    assert f'<time class="es-due" datetime="2020-03">{month}</time>' in plan
    assert f'<span class="es-due">{quarter}</span>' in plan  # HTML has no date form for a quarter
    assert f'<time class="es-due" datetime="2021">{year}</time>' in plan
    assert 'datetime="2020-03-31"' not in plan and "31 March 2020" not in plan  # no day the source does not give
    assert 'data-due="2020-03-31"' in plan  # (only the sort key of the due-date order: the period's last day)


def test_an_overdue_action_under_as_of(management_response_site):
    page = text_of(management_response_site / "en" / EV / "actions" / "2.1" / "index.html")
    assert "Due March 2020 Overdue" in page and "Due dates are judged as of 31 July 2021." in page
    soon = text_of(management_response_site / "en" / EV / "actions" / "2.2" / "index.html")
    assert "Due 3rd quarter 2021 Due within 90 days" in soon


def test_organisation_pages_list_both_levels(management_response_site):
    office = text_of(management_response_site / "en" / "organisations" / "country-office" / "index.html")
    assert "Responsible for 3 recommendations" in office and "Recommendations in charge" in office and "Actions in charge" in office
    assert "Recommendation 4 : Prepare an exit strategy · Disagree" in office
    unit = text_of(management_response_site / "fr" / "organisations" / "me-unit" / "index.html")
    assert "Responsable de 1 recommandation" in unit and "Recommandations sous sa responsabilité" in unit
    assert "Actions sous sa responsabilité" in unit and "0 actions terminées sur 2 dont le statut est publié (0 %)" in unit


def test_recommendation_page_names_who_is_responsible(management_response_site):
    page = text_of(management_response_site / "en" / EV / "recommendations" / "r1" / "index.html")
    assert "Responsible for the recommendation Country Office , Environment and Resilience Unit" in page
    assert "In charge of its actions Environment and Resilience Unit , National Water Supply Directorate" in page
    assert " Recommendation 1 Put climate risk" in page


def test_overview_and_action_plan_trace_the_sources(management_response_site):
    overview = text_of(management_response_site / "en" / EV / "index.html")
    assert ("Source Evaluation report: Final evaluation report (English, November 2019, PDF, 2.2 MB) "
            "SHA-256 f3bf913ed6660b80658964f7b777292fcb0ac7884b794523289f03c9d5b5657b") in overview
    assert "Evaluation plan 2017-2021" in overview
    html = (management_response_site / "nl" / EV / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/erc/documents/coastal-final-report.pdf" rel="external">' in html
    assert "PDF, 2,2 MB" in html
    plan = text_of(management_response_site / "fr" / EV / "actions" / "index.html")
    assert "Réponse managériale de janvier 2020 · publiée le 21 janvier 2020 · mise à jour le 15 juillet 2021" in plan


def test_addresses_use_the_lower_case_slug(management_response_site):
    recs = management_response_site / "en" / EV / "recommendations"
    assert sorted(p.name for p in recs.iterdir() if p.is_dir()) == ["r1", "r2", "r3", "r4"]
    actions = management_response_site / "en" / EV / "actions"
    assert (actions / "3.1").is_dir() and (actions / "3.10").is_dir()


def test_babel_formats_every_precision():
    day, month, quarter, year = (PartialDate.fromisoformat(x) for x in ("2019-03-31", "2019-03", "2026-Q2", "2027"))
    assert [i18n.format_date(d, "en") for d in (day, month, quarter, year)] == ["31 March 2019", "March 2019", "2nd quarter 2026", "2027"]
    assert i18n.format_date(quarter, "nl") == "2e kwartaal 2026" and i18n.format_date(quarter, "fr") == "2e trimestre 2026"
    assert i18n.format_size(2150400, "fr") == "2,2\u202fMo" and i18n.format_size(312000, "en") == "312 kB"


@pytest.mark.parametrize(("written", "first", "last"), [
    ("2027", datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)),
    ("2026-Q1", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
    ("2026-Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
    ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
    ("2019-12", datetime.date(2019, 12, 1), datetime.date(2019, 12, 31)),
    ("2019-03-31", datetime.date(2019, 3, 31), datetime.date(2019, 3, 31)),
])
def test_a_partial_date_is_a_period(written, first, last):
    date = PartialDate.fromisoformat(written)
    assert (date.first_day, date.last_day, str(date)) == (first, last, written)


@pytest.mark.parametrize("written", ["2019-13", "2019-02-30", "2026-Q5", "19-03", "2019/03"])
def test_a_partial_date_must_exist(written):
    with pytest.raises(ValueError):
        PartialDate.fromisoformat(written)


def test_the_tracker_as_it_stood_on_a_past_day(model):
    """`--as-of` a past day: later updates left out, each status the one its latest remaining update
    reports, a drop's reason gone with the drop, the response's `updated` date gone when later."""
    from evalsite.model import Action, Status, Text, Years
    from evalsite.model.history import as_it_stood

    ev = as_it_stood(model, datetime.date(2020, 5, 1)).evaluation(SLUG)
    actions = {a.id: a for a in ev.actions}
    assert (actions["1.1"].status, [u.date for u in actions["1.1"].updates]) == (Status.ONGOING, [datetime.date(2020, 3, 10)])
    assert (actions["3.7"].status, actions["3.7"].updates, actions["3.7"].status_reason) == (None, (), None)
    assert ev.response_updated is None and ev.response_published == model.evaluation(SLUG).response_published
    assert as_it_stood(model, MANAGEMENT_RESPONSE_AS_OF) == model  # nothing after the fixture's day: nothing changes
    # a status no update dates counts from the response's `updated` date (15 July 2021)
    undated = Action("9.9", "r1", Text({"en": "x"}, "en"), ("operations-unit",), Years(2021, 2021), Status.COMPLETED)
    with_undated = dataclasses.replace(model, evaluations=tuple(
        dataclasses.replace(e, actions=(*e.actions, undated)) for e in model.evaluations))
    status_on = {day: next(a for a in as_it_stood(with_undated, day).evaluation(SLUG).actions if a.id == "9.9").status
                 for day in (datetime.date(2021, 7, 14), datetime.date(2021, 7, 15))}
    assert status_on == {datetime.date(2021, 7, 14): None, datetime.date(2021, 7, 15): Status.COMPLETED}
