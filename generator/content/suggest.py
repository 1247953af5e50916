"""`evalsite check --suggest`: recommendations that are probably made again in a later evaluation,
for the author to confirm. Nothing is linked here: a repeat exists only once an author writes
`repeats:` in the later recommendation.

Two recommendations are candidates when they come from different evaluations, share a theme, and
their titles and texts are alike: rapidfuzz's token-set ratio (word order and repeats ignored, 0-100)
on the text in a language both have.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz, utils

from ..errors import Problems, counted, display_path
from ..model import LANGS, Evaluation, Recommendation, Site
from .yamlsource import Document, read_yaml

THRESHOLD = 70  # below this, texts on the same theme share little more than common words (unrelated ones score 45-60)


@dataclass(frozen=True)
class Suggestion:
    later: tuple[Evaluation, Recommendation]
    earlier: tuple[Evaluation, Recommendation]
    themes: tuple[str, ...]
    score: float


def _order(ev: Evaluation) -> tuple[str, str]:
    """Evaluations in time: by date (an undated one counts as the earliest), then by slug."""
    return (str(ev.date or ev.published or ""), ev.slug)


def _words(rec: Recommendation, lang: str) -> str:
    return f"{rec.title.shown(lang).text} {rec.text.shown(lang).text}"


def likely_repeats(site: Site, threshold: float = THRESHOLD) -> list[Suggestion]:
    """Pairs not yet linked either way, most alike first."""
    by_theme: dict[str, list[tuple[Evaluation, Recommendation]]] = {}
    for ev in site.evaluations:
        for rec in ev.recommendations:
            for code in rec.themes:
                by_theme.setdefault(code, []).append((ev, rec))
    pairs: dict[tuple[str, str, str, str], Suggestion] = {}
    for code, members in by_theme.items():
        for a, b in combinations(members, 2):
            if a[0].slug == b[0].slug:
                continue
            earlier, later = sorted((a, b), key=lambda pair: _order(pair[0]))
            key = (later[0].slug, later[1].id, earlier[0].slug, earlier[1].id)
            if key in pairs:
                pairs[key] = Suggestion(later, earlier, (*pairs[key].themes, code), pairs[key].score)
                continue
            if _linked(later, earlier):
                continue
            common = [lang for lang in LANGS if lang in later[1].text.values and lang in earlier[1].text.values]
            lang = "en" if "en" in common else common[0] if common else later[0].original_language
            score = fuzz.token_set_ratio(_words(later[1], lang), _words(earlier[1], lang), processor=utils.default_process)
            if score >= threshold:
                pairs[key] = Suggestion(later, earlier, (code,), score)
    return sorted(pairs.values(), key=lambda s: (-s.score, s.later[0].slug, s.later[1].id))


def _linked(later: tuple[Evaluation, Recommendation], earlier: tuple[Evaluation, Recommendation]) -> bool:
    refs = {(r.evaluation, r.recommendation) for r in later[1].repeats} | {(r.evaluation, r.recommendation) for r in earlier[1].repeats}
    return (earlier[0].slug, earlier[1].id) in refs or (later[0].slug, later[1].id) in refs


def report(site: Site, content_dir: Path) -> str:
    """One line per suggestion, `file:line: ...` at the later recommendation, saying what to add if it is a repeat."""
    found = likely_repeats(site)
    if not found:
        return "no likely repeats: no two recommendations of different evaluations share a theme and a similar text"
    lines, documents = [], {}
    for s in found:
        (ev, rec), (old_ev, old) = s.later, s.earlier
        path = content_dir / "evaluations" / ev.slug / "recommendations.yml"
        if path not in documents:
            documents[path] = read_yaml(path, Problems())
        lines.append(f"{display_path(path)}:{_line(documents[path], rec)}: {ev.slug}/{rec.id} may repeat {old_ev.slug}/{old.id} "
                     f"(theme {', '.join(s.themes)}; similarity {s.score:.0f}/100) — if it does, add "
                     f"`repeats: [{old_ev.slug}/{old.id}]` to {rec.id}; if not, ignore this line")
    return "\n".join(lines) + f"\n{counted(len(found), 'likely repeat')}: confirm each one by hand; nothing was changed"


def _line(doc: Document | None, rec: Recommendation) -> int:
    if doc is None:
        return 1
    index = next((i for i, r in enumerate(doc.data.get("recommendations", ())) if r.get("id") == rec.id), None)
    return doc.line(("recommendations", index, "id")) if index is not None else 1
