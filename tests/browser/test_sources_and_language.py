"""In Chromium: a citation opens the Sources page at its section, in the same tab (a reader who came by a link
keeps access); a Danish page shows no English widget text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import test_upload_and_links as upload_links
from tests.browser.conftest import running_dashboard
from tests.browser.test_upload_and_links import cli
from tests.browser.test_walk import PAGES_DA, WAIT, Watch, assert_clean, main, open_page, settle

pytestmark = pytest.mark.browser

secured = upload_links.secured  # a server with secrets: links, tokens

# Streamlit's own widget texts (1.67), English unless a widget is given its own.
STREAMLIT_ENGLISH = re.compile(r"Choose an option|Choose options|No options to select|Drag and drop|Browse files|"
                               r"per file")


def test_a_citation_opens_the_sources_page_at_the_cited_section_in_the_same_tab(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(f"{server}/reach")
    settle(page)
    # A page link, not a markdown link: the same tab and session (a reader who came by a link keeps access).
    page.locator('[data-testid="stMain"] [data-testid="stPageLink"] a', has_text="Ansøgningen, afsnit 4").click()
    expect(page.locator("#section-4")).to_be_visible(timeout=WAIT)
    settle(page)
    assert len(context.pages) == 1 and "/sources?doc=application-2018&section=4" in page.url
    # Scrolled to it: the cited heading is in the viewport, below the page's own heading that scrolled away.
    page.wait_for_function("() => { const r = document.querySelector('#section-4').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight; }", timeout=WAIT)
    expect(page.locator('[data-testid="stExpander"] details[open]')).to_have_count(1)
    expect(page.locator('[data-testid="stExpander"] details[open] summary')).to_contain_text("4. Hidtil opnåede")
    text = main(page).inner_text()
    assert "<sup>" not in text and "##" not in text and "Performanceregnskab 2017 for" in text
    assert_clean(page, watch, "sources at a section")
    context.close()


def test_no_streamlit_english_on_danish_pages_and_the_data_chooser_follows_the_language(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1200}, locale="da-DK")
    page = context.new_page()
    watch = Watch(page)
    page.goto(server)
    settle(page)
    for label, heading in [*PAGES_DA, ("Data", "Data: upload, historik og links")]:
        open_page(page, label, heading)
        placeholders = page.locator("input[placeholder]").evaluate_all("els => els.map(e => e.placeholder)")
        shown = page.locator('[data-testid="stApp"]').inner_text()
        leaks = STREAMLIT_ENGLISH.findall(shown + "\n" + "\n".join(placeholders))
        assert leaks == [], (label, leaks)
        assert_clean(page, watch, label)
    chooser = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first
    assert chooser.input_value() == "Rækkevidde: nyhedsbreve og sociale medier"
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    expect(chooser).to_have_value("Reach: newsletters and social media", timeout=WAIT)
    context.close()


def test_a_reader_who_came_by_a_link_keeps_access_when_following_a_citation(secured, browser):
    token = cli(secured, "share-link", "--role", "reviewer", "--expires", "3h").split("?token=")[1]
    with running_dashboard("sources_citation_token", env=secured) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        watch = Watch(page)
        page.goto(f"{url}/reach?token={token}&lang=en")
        settle(page)
        page.locator('[data-testid="stMain"] [data-testid="stPageLink"] a', has_text="The application").click()
        expect(page.locator("h1").first).to_have_text("Sources and data", timeout=WAIT)
        expect(page.locator("#section-4")).to_be_visible(timeout=WAIT)
        assert len(context.pages) == 1 and "token" not in page.url
        assert_clean(page, watch, "citation under a link")
        context.close()
