"""Names of interviewed people (annex 5.3 of the FOS-Solsoc-IFSI report) never reach the site or the
content. The names themselves are not in this repository either: only hashes of their surnames."""
from __future__ import annotations

import datetime
import gzip
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from evalsite.build import BuildOptions, build
from evalsite.content.load import load_site
from evalsite.errors import ContentError

from .conftest import CONTENT, MANAGEMENT_RESPONSE

# sha256(surname.lower())[:16] for the 12 people listed in annex 5.3 (11 interviewees, 1 non-respondent).
INTERVIEWEE_SURNAMES = {
    "c533ae084d8af5c7", "a827ec193130da50", "c6b13bfa618948eb", "153a046cae721582", "d351eb6bc276e25b", "ad0958bf2e306a12",
    "2ebbd8899aa0a6a2", "b2e940ec18607aa1", "13a89717d2a78c35", "1d8d59fed2851270", "26fe4427fc63896d", "bee1eb263062fe53",
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def named_interviewees(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".md", ".yml", ".json", ".csv", ".xml", ".txt", ".ics"):
            for word in set(WORD.findall(path.read_text(encoding="utf-8", errors="replace"))):
                if hashlib.sha256(word.lower().encode()).hexdigest()[:16] in INTERVIEWEE_SURNAMES:
                    found.append(f"{path.relative_to(folder)}: {word}")
    return found


SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_c9b04d0dd807bbd4.txt"


def test_the_check_finds_the_annex_names(tmp_path):
    """The hashes are those of words in annex 5.3, and a page holding one of them is caught."""
    if not SEED.exists():  # the source documents sit beside the repository in CI and on developers' machines
        import pytest

        pytest.skip(f"{SEED} is not here")
    annex = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[5840:5870])
    words = {w for w in WORD.findall(annex) if hashlib.sha256(w.lower().encode()).hexdigest()[:16] in INTERVIEWEE_SURNAMES}
    assert len(words) == 12
    (tmp_path / "page.html").write_text(f"<p>{sorted(words)[0]}</p>", encoding="utf-8")
    assert len(named_interviewees(tmp_path)) == 1


def test_no_interviewee_name_in_the_content():
    assert named_interviewees(CONTENT) == []


def test_no_interviewee_name_in_the_built_site(built_site):
    assert named_interviewees(built_site) == []


TRUE_SPELLINGS = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]  # what YAML 1.1 reads as true


def _secrets_in(folder: Path, secrets: list[str]) -> list[str]:
    """Which of `secrets` any file under `folder` holds, the search index's compressed files included."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments, the sitemap's gzip
            data = gzip.decompress(data)
        found += [f"{path.relative_to(folder)}: {secret}" for secret in secrets if secret.encode() in data]
    return found


def test_every_spelling_of_private_true_keeps_entries_off_every_output(tmp_path):
    """A recommendation per spelling of true, an action, an update and a nested text made private, and
    fields named private: none reaches the model, the pages, the search index, the feed, the calendars
    or the open data; the work folder's generated pages hold none either."""
    content = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, content)
    folder = content / "evaluations" / "coastal-livelihoods-2016-2019-final"
    recs = folder / "recommendations.yml"
    secrets = [f"SECRETREC{n}" for n in range(len(TRUE_SPELLINGS))]
    recs.write_text(recs.read_text(encoding="utf-8") + "".join(
        f"  - id: S{n}\n    private: {spelling}\n    title: {{en: {secrets[n]} title}}\n    text: {{en: {secrets[n]} text}}\n"
        for n, spelling in enumerate(TRUE_SPELLINGS)), encoding="utf-8")
    response = folder / "response.yml"
    text = response.read_text(encoding="utf-8")
    text = text.replace('''      - id: "1.2"
''', '''      - id: "1.9"
        private: On
        text: {en: SECRETACTION to do.}
        due: 2021
        in_charge: [environment-unit]
      - id: "1.2"
''', 1)
    training = "          - {date: 2020-03-10, status: ongoing, text: {en: Training started in two districts.}}\n"
    text = text.replace(training, training + "          - {date: 2020-04-01, private: YES, text: {en: SECRETUPDATE with a name.}}\n", 1)
    text = text.replace('''        status: not-started
        updates:''', '''        status: not-started
        status_reason: {private: TRUE, en: SECRETREASON}
        updates:''', 1)
    text = text.replace('''    in_charge: [me-unit]
    text:''', '''    in_charge: [me-unit]
    private: [in_charge]
    text:''', 1)
    response.write_text(text, encoding="utf-8")
    model = load_site(content)
    ev = model.evaluations[0]
    assert [r.id for r in ev.recommendations] == ["R1", "R2", "R3", "R4"]
    assert "1.9" not in [a.id for a in ev.actions] and not any("SECRET" in u.text.shown("en").text for a in ev.actions for u in a.updates)
    assert ev.response("R2").in_charge == ()  # the field named private, gone
    out = tmp_path / "site"
    build(content, BuildOptions(out_dir=out, site_url="https://example.org/", work_dir=tmp_path / "work", as_of=datetime.date(2021, 7, 31)))
    everything = [*secrets, "SECRETACTION", "SECRETUPDATE", "SECRETREASON"]
    assert (out / "en" / "calendar.ics").is_file() and (out / "en" / "feed.xml").is_file() and (out / "pagefind" / "en").is_dir()
    assert _secrets_in(out, everything) == []
    assert _secrets_in(tmp_path / "work" / "pages", everything) == []


@pytest.mark.parametrize("value", ["y", "maybe", "1", "[nmae]", "", "[]"])
def test_a_private_that_is_not_understood_is_an_error_at_its_line_and_the_entry_stays_out(tmp_path, value):
    content = tmp_path / "content"
    shutil.copytree(MANAGEMENT_RESPONSE, content)
    recs = content / "evaluations" / "coastal-livelihoods-2016-2019-final" / "recommendations.yml"
    text = recs.read_text(encoding="utf-8")
    recs.write_text(text + f"  - id: S1\n    private: {value}\n    title: {{en: SECRET}}\n    text: {{en: SECRET}}\n", encoding="utf-8")
    line = text.count("\n") + 2
    with pytest.raises(ContentError) as refused:
        load_site(content)
    assert any(p.path.endswith("recommendations.yml") and p.line == line and "private" in p.message for p in refused.value.problems), \
        [str(p) for p in refused.value.problems]


def test_an_unclosed_private_block_is_an_error_not_a_leak(tmp_path):
    from evalsite.content.private import strip_blocks

    kept, problems = strip_blocks("Public.\n<!-- private -->\nA name.\n\nMore.")
    assert "A name" not in kept and "More" not in kept and problems == [(2, problems[0][1])] and "never closed" in problems[0][1]
    kept, problems = strip_blocks("A <!--PRIVATE-->name<!-- /Private --> here.\n<!-- /private -->")
    assert kept.splitlines()[0] == "A  here." and problems[0][0] == 2
