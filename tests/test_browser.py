"""What a reader does, in Chromium: switch language, follow cross-links, search, use the keyboard,
copy a link, print; and the gates every page kind must pass: axe-core, no third-party request."""
from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pytest

from evalsite.content.load import load_site
from evalsite.pages import kinds

from .browser import axe_violations, foreign_requests, switch_language
from .conftest import CONTENT, SITE_URL

pytestmark = pytest.mark.browser
LANGS = ("nl", "fr", "en")
EV = "evaluations/wsm-2022-2026-midterm"
FINAL = "evaluations/fos-solsoc-ifsi-2017-2021-final"
# Every page kind of every evaluation, from the registry of page kinds, and pages that look unlike the
# first of their kind (a chapter of repeats, one with a framework, one with timelines; a large organisation).
PAGE_KINDS = [*kinds.samples(load_site(CONTENT)), "404.html", f"{EV}/recommendations/r2/", f"{EV}/actions/4.3/",
              "organisations/joint-pmeal-cell/", f"{FINAL}/report/findings-policy/", f"{FINAL}/report/conclusions/",
              f"{FINAL}/report/performance-stories/", f"{FINAL}/report/annexes/", f"{FINAL}/recommendations/policy-3/",
              f"{FINAL}/findings/case-global-fund/"]


@pytest.mark.parametrize("url", [f"{EV}/recommendations/r2/", f"{EV}/actions/", "organisations/wsm-bsd/"])
def test_language_switcher_lands_on_the_same_page(page, base_url, url):
    for source in LANGS:
        for target in LANGS:
            if source != target:
                assert switch_language(page, f"{base_url}{source}/{url}", target) == f"{base_url}{target}/{url}"
                assert page.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize("lang", LANGS)
def test_cross_links_work_when_clicked(page, base_url, lang):
    page.goto(f"{base_url}{lang}/{EV}/recommendations/r2/")
    page.click(".es-actions a[href$='actions/2.1/']")
    assert page.url == f"{base_url}{lang}/{EV}/actions/2.1/"
    page.click(".es-summary a[href$='recommendations/r2/']")
    assert page.url == f"{base_url}{lang}/{EV}/recommendations/r2/"
    page.click(".es-related a[href='../r6/']")
    assert page.url == f"{base_url}{lang}/{EV}/recommendations/r6/"
    page.click(".es-related a[href='../r2/']")  # and back, from the other end
    assert page.url == f"{base_url}{lang}/{EV}/recommendations/r2/"
    page.goto(f"{base_url}{lang}/organisations/wsm-bsd/")
    page.click(".es-actions a[href$='actions/7.3/']")
    assert page.url == f"{base_url}{lang}/{EV}/actions/7.3/"


@pytest.mark.parametrize(("lang", "word"), [("nl", "desinformatie"), ("fr", "désinformation"), ("en", "misinformation")])
def test_search_finds_a_recommendation_in_its_own_language(page, base_url, lang, word):
    page.goto(f"{base_url}{lang}/")
    page.fill(".md-search__input", word)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(urlsplit(href).path == f"/{lang}/{EV}/recommendations/r7/" for href in hrefs), hrefs
    assert all(urlsplit(href).path.startswith(f"/{lang}/") for href in hrefs), hrefs
    assert page.locator(".md-search-result__item mark").count() > 0  # the words found, highlighted in the excerpts
    assert re.search(r"\d", page.locator(".md-search-result__meta").inner_text())  # "3 matching documents", in its language


