"""The open data as re-users read it, with the real tools: check-jsonschema validates every JSON
document against the published schemas with no extra option, frictionless validates the data
package, and pandas and duckdb read every CSV with the types the package gives (ids stay text:
"3.1" and "3.10" are two actions). Built once for the management-response fixture and once for the
bundled content; and once more without a public address (`site_url` None)."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import frictionless
import pandas
import pytest

from evalsite.content.load import load_site
from evalsite.opendata import documents as opendata

from .conftest import MANAGEMENT_RESPONSE, MANAGEMENT_RESPONSE_AS_OF, SITE_URL

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


@pytest.fixture(scope="module", params=["management-response", "bundled"])
def data(request) -> Path:
    """The /data/ folder of a built site."""
    site = request.getfixturevalue("management_response_site" if request.param == "management-response" else "built_site")
    return site / "data"


@pytest.fixture(scope="module")
def data_without_address(tmp_path_factory) -> Path:
    """/data/ as written for a site built without a public address."""
    out = tmp_path_factory.mktemp("no-address") / "data"
    opendata.write(out, load_site(MANAGEMENT_RESPONSE, as_of=MANAGEMENT_RESPONSE_AS_OF), None, MANAGEMENT_RESPONSE_AS_OF)
    return out


def check_jsonschema(schema: Path, *documents: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, documents)],
                          capture_output=True, text=True, timeout=120)


def resources(data: Path) -> list[dict]:
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]


def table_schema(data: Path, resource: dict) -> dict:
    return json.loads((data / resource["schema"]).read_text(encoding="utf-8"))


def test_check_jsonschema_validates_every_json_document(data):
    site = check_jsonschema(data / "schema" / "site-data.schema.json", data / "site.json")
    assert site.returncode == 0, site.stdout + site.stderr
    evaluations = sorted((data / "evaluations").glob("*.json"))
    one = check_jsonschema(data / "schema" / "evaluation-data.schema.json", *evaluations)
    assert evaluations and one.returncode == 0, one.stdout + one.stderr


def test_the_published_schemas_reject_what_they_should(data, tmp_path):
    document = json.loads((data / "site.json").read_text(encoding="utf-8"))
    document["evaluations"][0]["recommendations"][0]["title"]["de"] = "Titel"  # not a language of the site
    broken = tmp_path / "site.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    result = check_jsonschema(data / "schema" / "site-data.schema.json", broken)
    assert result.returncode == 1 and "'de'" in result.stdout


def test_the_published_content_schemas_resolve_with_no_option(data):
    """The content files validate against /data/schema/ with no --base-uri: `common` is bundled in."""
    files = sorted(MANAGEMENT_RESPONSE.rglob("*.yml"))
    by_schema: dict[str, list[Path]] = {}
    for path in files:
        by_schema.setdefault("organisations" if path.name == "organisations.yml" else path.stem, []).append(path)
    for name, paths in by_schema.items():
        result = check_jsonschema(data / "schema" / f"{name}.schema.json", *paths)
        assert result.returncode == 0, result.stdout + result.stderr
    schema = json.loads((data / "schema" / "response.schema.json").read_text(encoding="utf-8"))
    assert "common.schema.json" not in json.dumps(schema)  # every reference is local to the document
    assert schema["$id"] == f"{SITE_URL}data/schema/response.schema.json"


def test_every_csv_is_in_the_data_package_and_valid(data):
    listed = {resource["path"] for resource in resources(data)}
    assert listed == {str(path.relative_to(data)) for path in data.rglob("*.csv")}
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])


def test_the_data_package_types_ids_as_text_and_dates_as_dates(data):
    fields = {f["name"]: f for f in table_schema(data, resources(data)[1])["fields"]}  # actions.csv
    assert fields["id"]["type"] == "string" and fields["recommendation"]["type"] == "string"
    assert fields["due_date"]["type"] == "date" and fields["last_update"]["type"] == "date"
    assert fields["updates"]["type"] == "integer" and fields["timing_start"]["type"] == "integer"
    assert fields["status"]["constraints"]["enum"] == ["not-started", "ongoing", "completed", "dropped"]
    assert fields["follow_up"]["constraints"]["enum"] == ["overdue", "unreported", "due-soon", "on-track", "closed"]


def read_with_pandas(data: Path, resource: dict) -> pandas.DataFrame:
    fields = table_schema(data, resource)["fields"]
    dtypes = {f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] != "date"}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    return pandas.read_csv(data / resource["path"], dtype=dtypes, parse_dates=dates, keep_default_na=False, na_values=[""])


def read_with_duckdb(data: Path, resource: dict) -> list[tuple]:
    columns = {f["name"]: DUCKDB_TYPES[f["type"]] for f in table_schema(data, resource)["fields"]}
    with duckdb.connect() as db:
        return db.read_csv(str(data / resource["path"]), header=True, columns=columns).fetchall()


def test_pandas_and_duckdb_read_every_csv_with_the_package_types(data):
    for resource in resources(data):
        frame = read_with_pandas(data, resource)
        rows = read_with_duckdb(data, resource)
        assert len(frame) == len(rows)
        assert list(frame.columns) == [f["name"] for f in table_schema(data, resource)["fields"]]
        for field in table_schema(data, resource)["fields"]:
            if field["type"] == "date" and len(frame):  # pandas leaves the column of an empty file untyped
                assert str(frame[field["name"]].dtype).startswith("datetime64")
            elif field["type"] == "string":
                assert str(frame[field["name"]].dtype) == "string"


def test_action_ids_stay_distinct_strings(management_response_site):
    data = management_response_site / "data"
    actions = next(r for r in resources(data) if r["name"] == "actions")
    frame = read_with_pandas(data, actions)
    assert {"3.1", "3.10"} <= set(frame["id"]) and frame["id"].is_unique
    assert frame.set_index("id").loc["2.1", "due"] == "2020-03"
    assert frame.set_index("id").loc["2.1", "due_date"] == pandas.Timestamp(2020, 3, 31)
    rows = {row[1]: row for row in read_with_duckdb(data, actions)}
    assert {"3.1", "3.10"} <= set(rows) and rows["2.2"][9] == datetime.date(2021, 9, 30)
    recs = read_with_pandas(data, next(r for r in resources(data) if r["name"] == "recommendations"))
    assert list(recs["id"]) == ["R1", "R2", "R3", "R4"] and recs.set_index("id").loc["R1", "in_charge"] == "country-office environment-unit"


def test_the_data_package_traces_every_source_document(management_response_site):
    package = json.loads((management_response_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["sources"] == [
        {"title": "coastal-livelihoods-2016-2019-final: Final evaluation report",
         "path": "https://example.org/erc/documents/coastal-final-report.pdf"},
        {"title": "coastal-livelihoods-2016-2019-final: Management response and key actions",
         "path": "https://example.org/erc/documents/coastal-management-response.pdf"}]
    one = json.loads((management_response_site / "data" / "evaluations" / "coastal-livelihoods-2016-2019-final.json").read_text())
    assert one["documents"][0]["sha256"] == "f3bf913ed6660b80658964f7b777292fcb0ac7884b794523289f03c9d5b5657b"
    assert one["documents"][0]["size"] == 2150400 and one["response_updated"] == "2021-07-15" and one["plan_period"] == {
        "start": 2017, "end": 2021}
    assert one["actions"][3]["due"] == "2021-Q3" and one["actions"][3]["derived"]["due_date"] == "2021-09-30"


def test_without_a_public_address(data_without_address):
    """No absolute address is made up: no `$id`, no `urls`, empty `url_*` cells; everything still validates."""
    data = data_without_address
    for schema in (data / "schema").glob("*.schema.json"):
        assert "$id" not in json.loads(schema.read_text(encoding="utf-8")), schema.name
    site = json.loads((data / "site.json").read_text(encoding="utf-8"))
    assert "urls" not in site["evaluations"][0] and site["evaluations"][0]["recommendations"][0]["derived"] == {}
    assert "urls" not in site["evaluations"][0]["actions"][0]["derived"]
    assert "homepage" not in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    frame = read_with_pandas(data, resources(data)[1])
    assert frame["url_en"].isna().all() and "url_nl" in frame.columns
    assert check_jsonschema(data / "schema" / "site-data.schema.json", data / "site.json").returncode == 0
    assert frictionless.validate(str(data / "datapackage.json")).valid


def test_json_round_trips_to_the_model_with_partial_dates(management_response_site):
    from evalsite.model import Site

    whole = json.loads((management_response_site / "data" / "site.json").read_text(encoding="utf-8"))
    rebuilt = opendata.from_data(Site, {"organisations": whole["organisations"],
                                        "evaluations": [opendata.strip_derived(e) for e in whole["evaluations"]]})
    assert rebuilt == load_site(MANAGEMENT_RESPONSE, as_of=MANAGEMENT_RESPONSE_AS_OF)
