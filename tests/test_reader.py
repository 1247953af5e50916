"""A reader's first screen, in Chromium, on a wide (1280×900) and a narrow (360×740) screen, in the three
languages: every page kind fits the screen and passes axe; a recommendation says where it stands
before any scrolling; action tables show each action's status and due date; the language switcher
keeps the reader's place; filters say what they did; charts stay legible."""
from __future__ import annotations

import pytest

from .browser import axe_violations, switch_language
from .test_browser import EV, FINAL, LANGS, PAGE_KINDS, visible_rows

pytestmark = pytest.mark.browser
SCREENS = {"wide": (1280, 900), "narrow": (360, 740)}
WSM_RECOMMENDATIONS = [f"r{n}" for n in range(1, 10)]
FINAL_RECOMMENDATIONS = ["movement-1", "movement-2", "policy-1", "policy-2", "policy-3", "efficiency-1", "efficiency-2", "implicit-1"]
ACTION_TABLE_PAGES = [f"{EV}/recommendations/r7/", f"{EV}/actions/", "actions/", "organisations/joint-pmeal-cell/"]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):
    """A page in a browser window of one of the two sizes; yields (page, height)."""
    width, height = SCREENS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page, height
    context.close()


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_every_page_kind_fits_the_screen_and_passes_axe(screen, base_url, url):
    page, _ = screen
    for lang in LANGS:
        assert axe_violations(page, f"{base_url}{lang}/{url}") == [], f"{lang}/{url}"
        assert page.evaluate(SIDEWAYS) == 0, f"{lang}/{url} scrolls sideways"


