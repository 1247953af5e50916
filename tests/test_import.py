"""`evalsite import`: management-response tables in Word, Excel and CSV, headers in English, French and
Dutch, one row per action or continuation rows, → the evaluation's YAML, which `evalsite check` accepts.

Every table is made here (python-docx, openpyxl, csv) from one invented management response, written
in each language: the same facts must come out whatever the format, the layout or the language.
"""
from __future__ import annotations

import csv
import datetime
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest

from evalsite.content.load import load_site
from evalsite.content.yamlsource import PLACEHOLDER_MESSAGE
from evalsite.importing import CannotImport, ImportOptions, import_table
from evalsite.importing.columns import find_layouts
from evalsite.importing.dates import parse_when
from evalsite.importing.plan import action_number, recommendation_number
from evalsite.importing.table import Cell, Place, Table
from evalsite.model import PartialDate

from .conftest import MANAGEMENT_RESPONSE

SLUG = {"en": "coastal-livelihoods-2016-2019-final", "fr": "littoral-2016-2019-finale", "nl": "kust-2016-2019-eind"}


@dataclass(frozen=True)
class ExcelDate:
    """A due date as an Excel date cell (its value and number format) and as text in Word and CSV."""

    value: datetime.datetime
    number_format: str
    text: str


@dataclass(frozen=True)
class Rec:
    text: str
    response: str
    position: str  # "" where the table has no position column
    units: str  # for a recommendation without actions: the units beside it
    actions: tuple[tuple, ...]  # (text, due, units, status, comment)


@dataclass(frozen=True)
class Language:
    headers: tuple[str, ...]  # recommendation, response, [position], action, due, units, status, comments
    recs: tuple[Rec, ...]


EN = Language(
    ("Recommendation", "Management response", "Position", "Key action(s)", "Time frame", "Responsible unit(s)", "Status", "Comments"),
    (Rec("Recommendation 1: Build flood and drought risk maps into the district development plans.",
         "The office will work through the district planning cycle that opens in 2020.", "Agree", "",
         (("Train the planning officers of the coastal districts to use the risk maps.", "2020/06", "Environment and Resilience Unit",
           "Completed", "02/07/2020: Every coastal district has trained planning officers."),
          ("1.2 Write a climate risk chapter into the district plan template.", "2021",
           "Environment and Resilience Unit and National Water Supply Directorate", "Initiated", "30/09/2020: A draft went to the directorate."))),
     Rec("R2 Report monitoring results by sex and by age.", "Results will be reported by sex; by age only once a year, for cost reasons.",
         "Partially agree", "",
         (("Change the data collection forms to record sex.", ExcelDate(datetime.datetime(2020, 12, 31), "dd/mm/yyyy", "31/12/2020"),
           "Monitoring and Evaluation Unit", "Not initiated", ""),
          ("Publish results by age group every year.", "Q3 2021", "Monitoring and Evaluation Unit; Operations Unit", "", ""))),
     Rec("3. Keep the community water points working after hand-over.", "The directorate and the office will wait until each committee is ready.",
         "Agree", "",
         (("Open a bank account for each water committee.", ExcelDate(datetime.datetime(2021, 3, 1), "mmmm yyyy", "March 2021"), "Operations Unit",
           "No longer applicable", "The committees preferred mobile money."),
          ("Train two caretakers per water point.", "2020-2021", "National Water Supply Directorate", "", ""))),
     Rec("4) Prepare the programme's exit with the districts.", "A second phase is being designed with the same districts.", "Disagree",
         "Country Office", ())))

