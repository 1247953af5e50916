"""Annex 5.6 of the FOS-Solsoc-IFSI evaluation as data: every value against the source figures
(seed inventory B.6), ambiguities kept, and the indicators page in three languages."""
from __future__ import annotations

import pytest

from .sitecheck import page

SLUG = "fos-solsoc-ifsi-2017-2021-final"
YEARS = (2017, 2018, 2019, 2020, 2021)


def by_year(who, values, series=None):
    return {(who, series, y): v for y, v in zip(YEARS, values, strict=True) if v is not None}


# Dated, numeric, per (organisation or total, series, year): exactly these and no others.
VALUES = {
    "sdn1-i1": {**by_year("total", [7735, 14645, 20928, 23817, None]), **by_year("solsoc", [1753, 1126, 1184, 265, 684]),
                **by_year("fos", [5232, 5784, 4672, 2624, 3737]), **by_year("ifsi", [750, None, 326, 0, None])},
    "sdn1-i2": {**by_year("total", [55, None, 131, None, None]), **by_year("solsoc", [28, 28, 28, 29, 29]),
                **by_year("fos", [27, 31, 31, 32, 32]), **by_year("ifsi", [0, None, 72, None, None])},
    "sdn1-i3": {},
    "sdn1-r1-i1": {**by_year("fos", [2, 3, 2, 3, 3], "dossiers"), **by_year("fos", [7, 9, 7, 5, 3], "awareness"),
                   **by_year("fos", [8, 11, 5, 4, 5], "existing")},
    "sdn1-r1-i2": by_year("fos", [108, 79, 34, 46, 41]),
    "sdn1-r2-i1": by_year("solsoc", [10, 19, 28, 43, 58]),
    "sdn1-r2-i2": by_year("solsoc", [10, 14, 14, 15, 20]),
    "sdn1-r3-i1": by_year("solsoc", [7, 10, 17, 19, 22]),
    "sdn1-r3-i2": by_year("solsoc", [6, 9, 15, 16, 19]),
    "sdn1-r4-i1": {}, "sdn1-r4-i2": {}, "sdn1-r4-i3": {},
    "sdn2-i1": {**by_year("total", [None, None, 7, 18, None]), **by_year("solsoc", [0, 2, 3, 3, 6]),
                **by_year("fos", [2, 2, 4, 2, 14]), **by_year("ifsi", [0, 0, None, None, None])},
    "sdn2-i2": {**by_year("total", [8, 4, 7, 26, 39]), **by_year("solsoc", [3, 2, 1, 2, 5])},
    "sdn2-r1-i1": {}, "sdn2-r1-i2": {},
    "sdn2-r2-i1": by_year("solsoc", [7, 15, 13, 43, 59]),
    "sdn2-r2-i2": by_year("solsoc", [5, 9, 9, 25, 28]),
    "sdn2-r3-i1": by_year("fos", [2, 3, 4, 4, 8]),
    "sdn2-r3-i2": by_year("fos", [13, 14, 10, 18, 20]),
}
BASELINES = {"sdn1-i1": 7735, "sdn1-i2": 55, "sdn1-i3": 1336631, "sdn1-r1-i1": None, "sdn1-r1-i2": None, "sdn1-r2-i1": 10,
             "sdn1-r2-i2": 10, "sdn1-r3-i1": 7, "sdn1-r3-i2": 6, "sdn1-r4-i1": 5, "sdn1-r4-i2": 4, "sdn1-r4-i3": 5, "sdn2-i1": 2,
             "sdn2-i2": 8, "sdn2-r1-i1": 12, "sdn2-r1-i2": 3, "sdn2-r2-i1": 7, "sdn2-r2-i2": 5, "sdn2-r3-i1": None, "sdn2-r3-i2": None}
