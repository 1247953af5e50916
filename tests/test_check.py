"""`evalsite check` and `evalsite build` on bad input: each case with its exact messages (file, line,
what is wrong, what to do) and exit status. A file that cannot be read is reported for its own
cause only: no follow-on error about the references into it."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from evalsite.cli import main
from evalsite.content.load import load_site
from evalsite.content.yamlsource import PLACEHOLDER_MESSAGE

from .conftest import MANAGEMENT_RESPONSE

EV = Path("evaluations/coastal-livelihoods-2016-2019-final")
SITE = "https://evaluations.example.org/"  # builds name their public address: no "no site URL" line among the messages
EMPTY = "is empty — fill it in (see docs/authoring.md)"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, target)
    return target


def edit(content: Path, name: Path | str, old: str, new: str) -> int:
    """Replace the first `old` by `new` in one file; the 1-based line where `old` started."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(content: Path, name: Path | str, text: str) -> int:
    whole = (content / name).read_text(encoding="utf-8")
    return whole[: whole.index(text)].count("\n") + 1


def run(capsys, *args: str) -> tuple[int, str, list[str]]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


def at(content: Path, name: Path | str, line: int, message: str) -> str:
    return f"{content / name}:{line}: {message}"


def fails_with(capsys, content: Path, *expected: str) -> None:
    """`evalsite check` prints exactly these problems, then the count, and exits with 1."""
    status, out, err = run(capsys, "check", str(content))
    count = len(expected)
    assert (status, out, err) == (1, "", [*expected, f"{count} problem{'s' if count != 1 else ''} found."])


# --- Files that cannot be read: the cause, once -------------------------------------------------

def test_one_wording_for_every_empty_file(capsys, content):
    (content / EV / "introduction.en.md").write_text("\n  \n", encoding="utf-8")
    (content / EV / "response.yml").write_text("# nothing yet\n", encoding="utf-8")
    fails_with(capsys, content, at(content, EV / "introduction.en.md", 1, f"introduction.en.md {EMPTY}"),
               at(content, EV / "response.yml", 1, f"response.yml {EMPTY}"))


def test_an_empty_organisations_file_is_reported_once(capsys, content):
    (content / "organisations.yml").write_text("", encoding="utf-8")
    fails_with(capsys, content, at(content, "organisations.yml", 1, f"organisations.yml {EMPTY}"))


def test_a_broken_organisations_file_hides_no_cause(capsys, content):
    line = edit(content, "organisations.yml", "organisations:\n", "organisations: [\n")
    fails_with(capsys, content, at(content, "organisations.yml", line + 1, "YAML syntax error: did not find expected node content — check the "
                                                                          "indentation, colons and quotes on this line and the one before"))


def test_an_organisation_that_fails_the_schema_keeps_its_id(capsys, content):
    line = edit(content, "organisations.yml", "kind: unit\n    part_of: country-office\n    name: {en: Monitoring",
                "kind: department\n    part_of: country-office\n    name: {en: Monitoring")
    fails_with(capsys, content, at(content, "organisations.yml", line,
                                   "'department' is not an allowed value for 'kind' — did you mean 'government'? (allowed: ngo, trade-union, "
                                   "mutual-health, network, platform, donor, evaluator, research, international, government, "
                                   "political-party, unit)"))


def test_broken_recommendations_bring_no_follow_on_from_the_response(capsys, content):
    line = edit(content, EV / "recommendations.yml", "  - id: R2\n", "  - id: [R2\n")
    fails_with(capsys, content, at(content, EV / "recommendations.yml", line + 1, "YAML syntax error: did not find expected ',' or ']' — check "
                                                                                  "the indentation, colons and quotes on this line and the one before"))


def test_a_recommendation_that_fails_the_schema_keeps_its_id(capsys, content):
    line = edit(content, EV / "recommendations.yml", "    number: \"2\"\n    title:", "    number: \"2\"\n    titel:")
    fails_with(capsys, content,
               at(content, EV / "recommendations.yml", line - 1, "'title' is missing in 'recommendations' — add `title:` "
                  "(a text per language, for example {en: ..., nl: ..., fr: ...})"),
               at(content, EV / "recommendations.yml", line + 1, "unknown key 'titel' in 'recommendations' — did you mean 'title'?"))


# --- Placeholders: a warning in check, an error in check --strict and build ---------------------

