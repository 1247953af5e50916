"""The bundled WSM midterm content loads into the model with the facts of the seed inventory (A.1-A.5)."""
from collections import Counter

from evalsite.model import LANGS, LinkType, Position

SLUG = "wsm-2022-2026-midterm"


def test_nine_recommendations_six_agree_three_partially(site_model):
    ev = site_model.evaluation(SLUG)
    assert [r.id for r in ev.recommendations] == [f"r{n}" for n in range(1, 10)]
    positions = {rec_id: response.position for rec_id, response in ev.responses.items()}
    assert Counter(positions.values()) == {Position.AGREE: 6, Position.PARTIALLY_AGREE: 3}
    assert {k for k, v in positions.items() if v == Position.PARTIALLY_AGREE} == {"r6", "r7", "r8"}


def test_eighteen_actions_with_timings_and_split_units(site_model):
    ev = site_model.evaluation(SLUG)
    per_rec = Counter(a.recommendation for a in ev.actions)
    assert len(ev.actions) == 18
    assert [per_rec[f"r{n}"] for n in range(1, 10)] == [1, 1, 3, 3, 1, 2, 3, 2, 2]
    assert Counter(str(a.timing) for a in ev.actions) == {"2025-2026": 5, "2026-2027": 3, "2027-2031": 10}
    in_charge = {a.id: set(a.in_charge) for a in ev.actions}
    assert sum("joint-pmeal-cell" in units for units in in_charge.values()) == 17
    assert in_charge["2.1"] == {"programme-pmeal-cells"}
    assert in_charge["6.1"] == {"joint-pmeal-cell", "continental-cells", "wsm-bsd"}
    assert in_charge["7.3"] == {"joint-pmeal-cell", "wsm-bsd"}
    assert in_charge["9.1"] == in_charge["9.2"] == {"joint-pmeal-cell", "wsm", "anmc-lcm", "acv-csci"}  # ACV-CSCi, not ACV-CSC
    assert {a for a, units in in_charge.items() if "decent-work-platform" in units} == {"3.2", "4.1"}


def test_cross_references_as_stated(site_model):
    ev = site_model.evaluation(SLUG)
    edges = {(source.id, link.target, link.type)
             for source in (*ev.recommendations, *ev.actions) for link in source.related}
    assert {(s, t) for s, t, _ in edges} == {
        ("r2", "r6"), ("r2", "r8"), ("r3", "r1"), ("r6", "r2"), ("r6", "r8"), ("r8", "r7"), ("r8", "r2"),
        ("r8", "r6"), ("1.1", "r1"), ("4.3", "r2"), ("6.2", "r4")}
    assert ("r6", "r2", LinkType.CLOSE_LINK) in edges
    assert ("6.2", "r4", LinkType.CONTRIBUTES_TO) in edges


def test_backlinks_answer_both_ways(site_model):
    ev = site_model.evaluation(SLUG)
    assert {b.source.id for b in ev.backlinks("r2")} == {"r6", "r8", "4.3"}
    assert {b.source.id for b in ev.backlinks("r4")} == {"6.2"}


def test_eleven_countries_and_metadata(site_model):
    ev = site_model.evaluation(SLUG)
    assert set(ev.countries) == {"BE", "PE", "CD", "ID", "BJ", "BR", "PH", "HT", "NE", "BF", "BI"}
    assert ev.original_language == "en" and ev.date is None
    assert ev.programme.donor == "dgd" and str(ev.programme.period) == "2022-2026"
    assert ev.evaluator == ("focus-up",)


def test_every_text_is_in_three_languages(site_model):
    ev = site_model.evaluation(SLUG)
    texts = [ev.title, ev.summary, ev.introduction, ev.programme.name]
    texts += [t for r in ev.recommendations for t in (r.title, r.text)]
    texts += [r.text for r in ev.responses.values()] + [a.text for a in ev.actions]
    texts += [o.name for o in site_model.organisations]
    assert all(set(t.values) == set(LANGS) for t in texts)


def test_organisation_views(site_model):
    assert len(site_model.assignments("joint-pmeal-cell")) == 17
    assert [a.action.id for a in site_model.assignments("wsm-bsd")] == ["6.1", "7.3"]
    assert ("evaluator", site_model.evaluation(SLUG)) in site_model.roles("focus-up")
    assert [u.id for u in site_model.units_of("wsm")] == ["wsm-bsd"]