TARGETS = {"sdn1-i1": [17000, 25000], "sdn1-i2": [90, 130], "sdn1-i3": [1500000, 2000000], "sdn1-r1-i1": [], "sdn1-r1-i2": [],
           "sdn1-r2-i1": [25, 40], "sdn1-r2-i2": [20, 30], "sdn1-r3-i1": [15, 25], "sdn1-r3-i2": [15, 25], "sdn1-r4-i1": [15, 25],
           "sdn1-r4-i2": [12, 21], "sdn1-r4-i3": [10, 18], "sdn2-i1": [4, 5], "sdn2-i2": [24, 35], "sdn2-r1-i1": [40, 70],
           "sdn2-r1-i2": [6, 10], "sdn2-r2-i1": [20, 30], "sdn2-r2-i2": [10, 12], "sdn2-r3-i1": ["text", "text"],
           "sdn2-r3-i2": ["text", "text"]}
# Values whose year the source does not make clear: their raw tokens, as written.
UNDATED_RAW = {
    "sdn1-i3": {"1.071.840", "16 554", "238.954", "920.632", "1.028.632", "1.040.632", "1.083.825", "619 481"},
    "sdn1-r4-i1": {"5", "17 (cumulatif)", "30 (cumulatif)"}, "sdn1-r4-i2": {"4", "7", "19"}, "sdn1-r4-i3": {"5", "14"},
    "sdn2-r1-i1": {"12", "35 (cumulatif)", "51 (cumulatif)"}, "sdn2-r1-i2": {"3", "8 (cumulatif)", "13 (cumulatif)"},
}
CUMULATIVE = {("sdn2-i1", 2019): 13, ("sdn2-i2", 2019): 19, ("sdn2-r2-i1", 2019): 35, ("sdn2-r2-i2", 2019): 23}


@pytest.fixture(scope="module")
def indicators(site_model):
    ev = site_model.evaluation(SLUG)
    return {i.id: i for o in ev.objectives for i in o.all_indicators()}


def test_two_objectives_seven_results_twenty_indicators(site_model, indicators):
    ev = site_model.evaluation(SLUG)
    assert [o.id for o in ev.objectives] == ["sdn1", "sdn2"]
    assert [len(o.results) for o in ev.objectives] == [4, 3]
    assert [r.owner for o in ev.objectives for r in o.results] == ["fos", "solsoc", "solsoc", "ifsi", "ifsi", "solsoc", "fos"]
    assert set(indicators) == set(VALUES)


@pytest.mark.parametrize("indicator_id", sorted(VALUES))
def test_every_value_as_in_the_source(indicators, indicator_id):
    i = indicators[indicator_id]
    dated = {(o.who, o.series, o.year): o.value for o in i.observations if o.year is not None and o.value is not None}
    assert dated == VALUES[indicator_id]
    assert i.baseline == BASELINES[indicator_id]
    assert [t.value if t.value is not None else "text" for t in i.targets] == TARGETS[indicator_id]
    assert {o.raw for o in i.undated()} >= UNDATED_RAW.get(indicator_id, set())
    for (other, year), total in CUMULATIVE.items():
        if other == indicator_id:
            assert any(o.year == year and o.cumulative == total for o in i.observations)


def test_ambiguities_are_flagged_not_guessed(indicators):
    assert all(o.ambiguous for o in indicators["sdn1-i3"].observations)
    assert all(o.year is None for o in indicators["sdn1-r4-i1"].observations)
    assert any(o.ambiguous for o in indicators["sdn1-i1"].observations if o.who == "ifsi")
    assert indicators["sdn1-i1"].accumulates is False and indicators["sdn1-i2"].accumulates is True


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_indicators_page(built_site, indicators, lang):
    path = built_site / lang / "evaluations" / SLUG / "indicators" / "index.html"
    info = page(path)
    assert {f"indicator-{i}" for i in indicators} <= info.ids
    html = path.read_text(encoding="utf-8")
    assert {"nl": "7.735", "fr": "7\u202f735", "en": "7,735"}[lang] in html
    wide, narrow = html.count('<svg class="es-chart es-chart--wide"'), html.count('<svg class="es-chart es-chart--narrow"')
    assert wide >= 10 and narrow == wide and html.count("<desc id=") == wide + narrow  # each chart drawn for wide and narrow screens
    report = page(built_site / lang / "evaluations" / SLUG / "report" / "findings-movement" / "index.html")
    assert any(href.endswith("indicators/#indicator-sdn1-i1") for href in report.links)
