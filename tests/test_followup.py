"""Follow-up on a fixture with statuses and updates, judged as of 2026-06-01: counts on every
dashboard, open data that round-trips to the model, feeds, and the JSON Schema as the contract."""
from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from evalsite.build import BuildOptions, build
from evalsite.content.load import load_site
from evalsite.errors import ContentError
from evalsite.model import FollowUp, Site
from evalsite.opendata import datapackage
from evalsite.opendata import documents as opendata
from evalsite.pages import dashboards
from evalsite.paths import SCHEMAS as SCHEMA_DIR

from .sitecheck import page

FIXTURE = Path(__file__).parent / "fixtures" / "followup"
AS_OF = datetime.date(2026, 6, 1)
URL = "http://127.0.0.1:9/"
EV = "evaluations/sample-midterm"


@pytest.fixture(scope="module")
def model() -> Site:
    return load_site(FIXTURE)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("followup")
    build(FIXTURE, BuildOptions(out_dir=base / "site", site_url=URL, work_dir=base / "work", as_of=AS_OF))
    return base / "site"


def test_due_dates_and_follow_up(model):
    ev = model.evaluation("sample-midterm")
    follow = {a.id: a.follow_up(AS_OF) for a in ev.actions}
    assert follow == {"a1": FollowUp.CLOSED, "a2": FollowUp.OVERDUE, "a3": FollowUp.ON_TRACK, "a4": FollowUp.CLOSED,
                      "a5": FollowUp.UNREPORTED, "a6": FollowUp.DUE_SOON}
    assert ev.actions[2].due_date == datetime.date(2026, 12, 31) and ev.actions[1].due_date == datetime.date(2026, 1, 31)


def test_counts(model):
    ev = model.evaluation("sample-midterm")
    assert dict(dashboards.by_position(ev).items) == {"agree": 1, "partially-agree": 1, "disagree": 1}
    assert dict(dashboards.by_status(ev.actions).items) == {"not-started": 1, "ongoing": 1, "completed": 1, "dropped": 1, "none": 2}
    assert dict(dashboards.by_timing(ev.actions).items) == {"2025": 2, "2025-2026": 1, "2026": 3}
    assert dict(dashboards.by_follow_up(ev.actions, AS_OF).items) == {
        "overdue": 1, "unreported": 1, "due-soon": 1, "on-track": 1, "closed": 2}


def count_table(html_path: Path, figure_id: str) -> dict[str, str]:
    html = html_path.read_text(encoding="utf-8")
    figure = html[html.index(f'id="counts-{figure_id}"'):]
    figure = figure[: figure.index("</figure>")]
    rows = {}
    for row in figure.split("<tr>")[2:]:
        label = row.split('<th scope="row">')[1].split("</th>")[0]
        rows[label] = row.split('<td class="es-num">')[1].split("</td>")[0]
    return rows


def test_evaluation_dashboard_shows_the_counts(site):
    path = site / "en" / EV / "dashboard" / "index.html"
    assert count_table(path, "positions") == {"Agree": "1", "Partially agree": "1", "Disagree": "1"}
    assert count_table(path, "status") == {"Not started": "1", "Ongoing": "1", "Completed": "1", "Dropped": "1", "No update published": "2"}
    assert count_table(path, "follow-up")["Overdue"] == "1"
    assert "1 action is overdue" in path.read_text(encoding="utf-8")
    nl = site / "nl" / EV / "dashboard" / "index.html"
    assert count_table(nl, "status")["Geen stand van zaken gepubliceerd"] == "2"


