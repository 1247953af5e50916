"""`evalsite check --translations` reports what is not translated; `--strict` makes it an error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "report"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalsite.cli", "check", *args], capture_output=True, text=True, timeout=120)


def test_translation_report_is_a_table_per_evaluation_and_language():
    result = run(str(FIXTURE), "--translations")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["evaluation", "lang", "missing", "first", "places"]
    rows = {tuple(line.split()[:3]) for line in lines[2:] if line.startswith("sample-final")}
    assert rows == {("sample-final", "fr", "14"), ("sample-final", "en", "11"), ("sample-final", "nl", "3")}
    assert "framework.yml:9, framework.yml:10, framework.yml:12 …" in result.stdout


def test_strict_turns_missing_translations_into_errors():
    result = run(str(FIXTURE), "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "01-findings.nl.md:1: the translation into fr, en is missing — add 01-findings.fr.md and 01-findings.en.md" in result.stderr
    assert "recommendations.yml:15: the translation into fr, en is missing — add `fr:` and `en:`" in result.stderr


def test_a_fully_translated_evaluation_passes_strict(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "followup", content)
    for path in (content / "evaluations" / "sample-midterm").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for english in ("First", "Second", "Third", "Do the first thing.", "Do the second thing.", "Do the third thing.", "Yes.", "Partly.",
                        "No.", "Completed action.", "Ongoing action past its due date.", "Not started yet.", "Dropped action.",
                        "No update and past due.", "No update and due soon.", "Started.", "Delayed.", "No budget."):
            text = text.replace(f"{{en: {english}}}", f"{{en: {english}, nl: NL, fr: FR}}")
        text = text.replace("{en: Done., nl: Klaar.}", "{en: Done., nl: Klaar., fr: Fait.}")
        path.write_text(text, encoding="utf-8")
    result = run(str(content), "--strict")
    assert result.returncode == 0, result.stderr
