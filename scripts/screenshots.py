"""What a reader sees first on every page kind, wide (1280×900) and narrow (360×740), as PNG files in
docs/screenshots/ (`make screenshots`), a shared recommendation in Dutch and French too, and the pages
people print for a meeting as A4 PDF files in the three languages.

A record for reviewing the design, not a test: it builds the bundled site as of today (a past as-of day
would show the tracker as it stood then, band included), serves it on a free local port and photographs the first screen
of each page in Debian's Chromium. The browser tests (tests/test_reader.py) check the same pages.
"""
from __future__ import annotations

import datetime
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evalsite.build import BuildOptions, build  # noqa: E402
from evalsite.build.project import load_project  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
AS_OF = datetime.date.today()  # a past day would show the look-back band on every page
SCREENS = {"wide": (1280, 900), "narrow": (360, 740)}
WSM, FINAL = "evaluations/wsm-2022-2026-midterm", "evaluations/fos-solsoc-ifsi-2017-2021-final"
PAGES = {  # file name: address, in English
    "home": "en/", "evaluations": "en/evaluations/", "evaluation": f"en/{WSM}/", "recommendations": f"en/{WSM}/recommendations/",
    "recommendation": f"en/{WSM}/recommendations/r7/", "action-plan": f"en/{WSM}/actions/", "action": f"en/{WSM}/actions/7.1/",
    "follow-up": f"en/{WSM}/dashboard/", "all-actions": "en/actions/", "dashboard": "en/dashboard/",
    "organisations": "en/organisations/", "organisation": "en/organisations/wsm-bsd/", "final-evaluation": f"en/{FINAL}/",
    "final-recommendation": f"en/{FINAL}/recommendations/policy-3/", "report": f"en/{FINAL}/report/",
    "chapter": f"en/{FINAL}/report/conclusions/", "tables": f"en/{FINAL}/tables/", "indicators": f"en/{FINAL}/indicators/",
    "data": "en/data/", "not-found": "en/404.html", "language-choice": "", "response": f"en/{WSM}/response/",
    "explorer": "en/recommendations/?theme=15150", "findings": "en/findings/", "finding": f"en/{FINAL}/findings/case-global-fund/",
    "recommendation-nl": f"nl/{WSM}/recommendations/r7/", "recommendation-fr": f"fr/{WSM}/recommendations/r7/",
}
PRINTED = {"response": f"{WSM}/response/", "action-plan": f"{WSM}/actions/"}  # as A4 PDF, in each language


def main() -> int:
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = Path(tmp) / "site"
        build(ROOT / "content", BuildOptions(out_dir=site, site_url=f"http://127.0.0.1:{port}/", work_dir=Path(tmp) / "work", as_of=AS_OF,
                                            project=load_project(ROOT / "evalsite.yml")))  # the repository's names, as `make serve` shows them
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        with serve(site, port) as base:
            for screen, (width, height) in SCREENS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, address in PAGES.items():
                    page.goto(f"{base}{address}", wait_until="networkidle")
                    page.screenshot(path=OUT / f"{name}-{screen}.png")
                page.close()
            page = browser.new_page()
            for name, address in PRINTED.items():
                for lang in ("nl", "fr", "en"):
                    page.goto(f"{base}{lang}/{address}", wait_until="networkidle")
                    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # folded parts open, as when printing
                    page.pdf(path=OUT / f"{name}-{lang}.pdf", format="A4")
            page.close()
        browser.close()
    print(f"{len(PAGES) * len(SCREENS)} screenshots and {len(PRINTED) * 3} printed pages in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
