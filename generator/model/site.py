"""The site: the registry, every evaluation and the theme vocabulary, with what crosses evaluations."""
from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .evaluation import Evaluation
from .findings import Vocabulary
from .organisations import Organisation
from .recommendations import Action, Recommendation, Response, Update


@dataclass(frozen=True)
class Assignment:
    """One action an organisation or unit is in charge of."""

    evaluation: Evaluation
    action: Action


@dataclass(frozen=True)
class Responsibility:
    """A recommendation whose response names an organisation or unit as responsible for it as a whole."""

    evaluation: Evaluation
    recommendation: Recommendation
    response: Response


@dataclass(frozen=True)
class News:
    """Something new to tell a reader who follows the site: a newly published evaluation, or a
    progress update on an action."""

    date: datetime.date
    evaluation: Evaluation
    action: Action | None = None
    update: Update | None = None
    number: int = 0  # the update's position among its action's updates, for a stable id


@dataclass(frozen=True)
class Site:
    organisations: tuple[Organisation, ...]
    evaluations: tuple[Evaluation, ...] = field(default_factory=tuple)
    themes: Vocabulary | None = None  # the theme vocabulary of content/themes.yml

    def organisation(self, org_id: str) -> Organisation:
        return self._organisations_by_id[org_id]

    def newest_first(self) -> tuple[Evaluation, ...]:
        """Evaluations by the date they were published on this site, newest first; undated ones last."""
        dated = sorted((e for e in self.evaluations if e.published), key=lambda e: e.published, reverse=True)
        return (*dated, *(e for e in self.evaluations if not e.published))

    def evaluation(self, slug: str) -> Evaluation:
        return next(e for e in self.evaluations if e.slug == slug)

    def assignments(self, org_id: str) -> tuple[Assignment, ...]:
        """Every action this organisation or unit is in charge of, across evaluations."""
        return self._assignments.get(org_id, ())

    def responsibilities(self, org_id: str) -> tuple[Responsibility, ...]:
        """Every recommendation whose response names this organisation or unit responsible, across evaluations."""
        return self._responsibilities.get(org_id, ())

    def roles(self, org_id: str) -> list[tuple[str, Evaluation]]:
        """Where an organisation appears in evaluation metadata: (role, evaluation) pairs."""
        found = []
        for evaluation in self.evaluations:
            roles = {
                "partner": evaluation.programme.partners,
                "donor": (evaluation.programme.donor,) if evaluation.programme.donor else (),
                "commissioner": evaluation.commissioner,
                "evaluator": evaluation.evaluator,
            }
            found += [(role, evaluation) for role, ids in roles.items() if org_id in ids]
        return found

    def units_of(self, org_id: str) -> tuple[Organisation, ...]:
        return tuple(org for org in self.organisations if org.part_of == org_id)

    def news(self) -> list[News]:
        """Newest first; evaluations without a publication date are not announced."""
        entries = [News(ev.published, ev) for ev in self.evaluations if ev.published]
        for ev in self.evaluations:
            for act in ev.actions:
                entries += [News(u.date, ev, act, u, n) for n, u in enumerate(act.updates, start=1)]
        return sorted(entries, key=lambda e: (e.date, e.evaluation.slug, e.action.id if e.action else "", e.number), reverse=True)

    def all_actions(self) -> Iterator[Assignment]:
        for evaluation in self.evaluations:
            for action in evaluation.actions:
                yield Assignment(evaluation, action)

    @cached_property
    def _organisations_by_id(self) -> dict[str, Organisation]:
        return {org.id: org for org in self.organisations}

    @cached_property
    def _assignments(self) -> dict[str, tuple[Assignment, ...]]:
        result: dict[str, list[Assignment]] = {}
        for assignment in self.all_actions():
            for org_id in assignment.action.in_charge:
                result.setdefault(org_id, []).append(assignment)
        return {key: tuple(value) for key, value in result.items()}

    @cached_property
    def _responsibilities(self) -> dict[str, tuple[Responsibility, ...]]:
        result: dict[str, list[Responsibility]] = {}
        for evaluation in self.evaluations:
            for rec in evaluation.recommendations:
                response = evaluation.response(rec.id)
                for org_id in response.in_charge if response else ():
                    result.setdefault(org_id, []).append(Responsibility(evaluation, rec, response))
        return {key: tuple(value) for key, value in result.items()}

    # Recurring recommendations, across evaluations.

    def repeated_by(self, slug: str, rec_id: str) -> tuple[tuple[Evaluation, Recommendation], ...]:
        """The later recommendations that say they repeat this one."""
        return self._repeated_by.get((slug, rec_id), ())

    def repeat_chain(self, slug: str, rec_id: str) -> tuple[tuple[Evaluation, Recommendation], ...]:
        """Every recommendation linked to this one by `repeats`, either way, oldest evaluation first
        (the same recommendation made again and again); the recommendation itself included."""
        seen: dict[tuple[str, str], tuple[Evaluation, Recommendation]] = {}
        pending = [(slug, rec_id)]
        while pending:
            key = pending.pop()
            if key in seen:
                continue
            ev = self.evaluation(key[0])
            rec = ev.recommendation(key[1])
            seen[key] = (ev, rec)
            pending += [(r.evaluation, r.recommendation) for r in rec.repeats]
            pending += [(e.slug, r.id) for e, r in self.repeated_by(*key)]
        return tuple(sorted(seen.values(), key=lambda pair: (str(pair[0].date or ""), pair[0].slug, pair[1].id)))

    @cached_property
    def _repeated_by(self) -> dict[tuple[str, str], tuple[tuple[Evaluation, Recommendation], ...]]:
        result: dict[tuple[str, str], list[tuple[Evaluation, Recommendation]]] = {}
        for ev in self.evaluations:
            for rec in ev.recommendations:
                for ref in rec.repeats:
                    result.setdefault((ref.evaluation, ref.recommendation), []).append((ev, rec))
        return {key: tuple(value) for key, value in result.items()}