def test_placeholders_warn_in_check_and_fail_strict_check_and_build(capsys, content, tmp_path):
    text = edit(content, EV / "response.yml", "      en: >-\n        The office does not agree", "      en: >-\n        TODO The office does not agree")
    value = edit(content, EV / "response.yml", "due: 2022-Q2, in_charge: [me-unit]}\n", "due: 2022-Q2, in_charge: [me-unit]}  # TODO which unit?\n")
    warnings = [at(content, EV / "response.yml", value, f"warning: {PLACEHOLDER_MESSAGE}"),
                at(content, EV / "response.yml", text + 1, f"warning: {PLACEHOLDER_MESSAGE}")]
    status, out, err = run(capsys, "check", str(content))
    assert (status, err) == (0, sorted(warnings))
    assert out == "content is valid: 1 evaluations, 4 recommendations, 14 actions, 7 organisations; 2 placeholders to replace before publishing\n"
    errors = sorted(w.replace(": warning: ", ": ") for w in warnings)
    status, out, err = run(capsys, "check", "--strict", str(content))  # which also counts the fixture's missing translations
    assert (status, out) == (1, "") and set(errors) <= set(err) and not any("warning" in line for line in err)
    out_dir = tmp_path / "site"
    refused = run(capsys, "build", "--content", str(content), "--out", str(out_dir), "--site-url", SITE)
    assert refused == (1, "", [*errors, "2 problems found; nothing was built."])
    assert not out_dir.exists()
    status, out, err = run(capsys, "build", "--draft", "--content", str(content), "--out", str(out_dir), "--as-of", "2021-07-31", "--site-url", SITE)
    assert (status, err) == (0, sorted(warnings))
    assert out.splitlines()[-1].startswith(f"site built in {out_dir}/ (nl, fr, en) in ")


# --- The follow-up -----------------------------------------------------------------------------

def test_a_date_after_today_is_a_typo(capsys, content):
    line = edit(content, EV / "response.yml", "{date: 2020-09-30,", "{date: 2099-09-30,")
    evaluation = content / EV / "evaluation.yml"
    published = evaluation.read_text(encoding="utf-8").count("\n") + 1
    evaluation.write_text(evaluation.read_text(encoding="utf-8") + "published: 2099-01-01\n", encoding="utf-8")
    typo = f"is after today ({datetime.date.today()}) — a date here says when something happened: correct it"
    fails_with(capsys, content, at(content, EV / "evaluation.yml", published, f"2099-01-01 {typo}"),
               at(content, EV / "response.yml", line, f"2099-09-30 {typo}"))


def test_a_build_as_of_a_past_day_leaves_later_updates_out(capsys, content, tmp_path):
    """The tracker as it stood on 1 June 2021: the update of 30 June 2021 and the response's update of
    15 July 2021 are not refused, they are left out; every page says which day it shows."""
    out = tmp_path / "site"
    status, _, err = run(capsys, "build", "--content", str(content), "--out", str(out), "--as-of", "2021-06-01", "--site-url", SITE)
    assert status == 0, err
    action = (out / "en" / EV / "actions" / "2.2" / "index.html").read_text(encoding="utf-8")
    assert "Planned after the annual survey." not in action and "30 June 2021" not in action
    assert "The follow-up as it stood on 1 June 2021: updates published later are left out." in action
    overview = (out / "en" / EV / "index.html").read_text(encoding="utf-8")
    assert "15 July 2021" not in overview
    assert "Le suivi tel qu&#39;il se présentait le 1er juin 2021" in (out / "fr" / EV / "index.html").read_text(encoding="utf-8")
    status, _, err = run(capsys, "build", "--content", str(content), "--out", str(out), "--site-url", SITE)
    assert status == 0 and "Planned after the annual survey." in (out / "en" / EV / "actions" / "2.2" / "index.html").read_text(encoding="utf-8")
    assert "as it stood on" not in (out / "en" / EV / "index.html").read_text(encoding="utf-8")


