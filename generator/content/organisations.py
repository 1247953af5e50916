"""organisations.yml → the registry: every organisation and unit by id, and the aliases the sources spell them by."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..markup import Converter
from ..model import LANGS, Organisation
from .sources import Source, did_you_mean, own_language_text, read_source, unreadable


@dataclass(frozen=True)
class Registry:
    """organisations.yml as the evaluations see it: the organisations that loaded, every alias with
    the id it names, and every id the file defines (`known`: None when the file could not be read,
    so that references into it go unchecked)."""

    organisations: dict[str, Organisation]
    aliases: dict[str, str]
    known: frozenset[str] | None



def load_organisations(path: Path, problems: Problems, markup: Converter) -> Registry:
    """The registry by id, and each alias with the id it names (aliases double as did-you-mean hints).
    An entry that fails the schema is left out, but its id stays known: it is reported once, for itself."""
    if not path.is_file():
        problems.add(path, 1, "organisations.yml is missing — create it with an `organisations:` list (see docs/authoring.md)")
        return Registry({}, {}, None)
    src = read_source(path, "organisations", problems, required=True, markup=markup)
    if unreadable(path, src, "organisations"):
        return Registry({}, {}, None)
    doc = src.doc
    found: dict[str, Organisation] = {}
    first_line: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for where, item in src.items("organisations"):
        line = doc.line(where + ("id",))
        if first_line.setdefault(address(item["id"]), line) != line:
            problems.add(doc.path, line, f"the id '{item['id']}' is already used at line {first_line[address(item['id'])]}"
                                         " — give each organisation its own id")
            continue
        for alias in item.get("aliases", ()):
            if alias_owner.setdefault(alias, item["id"]) != item["id"]:
                problems.add(doc.path, doc.line(where + ("aliases",)),
                             f"the alias '{alias}' also belongs to '{alias_owner[alias]}' — an alias may name one organisation only")
        problems.gap(doc.path, doc.line(where + ("name",)), tuple(lang for lang in LANGS if lang not in item["name"]))
        found[item["id"]] = Organisation(
            id=item["id"], kind=item["kind"], name=own_language_text(item["name"]),
            short=own_language_text(item["short"]) if "short" in item else None,
            aliases=tuple(item.get("aliases", ())), part_of=item.get("part_of"), url=item.get("url"),
            editors_note=own_language_text(item["editors_note"]) if "editors_note" in item else None)
    known = frozenset(raw_ids(src, "organisations"))
    for where, item in src.items("organisations"):
        if item.get("part_of") and item["part_of"] not in known:
            problems.add(doc.path, doc.line(where + ("part_of",)),
                         f"part_of names '{item['part_of']}', which is not in this registry{did_you_mean(item['part_of'], known)}")
    return Registry(found, alias_owner, known)


def raw_ids(src: Source, key: str) -> list[str]:
    """The ids of every entry under `key`, including entries that failed the schema for another reason."""
    items = src.doc.data.get(key)
    if not isinstance(items, list):
        return []
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def address(entity_id: str) -> str:
    """Ids that differ only in case share an address (urls.slug): they count as the same id."""
    return entity_id.lower()
