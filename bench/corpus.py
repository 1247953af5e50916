"""A synthetic corpus of N evaluations in three languages, shaped like the bundled seeds.

Half are management responses like the WSM midterm (9 recommendations, 1-3 key actions each, an
introduction, 6 findings its response cites); half are final reports like the FOS-Solsoc-IFSI
evaluation (8 recommendations in blocks, a report of a summary in three languages and chapters in
Dutch, a table, a timeline, a logframe of indicators, 26 findings by criterion, two of them rated).
Recommendations and findings carry themes of the bundled vocabulary (content/themes.yml) and
countries; evaluations span 2015-2026; some actions have a published status (so some are overdue),
and every tenth evaluation repeats a recommendation of an earlier one. Text lengths are drawn from
the seeds' ranges; words are invented per language, so each language's search index is realistic
in size. Deterministic for a given seed.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

LANGS = ("nl", "fr", "en")
SYLLABLES = {
    "nl": ["ver", "ont", "wik", "ke", "ling", "sa", "men", "wer", "king", "be", "leid", "on", "der", "steun", "vak", "bond", "ge", "zond", "heid"],
    "fr": ["dé", "ve", "lop", "pe", "ment", "so", "ci", "al", "tra", "vail", "syn", "di", "cat", "par", "te", "nai", "re", "ré", "seau", "pro", "tec", "tion"],
    "en": ["de", "ve", "lop", "ment", "so", "cial", "work", "trade", "u", "nion", "part", "ner", "net", "work", "pro", "tec", "tion", "po", "li", "cy"],
}
ORGANISATIONS = 40
THEMES = ["15150", "15152", "15153", "15160", "15170", "16010", "16011", "16012", "16020", "16070", "16080", "99820", "25040",
          "43082", "12220", "11330", "31120", "14030", "15220", "22040", "32130", "41010", "43040", "72010", "15112", "15130"]
COUNTRIES = ["BE", "CD", "PE", "BJ", "BF", "BI", "BR", "CO", "EC", "GT", "HT", "ID", "KH", "MA", "ML", "MZ", "NE", "PH", "PS",
             "RW", "SN", "TZ", "UG", "VN", "BO", "NI", "SV", "ZA", "KE", "ET"]
VOCABULARY = Path(__file__).resolve().parent.parent / "content" / "themes.yml"


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def word(self, lang: str) -> str:
        return "".join(self.rng.choice(SYLLABLES[lang]) for _ in range(self.rng.randint(1, 4)))

    def sentence(self, lang: str, low: int, high: int) -> str:
        words = [self.word(lang) for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def text(self, low: int, high: int) -> dict[str, str]:
        return {lang: self.sentence(lang, low, high) for lang in LANGS}


def write_corpus(out: Path, n: int, seed: int = 0) -> None:
    w = Writer(seed)
    out.mkdir(parents=True, exist_ok=True)
    orgs = [{"id": f"org-{i}", "kind": "ngo", "name": {lang: f"{w.word(lang).capitalize()} {i}" for lang in LANGS}}
            for i in range(ORGANISATIONS)]
    (out / "organisations.yml").write_text(yaml.safe_dump({"organisations": orgs}, allow_unicode=True), encoding="utf-8")
    shutil.copy(VOCABULARY, out / "themes.yml")
    for i in range(n):
        folder = out / "evaluations" / f"evaluation-{i:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (response if i % 2 == 0 else report)(folder, w, i)


def _meta(w: Writer, i: int, kind: str, original: str) -> dict:
    partners = [f"org-{(i + k) % ORGANISATIONS}" for k in range(3)]
    return {"title": w.text(8, 20), "kind": kind, "original_language": original, "summary": w.text(30, 60),
            "published": f"2026-{1 + i % 10:02d}-{1 + i % 28:02d}",  # before the benchmark's as-of day: a later one is refused
            "programme": {"name": w.text(6, 14), "period": "2022-2026", "partners": partners},
            "date": f"{2015 + i % 12}-{1 + i % 12:02d}", "countries": sorted({COUNTRIES[(i * 7 + k * 3) % len(COUNTRIES)] for k in range(1 + i % 4)})}


def _themes(w: Writer) -> list[str]:
    return sorted(set(w.rng.sample(THEMES, w.rng.randint(1, 2))))


def _findings(w: Writer, n: int, criteria: list[str], paragraphs: int | None) -> list[dict]:
    """`n` findings; with `paragraphs`, numbered from there (a report), else with a `source` (a management response)."""
    found = []
    for k in range(n):
        finding = {"id": f"f{k + 1}", "kind": "finding" if k < 2 else "conclusion", "title": w.text(6, 14), "text": w.text(40, 100),
                   "themes": _themes(w)}
        if criteria:
            finding["criterion"] = criteria[k % len(criteria)]
        if paragraphs is not None:
            finding["paragraphs"] = [paragraphs + k]
        else:
            finding["source"] = w.text(3, 6)
        if k < 2 and paragraphs is not None:
            finding["ratings"] = {"importance": w.rng.choice(["high", "medium", "low"]), "contribution": w.rng.choice(["high", "medium", "low"])}
        found.append(finding)
    return found


SCALES = [{"id": scale, "title": {"nl": scale, "fr": scale, "en": scale},
           "levels": [{"id": level, "label": {"nl": level, "fr": level, "en": level}} for level in ("high", "medium", "low")]}
          for scale in ("importance", "contribution")]


def _repeats(i: int, rec_id: str) -> dict:
    """Every tenth evaluation repeats a recommendation of the evaluation of the same kind two before it."""
    return {"repeats": [f"evaluation-{i - 2:04d}/{rec_id}"]} if i >= 2 and i % 10 == 0 else {}


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def response(folder: Path, w: Writer, i: int) -> None:
    _dump(folder / "evaluation.yml", _meta(w, i, "midterm", "en"))
    recs = [{"id": f"r{k}", "number": str(k), "title": w.text(6, 14), "text": w.text(40, 110), "themes": _themes(w),
             **({"related": [f"r{k - 1}"]} if k > 1 and k % 3 == 0 else {}),
             **({"findings": [f"f{k}", {"to": f"f{k + 1}", "type": "cited-in-response"}]} if k <= 5 else {}),
             **(_repeats(i, "r1") if k == 1 else {})} for k in range(1, 10)]
    _dump(folder / "recommendations.yml", {"recommendations": recs})
    _dump(folder / "findings.yml", {"findings": _findings(w, 6, [], None)})
    responses = []
    for k in range(1, 10):
        actions = [{"id": f"{k}.{j}", "text": w.text(30, 90), "timing": w.rng.choice(["2024-2025", "2025-2026", "2026-2027", "2027-2031"]),
                    "in_charge": [f"org-{w.rng.randrange(ORGANISATIONS)}"],
                    **({"status": w.rng.choice(["not-started", "ongoing", "completed"])} if w.rng.random() < 0.5 else {})}
                   for j in range(1, w.rng.randint(1, 3) + 1)]
        responses.append({"recommendation": f"r{k}", "position": w.rng.choice(["agree"] * 2 + ["partially-agree", "disagree"]),
                          "text": w.text(80, 220), "actions": actions})
    _dump(folder / "response.yml", {"responses": responses})
    for lang in LANGS:
        (folder / f"introduction.{lang}.md").write_text("\n\n".join(w.sentence(lang, 40, 90) for _ in range(4)) + "\n", encoding="utf-8")


def report(folder: Path, w: Writer, i: int) -> None:
    meta = _meta(w, i, "final", "nl")
    _dump(folder / "evaluation.yml", meta)
    groups = [{"id": g, "title": w.text(2, 4)} for g in ("movement", "policy", "efficiency")]
    recs = [{"id": f"{g['id']}-{k}", "number": str(k), "group": g["id"], "title": w.text(6, 14), "text": w.text(40, 110),
             "paragraphs": [20 + n], "themes": _themes(w), "findings": [f"f{3 + n}", f"f{4 + n}", {"to": f"f{20 + n % 6}", "inferred": True}],
             **({"countries": [meta["countries"][0]]} if n % 3 == 0 else {}), **(_repeats(i, "movement-1") if n == 0 else {})}
            for n, (g, k) in enumerate([(groups[0], 1), (groups[0], 2), (groups[1], 1), (groups[1], 2), (groups[1], 3),
                                        (groups[2], 1), (groups[2], 2), (groups[2], 3)])]
    _dump(folder / "recommendations.yml", {"groups": groups, "recommendations": recs})
    _dump(folder / "findings.yml", {"scales": SCALES, "findings": _findings(w, 26, ["effectiveness", "efficiency", "sustainability"], 31)})
    (folder / "report").mkdir(exist_ok=True)
    number = 1
    chapters = [("00-summary", 30, LANGS), ("01-findings", 30, ("nl",)), ("02-conclusions", 20, ("nl",)), ("03-annexes", 10, ("nl",))]
    for name, count, langs in chapters:
        numbers = range(number, number + count)
        for lang in langs:
            body = [f"# {w.sentence(lang, 2, 5)}", ""]
            for n in numbers:
                body += [f"§{n} {w.sentence(lang, 50, 130)}", ""]
                if n == 3 and name == "01-findings":
                    body += ["[[table:tabel-1]]", ""]
            if name == "03-annexes":
                body += ["[[timeline:story]]", ""]
            (folder / "report" / f"{name}.{lang}.md").write_text("\n".join(body), encoding="utf-8")
        number += count
    columns = [{"id": c, "label": {lang: w.word(lang) for lang in LANGS}} for c in ("year", "what", "who")]
    rows = [{"year": 2017 + r, "what": w.sentence("nl", 3, 8), "who": {"fr": w.sentence("fr", 1, 3)}} for r in range(6)]
    _dump(folder / "tables.yml", {"tables": [{"id": "tabel-1", "number": "1", "caption": w.text(4, 8), "columns": columns,
                                              "header_column": "year", "rows": rows}]})
    events = [{"date": f"{2018 + e // 4}-{1 + 3 * (e % 4):02d}", "text": w.text(10, 25), "paragraphs": [80 + e % 10]} for e in range(8)]
    _dump(folder / "timelines.yml", {"timelines": [{"id": "story", "title": w.text(2, 5), "events": events}]})
    indicators = [{"id": f"i{k}", "code": f"I.{k}", "text": w.text(10, 25), "baseline": 10, "targets": [{"value": 40}, {"value": 80}],
                   "observations": [{"who": who, "year": y, "value": w.rng.randint(5, 90), "raw": "x"}
                                    for who in ("total", meta["programme"]["partners"][0]) for y in range(2017, 2022)]}
                  for k in range(1, 5)]
    _dump(folder / "indicators.yml", {"language": "fr", "objectives": [{"id": "os1", "code": "OS.1", "text": w.text(10, 30),
                                                                        "indicators": indicators}]})


if __name__ == "__main__":
    write_corpus(Path(sys.argv[2]), int(sys.argv[1]))