def test_no_page_scrolls_sideways_at_320_px(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for url in ["", *(f"{lang}/{kind}" for lang in LANGS for kind in PAGE_KINDS)]:
        page.goto(f"{base_url}{url}")
        if page.evaluate(SIDEWAYS) > 0:
            wide.append(url)
    context.close()
    assert wide == []


def test_the_language_choice_fits_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    assert axe_violations(page, base_url) == []
    assert page.evaluate(SIDEWAYS) == 0
    context.close()


@pytest.mark.parametrize("url", [f"{EV}/recommendations/{r}/" for r in WSM_RECOMMENDATIONS]
                         + [f"{FINAL}/recommendations/{r}/" for r in FINAL_RECOMMENDATIONS])
def test_a_recommendation_says_where_it_stands_on_the_first_screen(screen, base_url, url):
    page, height = screen
    for lang in LANGS:
        page.goto(f"{base_url}{lang}/{url}")
        rows = page.locator(".es-summary .es-summary__row")
        labels = [rows.nth(i).locator("dt").inner_text() for i in range(rows.count())]
        wanted = 4 if url.startswith(EV) else 1  # position, actions by status, next due, in charge; or the position alone
        for i in range(wanted):
            box = rows.nth(i).bounding_box()
            assert box["y"] + box["height"] <= height, f"{lang}/{url}: '{labels[i]}' is below the first screen"
        if url.startswith(EV):
            assert page.locator(".es-summary .es-status").count() >= 1  # the actions counted by status
            assert page.locator(".es-summary time").count() >= 1  # the next due date


@pytest.mark.parametrize("url", ACTION_TABLE_PAGES)
def test_every_action_shows_its_status_and_due_date_without_scrolling_sideways(screen, base_url, url):
    page, _ = screen
    width = page.viewport_size["width"]
    for lang in LANGS:
        page.goto(f"{base_url}{lang}/{url}")
        cells = page.eval_on_selector_all(".es-actions tbody tr", """(rows) => rows.flatMap(row =>
            ['.es-col-status', '.es-col-due', '.es-col-id'].map(sel => { const r = row.querySelector(sel).getBoundingClientRect();
              return {id: row.id, sel, left: r.left, right: r.right, width: r.width}; }))""")
        assert cells
        hidden = [c for c in cells if c["width"] == 0 or c["left"] < 0 or c["right"] > width]
        assert hidden == [], f"{lang}/{url}: {hidden[:3]}"


def test_action_tables_sort_by_due_date_and_status(page, base_url):
    page.goto(f"{base_url}en/actions/")
    order = page.locator("#actions-table .es-sort select")
    page.select_option("#actions-table .es-sort select", "due")
    dues = page.eval_on_selector_all("#actions-table tbody tr", "rows => rows.map(r => r.dataset.due)")
    assert dues == sorted(dues) and dues != page.evaluate("[]")
    assert page.get_attribute("#actions-table th[data-sort=due]", "aria-sort") == "ascending"
    order.select_option("")
    assert visible_rows(page)[:2] == ["action-1.1", "action-2.1"]  # back in the order of the plan


def test_the_language_switcher_keeps_the_filters_and_the_place_in_the_page(page, base_url):
    assert switch_language(page, f"{base_url}en/actions/?organisation=wsm-bsd", "fr") == f"{base_url}fr/actions/?organisation=wsm-bsd"
    assert visible_rows(page) == ["action-6.1", "action-7.3"]
    place = f"{FINAL}/report/conclusions/#p-180"
    assert switch_language(page, f"{base_url}nl/{place}", "en") == f"{base_url}en/{place}"


def test_a_paragraph_reached_from_a_recommendation_holds_its_text(page, base_url):
    for lang in LANGS:
        for rec in FINAL_RECOMMENDATIONS:
            page.goto(f"{base_url}{lang}/{FINAL}/recommendations/{rec}/")
            targets = page.eval_on_selector_all(".es-meta a[href*='#p-']", "links => links.map(a => a.href)")
            for target in targets:
                page.goto(target)
                text = page.evaluate("""() => { const p = document.querySelector(':target').cloneNode(true);
                    p.querySelectorAll('.es-para-num, .es-dup-link, .es-rec-link').forEach(a => a.remove());
                    return p.textContent.trim(); }""")
                assert len(text) > 25, f"{target}: {text!r}"  # the paragraph's own words, not a pointer elsewhere


def test_filters_say_what_they_found(page, base_url):
    page.goto(f"{base_url}en/actions/?organisation=wsm-bsd&status=completed")
    assert page.locator(".es-filter-empty").is_visible()
    assert page.inner_text(".es-filter-count") == "0 of 18 actions shown"
    assert page.inner_text(".es-filter-notices") == ""  # both values are known: the filter just found nothing
    page.click(".es-filter-empty a")
    assert len(visible_rows(page)) == 18
    page.goto(f"{base_url}en/actions/?organisation=fos")
    assert "FOS is not in charge of any published action" in page.inner_text(".es-filter-notices")
    assert page.get_attribute(".es-filter-notices a", "href").endswith("organisations/fos/")
    page.goto(f"{base_url}fr/actions/?status=nowhere")
    assert "«\u202fnowhere\u202f»" in page.inner_text(".es-filter-notices")
    assert len(visible_rows(page)) == 18


def test_filters_offer_only_values_that_apply(page, base_url):
    page.goto(f"{base_url}en/actions/")
    follow = page.eval_on_selector_all("select[name=follow-up] option", "os => os.map(o => o.value)")
    assert "closed" not in follow and "due-soon" in follow
    statuses = page.eval_on_selector_all("select[name=status] option", "os => os.map(o => o.value)")
    assert statuses == ["", "none"]  # the bundled response publishes no status yet
    assert page.inner_text(".es-filter-count") == "18 of 18 actions shown"


def test_the_search_overlay_closes_when_focus_leaves_it(page, base_url):
    page.goto(f"{base_url}en/{EV}/")
    page.keyboard.press("/")
    assert page.is_checked("#__search")
    for _ in range(12):
        page.keyboard.press("Tab")
        if not page.evaluate("document.querySelector('[data-es-search]').contains(document.activeElement)"):
            break
    assert not page.is_checked("#__search")


def test_search_results_name_the_evaluation(page, base_url):
    page.goto(f"{base_url}en/")
    page.fill(".md-search__input", "misinformation")
    page.locator(".md-search-result__item a").first.wait_for(timeout=30000)
    assert "WSM midterm evaluation 2022-2026" in page.inner_text(".md-search-result__list")
    assert "Recommendation 7" in page.inner_text(".md-search-result__list")


@pytest.mark.parametrize("url", [f"{FINAL}/indicators/", f"{EV}/dashboard/", "dashboard/"])
def test_chart_words_are_at_least_12_px_and_never_clipped(screen, base_url, url):
    page, _ = screen
    page.goto(f"{base_url}en/{url}")
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.es-chart')].filter(s => s.getBoundingClientRect().width > 0)
        .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
            return {size: scale * parseFloat(getComputedStyle(t).fontSize), clipped: b.x < 0 || b.x + b.width > svg.viewBox.baseVal.width,
                    text: t.textContent}; }); })""")
    bars = page.evaluate("""() => [...document.querySelectorAll('table.es-bars th, table.es-bars td')].map(c => parseFloat(getComputedStyle(c).fontSize))""")
    assert all(s["size"] >= 12 for s in sizes), [s for s in sizes if s["size"] < 12][:3]
    assert [s for s in sizes if s["clipped"]] == []
    assert all(size >= 12 for size in bars)
    assert sizes or bars
