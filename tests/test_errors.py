"""Each class of content error is reported as `path:line: message` with the fix, all at once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evalsite.content.load import load_site
from evalsite.errors import ContentError

EV = Path("evaluations/wsm-2022-2026-midterm")


def edit(content: Path, name: Path | str, old: str, new: str, count: int = 1) -> int:
    """Replace `old` by `new` in one content file; returns the 1-based line of the first change."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def problems(content: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return [(Path(p.path).name, p.line, p.message) for p in caught.value.problems]


def only(content: Path) -> tuple[str, int, str]:
    found = problems(content)
    assert len(found) == 1, found
    return found[0]


def test_yaml_syntax_error(content):
    line = edit(content, EV / "response.yml", "    position: agree\n", "    position: [agree\n")
    name, at, message = only(content)
    assert name == "response.yml" and at in (line, line + 1)
    assert message.startswith("YAML syntax error:")


def test_unknown_key_with_did_you_mean(content):
    line = edit(content, EV / "response.yml", "    position: agree\n", "    postion: agree\n")
    found = problems(content)
    assert ("response.yml", line, "unknown key 'postion' in 'responses' — did you mean 'position'?") in found
    assert any(m.startswith("'position' is missing") for _, _, m in found)


def test_bad_position_value(content):
    line = edit(content, EV / "response.yml", "    position: partially-agree\n", "    position: partly\n")
    name, at, message = only(content)
    assert (name, at) == ("response.yml", line)
    assert message.startswith("'partly' is not an allowed value for 'position'")
    assert "agree, partially-agree, disagree" in message


def test_duplicate_id_names_where_the_first_one_is(content):
    first = (content / EV / "recommendations.yml").read_text(encoding="utf-8").splitlines().index("  - id: r1") + 1
    line = edit(content, EV / "recommendations.yml", "  - id: r2\n", "  - id: r1\n")
    found = problems(content)
    assert ("recommendations.yml", line, f"the id 'r1' is already used in this evaluation, at recommendations.yml:{first}"
            " — ids must be unique (R1 and r1 count as the same): choose another one") in found


def test_duplicate_id_between_recommendation_and_action(content):
    first = (content / EV / "recommendations.yml").read_text(encoding="utf-8").splitlines().index("  - id: r9") + 1
    line = edit(content, EV / "response.yml", '      - id: "1.1"\n', "      - id: R9\n")
    assert ("response.yml", line, f"the id 'R9' is already used in this evaluation, at recommendations.yml:{first}"
            " — ids must be unique (R1 and r1 count as the same): choose another one") in problems(content)


def test_duplicate_finding_id_is_named_where_it_repeats(content):
    line = edit(content, EV / "findings.yml", "  - id: counterweight\n", "  - id: assumption-confirmed\n")
    assert ("findings.yml", line, "the finding id 'assumption-confirmed' is used twice — give each finding its own id") in problems(content)


def test_dangling_reference(content):
    path = content / EV / "recommendations.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: r3\n")
    offset = text.index("to: r1", start)
    line = text[:offset].count("\n") + 1
    path.write_text(text[:offset] + "to: r10" + text[offset + len("to: r1"):], encoding="utf-8")
    name, at, message = only(content)
    assert (name, at) == ("recommendations.yml", line)
    assert message.startswith("'r10' is not a recommendation or action of this evaluation")


def test_unknown_organisation_suggests_the_registry_id_for_an_alias(content):
    line = edit(content, EV / "response.yml", "in_charge: [joint-pmeal-cell, wsm-bsd]", "in_charge: [joint-pmeal-cell, WSM-BSD]")
    found = problems(content)
    assert any(at == line and "'WSM-BSD' is a name of 'wsm-bsd': write wsm-bsd" in m for _, at, m in found)


def test_missing_required_field(content):
    edit(content, EV / "evaluation.yml", "kind: midterm\n", "")
    first_key = (content / EV / "evaluation.yml").read_text().splitlines().index(next(
        line for line in (content / EV / "evaluation.yml").read_text().splitlines() if line.startswith("title:"))) + 1
    assert only(content) == ("evaluation.yml", first_key, "'kind' is missing — add `kind:` (the kind of evaluation)")


