"""The trust boundary: every author text becomes HTML here, and only here, cleaned by one allow-list.

Content comes from many organisations and is untrusted. Texts in YAML (titles, recommendations,
responses, table cells, names), Markdown files (introductions, report chapters with their headings
and footnotes) all go through `Converter`: Python-Markdown turns them into HTML, then nh3 (the
Ammonia sanitiser) keeps only what `ALLOWED` lists. Pages never receive an author's text any other
way, and the engines (MkDocs, Zensical) never see an author's Markdown.

`evalsite check` validates with the same allow-list (`problems`): a text whose cleaned HTML differs
from the HTML it renders to is refused, naming the tag, attribute or address that would be dropped.
Both compare what an HTML parser reads, never patterns in the text.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

BASE_EXTENSIONS = ("sane_lists", "tables")

# The allow-list: the HTML an author's text may become, from Markdown or written as raw HTML. Inline
# marks, language tags, links, lists, quotes, code, tables, headings below the page's own title, and the
# structure of footnotes (their ids and classes only: `_footnote_attribute`).
ALLOWED_TAGS = frozenset({
    "p", "br", "em", "strong", "i", "b", "span", "sup", "sub", "abbr", "cite", "q", "a", "del", "ins", "mark", "s", "small",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "h2", "h3", "h4", "h5", "h6", "div",
})
ALLOWED_ATTRIBUTES = {"*": {"lang"}, "a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"},
                      "sup": {"id"}, "li": {"id"}}
ALLOWED_CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?:[\w.-]+")
HINT = ("write Markdown instead; raw HTML may only be <span lang=\"..\">, <i>, <em>, <b>, <strong>, <br>, <sup>, <sub>, "
        "<abbr title>, <cite>, <q> and the like, without scripts, styles or event handlers; links go to http(s) or mailto addresses")


def _footnote_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Ids only as the footnotes extension writes them; table alignment as the tables extension writes it."""
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    if attribute == "style":
        return value if re.fullmatch(r"text-align: (left|right|center);", value) else None
    return value


_CLEANER = nh3.Cleaner(tags=set(ALLOWED_TAGS), attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
                       allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()}, url_schemes=set(URL_SCHEMES),
                       attribute_filter=_footnote_attribute, link_rel=None)  # immutable: the allow-list, built once


def clean(fragment: str) -> str:
    """An HTML fragment with only what the allow-list keeps."""
    return _CLEANER.clean(fragment)


@dataclass(frozen=True)
class Footnoted:
    """A chapter's blocks as HTML, each cleaned, and its footnotes (empty when it has none)."""

    blocks: tuple[Markup, ...]
    footnotes: Markup


class Converter:
    """Markdown → clean HTML for one language's pages (or one check). It keeps what it converted, since
    the same text appears on many pages (a recommendation's title on its page, its evaluation's lists,
    its actions...). `extensions` are the site project's Markdown extensions (its mkdocs.yml) on top of
    BASE_EXTENSIONS; their output passes the same allow-list. `footnote_title` is the footnotes' back
    link title in the page's language (`%d`: the footnote's number)."""

    def __init__(self, extensions: Sequence[str | dict] = (), footnote_title: str = "Back to footnote %d in the text"):
        self.extensions = tuple(extensions)
        names, configs = _split_extensions(self.extensions)
        self._markdown = markdown.Markdown(extensions=[*BASE_EXTENSIONS, *names], extension_configs=configs, output_format="html")
        self._footnoted = markdown.Markdown(extensions=[*BASE_EXTENSIONS, *names, "footnotes"], output_format="html",
                                            extension_configs={**configs, "footnotes": {"BACKLINK_TITLE": footnote_title}})
        self._blocks: dict[str, Markup] = {}
        self._texts: dict[str, str] = {}

    def rendered(self, text: str) -> str:
        """The HTML Markdown makes of `text`, before cleaning (what `problems` compares)."""
        return self._markdown.reset().convert(text)

    def block(self, text: str) -> Markup:
        """Block Markdown → safe HTML."""
        found = self._blocks.get(text)
        if found is None:
            found = self._blocks[text] = Markup(clean(self.rendered(text)))
        return found

    def inline(self, text: str) -> Markup:
        """Markdown of one line (a title) → safe HTML without the surrounding paragraph."""
        return Markup(_unwrap(str(self.block(text))))

    def plain(self, text: str) -> str:
        """Markdown reduced to one line of plain text: for <title>, descriptions, front matter and pictures."""
        return self.text_of(str(self.block(text)))

    def text_of(self, fragment: str) -> str:
        """`plain_text` of an HTML fragment, kept: a page's front matter asks for the same titles as
        many other pages (parsing them again was 8% of a language's generation)."""
        found = self._texts.get(fragment)
        if found is None:
            found = self._texts[fragment] = plain_text(fragment)
        return found

    def footnoted(self, texts: Iterable[str]) -> Footnoted:
        """Several blocks of one document (a chapter) converted together, so that a footnote's reference
        and its text may be in different blocks; each block and the footnotes come back cleaned."""
        texts = list(texts)
        marks = [f"<!--evalsite-block-{n}-->" for n in range(len(texts))]
        source = "\n\n".join(f"{mark}\n\n{text}" for mark, text in zip(marks, texts, strict=True))
        rendered = self._footnoted.reset().convert(source)
        pieces = re.split(r"<!--evalsite-block-\d+-->\n?", rendered)[1:]
        notes = ""
        if pieces and (at := pieces[-1].find('<div class="footnote">')) >= 0:
            pieces[-1], notes = pieces[-1][:at], pieces[-1][at:]
        if len(pieces) != len(texts):  # an author wrote one of the marks: convert each block alone
            return Footnoted(tuple(self.block(text) for text in texts), Markup(""))
        return Footnoted(tuple(Markup(clean(piece).strip()) for piece in pieces), Markup(clean(notes)))

    def problems(self, text: str) -> list[str]:
        """What in an author's Markdown the allow-list would drop, each said for the author; empty when
        nothing would be. Texts that can hold no tag and no address are not converted at all."""
        if "<" not in text and ":" not in text and "![" not in text:
            return []
        rendered = self.rendered(text)
        return _dropped(_read(rendered), _read(clean(rendered)))


