from pathlib import Path

from evalsite.content.yamlsource import read_yaml
from evalsite.errors import Problems


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "file.yml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    problems = Problems()
    return read_yaml(path, problems), [(p.line, p.message) for p in problems.items]


def test_values_keep_their_lines(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb:\n  - x: one\n    y: [1, 2]\n")
    assert problems == []
    assert doc.data == {"a": 1, "b": [{"x": "one", "y": [1, 2]}]}
    assert doc.line(("b", 0, "y")) == 4
    assert doc.line(("b", 0, "y", 1)) == 4
    assert doc.line(("b", 0, "missing", "deeper")) == 3  # nearest parent


def test_dates_stay_strings(tmp_path):
    doc, _ = read(tmp_path, "date: 2022-06-01\nperiod: 2022-2026\nyear: 2024\n")
    assert doc.data == {"date": "2022-06-01", "period": "2022-2026", "year": 2024}


def test_duplicate_key_is_reported_not_overwritten(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert doc.data["a"] == 1
    assert problems == [(3, "the key 'a' appears twice here — keep one of them")]


def test_syntax_error_names_the_line(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert doc is None
    line, message = problems[0]
    assert line in (2, 3) and message.startswith("YAML syntax error:")


def test_python_tags_are_refused(tmp_path):
    doc, problems = read(tmp_path, "a: !!python/object/apply:os.system [echo hi]\n")
    assert doc is None
    assert problems[0][0] == 1 and "not allowed" in problems[0][1]


def test_non_utf8_names_the_line(tmp_path):
    doc, problems = read(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert doc is None
    assert problems == [(2, "this file is not UTF-8 text — save it as UTF-8 in your editor")]