def test_organisation_and_site_dashboards(site):
    unit = (site / "en" / "organisations" / "unit-b" / "index.html").read_text(encoding="utf-8")
    badges = unit[unit.index('<dl class="es-summary"'): unit.index("</dl>")]
    for badge in ("1 not started", "1 ongoing", "1 dropped", "0 of 3 actions with a published status completed (0%)"):
        assert badge in badges
    assert "completed</span>" not in badges  # no badge for a status nobody has
    overview = (site / "en" / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert "Sample midterm evaluation" in overview
    assert count_table(site / "en" / "dashboard" / "index.html", "follow-up")["Past due, no update published"] == "1"


def test_action_page_shows_status_reason_and_updates(site):
    dropped = (site / "en" / EV / "actions" / "a4" / "index.html").read_text(encoding="utf-8")
    assert "No budget." in dropped and "Dropped" in dropped
    done = (site / "nl" / EV / "actions" / "a1" / "index.html").read_text(encoding="utf-8")
    assert done.index("30 november 2025") < done.index("10 mei 2025")  # newest first
    assert 'href="https://example.org/report.pdf"' in done
    assert "Klaar." in done
    overdue = (site / "en" / EV / "actions" / "a2" / "index.html").read_text(encoding="utf-8")
    assert "31 January 2026" in overdue and "Overdue" in overdue and "as of 1 June 2026" in overdue


def test_json_exports_round_trip_to_the_model(site, model):
    whole = json.loads((site / "data" / "site.json").read_text(encoding="utf-8"))
    one = json.loads((site / "data" / "evaluations" / "sample-midterm.json").read_text(encoding="utf-8"))
    assert whole["evaluations"][0] == one and whole["as_of"] == "2026-06-01"
    rebuilt = opendata.from_data(Site, {"organisations": whole["organisations"],
                                        "evaluations": [opendata.strip_derived(e) for e in whole["evaluations"]]})
    assert rebuilt == model
    assert one["actions"][1]["derived"] == {"due_date": "2026-01-31", "follow_up": "overdue", "urls": {
        lang: f"{URL}{lang}/{EV}/actions/a2/" for lang in ("nl", "fr", "en")}}


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_csv_exports_match_the_model(site, model):
    ev = model.evaluation("sample-midterm")
    actions = read_csv(site / "data" / "actions.csv")
    assert actions == read_csv(site / "data" / "evaluations" / "sample-midterm-actions.csv")
    assert [(r["id"], r["status"], r["due"], r["due_date"], r["in_charge"].split(), r["follow_up"]) for r in actions] == [
        (a.id, a.status.value if a.status else "", str(a.due or ""), a.due_date.isoformat(), list(a.in_charge), a.follow_up(AS_OF).value)
        for a in ev.actions]
    assert actions[3]["status_reason_en"] == "No budget." and actions[0]["last_update"] == "2025-11-30"
    recs = read_csv(site / "data" / "recommendations.csv")
    assert [(r["id"], r["position"], r["title_en"]) for r in recs] == [
        (r.id, ev.response(r.id).position.value, r.title.values["en"]) for r in ev.recommendations]


def test_bundled_indicators_export(built_site):
    rows = read_csv(built_site / "data" / "indicators.csv")
    first = next(r for r in rows if r["indicator"] == "sdn1-i1" and r["who"] == "total" and r["year"] == "2018")
    assert (first["value"], first["raw"]) == ("14645", "14.645")
    assert any(r["raw"] == "619 481" and r["year"] == "" and r["ambiguous"] == "true" for r in rows)


def test_atom_feed(site):
    feed = ET.fromstring((site / "fr" / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 4  # the evaluation, and three progress updates
    assert entries[0].find("a:updated", ns).text == "2026-02-20T00:00:00Z"
    assert entries[0].find("a:id", ns).text == f"{URL}fr/{EV}/actions/a2/#update-1"


def test_calendar_of_due_dates(site):
    cal = icalendar.Calendar.from_ical((site / "en" / "calendar.ics").read_bytes())
    events = {str(e["uid"]): e.decoded("dtstart") for e in cal.walk("VEVENT")}
    assert events == {"sample-midterm.a2@evalsite": datetime.date(2026, 1, 31), "sample-midterm.a3@evalsite": datetime.date(2026, 12, 31),
                      "sample-midterm.a5@evalsite": datetime.date(2025, 12, 31), "sample-midterm.a6@evalsite": datetime.date(2026, 7, 15)}


def test_data_dictionary_describes_every_column(site):
    info = page(site / "fr" / "data" / "index.html")
    assert {"recommendations-csv", "actions-csv", "indicators-csv"} <= info.ids
    html = (site / "fr" / "data" / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")  # long names may break after "_"
    for table in datapackage.TABLES:
        for column in table.columns:
            assert f"<code>{column}</code>" in html
    assert (site / "data" / "schema" / "response.schema.json").is_file()


def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def test_dropped_needs_a_reason_and_updates_go_at_the_end(tmp_path):
    content = content_copy(tmp_path)
    path = content / EV / "response.yml"
    text = path.read_text(encoding="utf-8").replace("        status_reason: {en: No budget.}\n", "")
    text = text.replace("date: 2025-05-10", "date: 2025-12-10")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_site(content)
    messages = [p.message for p in caught.value.problems]
    assert "a dropped action needs a reason — add `status_reason:` with the reason in the original language" in messages
    assert "updates are listed oldest first and only added at the end — move this update to its place in time" in messages


SCHEMA_CASES = [  # (file, old, new): each makes `evalsite check` fail; the JSON Schema must reject it too
    ("response.yml", "position: agree", "position: agreed"),
    ("response.yml", "position: agree", "postion: agree"),
    ("response.yml", "timing: 2026, in_charge", "timing: 26, in_charge"),
    ("response.yml", "status: completed\n", "status: done\n"),
    ("response.yml", "{date: 2025-05-10,", "{date: 10/05/2025,"),
    ("response.yml", "in_charge: [ngo-a, unit-b]", "in_charge: ngo-a"),
    ("evaluation.yml", "kind: midterm\n", ""),
    ("recommendations.yml", "{id: r1,", "{id: R 1,"),
]


@pytest.mark.parametrize(("name", "old", "new"), SCHEMA_CASES)
def test_the_json_schema_rejects_what_check_rejects(tmp_path, name, old, new):
    content = content_copy(tmp_path)
    path = content / EV / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError):
        load_site(content)
    registry = Registry().with_resources(
        (json.loads(p.read_text())["$id"], Resource.from_contents(json.loads(p.read_text()))) for p in SCHEMA_DIR.glob("*.json"))
    schema = json.loads((SCHEMA_DIR / name.replace(".yml", ".schema.json")).read_text())
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader if "date" in old else yaml.SafeLoader)
    assert list(jsonschema.Draft202012Validator(schema, registry=registry).iter_errors(data))
