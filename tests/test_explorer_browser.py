"""The explorer as a reader uses it, in Chromium: a question answered through the address in every
language, the choice kept in the address, the chain of a repeated recommendation, the list without
JavaScript, a 360 px wide phone, and axe-core on the explorer and a finding page."""
from __future__ import annotations

import unicodedata

import pytest

from evalsite.build import BuildOptions, build

from .browser import axe_violations, serve
from .test_explorer import AS_OF, explorer_content

pytestmark = pytest.mark.browser
LANGS = ("nl", "fr", "en")
QUESTION = "?theme=16010&country=CD&follow-up=overdue"  # recommendations on social protection in DR Congo with overdue actions
COUNT = {"nl": "2 van 5 aanbevelingen", "fr": "2 recommandations sur 5", "en": "2 of 5 recommendations"}


@pytest.fixture(scope="module")
def explorer_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("explorer-browser")
    content = explorer_content(base / "content")
    with serve(base / "site") as url:
        build(content, BuildOptions(out_dir=base / "site", site_url=url, work_dir=base / "work", as_of=AS_OF))
        yield url


def cards(page) -> list[str]:
    page.locator(".es-explorer-results .es-card").first.wait_for()
    links = page.locator(".es-explorer-results .es-card-title a")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.mark.parametrize("lang", LANGS)
def test_the_address_answers_theme_country_and_overdue(page, explorer_url, lang):
    page.goto(f"{explorer_url}{lang}/recommendations/{QUESTION}")
    assert cards(page) == [f"{explorer_url}{lang}/evaluations/beta-2025-midterm/recommendations/b1/",
                           f"{explorer_url}{lang}/evaluations/alpha-2021-final/recommendations/a1/"]
    assert page.locator(".es-explorer-count").inner_text() == COUNT[lang]
    assert page.locator("select[name=theme]").input_value() == "16010"
    assert page.locator("select[name=country] option:checked").inner_text().endswith("(2)")  # each value with its count
    assert page.locator(".es-explorer-static").is_hidden()


def test_an_address_shared_before_the_follow_up_facet_still_answers(page, explorer_url):
    page.goto(f"{explorer_url}en/recommendations/?theme=16010&country=CD&overdue=yes")
    assert cards(page) == [f"{explorer_url}en/evaluations/beta-2025-midterm/recommendations/b1/",
                           f"{explorer_url}en/evaluations/alpha-2021-final/recommendations/a1/"]
    assert page.locator("select[name=follow-up]").input_value() == "overdue"


def test_words_typed_narrow_the_list_whatever_their_accents(page, explorer_url):
    page.goto(f"{explorer_url}fr/recommendations/")
    titles = page.eval_on_selector_all(".es-explorer-static .es-card-title a", "links => links.map(a => a.textContent)")
    word = max((w for t in titles for w in t.split() if unaccented(w) != w), key=len)
    typed = unaccented(word).upper()
    page.fill("input[name=q]", typed)
    page.wait_for_function(f"new URLSearchParams(location.search).get('q') === {typed!r}")
    found = page.locator(".es-explorer-results .es-card-title a")
    assert 1 <= found.count() < len(titles)
    assert all(word.lower() in found.nth(i).inner_text().lower() for i in range(found.count()))


def unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def test_a_theme_category_finds_every_theme_in_it(page, explorer_url):
    page.goto(f"{explorer_url}en/recommendations/?theme=160")
    assert len(cards(page)) == 5  # 16010 and 16080 are in category 160
    page.goto(f"{explorer_url}en/recommendations/?theme=16010")
    assert cards(page) == [f"{explorer_url}en/evaluations/beta-2025-midterm/recommendations/b1/",
                           f"{explorer_url}en/evaluations/alpha-2021-final/recommendations/a1/",
                           f"{explorer_url}en/evaluations/alpha-2021-final/recommendations/a2/"]


def test_a_choice_goes_into_the_address(page, explorer_url):
    page.goto(f"{explorer_url}en/recommendations/")
    page.locator(".es-explorer-results .es-card").first.wait_for()
    page.select_option("select[name=position]", "partially-agree")
    page.wait_for_function("location.search === '?position=partially-agree'")
    assert cards(page) == [f"{explorer_url}en/evaluations/alpha-2021-final/recommendations/a3/"]


def test_the_chain_of_a_repeated_recommendation(page, explorer_url):
    page.goto(f"{explorer_url}fr/recommendations/?chain=alpha-2021-final/a1")
    assert cards(page) == [f"{explorer_url}fr/evaluations/alpha-2021-final/recommendations/a1/",
                           f"{explorer_url}fr/evaluations/beta-2025-midterm/recommendations/b1/"]


def test_without_javascript_the_whole_list_is_there(browser, explorer_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{explorer_url}nl/recommendations/")
    assert page.locator(".es-explorer-static .es-card").count() == 5
    assert page.locator("form.es-explorer").is_hidden()
    context.close()


@pytest.mark.parametrize("path", [f"recommendations/{QUESTION}", "findings/", "evaluations/alpha-2021-final/",
                                  "evaluations/alpha-2021-final/findings/f1/"])
def test_nothing_scrolls_sideways_at_360_px(browser, explorer_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{explorer_url}fr/{path}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("path", [f"recommendations/{QUESTION}", "findings/?type=lesson", "evaluations/alpha-2021-final/findings/f1/",
                                  "evaluations/alpha-2021-final/"])
def test_axe_finds_no_violation(page, explorer_url, path):
    assert axe_violations(page, f"{explorer_url}en/{path}") == []