FR = Language(
    ("Recommandation", "Réponse de la direction", "Accord / désaccord", "Action(s) clé(s)", "Échéance", "Unité(s) responsable(s)", "Statut",
     "Commentaires"),
    (Rec("Recommandation 1 : intégrer les cartes de risque d'inondation et de sécheresse aux plans des districts.",
         "Le bureau passera par le cycle de planification des districts qui commence en 2020.", "D'accord", "",
         (("Former les planificateurs des districts côtiers à la lecture des cartes.", "2020/06", "Unité Environnement et résilience",
           "Terminé", "02/07/2020 : tous les districts côtiers ont des planificateurs formés."),
          ("1.2 Ajouter un chapitre sur les risques climatiques au modèle de plan.", "2021",
           "Unité Environnement et résilience et Direction nationale de l'approvisionnement en eau", "En cours",
           "30/09/2020 : un projet a été transmis à la direction."))),
     Rec("Recommandation n° 2 – ventiler les résultats du suivi par sexe et par âge.",
         "Les résultats seront ventilés par sexe ; par âge une fois par an seulement, pour des raisons de coût.", "Partiellement d'accord", "",
         (("Adapter les formulaires de collecte pour noter le sexe.", ExcelDate(datetime.datetime(2020, 12, 31), "dd/mm/yyyy", "31/12/2020"),
           "Unité de suivi et d'évaluation", "Non entamé", ""),
          ("Publier chaque année les résultats par tranche d'âge.", "T3 2021", "Unité de suivi et d'évaluation ; Unité des opérations", "", ""))),
     Rec("3. Faire durer les points d'eau communautaires après leur remise.", "La direction et le bureau attendront que chaque comité soit prêt.",
         "D'accord", "",
         (("Ouvrir un compte bancaire pour chaque comité de l'eau.", ExcelDate(datetime.datetime(2021, 3, 1), "mmmm yyyy", "mars 2021"),
           "Unité des opérations", "Abandonné", "Les comités ont préféré l'argent mobile."),
          ("Former deux gardiens par point d'eau.", "2020-2021", "Direction nationale de l'approvisionnement en eau", "", ""))),
     Rec("R4 Préparer la sortie du programme avec les districts.", "Une deuxième phase se prépare avec les mêmes districts.", "Pas d'accord",
         "Bureau de pays", ())))

NL = Language(  # no position column: each response starts with it
    ("Aanbeveling", "Managementrespons", "Sleutelactie(s)", "Termijn", "Verantwoordelijke eenheid", "Status", "Opmerkingen"),
    (Rec("Aanbeveling 1: neem overstromings- en droogterisicokaarten op in de ontwikkelingsplannen van de districten.",
         "Akkoord. Het kantoor volgt de planningscyclus van de districten die in 2020 start.", "", "",
         (("Leid de planners van de kustdistricten op in het gebruik van de kaarten.", "2020/06", "Eenheid Milieu en Weerbaarheid",
           "Afgerond", "02/07/2020: elk kustdistrict heeft opgeleide planners."),
          ("1.2 Voeg een hoofdstuk over klimaatrisico's toe aan het sjabloon van het districtsplan.", "2021",
           "Eenheid Milieu en Weerbaarheid en Nationale Directie Watervoorziening", "Lopend", "30/09/2020: een ontwerp ging naar de directie."))),
     Rec("Aanbeveling 2 – rapporteer de monitoringresultaten naar geslacht en leeftijd.",
         "Gedeeltelijk akkoord: naar geslacht wel, naar leeftijd slechts eenmaal per jaar, om de kosten.", "", "",
         (("Pas de formulieren aan zodat ze het geslacht registreren.", ExcelDate(datetime.datetime(2020, 12, 31), "dd/mm/yyyy", "31/12/2020"),
           "Eenheid Monitoring en Evaluatie", "Niet gestart", ""),
          ("Publiceer jaarlijks de resultaten per leeftijdsgroep.", "3e kwartaal 2021", "Eenheid Monitoring en Evaluatie; Eenheid Operaties", "",
           ""))),
     Rec("3) Houd de waterpunten van de gemeenschappen werkend na de overdracht.",
         "Akkoord: de directie en het kantoor wachten tot elk comité klaar is.", "", "",
         (("Open een bankrekening voor elk watercomité.", ExcelDate(datetime.datetime(2021, 3, 1), "mmmm yyyy", "maart 2021"), "Eenheid Operaties",
           "Niet meer van toepassing", "De comités kozen voor mobiel geld."),
          ("Leid twee beheerders per waterpunt op.", "2020-2021", "Nationale Directie Watervoorziening", "", ""))),
     Rec("4. Bereid de uitstap van het programma voor met de districten.", "Niet akkoord: een tweede fase wordt voorbereid met dezelfde districten.",
         "", "Landenkantoor", ())))

LANGUAGES = {"en": EN, "fr": FR, "nl": NL}

