"""Finish where a reader touches it, measured on the text boxes Chromium lays out (tests/layout.py): on a
phone (360 px), a desk screen (1280 px) and an A4 page (the printable width of an A4 sheet with evalsite's
margins, 718 px, with print styles), in the three languages, no page kind has text that overlaps, a word
broken in the middle, text under 12 px, a text cut with "…", a box that only scrolls sideways or a label
drawn by CSS. The keyboard never leaves the screen on a phone, and the long pages print in few sheets."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from .layout import layout_problems
from .test_browser import EV, LANGS, PAGE_KINDS

pytestmark = pytest.mark.browser
# name: (width, height, print styles). 718 px is A4 (210 mm) less the 10 + 11 mm margins of @page, at 96 px/in.
MODES = {"phone": (360, 740, False), "desk": (1280, 900, False), "print": (718, 1000, True)}


@pytest.fixture(scope="module", params=list(MODES))
def mode_page(request, browser):
    """One browser page per mode, reused across the page kinds (a new context per page kind costs more than
    the measuring)."""
    width, height, printing = MODES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10000)
    if printing:
        page.emulate_media(media="print")
    yield request.param, page
    context.close()


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_no_text_overlaps_breaks_mid_word_shrinks_or_hides(mode_page, base_url, url):
    mode, page = mode_page
    found = []
    for lang in LANGS:
        page.goto(f"{base_url}{lang}/{url}")
        found += [f"{mode} {lang}/{url}: {problem}" for problem in layout_problems(page)]
    assert found == []


def test_the_measure_sees_what_it_measures(browser, base_url):
    """Each kind of problem, made on purpose in a real page, is reported: a measure that cannot fail would
    pass every page above."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base_url}en/{EV}/recommendations/r2/")
    assert layout_problems(page) == []
    page.evaluate("""() => {
        const main = document.querySelector('.md-content article');
        const add = (html) => { const div = document.createElement('div'); div.innerHTML = html; main.prepend(div); };
        add('<p style="font-size:10px">tiny words here</p>');
        add('<p style="width:60px;word-break:break-all">Verantwoordingsmechanismen</p>');
        add('<p style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis;width:80px">a sentence cut short by the box</p>');
        add('<div style="overflow-x:auto;width:200px"><p style="width:600px">a wide box that scrolls sideways</p></div>');
        add('<p class="es-drawn">label</p><style>.es-drawn::before{content:"Status: "}</style>');
        add('<p style="position:relative">first words<span style="position:absolute;left:0;top:0">second words</span></p>');
    }""")
    kinds = {problem.split(":")[0] for problem in layout_problems(page)}
    context.close()
    assert {"text under 12 px", "word broken mid-word", "text cut with …", "hidden behind a sideways scroll",
            "label drawn by CSS", "text overlaps"} <= kinds, kinds


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_keyboard_never_leaves_the_screen(browser, base_url, lang):
    """Tab from the top of a shared recommendation at 360 px: every element that takes focus is on the
    screen (scrolled to, not behind a closed drawer or off to the side), and the skip link comes first."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base_url}{lang}/{EV}/recommendations/r2/")
    off_screen = []
    first = None
    for step in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
            return {what: e.outerHTML.slice(0, 80), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    width: r.width, height: r.height, body: e === document.body,
                    skip: e.matches('a[href="#es-main"]')}; }""")
        if focused["body"]:
            break
        first = first if first is not None else focused
        inside = (focused["width"] > 0 and focused["height"] > 0 and focused["left"] >= -1 and focused["right"] <= 361
                  and focused["bottom"] > 0 and focused["top"] < 740)
        if not inside:
            off_screen.append(f"step {step + 1}: {focused['what']}")
    context.close()
    assert first and first["skip"], first
    assert off_screen == []


def test_the_skip_link_and_the_search_field_take_the_focus(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base_url}fr/{EV}/recommendations/r2/")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).visibility") == "visible"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown once focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#es-main"
    page.wait_for_timeout(300)  # Material closes any open overlay 125 ms after the address changes; a reader is slower
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    # the overlay slides in; once it has, the field is wholly on the screen
    page.wait_for_function("(() => { const r = document.activeElement.getBoundingClientRect();"
                           " return r.left >= 0 && r.right <= 360 && r.top >= 0; })()")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    context.close()


def pages_printed(page, url: str) -> tuple[str, int]:
    page.goto(url)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(p.extract_text() for p in pdf.pages), len(pdf.pages)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("url", "most"), [(f"{EV}/response/", 6), (f"{EV}/actions/", 4)])
def test_the_long_pages_print_on_few_a4_sheets(page, base_url, lang, url, most):
    """The whole management response and the action plan, as taken to a meeting."""
    text, sheets = pages_printed(page, f"{base_url}{lang}/{url}")
    assert "9.2" in text  # the last action is in the print, not cut off
    assert sheets <= most, f"{lang}/{url}: {sheets} sheets"
