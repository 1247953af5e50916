"""Open data on findings, themes, countries and repeats, beside the files of `opendata`: the model's
JSON already carries findings and each recommendation's links, themes, countries and repeats; these
rows give them as tables (their columns are described in `datapackage`), and `themes.json` and
`countries.json` name every code in nl, fr and en.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import i18n, urls
from ..files import write_file
from ..model import LANGS, Evaluation, Site, Text

THEMES_SOURCE = "editors"  # see datapackage: theme codes are the editors' tags, never a source's


def _texts(prefix: str, text: Text | None) -> dict[str, str]:
    return {f"{prefix}_{lang}": (text.values.get(lang, "") if text else "") for lang in LANGS}


def finding_rows(ev: Evaluation, site_url: str | None) -> list[dict[str, str]]:
    return [{
        "evaluation": ev.slug, "id": f.id, "kind": f.kind.value, "criterion": f.criterion.value if f.criterion else "",
        "group": f.group or "", "ratings": " ".join(f"{r.scale}={r.level}" for r in f.ratings),
        "paragraphs": " ".join(map(str, f.paragraphs)), "themes": " ".join(f.themes),
        "themes_source": THEMES_SOURCE if f.themes else "", "countries": " ".join(f.countries),
        "recommendations": " ".join(rec.id for rec, _ in ev.recommendations_on(f.id)),
        **_texts("title", f.title), **_texts("text", f.text), **_texts("source", f.source),
        **{f"url_{lang}": f"{site_url}{lang}/{urls.finding(ev, f)}" if site_url else "" for lang in LANGS}} for f in ev.findings]


def finding_link_rows(ev: Evaluation) -> list[dict[str, str]]:
    return [{"evaluation": ev.slug, "recommendation": rec.id, "finding": link.finding, "type": link.type.value,
             "inferred": "true" if link.inferred else "false"} for rec in ev.recommendations for link in rec.findings]


def recommendation_tag_rows(site: Site, ev: Evaluation) -> list[dict[str, str]]:
    return [{"evaluation": ev.slug, "recommendation": rec.id, "themes": " ".join(rec.themes),
             "themes_source": THEMES_SOURCE if rec.themes else "",
             "countries": " ".join(ev.countries_of(rec)), "countries_from_evaluation": "false" if rec.countries else "true",
             "repeats": " ".join(map(str, rec.repeats)),
             "repeated_by": " ".join(f"{e.slug}/{r.id}" for e, r in site.repeated_by(ev.slug, rec.id))} for rec in ev.recommendations]


def countries(site: Site) -> list[str]:
    """Every country code the site uses, for evaluations, recommendations or findings."""
    found = {code for ev in site.evaluations for code in ev.countries}
    found |= {code for ev in site.evaluations for item in (*ev.recommendations, *ev.findings) for code in item.countries}
    return sorted(found)


def theme_rows(site: Site) -> list[dict[str, str]]:
    if site.themes is None:
        return []
    return [{"code": t.code, "category": t.category or "", **_texts("name", t.name), **_texts("label", t.shown_name)}
            for t in (*site.themes.categories, *site.themes.themes)]


def country_rows(site: Site) -> list[dict[str, str]]:
    return [{"code": code, **{f"name_{lang}": i18n.country_name(code, lang) for lang in LANGS}} for code in countries(site)]


def add_derived(data: dict[str, Any], ev: Evaluation, site_url: str | None) -> None:
    """The addresses of each finding's pages, under `derived` as for recommendations and actions
    (nothing without a public address)."""
    for finding, record in zip(ev.findings, data.get("findings", ()), strict=True):
        record["derived"] = {"urls": {lang: f"{site_url}{lang}/{urls.finding(ev, finding)}" for lang in LANGS}} if site_url else {}


def write_vocabularies(out: Path, site: Site) -> None:
    """themes.json and countries.json: the same names as themes.csv and countries.csv, for re-users who read JSON."""
    themes = theme_rows(site)
    vocabulary = {"name": site.themes.name.values, "source": site.themes.source, "themes": themes} if site.themes else None
    write_file(out / "themes.json", json.dumps(vocabulary, ensure_ascii=False, indent=1) + "\n")
    write_file(out / "countries.json", json.dumps(country_rows(site), ensure_ascii=False, indent=1) + "\n")
