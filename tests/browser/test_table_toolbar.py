"""Streamlit's own table download (raw cells, formulas and all) is hidden; our neutralized downloads remain."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_walk import settle

pytestmark = pytest.mark.browser


def test_a_tables_toolbar_offers_no_raw_csv_download(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/budget")
    settle(page)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbarButton"]')
    expect(toolbar.first).to_be_visible()  # the toolbar is there (search, fullscreen, ...)
    raw = page.locator('[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"])')
    assert raw.count() >= 1  # Streamlit still renders it ...
    expect(raw.first).to_be_hidden()  # ... and it is not shown
    expect(page.get_by_role("button", name="Download CSV").first).to_be_visible()
    page.close()
