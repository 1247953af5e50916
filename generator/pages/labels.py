"""The words for the values of the model's enumerations (positions, statuses, kinds, criteria...), in
one place for the templates (the global `L`) and for the page fragments drawn in Python (`fragments`).

The English words are marked with `N_` for the catalogs and translated when a language's labels are
made (`for_language`): a site project says them otherwise through its own catalog, like any UI word.
"""
from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from markupsafe import Markup


def N_(message: str) -> str:
    """Marks a string for the catalogs; `for_language` translates it."""
    return message


POSITION = {"agree": N_("Agree"), "partially-agree": N_("Partially agree"), "disagree": N_("Disagree")}
STATUS = {"not-started": N_("Not started"), "ongoing": N_("Ongoing"), "completed": N_("Completed"), "dropped": N_("Dropped")}
FOLLOW_UP = {"overdue": N_("Overdue"), "unreported": N_("Past due, no update published"), "due-soon": N_("Due within 90 days"),
             "on-track": N_("Due later"), "closed": N_("Completed or dropped")}
STATUS_OR_NONE = {**STATUS, "none": N_("No update published")}
POSITION_OR_NONE = {**POSITION, "none": N_("No response published")}
EVALUATION_KIND = {"midterm": N_("Midterm evaluation"), "final": N_("Final evaluation"), "ex-post": N_("Ex-post evaluation"),
                   "thematic": N_("Thematic evaluation"), "other": N_("Evaluation")}
ORGANISATION_KIND = {"ngo": N_("NGO"), "trade-union": N_("Trade union"), "mutual-health": N_("Mutual health fund"),
                     "network": N_("Network"), "platform": N_("Platform"), "donor": N_("Donor"), "evaluator": N_("Evaluator"),
                     "research": N_("Research institute"), "international": N_("International organisation"),
                     "government": N_("Public agency"), "political-party": N_("Political party"), "unit": N_("Unit")}
LINK_OUT = {"see-also": N_("See also"), "close-link": N_("Closely linked to"), "supports": N_("Supports"),
            "contributes-to": N_("Contributes to")}  # a link seen from its source
LINK_IN = {"see-also": N_("Referred to by"), "close-link": N_("Closely linked to"), "supports": N_("Supported by"),
           "contributes-to": N_("Receives a contribution from")}  # the same link seen from its target
ROLE = {"partner": N_("Programme partner"), "donor": N_("Donor"), "commissioner": N_("Commissioned the evaluation"),
        "evaluator": N_("Evaluator")}
DOCUMENT_KIND = {"management-response": N_("Management response"), "evaluation-report": N_("Evaluation report")}
CRITERION = {"relevance": N_("Relevance"), "coherence": N_("Coherence"), "effectiveness": N_("Effectiveness"),
             "efficiency": N_("Efficiency"), "impact": N_("Impact"), "sustainability": N_("Sustainability")}
FINDING_KIND = {"finding": N_("Finding"), "conclusion": N_("Conclusion"), "lesson": N_("Lesson")}
FINDING_LINK_OUT = {"rests-on": N_("Rests on"), "cited-in-response": N_("Cited in the management response")}
FINDING_LINK_IN = {"rests-on": N_("Recommendation resting on it"),
                   "cited-in-response": N_("The management response to this recommendation cites it")}
FACET = {"evaluation": N_("Evaluation"), "year": N_("Year"), "kind": N_("Kind of evaluation"), "country": N_("Country"),
         "theme": N_("Theme"), "criterion": N_("Criterion"), "organisation": N_("Organisation"), "position": N_("Position"),
         "status": N_("Action status"), "follow-up": N_("Actions' due dates"), "repeated": N_("Made again in other evaluations"),
         "type": N_("Finding, conclusion or lesson")}
# "All" as each filter says it: a whole phrase, so that every language can make it agree (toutes les années, tous les pays)
FACET_ALL = {"evaluation": N_("All evaluations"), "year": N_("All years"), "kind": N_("All kinds of evaluation"),
             "country": N_("All countries"), "theme": N_("All themes"), "criterion": N_("All criteria"),
             "organisation": N_("All organisations"), "position": N_("All positions"), "status": N_("All statuses"),
             "follow-up": N_("All due dates"), "repeated": N_("Made again or not"), "type": N_("Findings, conclusions and lessons"),
             "timing": N_("All timings")}
NONE_VALUE = {"year": N_("Date not stated"), "criterion": N_("No criterion stated"), "position": N_("No response published"),
              "status": N_("No update published"), "follow-up": N_("No key action")}
REPEATED = {"yes": N_("Made again in another evaluation"), "no": N_("Made once")}

_ALL = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, dict)}


def for_language(gettext: Callable[[str], str]) -> SimpleNamespace:
    """Every label map with its words in one language: `L.POSITION["agree"]`. The words are the
    catalog's, safe as HTML, as Jinja's own gettext gives them."""
    return SimpleNamespace(**{name: {key: Markup(gettext(word)) for key, word in words.items()} for name, words in _ALL.items()})
