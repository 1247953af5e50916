"""`evalsite import`: a management-response table (Word, Excel or CSV) → an evaluation's YAML.

Evaluation offices keep management responses as tables: a row per key action, or a row per
recommendation with continuation rows below it. The import runs in stages, one module each:

  read.py      the file, per format → tables of cells, each cell knowing where it is
  columns.py   the header row and what each column holds, from header words in en, fr and nl
  dates.py     due dates and update dates as precise as written (the model's PartialDate)
  units.py     who is in charge: a cell's names matched to the registry (organisations.yml)
  plan.py      rows → recommendations, responses, key actions and updates; what could not be placed
  render.py    the plan → recommendations.yml and response.yml in the house style
  run.py       the whole import: checks against the content, a trial load, the files written

`words.py` holds the vocabularies (header words, positions, statuses, date words) as tables, so that a
new spelling is one entry there and no code changes.
"""
from .run import ImportOptions, Outcome, import_table
from .table import CannotImport

__all__ = ["CannotImport", "ImportOptions", "Outcome", "import_table"]
