"""The Companies page in Chromium: the offline map draws, filters go into the URL and come back from it."""

from __future__ import annotations

import io
import re
import time

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from healthtech import maps
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_walk import WAIT, Watch, assert_clean, main, settle

pytestmark = pytest.mark.browser
MAP = '[data-testid="stDeckGlJsonChart"]'


BACKGROUND = (248, 250, 252)  # maps.OFFLINE_STYLE's background colour
FILLS = [tuple(c) for c in maps.BLUES]


def drawn(png: bytes) -> tuple[float, int]:
    """Share of the map's pixels that are not background (summed channel distance over 24), and how many class
    colours appear (over 200 pixels within a summed distance of 6). In numpy: the screenshot has ~10^6 pixels,
    and `wait_map_drawn` asks again every 250 ms (a Python loop over them took 20 s a call on a loaded machine)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16).reshape(-1, 3)

    def distance(colour) -> np.ndarray:
        return np.abs(pixels - np.array(colour, dtype=np.int16)).sum(axis=1)

    off_background = int((distance(BACKGROUND) > 24).sum())
    colours = [f for f in FILLS if int((distance(f) < 6).sum()) > 200]
    return off_background / len(pixels), len(colours)


def open_companies(browser, url, lang="da"):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    watch = Watch(page)
    page.goto(url)
    expect(page.locator("h1").first).to_have_text(
        "Virksomheder i netværket" if lang == "da" else "Companies in the network", timeout=WAIT)
    settle(page)
    expect(page.locator(f"{MAP} canvas").first).to_be_visible(timeout=WAIT)
    wait_map_drawn(page)
    return context, page, watch


def wait_map_drawn(page, share: float = 0.02) -> None:
    """Wait until deck.gl has drawn land on the map: it draws on animation frames after its canvas appears."""
    deadline = time.monotonic() + WAIT / 1000
    while drawn(page.locator(MAP).screenshot())[0] <= share:
        if time.monotonic() > deadline:
            raise AssertionError(f"the map stayed blank for {WAIT / 1000:.0f} s")
        page.wait_for_timeout(250)  # poll: the condition is in pixels, which no selector can wait for


def test_the_map_draws_offline_a_chosen_region_goes_into_the_url_and_a_new_browser_restores_it(server, browser):
    """The offline map draws the choropleth (land, three class colours or more), with no request off the machine
    (`Watch`); a region chosen in the sidebar goes into the URL; a new browser opening that URL shows the same
    region in the same language. One test: opening the Companies page and waiting for its map is most of the
    cost (deck.gl in SwiftShader), and the first open is the set-up of both."""
    context, page, watch = open_companies(browser, f"{server}/companies?lang=en", lang="en")
    share, colours = drawn(page.locator(MAP).screenshot())
    assert share > 0.08 and colours >= 3, f"the map looks blank: {share:.0%} drawn, {colours} class colours"
    page.screenshot(path=str(ARTIFACTS / "companies_map_offline.png"), full_page=True)
    assert_clean(page, watch, "companies map")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="North Denmark Region").click()
    expect(main(page)).to_contain_text("25 companies", timeout=WAIT)
    settle(page)
    assert re.search(r"[?&]region=1081\b", page.url) and "lang=en" in page.url
    shared = page.url
    assert_clean(page, watch, "region chosen")
    page.screenshot(path=str(ARTIFACTS / "en_companies_nordjylland.png"), full_page=True)
    context.close()

    # The recipient of the link: a new browser context, same page, same region, same language.
    context, page, watch = open_companies(browser, shared, lang="en")
    expect(page.get_by_role("combobox", name="Region")).to_have_value("North Denmark Region")
    expect(main(page)).to_contain_text("25 companies", timeout=WAIT)
    assert drawn(page.locator(MAP).screenshot())[0] > 0.02
    assert_clean(page, watch, "restored link")
    context.close()


def test_the_first_request_after_a_restart_straight_to_a_page_gets_our_navigation(fresh_server, browser):
    context, page, watch = open_companies(browser, f"{fresh_server}/companies?lang=en&region=1083", lang="en")
    nav = page.locator('[data-testid="stSidebarNavLink"]')
    expect(nav).to_have_count(7)  # local mode: the one running it is the editor, so the Data page is there
    assert nav.all_inner_texts() == ["Overview", "Companies", "Reach", "Budget", "Activities", "Sources", "Data"]
    expect(main(page)).to_contain_text("219 companies", timeout=WAIT)
    assert_clean(page, watch, "fresh server deep link")
    context.close()
