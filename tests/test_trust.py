"""Author text is untrusted: hostile markup in any kind of text is refused by `check` at its file and line,
or reaches the built pages inert. No event handler, script address, script, iframe, object or embed from
content is on any built page; titles reach the theme escaped; the link-preview picture is drawn from plain text."""
from __future__ import annotations

import datetime
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from evalsite.build import BuildOptions, build
from evalsite.content.load import load_site
from evalsite.errors import ContentError
from evalsite.markup import Converter
from evalsite.pages import picture

from .conftest import MANAGEMENT_RESPONSE, ROOT
from .pages import render_pages

REPORT = Path(__file__).parent / "fixtures" / "report"
EV = Path("evaluations/sample-final")
MR = Path("evaluations/coastal-livelihoods-2016-2019-final")
MARK = "EVIL"  # in every payload's active part: what must never be active on a page
PAYLOADS = {
    "tag without a space": f"<svg/onload=alert('{MARK}')>",
    "tag over two lines": f"<img\nsrc=x onerror=alert('{MARK}')>",
    "script": f"<script>alert('{MARK}')</script>",
    "event handler on an allowed tag": f'<span lang="en" onmouseover="alert(\'{MARK}\')">x</span>',
    "javascript: in Markdown": f"[x](javascript:alert('{MARK}'))",
    "javascript: with spaces and capitals": f"[x](  JaVaScRiPt:alert('{MARK}'))",
    "vbscript:": f"[x](vbscript:msgbox('{MARK}'))",
    "data: address": f"[x](data:text/html;{MARK},PHNjcmlwdD4=)",
    "javascript: in HTML": f"<a href=\"javascript:alert('{MARK}')\">x</a>",
    "entity-encoded javascript:": f"<a href=\"&#106;avascript:alert('{MARK}')\">x</a>",
    "reference link": f"[x][r]\n\n[r]: javascript:alert('{MARK}')",
    "MathML": f"<math><mi xlink:href=\"javascript:alert('{MARK}')\">x</mi></math>",
    "SVG": f"<svg><a xlink:href=\"javascript:alert('{MARK}')\"><text>x</text></a></svg>",
    "iframe": f'<iframe src="https://example.org/{MARK}"></iframe>',
    "object": f"<object data='{MARK}'></object>",
    "embed": f"<embed src='{MARK}'>",
    "details ontoggle": f"<details open ontoggle=alert('{MARK}')>x</details>",
    "style": f"<style>body{{background:url({MARK})}}</style>",
}
INERT = {  # hostile-looking text that is text: accepted, and shown as text
    "entity-encoded tag": f"&lt;script&gt;alert('{MARK}')&lt;/script&gt;",
    "tag in a code span": f"`<script>alert('{MARK}')</script>`",
}
# Every kind of text an author writes: (fixture, file, text replaced, replacement with the payload).
FIELDS = [
    (REPORT, "organisations.yml", "name: {nl: NGO A,", "name: {nl: \"NGO A {payload}\","),
    (REPORT, EV / "evaluation.yml", "title: {nl: Eindevaluatie voorbeeld", "title: {nl: \"Eindevaluatie {payload}\""),
    (REPORT, EV / "evaluation.yml", "summary: {nl: Een voorbeeld.", "summary: {nl: \"Een voorbeeld. {payload}\""),
    (REPORT, EV / "recommendations.yml", "title: {nl: Eerste", "title: {nl: \"Eerste {payload}\""),
    (REPORT, EV / "recommendations.yml", "text: {nl: Doe iets.", "text: {nl: \"Doe iets. {payload}\""),
    (REPORT, EV / "tables.yml", "campaign: Schone kleren", "campaign: \"Schone {payload}\""),
    (REPORT, EV / "timelines.yml", "text: {nl: Memorandum voorgesteld.", "text: {nl: \"Memorandum {payload}\""),
    (REPORT, EV / "framework.yml", "pointers: [{nl: Capaciteit}]", "pointers: [{nl: \"Capaciteit {payload}\"}]"),
    (REPORT, EV / "indicators.yml", "text: {nl: Samenwerkingen", "text: {nl: \"Samen {payload}\""),
    (REPORT, EV / "report/01-findings.nl.md", "§5 Vijfde paragraaf.", "§5 Vijfde paragraaf. {payload}"),
    (REPORT, EV / "report/01-findings.nl.md", "Een paragraaf zonder nummer.", "Een paragraaf {payload} zonder nummer."),
    (REPORT, EV / "report/01-findings.nl.md", "## 3.1 Effectiviteit", "## 3.1 Effectiviteit {payload}"),
    (REPORT, EV / "report/00-summary.en.md", "[^1]: The footnote.", "[^1]: The footnote. {payload}"),
    (MANAGEMENT_RESPONSE, MR / "response.yml", "en: The office agrees and will work through the district planning cycle that starts in 2020.",
     "en: \"The office {payload} agrees.\""),
    (MANAGEMENT_RESPONSE, MR / "response.yml", "text: {en: Train the planning officers of the six coastal districts to read the risk maps.}",
     "text: {en: \"Train {payload} the planning officers.\"}"),
    (MANAGEMENT_RESPONSE, MR / "response.yml", "text: {en: Training started in two districts.}",
     "text: {en: \"Training started {payload} in two districts.\"}"),
]


