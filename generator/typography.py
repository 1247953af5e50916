"""French typography: a narrow no-break space (U+202F) before `: ; ? !` and inside « », as French
readers expect and as the Imprimerie nationale's rules have it.

Authors type ordinary spaces, or none ("Position:", "Position :"), and a line may break before the
colon; pages show every French text typeset alike, whoever wrote it. Texts are Markdown, so the
rules leave alone what is syntax rather than prose: footnote definitions (`[^1]:`), attribute lists
(`{: #id }`), addresses (`https://`) and times (`10:30`).
"""
from __future__ import annotations

import re

NARROW = "\u202f"
_BEFORE_MARK = re.compile(r"(?<=[\w»)*_’'\"%])[ \u00a0\u202f]?([:;?!])(?=\s|$|[)»*_])")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]?")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]?»")


def french(text: str) -> str:
    """`text` (Markdown or plain) with French spacing around `: ; ? !` and « »."""
    text = _BEFORE_MARK.sub(lambda m: NARROW + m[1], text)
    text = _AFTER_OPENING.sub("«" + NARROW, text)
    return _BEFORE_CLOSING.sub(NARROW + "»", text)


def for_language(text: str, lang: str) -> str:
    """`text` typeset for a reader of `lang` (only French has rules here). A lone ":" gives the colon that
    templates put between a label and its value."""
    if lang != "fr":
        return text
    return NARROW + text if text in (":", ";", "?", "!") else french(text)
