"""Authors' Markdown (in YAML texts and narrative files) turned into safe HTML fragments for pages.

Texts are converted here rather than left to MkDocs because a page wraps each one in an element that
carries its language (`lang`) and, for a fallback, a notice; MkDocs passes such HTML blocks through.
Content comes from many organisations, so raw HTML is held to a small allow-list twice: the loader
refuses anything else with a file:line message (`unsafe_html`), and every fragment made here is
cleaned by nh3 (the Ammonia sanitiser) before it reaches a page.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_EXTENSIONS = ["sane_lists", "attr_list", "tables"]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


# What an author may write as raw HTML inside Markdown: inline marks and language tags, nothing else.
AUTHOR_TAGS = {"span": {"lang"}, "i": set(), "em": set(), "b": set(), "strong": set(), "br": set(), "sup": set(), "sub": set(),
               "abbr": {"title", "lang"}, "cite": {"lang"}, "q": {"lang"}}
# What our own Markdown rendering may produce, on top of that.
_OUTPUT_TAGS = set(AUTHOR_TAGS) | {"p", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
                                   "table", "thead", "tbody", "tr", "th", "td", "hr", "del", "div"}
_OUTPUT_ATTRIBUTES = {"*": {"lang"}, "a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"},
                      "ol": {"start"}}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s[^<>]*?)?)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s=/]+)\s*(?:=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_BAD_LINK = re.compile(r"(?:\]\(\s*<?|<)\s*(?:javascript|vbscript|data)\s*:", re.I)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


def _clean(html: str) -> str:
    return nh3.clean(html, tags=_OUTPUT_TAGS, attributes=_OUTPUT_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer")


_MARKDOWN = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


@lru_cache(maxsize=65536)
def _convert(text: str) -> str:
    """Markdown → clean HTML. Pure, so cached: the same text appears on many pages and in each language's
    tree (a build renders a recommendation's text on its page, its evaluation's lists, its actions...)."""
    return _clean(_MARKDOWN.reset().convert(text))


def to_html(text: str) -> Markup:
    """Block Markdown → safe HTML."""
    return Markup(_convert(text))


def to_inline_html(text: str) -> Markup:
    """Markdown of one line (a title) → safe HTML without the surrounding paragraph."""
    return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", _convert(text), flags=re.S))


SAFE_HTML_HINT = ("write Markdown instead; the only HTML allowed is <span lang=\"..\">, <i>, <em>, <b>, <strong>, <br>, <sup>, <sub>, "
                  "<abbr>, <cite> and <q>, without other attributes")


def unsafe_html(markdown_text: str) -> list[str]:
    """What in an author's Markdown is not allowed: tags and attributes outside AUTHOR_TAGS, and
    links to javascript:, vbscript: or data: addresses. Code spans are text, and are skipped."""
    text = _CODE.sub("", markdown_text)
    found = []
    for match in _TAG.finditer(text):
        tag = match[2].lower()
        if tag not in AUTHOR_TAGS:
            found.append(f"the HTML tag <{tag}> is not allowed")
            continue
        for attribute in _ATTRIBUTE.findall(match[3]):
            if attribute.lower() not in AUTHOR_TAGS[tag]:
                found.append(f"the attribute '{attribute}' on <{tag}> is not allowed")
    if _BAD_LINK.search(text):
        found.append("a link to a javascript:, vbscript: or data: address is not allowed")
    return list(dict.fromkeys(found))


def md_escape(text: str) -> Markup:
    """Plain text made safe to place inside a Markdown line (a heading), shown exactly as written.
    Only `&`, `<` and `>` become entities: quotes stay as they are, so tables of contents show them."""
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", html))


def plain(text: str) -> str:
    """Markdown reduced to one line of plain text, for `<title>`, descriptions and previews."""
    rendered = _convert(text)
    return html.unescape(re.sub(r"[ \t\n\r\f\v]+", " ", re.sub(r"<[^>]+>", " ", rendered)).strip())  # no-break spaces stay


_PRIVATE_BLOCK = re.compile(r"<!--\s*private\s*-->.*?<!--\s*/private\s*-->", re.S | re.I)


def strip_private(markdown_text: str) -> str:
    """Markdown without its `<!-- private -->…<!-- /private -->` blocks; their lines stay as blank
    lines so that messages about the rest still name the right line."""
    return _PRIVATE_BLOCK.sub(lambda m: "\n" * m[0].count("\n"), markdown_text)


_FOOTNOTE = re.compile(r"^(\[\^[^\]]+\]:[ \t]*)(\S.*)$", re.M)


def tag_footnotes(markdown_text: str, lang: str) -> str:
    """Footnote definitions marked with their language: MkDocs moves footnotes to the end of the page,
    out of the element that says which language a fallback chapter is in."""
    return _FOOTNOTE.sub(lambda m: f'{m[1]}<span lang="{lang}">{m[2]}</span>', markdown_text)