# What every table above says, whatever its format, layout or language.
POSITIONS = {"r1": "agree", "r2": "partially-agree", "r3": "agree", "r4": "disagree"}
ACTIONS = [  # id, recommendation, due, timing, in charge, status
    ("1.1", "r1", "2020-06", None, ("environment-unit",), "completed"),
    ("1.2", "r1", "2021", None, ("environment-unit", "water-directorate"), "ongoing"),
    ("2.1", "r2", "2020-12-31", None, ("me-unit",), "not-started"),
    ("2.2", "r2", "2021-Q3", None, ("me-unit", "operations-unit"), None),
    ("3.1", "r3", "2021-03", None, ("operations-unit",), "dropped"),
    ("3.2", "r3", None, "2020-2021", ("water-directorate",), None),
]
UPDATES = {"1.1": [(datetime.date(2020, 7, 2), "completed")], "1.2": [(datetime.date(2020, 9, 30), "ongoing")]}
TEXTS = {  # the first recommendation, the second response, action 1.2 and its update, the reason 3.1 was dropped: without numbers or positions
    "en": ("Build flood and drought risk maps into the district development plans.",
           "Results will be reported by sex; by age only once a year, for cost reasons.",
           "Write a climate risk chapter into the district plan template.", "A draft went to the directorate.",
           "The committees preferred mobile money."),
    "fr": ("Intégrer les cartes de risque d'inondation et de sécheresse aux plans des districts.",
           "Les résultats seront ventilés par sexe ; par âge une fois par an seulement, pour des raisons de coût.",
           "Ajouter un chapitre sur les risques climatiques au modèle de plan.", "Un projet a été transmis à la direction.",
           "Les comités ont préféré l'argent mobile."),
    "nl": ("Neem overstromings- en droogterisicokaarten op in de ontwikkelingsplannen van de districten.",
           "Naar geslacht wel, naar leeftijd slechts eenmaal per jaar, om de kosten.",
           "Voeg een hoofdstuk over klimaatrisico's toe aan het sjabloon van het districtsplan.", "Een ontwerp ging naar de directie.",
           "De comités kozen voor mobiel geld."),
}


def grid(lang: Language, layout: str) -> tuple[list[list], list[tuple[int, int, int]]]:
    """The table's rows (header first) and, for `merged`, the cells to merge: (column, first row, last row), 0-based.
    `repeated`: each action's row repeats its recommendation; `empty` and `merged`: continuation rows."""
    has_position = len(lang.headers) == 8
    rows: list[list] = [list(lang.headers)]
    merges = []
    for rec in lang.recs:
        first = len(rows)
        for k, action in enumerate(rec.actions or [("", "", rec.units, "", "")]):
            shared = [rec.text, rec.response] + ([rec.position] if has_position else [])
            if k and layout != "repeated":
                shared = [""] * len(shared)
            rows.append(shared + list(action))
        if layout == "merged" and len(rows) - first > 1:
            merges += [(c, first, len(rows) - 1) for c in range(3 if has_position else 2)]
    return rows, merges


def as_text(value) -> str:
    return value.text if isinstance(value, ExcelDate) else value


def write_docx(path: Path, rows: list[list], merges: list[tuple[int, int, int]], title: str = "") -> None:
    document = docx.Document()
    document.add_paragraph("Management response tracking")
    offset = 1 if title else 0
    table = document.add_table(rows=len(rows) + offset, cols=len(rows[0]))
    if title:  # a title row across the table, above the header
        table.cell(0, 0).merge(table.cell(0, len(rows[0]) - 1)).text = title
    for c, first, last in merges:
        table.cell(first + offset, c).merge(table.cell(last + offset, c))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value and not any(c == mc and first < r <= last for mc, first, last in merges):
                table.cell(r + offset, c).text = as_text(value)
    document.save(str(path))


