"""Pages as generated Markdown: fallback texts, escaping, links relative to the page."""
from dataclasses import replace

from evalsite import urls
from evalsite.model import Text
from evalsite.pages import kinds

from .pages import render_pages

SLUG = "wsm-2022-2026-midterm"


def test_same_pages_in_every_language(site_model):
    pages = [p.source for p in kinds.site_pages(site_model)]
    assert len(pages) == len(set(pages))
    assert f"evaluations/{SLUG}/recommendations/r1/index.md" in pages
    assert f"evaluations/{SLUG}/actions/7.3/index.md" in pages
    assert "organisations/wsm-bsd/index.md" in pages
    files = {lang: render_pages(site_model, lang) for lang in ("nl", "fr", "en")}
    assert files["nl"].keys() == files["fr"].keys() == files["en"].keys() == set(pages)


def test_missing_translation_falls_back_with_notice_and_lang(site_model):
    ev = site_model.evaluation(SLUG)
    rec = ev.recommendation("r4")
    english_only = replace(rec, text=Text({"en": "Only **English** here."}, "en"), title=Text({"en": "English title"}, "en"))
    ev2 = replace(ev, recommendations=tuple(english_only if r.id == "r4" else r for r in ev.recommendations))
    site2 = replace(site_model, evaluations=(ev2,))
    page = render_pages(site2, "fr")[f"evaluations/{SLUG}/recommendations/r4/index.md"]
    assert '<div lang="en">\n<p>Only <strong>English</strong> here.</p>' in page
    assert "Pas encore traduit\u202f: affiché dans la langue originale (anglais)." in page
    assert '<span lang="en">English title</span> <small class="es-fallback" data-pagefind-ignore>(non traduit)</small>' in page
    english = render_pages(site2, "en")[f"evaluations/{SLUG}/recommendations/r4/index.md"]
    assert "Not yet translated" not in english


def test_titles_are_html_in_headings_and_plain_text_in_front_matter(site_model):
    ev = site_model.evaluation(SLUG)
    rec = replace(ev.recommendation("r1"), title=Text({"en": "A <b>bold</b> *claim* # here & \"there\"", "nl": "x", "fr": "x"}, "en"))
    site2 = replace(site_model, evaluations=(replace(ev, recommendations=(rec, *ev.recommendations[1:])),))
    page = render_pages(site2, "en")[f"evaluations/{SLUG}/recommendations/r1/index.md"]
    assert '<h1>A <b>bold</b> <em>claim</em> # here &amp; "there"</h1>' in page
    assert 'search_title: "Recommendation 1: A bold claim # here & \\"there\\""' in page


def test_relative_links():
    assert urls.relative("evaluations/x/actions/1.1/", "evaluations/x/recommendations/r1/") == "../../actions/1.1/"
    assert urls.relative("evaluations/x/actions/#action-1.1", "evaluations/x/actions/") == "#action-1.1"
    assert urls.relative("", "evaluations/x/") == "../../"
    assert urls.relative("evaluations/x/", "") == "evaluations/x/"


def test_front_matter_is_valid_yaml_with_plain_description(site_model):
    import yaml

    page = render_pages(site_model, "fr")[f"evaluations/{SLUG}/recommendations/r7/index.md"]
    meta = yaml.safe_load(page.split("---")[1])
    assert meta["title"] == "Recommandation 7 · WSM évaluation à mi-parcours 2022-2026"  # names the evaluation: unique in the site
    assert "<" not in meta["description"] and len(meta["description"]) <= 200
