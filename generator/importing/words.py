"""The words management-response tables are written with, in English, French and Dutch, as tables.

Every list here is compared after `fold` (lower case, accents and punctuation gone: "Échéance" and
"echeance", "d'accord" and "d accord" are the same words), so each entry is written folded. A spelling
the import does not know yet is one more entry in the right list; no code has to change. Where two
entries match (a header "Action status" holds both "action" and "status"), the longest one wins.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from ..model import Position, Status

K = TypeVar("K")

# What each column of a management-response table holds, by the words of its header, per language.
# Dutch writes compounds ("Managementrespons", "Uitvoeringstermijn"): a Dutch entry also matches the end of a word.
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "recommendation": {
        "en": ("recommendation", "recommendations", "evaluation recommendation", "rec"),
        "fr": ("recommandation", "recommandations", "recommandation de l evaluation"),
        "nl": ("aanbeveling", "aanbevelingen"),
    },
    "response": {
        "en": ("management response", "response", "management s response", "managements response", "response of management"),
        "fr": ("reponse", "reponse manageriale", "reponse de la direction", "reponse du management", "reponse de la gestion"),
        "nl": ("respons", "reactie", "antwoord", "reactie van het management", "managementreactie", "antwoord van het management"),
    },
    "position": {
        "en": ("position", "agreement", "agree", "agree disagree", "accepted", "acceptance", "accepted rejected", "management position"),
        "fr": ("position", "accord", "avis", "acceptation", "accepte", "acceptee", "accord desaccord"),
        "nl": ("standpunt", "positie", "akkoord", "aanvaarding", "aanvaard", "instemming"),
    },
    "action": {
        "en": ("action", "actions", "key action", "key actions", "planned action", "planned actions", "follow up action", "follow up actions",
               "measures"),
        "fr": ("action", "actions", "action cle", "actions cles", "actions prevues", "mesure", "mesures", "action de suivi", "actions de suivi"),
        "nl": ("actie", "acties", "sleutelactie", "sleutelacties", "kernactie", "kernacties", "maatregel", "maatregelen", "actiepunt",
               "actiepunten"),
    },
    "due": {
        "en": ("time frame", "timeframe", "due", "due date", "deadline", "completion date", "expected completion", "expected completion date",
               "date of completion", "timeline", "timing", "target date", "by when"),
        "fr": ("echeance", "echeances", "echeancier", "date d echeance", "delai", "delais", "calendrier", "date limite", "date butoir",
               "date prevue", "date de realisation"),
        "nl": ("termijn", "deadline", "timing", "tijdspad", "tijdslijn", "tijdskader", "einddatum", "streefdatum", "uiterste datum",
               "tegen wanneer", "wanneer", "planning"),
    },
    "units": {
        "en": ("responsible", "responsible unit", "responsible units", "responsible party", "responsible parties", "responsibility",
               "in charge", "unit in charge", "units in charge", "lead", "lead unit", "focal point", "who"),
        "fr": ("responsable", "responsables", "unite responsable", "unites responsables", "service responsable", "entite responsable",
               "en charge", "charge", "responsabilite", "porteur", "qui"),
        "nl": ("verantwoordelijk", "verantwoordelijke", "verantwoordelijken", "verantwoordelijke eenheid", "verantwoordelijkheid", "trekker",
               "uitvoerder", "wie"),
    },
    "status": {
        "en": ("status", "state", "implementation status", "status of implementation", "action status", "status of action"),
        "fr": ("statut", "etat", "etat d avancement", "statut d avancement", "etat de mise en oeuvre", "statut de mise en oeuvre"),
        "nl": ("status", "stand", "staat"),
    },
    "comments": {
        "en": ("comments", "comment", "remarks", "notes", "observations", "progress", "progress made", "progress update", "progress updates",
               "update", "updates", "tracking", "follow up"),
        "fr": ("commentaires", "commentaire", "remarques", "observations", "suivi", "avancement", "progres", "mise a jour", "etat des lieux"),
        "nl": ("opmerkingen", "opmerking", "commentaar", "toelichting", "voortgang", "stand van zaken", "opvolging", "update", "updates"),
    },
    "updated": {
        "en": ("updated", "last updated", "date updated", "update date", "date of update", "date of comment", "comment date", "reporting date",
               "as of"),
        "fr": ("date de mise a jour", "mis a jour", "mise a jour le", "date du suivi", "date de suivi"),
        "nl": ("bijgewerkt", "laatste update", "datum update", "datum van de update", "datum opvolging"),
    },
}
COMPOUNDING = frozenset({"nl"})  # languages whose header words may end a compound word
FIELD_NAMES = {"recommendation": "recommendation", "response": "management response", "position": "position", "action": "key action",
               "due": "time frame", "units": "responsible unit", "status": "status", "comments": "comments", "updated": "update date"}

# The management's position, as a position column or the first words of a response write it.
POSITIONS: dict[Position, dict[str, tuple[str, ...]]] = {
    Position.AGREE: {
        "en": ("agree", "agreed", "fully agree", "fully agreed", "strongly agree", "accept", "accepted", "fully accepted"),
        "fr": ("d accord", "accord", "tout a fait d accord", "entierement d accord", "pleinement d accord", "accepte", "acceptee", "approuve",
               "approuvee"),
        "nl": ("akkoord", "volledig akkoord", "eens met", "volledig eens", "aanvaard", "geaccepteerd", "goedgekeurd", "instemming"),
    },
    Position.PARTIALLY_AGREE: {
        "en": ("partially agree", "partially agreed", "partly agree", "partly agreed", "agree in part", "agreed in part", "partially accepted",
               "partly accepted", "partial agreement", "partially"),
        "fr": ("partiellement d accord", "d accord en partie", "d accord partiellement", "en partie d accord", "accord partiel",
               "partiellement accepte", "partiellement acceptee", "partiellement"),
        "nl": ("gedeeltelijk akkoord", "deels akkoord", "gedeeltelijk eens", "deels eens", "gedeeltelijk aanvaard", "gedeeltelijk geaccepteerd",
               "gedeeltelijk", "deels"),
    },
    Position.DISAGREE: {
        "en": ("disagree", "disagreed", "do not agree", "does not agree", "not agree", "not agreed", "not accepted", "rejected", "reject"),
        "fr": ("pas d accord", "desaccord", "en desaccord", "non accepte", "non acceptee", "pas accepte", "pas acceptee", "rejete", "rejetee",
               "refuse", "refusee"),
        "nl": ("niet akkoord", "niet eens", "oneens", "niet aanvaard", "niet geaccepteerd", "verworpen", "afgewezen"),
    },
}
# Words that state a position in a position column, but begin many a sentence too ("No further action…"):
# never read from the first words of a response.
POSITION_COLUMN_ONLY: dict[Position, tuple[str, ...]] = {
    Position.AGREE: ("yes", "oui", "ja", "eens"),
    Position.DISAGREE: ("no", "non", "nee"),
}

# Implementation statuses as trackers write them (the UNDP Evaluation Resource Centre's among them) → the model's.
STATUSES: dict[Status, dict[str, tuple[str, ...]]] = {
    Status.COMPLETED: {
        "en": ("completed", "complete", "done", "finished", "implemented", "fully implemented", "closed", "achieved", "accomplished"),
        "fr": ("termine", "terminee", "acheve", "achevee", "realise", "realisee", "complete", "completee", "mis en oeuvre", "mise en oeuvre",
               "accompli", "accomplie", "cloture", "cloturee", "execute", "executee", "fait"),
        "nl": ("afgerond", "voltooid", "uitgevoerd", "volledig uitgevoerd", "gerealiseerd", "klaar", "beeindigd", "afgewerkt", "gedaan"),
    },
    Status.ONGOING: {
        "en": ("ongoing", "on going", "initiated", "overdue initiated", "started", "in progress", "under way", "underway", "in process",
               "on track", "partially implemented", "partially completed"),
        "fr": ("en cours", "initie", "initiee", "entame", "entamee", "commence", "commencee", "demarre", "demarree", "en voie de realisation",
               "partiellement realise", "partiellement realisee", "partiellement mis en oeuvre", "partiellement mise en oeuvre"),
        "nl": ("lopend", "lopende", "bezig", "gestart", "opgestart", "begonnen", "in uitvoering", "aan de gang", "in behandeling",
               "deels uitgevoerd", "gedeeltelijk uitgevoerd"),
    },
    Status.NOT_STARTED: {
        "en": ("not started", "not yet started", "not initiated", "not yet initiated", "overdue not initiated", "not begun", "planned", "pending",
               "to be started"),
        "fr": ("non initie", "non initiee", "non entame", "non entamee", "non commence", "non commencee", "pas commence", "pas encore commence",
               "non demarre", "pas demarre", "pas encore demarre", "a demarrer", "a venir", "prevu", "prevue"),
        "nl": ("niet gestart", "nog niet gestart", "niet opgestart", "nog niet opgestart", "niet begonnen", "nog niet begonnen", "nog te starten",
               "gepland"),
    },
    Status.DROPPED: {
        "en": ("no longer applicable", "not applicable", "dropped", "cancelled", "canceled", "abandoned", "discontinued", "withdrawn"),
        "fr": ("n est plus applicable", "plus applicable", "ne s applique plus", "non applicable", "sans objet", "abandonne", "abandonnee",
               "annule", "annulee", "caduc", "caduque"),
        "nl": ("niet meer van toepassing", "niet langer van toepassing", "niet van toepassing", "geschrapt", "stopgezet", "geannuleerd",
               "vervallen"),
    },
}

# How a recommendation's or an action's number is introduced in its cell ("Recommendation 1:", "R1", "Action 1.2").
RECOMMENDATION_WORDS = ("recommendation", "recommandation", "aanbeveling", "rec", "r")
ACTION_WORDS = ("key action", "action cle", "action", "sleutelactie", "actie", "mesure", "maatregel")
NUMBER_MARKS = ("n°", "no", "nr", "num", "#")

# Words before a due date that do not change it: "by March 2020", "fin 2020", "uiterlijk eind 2021".
DUE_LEAD_WORDS = ("by the end of", "by end of", "by end", "by", "end of", "end", "until", "d'ici la fin de", "d'ici fin", "d'ici", "fin de",
                  "fin", "jusqu'a", "jusqu'en", "tegen het einde van", "tegen eind", "tegen", "uiterlijk eind", "uiterlijk", "ten laatste",
                  "eind", "einde")
# A quarter: "Q2 2020", "T2 2020" (trimestre), "K2 2020" or "KW2 2020" (kwartaal), "2nd quarter 2020", "2e trimestre 2020".
QUARTER_LETTERS = ("q", "t", "kw", "k")
QUARTER_WORDS = ("quarter", "trimestre", "kwartaal")
ORDINAL_ENDINGS = ("st", "nd", "rd", "th", "eme", "ieme", "er", "e", "ste", "de")
# Words that join two dates into a period: "March 2020 - June 2021", "de 2020 à 2021", "van 2020 tot 2021".
RANGE_WORDS = ("to", "until", "a", "au", "tot", "t/m", "tot en met")

# How a cell lists several units: these always separate; the conjunctions and commas only where each side is a unit.
UNIT_BREAKS = re.compile(r"\s*(?:\n|;|•|·|▪|◦)\s*")
UNIT_JOINS = re.compile(r"(\s*,\s*|\s*&\s*|\s*\+\s*|\s+(?:and|et|en)\s+)", re.IGNORECASE)
LEADING_ARTICLES = ("the", "le", "la", "les", "l", "de", "het")
LIST_MARK = re.compile(r"^\s*(?:[-–—*•·▪◦]|\d+[.)]|[a-z][.)])\s+")  # a list item's mark in a cell: "- ", "• ", "1. ", "a) "


def fold(text: str) -> str:
    """A text reduced to its words for comparison: lower case, no accents, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return " ".join(re.findall(r"[^\W_]+", "".join(c for c in text if not unicodedata.combining(c))))


def plain(text: str) -> str:
    """The text in lower case without accents, character for character: offsets found in it hold in the
    text itself, so that a number matched at its start can be cut from the original."""
    def one(char: str) -> str:
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        return base if len(base) == 1 else char

    return "".join(one(char) for char in text.replace("’", "'"))


def alternatives(words: tuple[str, ...]) -> str:
    """A regular expression matching any of `words`, the longest first (so that "end of" wins over "end")."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def starts_with(folded: str, phrases: tuple[str, ...]) -> str | None:
    """The longest of `phrases` that `folded` starts with, as whole words."""
    found = [p for p in phrases if folded == p or folded.startswith(p + " ")]
    return max(found, key=len) if found else None


def recognise(folded: str, table: dict[K, dict[str, tuple[str, ...]]]) -> tuple[K, str] | None:
    """Which entry of a vocabulary (POSITIONS, STATUSES) `folded` starts with, and the words it matched: the longest match."""
    best: tuple[K, str] | None = None
    for key, by_lang in table.items():
        for phrases in by_lang.values():
            phrase = starts_with(folded, phrases)
            if phrase and (best is None or len(phrase) > len(best[1])):
                best = (key, phrase)
    return best
