"""UI words without variables written into the compiled templates, in the language of their environment.

Jinja's gettext is a function the page calls at every `_("Status")` (two calls through Jinja's calling
machinery each): 30 to 60 times a page, a third of what a page costs to render. A word without
variables says the same on every page of a language, so this extension asks the catalog once, when
the template is compiled, and writes the translation in its place, marked safe as Jinja's gettext
marks it. Words with variables, plural forms and words with a `%` still go through gettext. Because
the compiled code then holds one language's words, each language (and each version of its catalogs)
has its own folder of compiled templates in the project's work folder, never in a shared temporary folder
where another user could plant one.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream


class StaticWords(Extension):
    """Replaces `_("literal")` by `("translation"|safe)` when a template is compiled; the environment's
    `static_gettext` (set by `install`) gives the translation."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        translate: Callable[[str], str] = self.environment.static_gettext  # type: ignore[attr-defined]
        window: list[Token] = []
        previous = None
        for token in stream:
            window.append(token)
            if len(window) < 4:
                continue
            name, opening, literal, closing = window
            if (name.type == "name" and name.value == "_" and opening.type == "lparen" and literal.type == "string"
                    and closing.type == "rparen" and "%" not in literal.value and (previous is None or previous.type != "dot")):
                line = name.lineno
                yield from (Token(line, "lparen", "("), Token(line, "string", translate(literal.value)), Token(line, "pipe", "|"),
                            Token(line, "name", "safe"), Token(line, "rparen", ")"))
                previous, window = closing, []
            else:
                previous = window.pop(0)
                yield previous
        yield from window


def install(env, gettext: Callable[[str], str], cache: Path) -> None:
    """Give `env` the catalog's words for compilation, and `cache` (a folder of the project's work folder,
    named after the catalogs' digest) for its compiled templates."""
    env.static_gettext = gettext
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
