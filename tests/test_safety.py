"""Content from many organisations: raw HTML limited to an allow-list, no script, event handler,
javascript: address or iframe ever reaches a page; private content never reaches the site or the data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evalsite.build.site import BuildOptions, build
from evalsite.content.load import load_site
from evalsite.errors import ContentError
from evalsite.markup import to_html, to_inline_html, unsafe_html

FIXTURE = Path(__file__).parent / "fixtures" / "report"
EV = Path("evaluations/sample-final")
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](  JaVaScRiPt:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://example.org"></iframe>',
    '<span lang="en" onmouseover="alert(1)">x</span>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<object data=x></object>",
    "<style>body{display:none}</style>",
]
# Every kind of text an author writes: (file, text to replace, where the payload goes).
FIELDS = [
    ("evaluation.yml", "summary: {nl: Een voorbeeld.", "summary: {nl: \"Een voorbeeld. {payload}\""),
    ("evaluation.yml", "title: {nl: Eindevaluatie voorbeeld", "title: {nl: \"Eindevaluatie {payload}\""),
    ("recommendations.yml", "text: {nl: Doe iets.", "text: {nl: \"Doe iets. {payload}\""),
    ("recommendations.yml", "title: {nl: Eerste", "title: {nl: \"Eerste {payload}\""),
    ("tables.yml", "campaign: Schone kleren", "campaign: \"Schone {payload}\""),
    ("timelines.yml", "text: {nl: Memorandum voorgesteld.", "text: {nl: \"Memorandum {payload}\""),
    ("framework.yml", "pointers: [{nl: Capaciteit}]", "pointers: [{nl: \"Capaciteit {payload}\"}]"),
    ("indicators.yml", "text: {nl: Samenwerkingen", "text: {nl: \"Samen {payload}\""),
    ("report/01-findings.nl.md", "§5 Vijfde paragraaf.", "§5 Vijfde paragraaf. {payload}"),
    ("report/00-summary.en.md", "[^1]: The footnote.", "[^1]: The footnote. {payload}"),
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_never_outputs_active_content(payload):
    for html in (str(to_html(payload)), str(to_inline_html(payload))):
        lowered = html.lower()
        for bad in ("<script", "onerror", "onload", "onmouseover", "javascript:", "data:text", "<iframe", "<object", "<style", "<svg"):
            assert bad not in lowered, (payload, html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_loader_refuses_unsafe_html_in_every_text_field(tmp_path, payload):
    content = tmp_path / "content"
    for name, old, new in FIELDS:
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(FIXTURE, content)
        path = content / EV / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        escaped = payload.replace("\\", "\\\\").replace('"', '\\"') if name.endswith(".yml") else payload
        path.write_text(text.replace(old, new.replace("{payload}", escaped), 1), encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            load_site(content)
        assert any(Path(p.path).name == Path(name).name and "not allowed" in p.message for p in caught.value.problems), (name, payload)


def test_allowed_markup_and_code_stay():
    assert unsafe_html('A <span lang="fr">mot</span>, <em>x</em>, `<script>` in code, a < b.') == []
    assert "<code>&lt;script&gt;</code>" in str(to_html("`<script>`"))


def test_private_entries_fields_and_blocks_never_reach_the_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    folder = content / EV
    recs = folder / "recommendations.yml"
    recs.write_text(recs.read_text(encoding="utf-8") + """  - id: secret-1
    private: true
    title: {nl: PRIVEAANBEVELING}
    text: {nl: Geheim.}
""", encoding="utf-8")
    timelines = folder / "timelines.yml"
    timelines.write_text(timelines.read_text(encoding="utf-8").replace(
        "      - date: 2020-10\n", "      - date: 2020-10\n        private: [conflict]\n        conflict: {nl: GEHEIMCONFLICT}\n"), encoding="utf-8")
    chapter = folder / "report" / "01-findings.nl.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Een paragraaf zonder nummer.", "Een paragraaf zonder nummer.\n\n<!-- private -->\nGEHEIMEPARAGRAAF met namen.\n<!-- /private -->"),
        encoding="utf-8")
    site = load_site(content)
    assert "secret-1" not in [r.id for r in site.evaluations[0].recommendations]
    out = tmp_path / "site"
    build(content, BuildOptions(out_dir=out, site_url="http://127.0.0.1:9/", work_dir=tmp_path / "work"))
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".ics", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("PRIVEAANBEVELING", "GEHEIMCONFLICT", "GEHEIMEPARAGRAAF", "secret-1"):
                assert secret not in text, (path, secret)
    for path in (tmp_path / "work").rglob("*.md"):
        assert "GEHEIM" not in path.read_text(encoding="utf-8")
