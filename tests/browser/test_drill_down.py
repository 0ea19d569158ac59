"""Click to drill down (issue 16) in Chromium: a region in the list beside the map and a bar set the sidebar's
filter, the URL holds it, another page keeps it, a new browser opens the same view, one click
clears it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_companies_map import MAP, open_companies
from tests.browser.test_walk import WAIT, Watch, assert_clean, main, settle

pytestmark = pytest.mark.browser


def test_a_cluster_bar_click_then_the_directors_journey_region_click_then_reach_then_the_copied_url(server,
                                                                                                   browser):
    """On the Companies page: a bar click sets the cluster filter and one click clears it; then the director's
    journey: a region clicked in the list beside the map sets the sidebar's region, the URL holds it, the Reach
    page keeps it, and a new browser opening the copied URL shows the same view. One test, because both start
    from the same opened Companies page (its map is most of the cost) and the cleared filter is that start again."""
    context, page, watch = open_companies(browser, f"{server}/companies?lang=en", lang="en")
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="per cluster").first
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".bars path").first
    expect(bar).to_be_visible(timeout=WAIT)
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    cluster = page.get_by_role("combobox", name="Cluster")
    expect(cluster).not_to_have_value("All clusters and networks", timeout=WAIT)
    settle(page)
    chosen = re.search(r"[?&]cluster=([A-Z]+)\b", page.url)
    assert chosen, page.url
    expect(cluster).to_have_value(re.compile(rf"^{chosen[1]} · "))
    clear = page.get_by_role("button", name=re.compile(rf"Clear cluster: {chosen[1]}"))
    expect(clear).to_be_visible()
    expect(page.locator(MAP)).to_be_visible()
    clear.click()
    expect(cluster).to_have_value("All clusters and networks", timeout=WAIT)
    settle(page)
    assert "cluster=" not in page.url
    assert_clean(page, watch, "bar click")

    region = page.get_by_role("combobox", name="Region")
    expect(region).to_have_value("All regions")
    page.locator('[data-testid="stButtonGroup"] button', has_text="North Denmark Region").click()
    expect(region).to_have_value("North Denmark Region", timeout=WAIT)  # the sidebar shows it
    expect(main(page)).to_contain_text("25 companies", timeout=WAIT)  # the company list narrows
    settle(page)
    assert re.search(r"[?&]region=1081\b", page.url)  # the URL holds it
    page.screenshot(path=str(ARTIFACTS / "en_companies_region_click.png"), full_page=True)

    page.locator('[data-testid="stSidebarNavLink"]', has_text="Reach").click()
    expect(page.locator("h1").first).to_contain_text("Reach", timeout=WAIT)
    settle(page)
    expect(page.get_by_role("combobox", name="Region")).to_have_value("North Denmark Region", timeout=WAIT)
    assert re.search(r"[?&]region=1081\b", page.url) and "/reach" in page.url
    shared = page.url
    assert_clean(page, watch, "drill-down journey")
    context.close()

    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    watch = Watch(page)
    page.goto(shared)
    expect(page.locator("h1").first).to_contain_text("Reach", timeout=WAIT)
    settle(page)
    expect(page.get_by_role("combobox", name="Region")).to_have_value("North Denmark Region", timeout=WAIT)
    assert_clean(page, watch, "the copied URL")
    context.close()


def _open(browser, url, heading):
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    watch = Watch(page)
    page.goto(url)
    expect(page.locator("h1").first).to_contain_text(heading, timeout=WAIT)
    settle(page)
    return context, page, watch


# A bar on each page whose bars are the new filters' values (channel, funder, area): the chart (by its position
# among the page's charts or its title), the sidebar's combobox, its "all" option and the URL parameter.
BAR_CLICKS = [
    ("reach", "Reach", 0, "Channel", "All channels", "channel"),
    ("budget", "Budget", "share of spending against", "Funder", "All funders", "funder"),
    ("activities", "Activities", "Activities held by area", "Activity area", "All activity areas", "area"),
]


@pytest.mark.parametrize(("path", "heading", "which", "label", "all_option", "param"), BAR_CLICKS)
def test_a_channel_funder_or_area_bar_click_filters_the_page_and_lands_in_the_url(
        server, browser, path, heading, which, label, all_option, param):
    context, page, watch = _open(browser, f"{server}/{path}?lang=en", heading)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    chart = charts.nth(which) if isinstance(which, int) else charts.filter(has_text=which).first
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".bars path").nth(1)  # the second bar: not simply the first option of the list
    expect(bar).to_be_visible(timeout=WAIT)
    bars = chart.locator(".bars path").count()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    sidebar = page.get_by_role("combobox", name=label)
    expect(sidebar).not_to_have_value(all_option, timeout=WAIT)  # the sidebar shows the choice
    settle(page)
    chosen = re.search(rf"[?&]{param}=([a-z_]+)", page.url)  # the URL holds it
    assert chosen, page.url
    name = sidebar.input_value()
    assert 0 < chart.locator(".bars path").count() < bars  # the chart itself narrows to the chosen bar
    clear = page.get_by_role("button", name=f"Clear {label.lower()}: {name}").first
    expect(clear).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"en_{path}_bar_click.png"), full_page=True)
    clear.click()
    expect(sidebar).to_have_value(all_option, timeout=WAIT)
    settle(page)
    assert f"{param}=" not in page.url
    assert_clean(page, watch, f"{path} bar click")
    context.close()