def _split_extensions(extensions: Sequence[str | dict]) -> tuple[list[str], dict[str, dict]]:
    """mkdocs.yml's form of Markdown extensions (a name, or a name with its settings) as Python-Markdown takes them."""
    names, configs = [], {}
    for item in extensions:
        if isinstance(item, dict):
            for name, settings in item.items():
                names.append(name)
                configs[name] = settings or {}
        else:
            names.append(item)
    return names, configs


def _unwrap(fragment: str) -> str:
    match = re.fullmatch(r"<p>(.*)</p>\s*", fragment, flags=re.S)
    return match[1] if match and "<p>" not in match[1] else fragment


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment on one line, entities read (no-break spaces kept)."""
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return re.sub(r"[ \t\n\r\f\v]+", " ", "".join(part for kind, part in reader.tokens if kind == "text")).strip()


class _Reader(HTMLParser):
    """An HTML fragment as tokens: ("start", (tag, attributes)) and ("text", text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", (tag, tuple(sorted((name, value or "") for name, value in attrs)))))

    def handle_data(self, data: str) -> None:
        self.tokens.append(("text", data))


def _read(fragment: str) -> list[tuple[str, object]]:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader.tokens


def _dropped(rendered: list[tuple[str, object]], cleaned: list[tuple[str, object]]) -> list[str]:
    """Say what the cleaning took out: the tags and attributes of `rendered` that `cleaned` lacks."""
    kept = [token for kind, token in cleaned if kind == "start"]
    found: list[str] = []
    for kind, token in rendered:
        if kind != "start":
            continue
        tag, attributes = token
        match = next((other for other in kept if other[0] == tag), None)
        if match is None:
            found.append(f"the HTML tag <{tag}> is not allowed" if tag != "img" else "pictures (<img>, ![...](...)) are not allowed")
            continue
        kept.remove(match)
        left = dict(match[1])
        for name, value in attributes:
            if name not in left and name in ("href", "src") and ":" in value:
                found.append(f"a link to '{_shorten(value)}' is not allowed — links go to http(s) or mailto addresses")
            elif name not in left:
                found.append(f"the attribute '{name}' on <{tag}> is not allowed")
            elif left[name] != value:
                found.append(f"the value of '{name}' on <{tag}> is not allowed")
    if not found and _text_of(rendered).split() != _text_of(cleaned).split():
        found.append("part of this text would be removed (a script or style?)")
    return list(dict.fromkeys(found))


def _text_of(tokens: list[tuple[str, object]]) -> str:
    return "".join(str(token) for kind, token in tokens if kind == "text")


def _shorten(value: str) -> str:
    value = html.unescape(value)
    return value if len(value) <= 40 else value[:37] + "…"