def test_search_by_keyboard_opens_moves_and_follows(page, base_url):
    page.goto(f"{base_url}en/{EV}/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.is_checked("#__search")
    page.keyboard.type("misinformation")
    page.locator(".md-search-result__item a").first.wait_for(timeout=30000)
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    assert target.startswith(f"{base_url}en/")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


def test_search_says_when_nothing_matches(page, base_url):
    page.goto(f"{base_url}fr/")
    page.fill(".md-search__input", "zzyzxqwv")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Aucun')", timeout=30000)
    assert page.locator(".md-search-result__item").count() == 0


def test_keyboard_reaches_switcher_search_and_every_link_with_visible_focus(page, base_url):
    page.goto(f"{base_url}en/{EV}/recommendations/r2/")
    links = page.eval_on_selector_all(".md-content a[href]", "els => els.map(e => e.href)")
    reached: set[str] = set()
    kinds: set[str] = set()
    unfocused: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const e = document.activeElement; const s = getComputedStyle(e);
            return {href: e.href || '', cls: e.className || '', tag: e.tagName,
                    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
        }""")
        reached.add(info["href"])
        if "md-select__link" in str(info["cls"]):
            kinds.add("switcher")
        if "md-search__input" in str(info["cls"]):
            kinds.add("search")
        if info["tag"] in ("A", "BUTTON", "INPUT") and not info["visible"]:
            unfocused.append(f"{info['tag']} {info['href'] or info['cls']}")
    assert kinds == {"switcher", "search"}
    assert set(links) <= reached
    assert unfocused == [], unfocused
    # Enter follows a focused link: the switcher to French
    page.focus(".md-select__link[hreflang='fr']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}fr/{EV}/recommendations/r2/")


def test_axe_on_the_language_choice(page, base_url):
    assert axe_violations(page, base_url) == []


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_no_request_to_another_host_and_no_cookie(context, base_url, url):
    for lang in LANGS:
        assert foreign_requests(context, f"{base_url}{lang}/{url}") == []
    assert foreign_requests(context, base_url) == []


def test_copy_link_copies_the_absolute_permalink(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base_url}fr/{EV}/actions/7.1/")
    page.click("a.es-permalink")
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}fr/{EV}/actions/7.1/"
    assert page.locator(".es-copied").inner_text() == "Lien copié"
    context.close()


def printed(page, url: str) -> tuple[str, int]:
    """The text of `url` printed to A4 as the browser prints it, and its number of pages."""
    from pypdf import PdfReader

    page.goto(url)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages)), len(pdf.pages)


@pytest.mark.parametrize(("url", "expected"), [
    (f"{EV}/recommendations/r2/", ["Continue and expand programmes", "Action 2.1", "2027"]),
    (f"{EV}/actions/", ["Action plan", "Action 7.3", "2031", "WSM-BSD"]),
])
def test_print_gives_a_clean_document(page, base_url, url, expected):
    text, _ = printed(page, f"{base_url}en/{url}")
    squeezed = text.replace(" ", "")
    for fragment in expected:
        assert fragment.replace(" ", "") in squeezed, fragment
    for chrome in ("Search", "Table of contents", "Choose a language", "Link to"):
        assert chrome not in text
    own = f"{SITE_URL}en/{url}"
    assert squeezed.count(own) == 1  # the sheet says where it came from, once, in its head
    assert f"{SITE_URL}en/" not in squeezed.replace(own, "")  # links in tables and summaries print no address


def test_print_gives_the_address_of_links_in_running_text(page, base_url, tmp_path):
    text, _ = printed(page, f"{base_url}en/{EV}/")
    assert "<http" not in text  # the overview's links are all in lists, tables and summaries
    page.goto(f"{base_url}en/{EV}/recommendations/r2/")
    page.evaluate("""() => { const p = document.querySelector('.es-text p'); const a = document.createElement('a');
        a.href = '../r6/'; a.textContent = 'recommendation 6'; p.append(' See ', a); a.setAttribute('data-print-href', a.href); }""")
    pdf_text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in __import__("pypdf").PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
    assert f"<{SITE_URL}en/{EV}/recommendations/r6/>" in pdf_text


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#actions-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id)")


def test_filters_in_the_address_are_applied_and_shareable(page, base_url):
    page.goto(f"{base_url}en/actions/?organisation=wsm-bsd")
    assert visible_rows(page) == ["action-6.1", "action-7.3"]
    assert page.input_value("select[name=organisation]") == "wsm-bsd"
    assert page.inner_text(".es-filter-count") == "2 of 18 actions shown"
    page.select_option("select[name=timing]", "2027-2031")
    assert visible_rows(page) == ["action-6.1", "action-7.3"]
    page.select_option("select[name=organisation]", "")
    page.select_option("select[name=timing]", "2026-2027")
    assert len(visible_rows(page)) == 3
    assert page.url == f"{base_url}en/actions/?timing=2026-2027"
    shared = page.context.new_page()
    shared.goto(page.url)
    assert len(visible_rows(shared)) == 3


def test_without_javascript_the_table_is_complete(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}nl/actions/?organisation=wsm-bsd")
    assert len(visible_rows(page)) == 18
    assert page.locator("form.es-filters").is_hidden()
    context.close()
