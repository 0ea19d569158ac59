"""Walk the dashboard in Chromium as a user would: every page, both languages, nothing from outside."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from healthtech import i18n, site
from tests.browser.conftest import ARTIFACTS, DESKTOP

pytestmark = pytest.mark.browser

# (sidebar label, page heading) of every page a viewer sees, from the page registry
PAGES_DA, PAGES_EN = ([(i18n.t(f"nav.{name}", lang), i18n.t(site.get(name).title_key, lang)) for name in site.public()]
                      for lang in ("da", "en"))
WAIT = 60_000  # for one element to appear after an action
SETTLE_WAIT = 120_000  # for a whole page run
# Streamlit's frontend probes "<path>/_stcore/health" and "<path>/_stcore/host-config" to find its base
# URL when a deep link such as /budget is opened directly; those two 404s are expected and harmless.
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


class Watch:
    """Collects console errors, page errors and any request to a host other than localhost."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)

    def _console(self, msg):
        if msg.type != "error":
            return
        where = urlparse(msg.location.get("url", "")).path
        if "404" in msg.text and where.endswith(BASE_PATH_PROBES) and where.count("/") > 2:
            return
        self.errors.append(f"console: {msg.text} ({msg.location.get('url')})")

    def _request(self, request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
            return
        self.outside.append(request.url)


# Settled: the script run has finished, nothing is stale (greyed by a rerun), no element is still a skeleton (an
# element whose code, e.g. Plotly's 4.7 MB chunk, is still loading is drawn as `stSkeleton` by Streamlit's Suspense
# fallback: "every chart drawn" would hold vacuously over zero charts), the main area has its heading, every chart is
# drawn, and no element has been added or removed for QUIET_MS (a second run's output can still be arriving).
QUIET_MS = 500
SETTLED = """([quiet, heading]) => {
  if (!window.__settleWatch) {
    window.__lastChange = performance.now();
    window.__settleWatch = new MutationObserver(() => { window.__lastChange = performance.now(); });
    window.__settleWatch.observe(document.body, {subtree: true, childList: true});
  }
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector(
      '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')
    && (!heading || !!document.querySelector('[data-testid="stMainBlockContainer"] h1'))
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
         .every(chart => chart.querySelector('.main-svg g.trace'))
    && performance.now() - window.__lastChange > quiet;
}"""


def settle(page, heading: bool = True):
    """Wait until the page is settled (SETTLED). Generous on purpose: on a loaded 2-core machine a rerun can take
    tens of seconds; how fast it is belongs to the benchmark, not to a test. `heading=False` for a screen without
    a page heading (a refusal, a sign-in wall): then a test can check that nothing else was drawn."""
    page.wait_for_function(SETTLED, arg=[QUIET_MS, heading], timeout=SETTLE_WAIT, polling=100)


def open_page(page, label, heading):
    page.locator('[data-testid="stSidebarNavLink"]', has_text=label).first.click()
    expect(page.locator("h1").first).to_have_text(heading, timeout=WAIT)
    settle(page)


def main(page):
    return page.locator('[data-testid="stMain"]')


def assert_clean(page, watch, where):
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert watch.errors == [], (where, watch.errors)
    assert watch.outside == [], (where, watch.outside)


def test_walk_every_page_in_danish_then_english(server, browser):
    # Tall viewport: Streamlit scrolls an inner container, so a "full page" screenshot is the viewport.
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="da-DK")
    page = context.new_page()
    watch = Watch(page)
    page.goto(server)
    settle(page)
    expect(main(page)).to_contain_text(re.compile(r"28,0\smio\.\skr\."), timeout=WAIT)
    for label, heading in PAGES_DA:
        open_page(page, label, heading)
        expect(main(page)).to_contain_text("Data pr.", timeout=WAIT)
        assert_clean(page, watch, label)
        assert "lang=" not in page.url  # Danish is the default: a clean URL
        page.screenshot(path=str(ARTIFACTS / f"da_{label.lower()}.png"), full_page=True)

    # Switch to English, then change page: the language must survive the page switch (URL and text).
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    expect(main(page)).to_contain_text("Data as of", timeout=WAIT)
    assert "lang=en" in page.url
    for label, heading in PAGES_EN:
        open_page(page, label, heading)
        assert "lang=en" in page.url, (label, page.url)
        expect(main(page)).to_contain_text("Data as of", timeout=WAIT)
        expect(main(page)).not_to_contain_text("Data pr.")
        assert_clean(page, watch, label)
        page.screenshot(path=str(ARTIFACTS / f"en_{label.lower()}.png"), full_page=True)

    # A reload keeps the view: same page, same language.
    page.reload()
    expect(page.locator("h1").first).to_have_text("Sources and data", timeout=WAIT)
    settle(page)
    assert "/sources" in page.url and "lang=en" in page.url
    assert_clean(page, watch, "reload")
    context.close()


def test_a_copied_link_opens_the_same_page_in_the_same_language(server, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(page)
    page.goto(f"{server}/budget?lang=en")
    expect(page.get_by_role("heading", name="Budget split by funder")).to_be_visible(timeout=WAIT)
    settle(page)
    expect(page.locator('[data-testid="stPlotlyChart"] text', has_text="DKK\u00a014.0m")).to_have_count(1)
    assert "lang=en" in page.url
    assert_clean(page, watch, "deep link")
    context.close()
