"""recommendations.yml and response.yml → recommendations, the management's responses, key actions and
their progress updates, with the checks that span them (ids unique in the evaluation, links that resolve,
statuses that agree with the latest update). A part of `evaluation.EvaluationLoader`, kept apart by subject."""
from __future__ import annotations

import datetime
from typing import Any

from ..model import Action, Group, Link, LinkType, Position, Recommendation, Response, Status, Update
from .findings import check_tags, recommendation_tags
from .folder import Folder
from .organisations import address, raw_ids
from .sources import Source, did_you_mean, own_language_text, parse_date, parse_day, parse_years
from .yamlsource import Document


class Responses(Folder):
    """How an evaluation folder's recommendations and response are read."""

    def _recommendations(self, src: Source) -> tuple[tuple[Group, ...], tuple[Recommendation, ...]]:
        doc = src.doc
        groups: list[Group] = []
        group_lines: dict[str, str] = {}
        for where, g in src.items("groups"):
            self._unique(doc, where + ("id",), g["id"], group_lines)
            groups.append(Group(g["id"], self._text(g["title"], doc, where + ("title",))))
        group_ids = set(raw_ids(src, "groups"))
        recommendations: list[Recommendation] = []
        for where, r in src.items("recommendations"):
            self._unique(doc, where + ("id",), r["id"], self.first_use)
            if "group" in r and r["group"] not in group_ids:
                self.problems.add(doc.path, doc.line(where + ("group",)),
                                  f"the group '{r['group']}' is not defined under groups:{did_you_mean(r['group'], group_ids)}")
            rec = Recommendation(
                id=r["id"], title=self._text(r["title"], doc, where + ("title",)),
                text=self._text(r["text"], doc, where + ("text",)),
                number=str(r["number"]) if "number" in r else None, group=r.get("group"),
                related=_links(r.get("related")), implicit=r.get("implicit", False),
                paragraphs=tuple(r.get("paragraphs", ())), **recommendation_tags(r, doc, where, self.repeat_lines))
            check_tags(rec, doc, where, self.vocabulary, self.problems)
            self.paragraph_refs.append((src, where + ("paragraphs",), rec.paragraphs))
            recommendations.append(rec)
            self.links.append((doc, where + ("related",), rec.id, rec.related))
        return tuple(groups), tuple(recommendations)

    def _responses(self, src: Source) -> dict[str, Any]:
        """The management response as keyword arguments of the Evaluation."""
        doc, rec_ids = src.doc, self.rec_ids
        responses: dict[str, Response] = {}
        actions: list[Action] = []
        for where, item in src.items("responses"):
            rec_id = item["recommendation"]
            if rec_ids is not None and rec_id not in rec_ids:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' is not a recommendation of this evaluation{did_you_mean(rec_id, rec_ids)}")
            elif rec_id in responses:
                self.problems.add(doc.path, doc.line(where + ("recommendation",)),
                                  f"'{rec_id}' already has a response above — answer each recommendation once")
            responses[rec_id] = Response(rec_id, Position(item["position"]), self._text(item["text"], doc, where + ("text",)),
                                         self._orgs(item.get("in_charge", []), doc, where + ("in_charge",)))
            for j, a in enumerate(item.get("actions", ())):
                actions.append(self._action(a, rec_id, doc, where + ("actions", j)))
        dates = {key: parse_date(doc.data.get(key), doc, (key,), self.problems) if src.ok((key,)) else None
                 for key in ("date", "published", "updated")}
        self._not_in_the_future(dates["published"], doc, ("published",))
        self._not_in_the_future(dates["updated"], doc, ("updated",))
        if dates["published"] and dates["updated"] and dates["updated"].last_day < dates["published"].first_day:
            self.problems.add(doc.path, doc.line(("updated",)),
                              f"the response is updated ({dates['updated']}) before it was published ({dates['published']}) — check both dates")
        return dict(responses=responses, actions=tuple(actions), response_date=dates["date"],
                    response_published=dates["published"], response_updated=dates["updated"])

    def _action(self, a: dict, rec_id: str, doc: Document, at: tuple) -> Action:
        self._unique(doc, at + ("id",), a["id"], self.first_use)
        action = Action(
            id=a["id"], recommendation=rec_id, text=self._text(a["text"], doc, at + ("text",)),
            timing=parse_years(a["timing"], doc, at + ("timing",), self.problems) if "timing" in a else None,
            in_charge=self._orgs(a["in_charge"], doc, at + ("in_charge",)),
            status=Status(a["status"]) if "status" in a else None, related=_links(a.get("related")),
            due=parse_date(a.get("due"), doc, at + ("due",), self.problems),
            status_reason=self._text(a["status_reason"], doc, at + ("status_reason",)) if "status_reason" in a else None,
            updates=self._updates(a.get("updates", ()), doc, at + ("updates",)))
        if action.status == Status.DROPPED and action.status_reason is None:
            self.problems.add(doc.path, doc.line(at + ("status",)),
                              "a dropped action needs a reason — add `status_reason:` with the reason in the original language")
        reported = [(i, u) for i, u in enumerate(action.updates) if u.status]
        if reported and reported[-1][1].status != action.status:
            i, latest = reported[-1]
            said = f"its update of {latest.date} (line {doc.line(at + ('updates', i, 'status'))}) says '{latest.status}'"
            if action.status is None:
                self.problems.add(doc.path, doc.line(at + ("id",)), f"the action has no status, but {said} — add `status: {latest.status}`")
            else:
                self.problems.add(doc.path, doc.line(at + ("status",)),
                                  f"the status is '{action.status}', but {said} — an action's status is the one its latest update reports:"
                                  " make them agree")
        self.links.append((doc, at + ("related",), action.id, action.related))
        return action

    def _updates(self, items: list, doc: Document, where: tuple) -> tuple[Update, ...]:
        updates = []
        for i, u in enumerate(items):
            day = parse_day(u["date"], doc, where + (i, "date"), self.problems)
            if day and updates and day < updates[-1].date:
                self.problems.add(doc.path, doc.line(where + (i, "date")),
                                  "updates are listed oldest first and only added at the end — move this update to its place in time")
            self._not_in_the_future(day, doc, where + (i, "date"))
            updates.append(Update(day or datetime.date.min, self._text(u["text"], doc, where + (i, "text")),
                                  Status(u["status"]) if "status" in u else None, u.get("evidence")))
        return tuple(updates)

    def _unique(self, doc: Document, where: tuple, entity_id: str, first_use: dict[str, str]) -> None:
        """Ids are unique in their evaluation, and so are their addresses (an id's lower-case form)."""
        here = f"{doc.path.name}:{doc.line(where)}"
        first = first_use.setdefault(address(entity_id), here)
        if first != here:
            self.problems.add(doc.path, doc.line(where),
                              f"the id '{entity_id}' is already used in this evaluation, at {first}"
                              " — ids must be unique (R1 and r1 count as the same): choose another one")



def raw_action_ids(src: Source | None) -> list[str]:
    """The ids of every action in response.yml, broken entries included."""
    if src is None:
        return []
    responses = src.doc.data.get("responses")
    return [a["id"] for item in (responses if isinstance(responses, list) else ()) if isinstance(item, dict)
            for a in (item.get("actions") if isinstance(item.get("actions"), list) else ())
            if isinstance(a, dict) and isinstance(a.get("id"), str)]


def _links(items: list | None) -> tuple[Link, ...]:
    links = []
    for item in items or ():
        if isinstance(item, str):
            links.append(Link(item))
        else:
            links.append(Link(item["to"], LinkType(item.get("type", "see-also")), item.get("inferred", False),
                              own_language_text(item["note"]) if "note" in item else None))
    return tuple(links)