def test_a_draft_looks_like_a_draft_and_keeps_search_engines_out(capsys, content, tmp_path):
    out = tmp_path / "site"
    assert run(capsys, "build", "--draft", "--content", str(content), "--out", str(out), "--site-url", SITE)[0] == 0
    for page in (out / "en" / EV / "index.html", out / "nl" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert 'class="es-band">' in html
    assert "Draft: a preview" in (out / "en" / EV / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in (out / "index.html").read_text(encoding="utf-8")
    assert "Disallow: /" in (out / "robots.txt").read_text(encoding="utf-8")
    assert run(capsys, "build", "--content", str(content), "--out", str(out), "--site-url", SITE)[0] == 0
    assert "noindex" not in (out / "en" / EV / "index.html").read_text(encoding="utf-8")
    assert "md-banner" not in (out / "en" / EV / "index.html").read_text(encoding="utf-8")  # no band, not even an empty one
    assert "Disallow" not in (out / "robots.txt").read_text(encoding="utf-8")


def test_a_status_that_is_not_the_latest_update(capsys, content):
    edit(content, EV / "response.yml", "{date: 2020-07-02, status: completed,", "{date: 2020-07-02, status: ongoing,")
    status_line = line_of(content, EV / "response.yml", "        status: completed")
    update_line = line_of(content, EV / "response.yml", "{date: 2020-07-02,")
    fails_with(capsys, content, at(content, EV / "response.yml", status_line,
                                   f"the status is 'completed', but its update of 2020-07-02 (line {update_line}) says 'ongoing' — an action's "
                                   "status is the one its latest update reports: make them agree"))


def test_an_update_status_on_an_action_without_status(capsys, content):
    id_line = line_of(content, EV / "response.yml", '      - id: "1.2"')
    edit(content, EV / "response.yml", "        in_charge: [environment-unit, water-directorate]\n        status: ongoing\n",
         "        in_charge: [environment-unit, water-directorate]\n")
    update_line = line_of(content, EV / "response.yml", "{date: 2020-09-30,")
    fails_with(capsys, content, at(content, EV / "response.yml", id_line,
                                   f"the action has no status, but its update of 2020-09-30 (line {update_line}) says 'ongoing' — add `status: ongoing`"))


def test_a_response_updated_before_it_was_published(capsys, content):
    line = edit(content, EV / "response.yml", "updated: 2021-07-15", "updated: 2019-12")
    fails_with(capsys, content, at(content, EV / "response.yml", line,
                                   "the response is updated (2019-12) before it was published (2020-01-21) — check both dates"))


def test_an_action_needs_a_timing_or_a_due_date(capsys, content):
    line = edit(content, EV / "response.yml", "{id: \"3.3\", text: {en: Train two caretakers for each water point.}, due: 2021-06,",
                "{id: \"3.3\", text: {en: Train two caretakers for each water point.},")
    fails_with(capsys, content, at(content, EV / "response.yml", line, "`timing:` or `due:` is missing in 'actions' — give one of them, or both"))


@pytest.mark.parametrize(("written", "message"), [
    ("2021-Q5", "'2021-Q5' is not valid for 'due' — write a due date as precise as the source: a day (2019-03-31), a month (2019-03), "
                "a quarter (2026-Q2) or a year (2027)"),
    ("2021-02-30", "'2021-02-30' is not a real date — check the month and the day"),
    ("2021-13", "'2021-13' is not a real date — check the month and the day"),
])
def test_a_due_date_must_be_a_real_period(capsys, content, written, message):
    line = edit(content, EV / "response.yml", "due: 2021-06, in_charge", f"due: {written}, in_charge")
    fails_with(capsys, content, at(content, EV / "response.yml", line, message))


# --- Ids -------------------------------------------------------------------------------------------

def test_a_duplicate_id_names_where_the_first_one_is(capsys, content):
    first = line_of(content, EV / "response.yml", '      - id: "3.1"')
    line = edit(content, EV / "response.yml", '{id: "3.10",', '{id: "3.1",')
    fails_with(capsys, content, at(content, EV / "response.yml", line, f"the id '3.1' is already used in this evaluation, at response.yml:{first}"
                                                                       " — ids must be unique (R1 and r1 count as the same): choose another one"))


def test_ids_that_differ_only_in_case_share_an_address(capsys, content):
    line = edit(content, EV / "response.yml", '      - id: "1.2"', '      - id: "r1"')
    fails_with(capsys, content, at(content, EV / "response.yml", line, "the id 'r1' is already used in this evaluation, at recommendations.yml:3"
                                                                       " — ids must be unique (R1 and r1 count as the same): choose another one"))


def test_a_reference_in_the_wrong_case_gets_a_suggestion(capsys, content):
    line = edit(content, EV / "response.yml", "  - recommendation: R4", "  - recommendation: r4")
    fails_with(capsys, content, at(content, EV / "response.yml", line, "'r4' is not a recommendation of this evaluation — did you mean 'R4'?"))


def test_a_duplicate_organisation_names_the_first_line(capsys, content):
    first = line_of(content, "organisations.yml", "  - id: me-unit")
    path = content / "organisations.yml"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    path.write_text(path.read_text(encoding="utf-8") + "  - id: me-unit\n    kind: unit\n    name: {en: M&E}\n", encoding="utf-8")
    fails_with(capsys, content, at(content, "organisations.yml", line, f"the id 'me-unit' is already used at line {first} — give each organisation its own id"))


# --- Text: tabs, byte-order marks, size ---------------------------------------------------------

def test_a_tab_is_called_a_tab(capsys, content):
    line = edit(content, EV / "recommendations.yml", "    number: \"2\"", "\tnumber: \"2\"")
    fails_with(capsys, content, at(content, EV / "recommendations.yml", line,
                                   "YAML syntax error: this line holds a tab — YAML indents with spaces only: replace the tab by spaces"))


def test_a_byte_order_mark_is_stripped(capsys, content):
    for name in (EV / "response.yml", "organisations.yml"):
        path = content / name
        path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    (content / EV / "introduction.en.md").write_text("\ufeffAn introduction.\n", encoding="utf-8")
    status, _, err = run(capsys, "check", str(content))
    assert (status, err) == (0, [])
    ev = load_site(content).evaluation(EV.name)
    assert ev.introduction.values["en"] == "An introduction.\n" and ev.response("R1").text.values["en"].startswith("The office")


def test_a_text_over_100_kb(capsys, content):
    line = edit(content, EV / "recommendations.yml", "      en: The monitoring system should", f"      en: {'x' * 150_000} The monitoring system should")
    (content / EV / "introduction.en.md").write_text("A short paragraph.\n\n" + "word " * 1_000_000 + "\n\nAnother one.\n", encoding="utf-8")
    fails_with(capsys, content,
               at(content, EV / "introduction.en.md", 3, "this text is 5,000 KB, over the limit of 100 KB — shorten it and leave the full text to "
                                                         "the source document"),
               at(content, EV / "recommendations.yml", line, "this text is 150 KB, over the limit of 100 KB — shorten it and leave the full "
                                                             "text to the source document"))
