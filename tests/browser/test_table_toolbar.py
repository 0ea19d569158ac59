"""Tables in Chromium: folded under their chart, one Download control whose files are our neutralized ones
(Streamlit's own raw-CSV download is hidden), and numbers drawn in the page's language, not the browser's."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.test_walk import WAIT, settle

pytestmark = pytest.mark.browser


def test_a_tables_toolbar_offers_no_raw_csv_download(server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/budget")
    settle(page)
    table = page.locator('[data-testid="stDataFrame"]').first
    expect(table).to_be_hidden()  # folded under its chart: the first screen is the chart
    page.locator('[data-testid="stExpander"] summary', has_text="Tabel og download").first.click()
    expect(table).to_be_visible()
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbarButton"]')
    expect(toolbar.first).to_be_visible()  # the toolbar is there (search, fullscreen, ...)
    raw = page.locator('[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"])')
    assert raw.count() >= 1  # Streamlit still renders it ...
    expect(raw.first).to_be_hidden()  # ... and it is not shown
    expect(page.get_by_role("button", name="Download CSV")).to_have_count(0)  # behind the one control
    page.locator('[data-testid="stExpander"]').first.locator('[data-testid="stPopover"] button',
                                                             has_text="Download").first.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    expect(body).to_be_visible()  # the one control opens ...
    expect(body.get_by_role("button", name="Download CSV")).to_be_visible()  # ... onto the three files
    expect(body.get_by_role("button", name="Excel (.xlsx)")).to_be_visible()
    page.close()


@pytest.mark.parametrize("browser_locale", ["en-US", "da-DK"])
def test_the_grid_formats_numbers_in_the_pages_language_whatever_the_browsers(server, browser, browser_locale):
    # The grid writes numbers with Intl over navigator.languages; the page sets it to its own language.
    page = browser.new_page(viewport=DESKTOP, locale=browser_locale)
    page.goto(f"{server}/budget")
    settle(page)
    # The page's language reaches navigator.languages through a script the page injects: wait for it, then check.
    page.wait_for_function("() => navigator.languages[0] === 'da-DK'", timeout=WAIT)
    assert page.evaluate("navigator.languages") == ["da-DK"]
    assert page.evaluate("new Intl.NumberFormat(navigator.languages).format(1700)") == "1.700"
    page.locator('[data-testid="stSidebar"] button', has_text="English").first.click()
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Language", exact=True)).to_be_visible()
    settle(page)
    page.wait_for_function("() => navigator.languages[0] === 'en-GB'", timeout=WAIT)
    assert page.evaluate("navigator.languages") == ["en-GB"]
    page.close()