def write_xlsx(path: Path, rows: list[list], merges: list[tuple[int, int, int]]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Management response"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, ExcelDate):
                cell = sheet.cell(r, c, value.value)
                cell.number_format = value.number_format
            elif value:
                sheet.cell(r, c, value)
    for c, first, last in merges:
        sheet.merge_cells(start_row=first + 1, start_column=c + 1, end_row=last + 1, end_column=c + 1)
    workbook.save(path)


def write_csv(path: Path, rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows([[as_text(v) for v in row] for row in rows])


def write_table(path: Path, lang: Language, layout: str) -> Path:
    rows, merges = grid(lang, layout)
    if path.suffix == ".docx":
        write_docx(path, rows, merges, title="Coastal programme" if layout == "merged" else "")
    elif path.suffix == ".xlsx":
        write_xlsx(path, rows, merges)
    else:
        write_csv(path, rows, delimiter=";" if lang is NL else ",")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The management-response fixture's registry, and no evaluation yet (see `evaluation`)."""
    target = tmp_path / "content"
    (target / "evaluations").mkdir(parents=True)
    shutil.copy(MANAGEMENT_RESPONSE / "organisations.yml", target)
    return target


def evaluation(content: Path, lang: str) -> str:
    """An evaluation with only its evaluation.yml, in `lang`: the fixture's (English) or one like it in French or Dutch."""
    folder = content / "evaluations" / SLUG[lang]
    folder.mkdir()
    if lang == "en":
        shutil.copy(MANAGEMENT_RESPONSE / "evaluations" / SLUG[lang] / "evaluation.yml", folder)
    else:
        title = {"fr": "Évaluation finale du programme littoral", "nl": "Eindevaluatie van het kustprogramma"}[lang]
        (folder / "evaluation.yml").write_text(
            f"title: {{{lang}: {title}}}\nkind: final\noriginal_language: {lang}\nsummary: {{{lang}: {title}.}}\n"
            f"programme:\n  name: {{{lang}: {title}}}\n  period: 2016-2019\n", encoding="utf-8")
    return SLUG[lang]


def evalsite(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalsite.cli", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def assert_facts(ev, lang: str) -> None:
    """The facts every table says, read back through the loader."""
    assert [r.id for r in ev.recommendations] == ["r1", "r2", "r3", "r4"]
    assert [r.number for r in ev.recommendations] == ["1", "2", "3", "4"]
    assert {rec: str(response.position) for rec, response in ev.responses.items()} == POSITIONS
    found = [(a.id, a.recommendation, str(a.due) if a.due else None, str(a.timing) if a.timing else None, a.in_charge,
              str(a.status) if a.status else None) for a in ev.actions]
    assert found == ACTIONS
    assert {a.id: [(u.date, str(u.status)) for u in a.updates] for a in ev.actions if a.updates} == UPDATES
    assert ev.response("r4").in_charge == ("country-office",) and ev.response("r1").in_charge == ()
    action_12 = next(a for a in ev.actions if a.id == "1.2")
    texts = [ev.recommendation("r1").text, ev.response("r2").text, action_12.text, action_12.updates[0].text,
             next(a for a in ev.actions if a.id == "3.1").status_reason]
    # in the original language only; long texts are wrapped (Markdown joins the lines again)
    assert [{k: " ".join(v.split()) for k, v in text.values.items()} for text in texts] == [{lang: t} for t in TEXTS[lang]]
    assert ev.recommendation("r1").title.values == {lang: "TODO the recommendation in one line"}  # a placeholder: the table has no titles


LAYOUTS = [(".docx", "repeated"), (".docx", "empty"), (".docx", "merged"), (".xlsx", "repeated"), (".xlsx", "empty"), (".xlsx", "merged"),
           (".csv", "repeated"), (".csv", "empty")]


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
@pytest.mark.parametrize(("suffix", "layout"), LAYOUTS)
def test_every_format_layout_and_language_gives_the_same_facts(content, tmp_path, lang, suffix, layout):
    source = write_table(tmp_path / f"response{suffix}", LANGUAGES[lang], layout)
    outcome = import_table(source, content, ImportOptions(evaluation(content, lang)))
    folder = content / "evaluations" / SLUG[lang]
    assert sorted(outcome.files) == [folder / "recommendations.yml", folder / "response.yml"]
    assert_facts(load_site(content).evaluation(SLUG[lang]), lang)
    assert (outcome.recommendations, outcome.actions, outcome.notes) == (4, 6, ())
    # the placeholders left: a title per recommendation (nothing else is missing from these tables)
    assert [(Path(w.path).name, w.message) for w in outcome.warnings] == [("recommendations.yml", PLACEHOLDER_MESSAGE)] * 4


def test_the_cli_writes_files_that_evalsite_check_accepts(content, tmp_path):
    source = write_table(tmp_path / "mr.docx", EN, "merged")
    result = evalsite("import", str(source), "--evaluation", evaluation(content, "en"), "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported 4 recommendations and 6 key actions from ")
    assert "4 placeholders to replace" in result.stdout and "Traceback" not in result.stderr
    check = evalsite("check", "--content", str(content))
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("content is valid: 1 evaluations, 4 recommendations, 6 actions")
    response = (content / "evaluations" / SLUG["en"] / "response.yml").read_text(encoding="utf-8")
    # the house style: key order, ids quoted where they look like numbers, short texts as {en: …}
    assert """  - recommendation: r1
    position: agree
    text: {en: The office will work through the district planning cycle that opens in 2020.}
    actions:
      - id: "1.1"
        text: {en: Train the planning officers of the coastal districts to use the risk maps.}
        due: 2020-06
        in_charge: [environment-unit]
        status: completed
        updates:
          - date: 2020-07-02
            status: completed
            text: {en: Every coastal district has trained planning officers.}
""" in response
    assert "  - recommendation: r4\n    position: disagree\n    in_charge: [country-office]\n" in response


def test_recommendations_already_written_are_kept_and_answered_by_their_ids(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, content)
    folder = content / "evaluations" / SLUG["en"]
    (folder / "response.yml").unlink()
    before = (folder / "recommendations.yml").read_text(encoding="utf-8")
    outcome = import_table(write_table(tmp_path / "mr.csv", EN, "empty"), content, ImportOptions(SLUG["en"]))
    assert list(outcome.files) == [folder / "response.yml"] and outcome.kept == folder / "recommendations.yml"
    assert (folder / "recommendations.yml").read_text(encoding="utf-8") == before
    ev = load_site(content).evaluation(SLUG["en"])
    assert list(ev.responses) == ["R1", "R2", "R3", "R4"]  # the ids as recommendations.yml writes them
    assert [a.id for a in ev.actions_for("R3")] == ["3.1", "3.2"]


def test_a_recommendation_the_evaluation_lacks_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, content)
    (content / "evaluations" / SLUG["en"] / "response.yml").unlink()
    rows, _ = grid(EN, "repeated")
    rows.append(["5. Share the lessons with other provinces.", "Agree", "Agree", "Hold a workshop.", "2021", "Country Office", "", ""])
    write_csv(tmp_path / "mr.csv", rows)
    with pytest.raises(CannotImport) as caught:
        import_table(tmp_path / "mr.csv", content, ImportOptions(SLUG["en"]))
    assert str(caught.value) == (f"{tmp_path}/mr.csv: row 9, column 1 \"Recommendation\": recommendation 5 is not one of "
                                 f"{content}/evaluations/{SLUG['en']}/recommendations.yml (R1, R2, R3, R4)\n"
                                 "the table's recommendations must be the evaluation's — add the missing ones (evalsite new recommendation "
                                 f"--evaluation {SLUG['en']}) or correct their numbers in the table")
    assert not (content / "evaluations" / SLUG["en"] / "response.yml").exists()


def test_an_unknown_unit_names_its_cell_and_the_nearest_name(content, tmp_path):
    rows, _ = grid(EN, "repeated")
    rows[3][5] = "Operation Unit"  # the first action of recommendation 2: row 4 of the table
    write_docx(tmp_path / "mr.docx", rows, [])
    result = evalsite("import", str(tmp_path / "mr.docx"), "--evaluation", evaluation(content, "en"), "--content", str(content))
    assert result.returncode == 1
    assert result.stderr == (f"evalsite: {tmp_path}/mr.docx: table 1, row 4, column 6 \"Responsible unit(s)\": 'Operation Unit' is not in "
                             "organisations.yml — did you mean 'Operations Unit'? — write a name, short name or alias from the registry in "
                             "the cell, add the unit to content/organisations.yml, or run again with --add-units\n")
    assert not (content / "evaluations" / SLUG["en"] / "response.yml").exists()


def test_add_units_writes_them_to_the_registry_as_entries_to_complete(content, tmp_path):
    rows, _ = grid(EN, "repeated")
    rows[4][5] = "Monitoring and Evaluation Unit, Gender Focal Point"
    write_xlsx(tmp_path / "mr.xlsx", rows, [])
    result = evalsite("import", str(tmp_path / "mr.xlsx"), "--evaluation", evaluation(content, "en"), "--content", str(content), "--add-units")
    assert result.returncode == 0, result.stderr
    assert "1 unit added to organisations.yml, to complete" in result.stdout
    registry = (content / "organisations.yml").read_text(encoding="utf-8")
    assert registry.startswith("# Fixture: an invented programme")  # the author's comments stay
    assert registry.endswith(
        "  - id: gender-focal-point          # TODO added by `evalsite import` for "
        "mr.xlsx, sheet \"Management response\", cell F5 (\"Responsible unit(s)\"): check the id and the kind, add part_of and "
        "the name in nl, fr and en\n    kind: unit\n    name: {en: Gender Focal Point}\n")
    site = load_site(content)
    assert next(a for a in site.evaluation(SLUG["en"]).actions if a.id == "2.2").in_charge == ("me-unit", "gender-focal-point")
    assert next(o for o in site.organisations if o.id == "gender-focal-point").kind == "unit"
    check = evalsite("check", "--content", str(content))
    assert check.returncode == 0 and "organisations.yml" in check.stderr  # its TODO is a warning


def test_dry_run_prints_and_writes_nothing(content, tmp_path):
    write_table(tmp_path / "mr.xlsx", FR, "merged")
    slug = evaluation(content, "fr")
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    result = evalsite("import", str(tmp_path / "mr.xlsx"), "--evaluation", slug, "--content", str(content), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    assert f"--- {content}/evaluations/{SLUG['fr']}/recommendations.yml\n" in result.stdout
    assert "  - recommendation: r2\n    position: partially-agree\n" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("dry run, nothing written: would import 4 recommendations and 6 key actions")


def test_an_existing_response_is_replaced_only_with_force(content, tmp_path):
    source = write_table(tmp_path / "mr.csv", NL, "empty")
    args = ["import", str(source), "--evaluation", evaluation(content, "nl"), "--content", str(content)]
    assert evalsite(*args).returncode == 0
    response = content / "evaluations" / SLUG["nl"] / "response.yml"
    response.write_text(response.read_text(encoding="utf-8").replace("position: agree", "position: disagree", 1), encoding="utf-8")
    edited = response.read_text(encoding="utf-8")
    again = evalsite(*args)
    assert again.returncode == 1 and response.read_text(encoding="utf-8") == edited
    assert again.stderr == (f"evalsite: {content}/evaluations/{SLUG['nl']}/response.yml already exists — run again with --force to replace "
                            "it (the progress it records that the table lacks would be lost), or --dry-run to see what would be written\n")
    forced = evalsite(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert str(load_site(content).evaluation(SLUG["nl"]).response("r1").position) == "agree"


def test_the_placeholder_recommendations_of_new_evaluation_are_replaced_with_force(content, tmp_path):
    assert evalsite("new", "evaluation", "nieuw-2025", "--language", "nl", "--content", str(content)).returncode == 0
    source = write_table(tmp_path / "mr.docx", NL, "repeated")
    refused = evalsite("import", str(source), "--evaluation", "nieuw-2025", "--content", str(content))
    assert refused.returncode == 1
    assert "recommendations.yml holds only placeholders (from `evalsite new evaluation`) — run again with --force" in refused.stderr
    forced = evalsite("import", str(source), "--evaluation", "nieuw-2025", "--content", str(content), "--force")
    assert forced.returncode == 0, forced.stderr
    assert [r.id for r in load_site(content).evaluation("nieuw-2025").recommendations] == ["r1", "r2", "r3", "r4"]


def test_cells_that_cannot_be_placed_are_named(content, tmp_path):
    rows, _ = grid(EN, "repeated")
    rows[0].append("Budget (EUR)")
    for row in rows[1:3]:
        row.append("12000")
    rows[3][6] = "Paused"  # a status no vocabulary has
    rows[5][4] = "Ongoing"  # a time frame that is no date
    rows[4][7] = "Forms tested in one district."  # a comment without a day
    write_docx(tmp_path / "mr.docx", rows, [])
    result = evalsite("import", str(tmp_path / "mr.docx"), "--evaluation", evaluation(content, "en"), "--content", str(content))
    assert result.returncode == 0, result.stderr
    notes = [line.removeprefix(f"{tmp_path}/mr.docx: ") for line in result.stderr.splitlines() if line.startswith(f"{tmp_path}/mr.docx: ")]
    assert notes == [
        "table 1, row 4, column 7 \"Status\": 'Paused' is not a status evalsite knows (completed, ongoing, not started, dropped, in English, "
        "French or Dutch): kept as a comment in response.yml",
        "table 1, row 5, column 8 \"Comments\": a comment without its day cannot be a dated update (write it as '20/05/2020: …', or give an "
        "update date column): kept as a comment in response.yml",
        "table 1, row 6, column 5 \"Time frame\": 'Ongoing' is not a date or a period evalsite can read (2019-03, Q2 2020, 31/03/2019, March "
        "2019, 2020-2021…): kept as a comment in response.yml",
        "table 1, column 9 \"Budget (EUR)\": not a column evalsite imports: its cells in rows 2, 3 were left out",
    ]
    response = (content / "evaluations" / SLUG["en"] / "response.yml").read_text(encoding="utf-8")
    assert "        # status in the table: Paused\n" in response and "        # time frame in the table: Ongoing\n" in response
    assert "        # comment in the table: Forms tested in one district.\n" in response
    assert "timing: " in response and "# TODO a year or a year range" in response  # the action with no readable date: a placeholder
    assert evalsite("check", "--content", str(content)).returncode == 0


@pytest.mark.parametrize(("name", "data", "message"), [
    ("missing.docx", None, "there is no such file — check the path"),
    ("response.pdf", b"%PDF-1.4", "evalsite cannot read .pdf — save it as .docx and import that"),
    ("response.xls", b"\xd0\xcf\x11\xe0", "evalsite cannot read .xls — save it as .xlsx and import that"),
    ("broken.docx", b"not a zip file", "cannot be read as a Word document (PackageNotFoundError) — open it in Word and save it again as .docx"),
    ("broken.xlsx", b"not a zip file", "cannot be read as an Excel workbook (BadZipFile) — open it in Excel and save it again as .xlsx"),
    ("no-header.csv", b"a;b\n1;2\n", "no header row found — evalsite looks in the first 10 rows of each table"),
    ("no-recommendation.csv", b"Key action;Time frame;Status\nTrain;2020;Completed\n",
     "row 1 is the header row (Key action, Time frame, Status), but no column holds the recommendations — name that column \"Recommendation\""),
])
def test_bad_input_is_a_clear_error_without_a_traceback(content, tmp_path, name, data, message):
    if data is not None:
        (tmp_path / name).write_bytes(data)
    result = evalsite("import", str(tmp_path / name), "--evaluation", evaluation(content, "en"), "--content", str(content))
    assert result.returncode == 1
    assert result.stderr.startswith(f"evalsite: {tmp_path}/{name}: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert not (content / "evaluations" / SLUG["en"] / "response.yml").exists()


def test_an_unknown_evaluation_is_refused(content, tmp_path):
    result = evalsite("import", str(write_table(tmp_path / "mr.csv", EN, "empty")), "--evaluation", "nope", "--content", str(content))
    assert result.returncode == 1
    assert result.stderr.startswith(f"evalsite: there is no evaluation 'nope' in {content}/evaluations — create it first: evalsite new evaluation")


def test_help_describes_every_option():
    result = evalsite("import", "--help")
    assert result.returncode == 0
    for option in ("--evaluation SLUG", "--force", "--dry-run", "--add-units", "--content DIR", "--config FILE"):
        assert option in result.stdout


@pytest.mark.parametrize(("written", "due", "timing"), [
    ("2019/03", "2019-03", None), ("Q2 2020", "2020-Q2", None), ("2020", "2020", None), ("31/03/2019", "2019-03-31", None),
    ("March 2019", "2019-03", None), ("mars 2019", "2019-03", None), ("maart 2019", "2019-03", None), ("mrt. 2019", "2019-03", None),
    ("T3 2021", "2021-Q3", None), ("2e trimestre 2021", "2021-Q2", None), ("3e kwartaal 2021", "2021-Q3", None), ("2020-Q4", "2020-Q4", None),
    ("by end of 2020", "2020", None), ("fin mars 2019", "2019-03", None), ("uiterlijk eind 2021", "2021", None),
    ("15 août 2021", "2021-08-15", None), ("March 31, 2019", "2019-03-31", None), ("03/31/2019", "2019-03-31", None),
    ("2020-2021", None, "2020-2021"), ("de 2020 à 2021", None, "2020-2021"), ("Jan 2020 - Jun 2021", "2021-06", "2020-2021"),
    ("Q1-Q2 2020", "2020-Q2", None), ("Ongoing", None, None), ("31/02/2020", None, None), ("H1 2020", None, None),
])
def test_due_dates_are_as_precise_as_written(written, due, timing):
    when = parse_when(written)
    assert (str(when.due) if when and when.due else None, str(when.timing) if when and when.timing else None) == (due, timing)


def test_excel_date_cells_keep_the_precision_their_format_shows(tmp_path):
    from evalsite.importing.read import read_tables

    rows = [["Recommendation", "Time frame", "Time frame"], ["1. Do it", None, None]]
    write_xlsx(tmp_path / "dates.xlsx", rows, [])
    workbook = openpyxl.load_workbook(tmp_path / "dates.xlsx")
    sheet = workbook.active
    for column, fmt in ((2, "dd/mm/yyyy"), (3, "mmm-yy")):
        sheet.cell(2, column, datetime.datetime(2019, 3, 31)).number_format = fmt
    workbook.save(tmp_path / "dates.xlsx")
    row = read_tables(tmp_path / "dates.xlsx")[0].rows[1]
    assert [cell.value for cell in row[1:]] == [PartialDate(2019, 3, 31), PartialDate(2019, 3)]


@pytest.mark.parametrize(("written", "number", "text"), [
    ("Recommendation 1: Do it.", "1", "Do it."), ("R2 Do it", "2", "Do it"), ("Rec. 3 – Do it", "3", "Do it"), ("4. Do it", "4", "Do it"),
    ("5) Do it", "5", "Do it"), ("Recommandation n° 6 : Le faire", "6", "Le faire"), ("Aanbeveling 7 - Doe het", "7", "Doe het"),
    ("8", "8", ""), ("Reinforce the unit", None, "Reinforce the unit"), ("2020 showed it", None, "2020 showed it"),
])
def test_recommendation_numbers_are_read_from_the_text(written, number, text):
    assert recommendation_number(written) == (number, text)


@pytest.mark.parametrize(("written", "expected"), [
    ("1.2 Train the officers", ("1.2", None, "Train the officers")), ("Action 3.1: Train", ("3.1", None, "Train")),
    ("2. Train", (None, 2, "Train")), ("Train the officers", (None, None, "Train the officers")),
])
def test_action_ids_are_read_from_the_text(written, expected):
    assert action_number(written) == expected


def test_two_header_rows_and_a_title_row_are_recognised():
    def row(r: int, *texts: str) -> tuple[Cell, ...]:
        return tuple(Cell(text, Place("table 1", r, c)) for c, text in enumerate(texts, start=1))

    table = Table("table 1", (row(1, "Management response tracking", "", "", "", ""),
                              row(2, "Recommendation", "Key action(s)", "Responsible unit(s)", "Tracking*", ""),
                              row(3, "", "", "", "Comments", "Status"),
                              row(4, "1. Do it", "Train", "Country Office", "", "Completed")))
    layouts, notes = find_layouts([table], "mr.docx")
    assert layouts[0].columns == {"recommendation": 0, "action": 1, "units": 2, "comments": 3, "status": 4}
    assert layouts[0].first_data_row == 3 and notes == []


def test_comments_become_dated_updates_oldest_first_with_the_status_on_the_latest(content, tmp_path):
    rows = [["Recommendation", "Response", "Key actions", "Deadline", "In charge", "Status", "Progress", "Last updated"],
            ["1. Map the flood risks.", "Agreed.", "1.1 Draw the maps.\n1.2 Share the maps with the districts.", "Q4 2020", "Country Office",
             "Ongoing", "30/09/2020: Maps shared with two districts.\n15/06/2020: Maps drawn.", ""],
            ["", "", "Train the district staff.", "2021", "Operations Unit", "Completed", "All staff trained.", "15/03/2021"]]
    write_csv(tmp_path / "mr.csv", rows)
    outcome = import_table(tmp_path / "mr.csv", content, ImportOptions(evaluation(content, "en")))
    ev = load_site(content).evaluation(SLUG["en"])
    assert str(ev.response("r1").position) == "agree" and ev.response("r1").text.values == {"en": "Agreed."}
    found = [(a.id, a.text.values["en"], str(a.due), a.in_charge, str(a.status)) for a in ev.actions]
    assert found == [("1.1", "Draw the maps.", "2020-Q4", ("country-office",), "ongoing"),  # one cell, two numbered actions
                     ("1.2", "Share the maps with the districts.", "2020-Q4", ("country-office",), "ongoing"),
                     ("1.3", "Train the district staff.", "2021", ("operations-unit",), "completed")]
    assert [(u.date.isoformat(), u.status and str(u.status), u.text.values["en"]) for u in ev.actions[0].updates] == [
        ("2020-06-15", None, "Maps drawn."), ("2020-09-30", "ongoing", "Maps shared with two districts.")]
    assert [(u.date.isoformat(), str(u.status), u.text.values["en"]) for u in ev.actions[2].updates] == [
        ("2021-03-15", "completed", "All staff trained.")]  # an undated comment dated by the update-date column
    assert outcome.notes == ()


def test_two_positions_for_one_recommendation_are_refused(content, tmp_path):
    rows = [["Recommendation", "Position", "Key action"], ["1. Map the risks.", "Agree", "Draw the maps."], ["1. Map the risks.", "Disagree", "Share them."]]
    write_csv(tmp_path / "mr.csv", rows)
    with pytest.raises(CannotImport) as caught:
        import_table(tmp_path / "mr.csv", content, ImportOptions(evaluation(content, "en")))
    assert str(caught.value) == (f"{tmp_path}/mr.csv: row 2, column 2 \"Position\": 'Agree'; row 3, column 2 \"Position\": 'Disagree' — "
                                 "recommendation 1 has one position: make these cells agree")


def test_headers_in_another_language_than_the_evaluation_are_pointed_out(content, tmp_path):
    outcome = import_table(write_table(tmp_path / "mr.csv", FR, "empty"), content, ImportOptions(evaluation(content, "en"), dry_run=True))
    assert [str(note) for note in outcome.notes] == [
        "the table's headers are in French, and the evaluation's original language is English: its texts are filed as `en:` — check that "
        "they are written in English, or correct original_language in evaluation.yml"]
    assert not (content / "evaluations" / SLUG["en"] / "response.yml").exists()
    assert outcome.files[content / "evaluations" / SLUG["en"] / "response.yml"].splitlines()[1].startswith(
        f"# The management response, imported by `evalsite import` from mr.csv on {datetime.date.today()}:")  # the file's name, not its path


def test_a_csv_file_saved_in_the_windows_code_page_reads_the_same(content, tmp_path):
    rows, _ = grid(FR, "empty")
    write_csv(tmp_path / "mr.csv", rows, delimiter=";", encoding="cp1252")  # Excel's "CSV (séparateur : point-virgule)"
    import_table(tmp_path / "mr.csv", content, ImportOptions(evaluation(content, "fr")))
    assert_facts(load_site(content).evaluation(SLUG["fr"]), "fr")