def _inject(content: Path, name: Path | str, old: str, new: str, payload: str) -> int:
    """Put `payload` where `new` says, in place of `old` in `content/name`; returns the line it is on."""
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    if str(name).endswith(".yml"):  # inside a double-quoted YAML string
        payload = payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    before, after = text.split(old, 1)
    path.write_text(before + new.replace("{payload}", payload) + after, encoding="utf-8")
    return before.count("\n") + 1


def _copy(fixture: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(fixture, target)
    return target


class _Active(HTMLParser):
    """What on a page could run: event handlers, script addresses, and script, iframe, object or embed
    elements holding the payloads' mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        if tag in ("iframe", "object", "embed", "frame", "frameset", "applet"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "poster") and \
                    value.replace(" ", "").startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARK in data:
            self.found.append("a script holds the mark")


def active_content(html: str) -> list[str]:
    reader = _Active()
    reader.feed(html)
    reader.close()
    return reader.found


@pytest.mark.parametrize("payload", [*PAYLOADS.values(), *INERT.values()], ids=[*PAYLOADS, *INERT])
def test_the_converter_never_outputs_active_content(payload):
    converter = Converter()
    for html in (str(converter.block(payload)), str(converter.inline(payload)), str(converter.footnoted([payload, "[^1]: x"]).blocks[0])):
        assert active_content(html) == [], (payload, html)


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_hostile_markup_in_every_kind_of_text_is_refused_at_its_line_or_inert(tmp_path, payload):
    """Refused by `check` at the file and line it is on, or (where Markdown itself reads it as text, such as
    `<svg/onload=…>` with quotes inside) made into text that can run nothing; the built pages are scanned below."""
    for fixture, name, old, new in FIELDS:
        content = _copy(fixture, tmp_path / "content")
        if "\n" in payload and Path(name).suffix == ".md" and old.startswith("#"):
            continue  # a heading is one line: the second line is a paragraph of its own (tested with paragraphs)
        line = _inject(content, name, old, new, payload)
        try:
            load_site(content)
        except ContentError as refused:
            here = [p for p in refused.problems if Path(p.path).name == Path(name).name and p.line == line and "not allowed" in p.message]
            assert here, (name, payload, [str(p) for p in refused.problems])
        else:
            assert active_content(str(Converter().block(payload))) == [], (name, payload)


@pytest.mark.parametrize("payload", list(INERT.values()), ids=list(INERT))
def test_text_that_only_looks_hostile_is_accepted(tmp_path, payload):
    for fixture, name, old, new in FIELDS:
        content = _copy(fixture, tmp_path / "content")
        _inject(content, name, old, new, payload)
        load_site(content)  # no problem: it is text


def test_every_built_page_is_free_of_active_content_from_any_text(tmp_path):
    """Every payload that `check` accepts, hostile or only hostile-looking, in every kind of text at once,
    built: no page can run anything of them."""
    sites = []
    for fixture in (REPORT, MANAGEMENT_RESPONSE):
        content = _copy(fixture, tmp_path / fixture.name / "content")
        for source, name, old, new in FIELDS:
            if source != fixture:
                continue
            accepted = []
            for payload in [*PAYLOADS.values(), *INERT.values()]:
                trial = _copy(fixture, tmp_path / "trial")
                _inject(trial, name, old, new, payload)
                try:
                    load_site(trial)
                except ContentError:
                    continue
                accepted.append(payload.replace("\n", " "))
            _inject(content, name, old, new, " ".join(accepted))
        load_site(content)  # all of them together are accepted too
        out = tmp_path / fixture.name / "site"
        build(content, BuildOptions(out_dir=out, site_url="https://example.org/", work_dir=tmp_path / fixture.name / "work",
                                    as_of=datetime.date(2021, 7, 31)))
        sites.append(out)
    for out in sites:
        pages = list(out.rglob("*.html"))
        assert len(pages) > 50
        for path in pages:
            assert active_content(path.read_text(encoding="utf-8")) == [], path
    overview = (sites[0] / "nl" / "evaluations" / "sample-final" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in overview  # shown as text


def test_titles_reach_the_theme_escaped_and_front_matter_is_plain_text(tmp_path):
    content = _copy(REPORT, tmp_path / "content")
    path = content / EV / "evaluation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Sample final evaluation}", 'en: "Sample <i>final</i> a < b & \\"c\\""}'),
                    encoding="utf-8")
    out = tmp_path / "site"
    build(content, BuildOptions(out_dir=out, site_url="https://example.org/", work_dir=tmp_path / "work"))
    html = (out / "en" / "evaluations" / "sample-final" / "index.html").read_text(encoding="utf-8")
    assert '<title>Sample final a &lt; b &amp; &#34;c&#34; · ' in html or '<title>Sample final a &lt; b &amp; &quot;c&quot; · ' in html
    assert '<h1>Sample <i>final</i> a &lt; b &amp; "c"</h1>' in html
    front = (tmp_path / "work" / "pages" / "en" / "docs" / "evaluations" / "sample-final" / "index.md").read_text(encoding="utf-8")
    assert 'title: "Sample final a < b & \\"c\\""' in front  # plain text: the theme escapes it


def test_the_preview_picture_is_drawn_from_plain_text(site_model, monkeypatch):
    drawn: list[picture.PreviewText] = []
    monkeypatch.setattr(picture, "draw", lambda text: drawn.append(text) or b"")
    from dataclasses import replace

    from evalsite.model import Text

    ev = site_model.evaluation("wsm-2022-2026-midterm")
    odd = replace(ev, short_title=Text({"en": "WSM & ACV's *midterm*", "nl": "x", "fr": "x"}, "en"))
    render_pages(replace(site_model, evaluations=(odd,)), "en")
    assert drawn and drawn[0].title == "WSM & ACV's midterm"


def test_no_cache_is_kept_in_a_shared_temporary_folder(tmp_path):
    """Compiled templates go to the project's work folder, never to a predictable folder that another
    user of the machine could create first (the system's temporary folder)."""
    import tempfile

    before = {path.name for path in Path(tempfile.gettempdir()).iterdir() if path.name.startswith("evalsite-jinja")}
    build(REPORT, BuildOptions(out_dir=tmp_path / "site", work_dir=tmp_path / "work"))
    after = {path.name for path in Path(tempfile.gettempdir()).iterdir() if path.name.startswith("evalsite-jinja")}
    assert after == before
    assert any((tmp_path / "work" / "templates").iterdir())
    assert "gettempdir" not in (ROOT / "generator" / "pages" / "static_words.py").read_text(encoding="utf-8")