def test_wrong_type(content):
    line = edit(content, EV / "response.yml", "in_charge: [joint-pmeal-cell, wsm-bsd]", "in_charge: joint-pmeal-cell")
    name, at, message = only(content)
    assert (name, at) == ("response.yml", line)
    assert message.startswith("'in_charge' should be a list, not text")


def test_missing_original_language_text(content):
    path = content / EV / "response.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index('      - id: "4.2"')
    en = text.index("          en: ", start)
    nl = text.index("          nl: ", en)
    line = text[:start].count("\n") + 2
    path.write_text(text[:en] + text[nl:], encoding="utf-8")
    name, at, message = only(content)
    assert (name, at) == ("response.yml", line)
    assert message.startswith("the text in the original language (en) is missing — add `en:`")


def test_bad_timing_and_reversed_range(content):
    line = edit(content, EV / "response.yml", "timing: 2026-2027", "timing: 2026-27")
    line2 = edit(content, EV / "response.yml", "timing: 2025-2026", "timing: 2026-2025")
    found = problems(content)
    assert any(at == line and m.startswith("'2026-27' is not valid for 'timing'") for _, at, m in found)
    assert ("response.yml", line2, "the range '2026-2025' ends before it starts — write the earlier year first") in found


def test_impossible_date(content):
    edit(content, EV / "evaluation.yml", "evaluator: [focus-up]\n", "evaluator: [focus-up]\ndate: 2024-13\n")
    _, _, message = only(content)
    assert message == "'2024-13' is not a real date — check the month and the day"


def test_bad_country_code(content):
    line = edit(content, EV / "evaluation.yml", "countries: [BE,", "countries: [XX,")
    assert only(content) == ("evaluation.yml", line, "'XX' is not an ISO 3166 country code — use a two-letter code such as BE")


def test_duplicate_key(content):
    line = edit(content, EV / "evaluation.yml", "kind: midterm\n", "kind: midterm\nkind: final\n")
    assert only(content) == ("evaluation.yml", line + 1, "the key 'kind' appears twice here — keep one of them")


def test_file_in_the_wrong_place(content):
    (content / EV / "recomendations.yml").write_text("recommendations: []\n", encoding="utf-8")
    assert only(content) == ("recomendations.yml", 1, "this file is not used by evalsite — rename it to recommendations.yml")


def test_file_not_utf8(content):
    path = content / EV / "introduction.fr.md"
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9", 1))
    name, _, message = only(content)
    assert name == "introduction.fr.md" and "not UTF-8" in message


def test_all_problems_are_reported_at_once(content):
    edit(content, EV / "response.yml", "    position: partially-agree\n", "    position: partly\n")
    edit(content, EV / "evaluation.yml", "countries: [BE,", "countries: [XX,")
    edit(content, EV / "recommendations.yml", "  - id: r2\n", "  - id: r1\n")
    assert {name for name, _, _ in problems(content)} == {"response.yml", "evaluation.yml", "recommendations.yml"}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "evalsite.cli", *args], capture_output=True, text=True, timeout=120)


def test_cli_check_clean_content_exits_0():
    result = run_cli("check", str(Path(__file__).parent.parent / "content"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content is valid: 2 evaluations, 17 recommendations, 18 actions")


def test_cli_check_broken_content_prints_file_line_and_exits_1(content):
    line = edit(content, EV / "response.yml", "    position: partially-agree\n", "    position: partly\n")
    result = run_cli("check", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.endswith(f"response.yml:{line}: 'partly' is not an allowed value for 'position' — use one of: agree, partially-agree, disagree")
    assert result.stderr.splitlines()[-1] == "1 problem found."  # check builds nothing, so it does not say so


def test_outside_a_project_the_commands_say_what_to_do(tmp_path):
    for command in ("check", "build", "serve"):
        result = subprocess.run([sys.executable, "-m", "evalsite.cli", command], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, command
        assert result.stderr == ("evalsite: no evalsite.yml here — run `evalsite init` to start a site project, cd into one,"
                                 " or give a content folder with --content DIR\n"), command


def test_cli_check_missing_folder(tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "this content folder does not exist" in result.stderr
