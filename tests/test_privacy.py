"""Names of interviewed people (annex 5.3 of the FOS-Solsoc-IFSI report) never reach the site or the
content. The names themselves are not in this repository either: only hashes of their surnames."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .conftest import CONTENT

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
